"""Clean-ups every release-name parser applies first (Radarr's ParserCommon)."""

import regex

_I = regex.IGNORECASE

# "[ www.site.com ] - ", "(site.org) ", "www.Torrenting.com - " in front of the real name.
WEBSITE_PREFIX = regex.compile(
    r"^(?:(?:\[|\()\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?<!Naruto-Kun\.)(?:[a-z]{2,6}\.[a-z]{2,6}|xn--[a-z0-9-]{4,}|"
    r"[a-z]{2,})\b(?:\s*(?:\]|\))|[ -]{2,})[ -]*",
    _I,
)
WEBSITE_POSTFIX = regex.compile(
    r"(?:\[\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?:xn--[a-z0-9-]{4,}|[a-z]{2,6})\b(?:\s*\])$", _I
)
TORRENT_SUFFIX = regex.compile(r"\[(?:ettv|rartv|rarbg|cttv|publichd)\]$", _I)


def strip_site_tags(name: str) -> str:
    """Remove a leading website tag and a trailing torrent-site tag."""
    name = strip_website_prefix(name)
    if name.endswith("]"):
        name = TORRENT_SUFFIX.sub("", name, count=1)
    return name


def strip_website_prefix(name: str) -> str:
    prefix = WEBSITE_PREFIX.match(name)
    return name[prefix.end() :] if prefix else name


class TokenAlternation:
    """A large alternation of named token patterns, such as Radarr's source or language regex.

    Scanning every position of a title with thirty alternatives is the parser's main cost, so each
    alternative is compiled on its own (inside the same template) once, at import. A title is searched only
    with the alternatives whose literal hints occur in it, and their matches are merged the way the full
    alternation would produce them: the leftmost match first, the earlier alternative when two start at the
    same place, the scan resuming where the last match ended. An alternative none of whose hints occurs
    cannot match, so the result is exactly that of the full alternation. Every alternative must consume at
    least one character (all of Radarr's do), so a scan never stalls on an empty match.
    """

    def __init__(
        self, alternatives: tuple[tuple[str, tuple[str, ...]], ...], template: str, flags: int
    ) -> None:
        self._patterns = tuple(regex.compile(template.format(pattern), flags) for pattern, _ in alternatives)
        # One check per distinct hint (several alternatives share hints), each naming its alternatives.
        by_hint: dict[str, int] = {}
        for index, (_, hints) in enumerate(alternatives):
            for hint in hints:
                by_hint[hint] = by_hint.get(hint, 0) | 1 << index
        self._hints = _hint_tree(by_hint)

    def finditer(self, text: str, lower: str | None = None) -> list[regex.Match]:
        """The matches of the full alternation in `text`; `lower` is text.lower() when the caller has it."""
        if lower is None:
            lower = text.lower()
        present = 0
        for hint, alternatives, nested in self._hints:
            if hint in lower:
                present |= alternatives
                for inner_hint, inner_alternatives in nested:
                    if inner_hint in lower:
                        present |= inner_alternatives
        if not present:
            return []
        # (start, alternative, match): the next match of each alternative still in play.
        pending: list[tuple[int, int, regex.Match]] = []
        while present:  # the set bits only: a title names a few of the thirty alternatives
            lowest = present & -present
            present ^= lowest
            index = lowest.bit_length() - 1
            match = self._patterns[index].search(text)
            if match is not None:
                pending.append((match.start(), index, match))
        if len(pending) == 1:  # one alternative left: its own scan is the alternation's
            _, index, match = pending[0]
            return [match, *self._patterns[index].finditer(text, max(match.end(), match.start() + 1))]
        matches = []
        while pending:
            _, _, best = min(pending)  # the start, then the alternative's rank, decide: never the match
            matches.append(best)
            position = max(best.end(), best.start() + 1)  # an empty match must not stall the scan
            advanced = []
            for entry in pending:
                next_entry = entry if entry[0] >= position else self._next(text, entry[1], position)
                if next_entry is not None:
                    advanced.append(next_entry)
            pending = advanced
        return matches

    def _next(self, text: str, index: int, position: int) -> tuple[int, int, regex.Match] | None:
        """Alternative `index`'s next match at or after `position`: the scan has moved past its last one."""
        match = self._patterns[index].search(text, position)
        return None if match is None else (match.start(), index, match)


def _hint_tree(by_hint: dict[str, int]) -> tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...]:
    """Hints nested under a shorter hint they contain ("web" holds "web-", ".web."): a name without the
    outer hint cannot contain the inner ones, so most names pay for the outer checks only."""
    outer = [hint for hint in by_hint if not any(other != hint and other in hint for other in by_hint)]
    nested: dict[str, list[tuple[str, int]]] = {hint: [] for hint in outer}
    for hint, alternatives in by_hint.items():
        if hint not in nested:
            container = next(other for other in outer if other in hint)
            nested[container].append((hint, alternatives))
    return tuple((hint, by_hint[hint], tuple(nested[hint])) for hint in outer)
