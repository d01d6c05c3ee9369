"""The edition rule: an extra version that wishes for an edition (Extended, Director's Cut, IMAX) takes
only releases whose title names that edition. The primary version wishes for none, so a movie without
extra versions decides exactly as before.

Release names write editions many ways ("Directors.Cut", "Director's Cut", "EXTENDED", "Extended
Edition"), so names are compared as words: case, spacing and apostrophes do not count, nor do the
words cut, edition and version, and the wished words must appear in that order in the release's.
"""

import regex

from releases.decisions.context import Candidate, Context
from releases.decisions.rejection import Rejection

_FILLER = frozenset({"cut", "edition", "version"})
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def edition_words(edition: str) -> tuple[str, ...]:
    """The words that tell an edition apart: "Director's Cut" and "Directors.Cut" are both (directors,)."""
    words = [word.casefold() for word in _WORD.findall(regex.sub(r"['’`]", "", edition))]
    telling = [word for word in words if word not in _FILLER]
    return tuple(telling or words)


def edition_matches(wish: str, edition: str | None) -> bool:
    """Whether a release's edition is the wished one (any edition matches an empty wish)."""
    wanted = edition_words(wish)
    if not wanted:
        return True
    found = edition_words(edition or "")
    return any(found[start : start + len(wanted)] == wanted for start in range(len(found) - len(wanted) + 1))


def wished_edition(candidate: Candidate, context: Context) -> Rejection | None:
    """A version wishing for an edition rejects a release of another edition, or naming none."""
    wish = candidate.movie.edition
    if not wish or edition_matches(wish, candidate.parsed.edition):
        return None
    name = candidate.movie.version_name
    version = f"The {name} version" if name else "This version"
    if not candidate.parsed.edition:
        message = f"{version} wants the {wish} edition; this release names no edition"
    else:
        message = f"{version} wants the {wish} edition, not {candidate.parsed.edition}"
    return Rejection("WrongEdition", message)
