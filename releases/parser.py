"""Release-name parsing, Radarr's way: the public face of `releases.parsing`.

`parse_movie_title` returns None when Radarr would: no title and year (or anime/German form) to anchor on,
or a hashed/obfuscated name. Everything is pure: no database, no network, no Django.

Where Radarr's parser is wrong, ours is not (issue 22; tests/releases/test_parser_beyond_radarr.py): a title
ending in a number before a bracketed year, resolutions glued to a tag or written as a frame size, a
"[Group] ... BD 1080p HEVC" encode, editions Radarr misspells or misses, YTS-style groups, languages its
patterns cannot read (codes only after the year), marks next to the year. `parse_movie_title_without_year`
reads what Radarr refuses for want of a year, for a match against the library only.
"""

import re
from dataclasses import dataclass, field

import regex

from releases.languages import Language
from releases.parsing.common import ascii_words, may_have_website_prefix
from releases.parsing.files import remove_file_extension
from releases.parsing.groups import parse_release_group
from releases.parsing.languages import (
    SubtitleInfo,
    parse_languages,
    parse_subtitle_info,
    parse_subtitle_language,
)
from releases.parsing.quality import parse_hardcoded_subs, parse_quality, parse_quality_name
from releases.parsing.titles import (
    TitleMatch,
    clean_for_title_match,
    is_rejected_name,
    match_title,
    match_title_without_year,
    normalize_imdb_id,
    parse_edition,
    parse_imdb_id,
    parse_tmdb_id,
    unreverse,
)
from releases.qualities import QualityModel

__all__ = [
    "ParsedMovieInfo",
    "SubtitleInfo",
    "normalize_imdb_id",
    "parse_edition",
    "parse_hardcoded_subs",
    "parse_languages",
    "parse_movie_path",
    "parse_movie_title",
    "parse_movie_title_without_year",
    "parse_quality",
    "parse_quality_name",
    "parse_release_group",
    "parse_subtitle_info",
    "parse_subtitle_language",
]

# Superscripts and vulgar fractions glued to a year ("(2016²)", "2019½"): footnote marks, never the year.
_MARKS = "\u00b9\u00b2\u00b3\u2070-\u209f\u00bc-\u00be\u2150-\u215f\u2189"
_MARK_BY_YEAR = re.compile(rf"(?<=(?:1[89]|20)\d\d)[{_MARKS}]+|[{_MARKS}]+(?=(?:1[89]|20)\d\d(?!\d))")
_UNSAFE_CHARACTERS = regex.compile(r"\s*[<>?*|]")  # characters Radarr drops from the "simple" release title
_UNSAFE_CHARACTER = re.compile(r"[<>?*|]")


@dataclass(frozen=True, slots=True)
class ParsedMovieInfo:
    """Radarr's ParsedMovieInfo with snake_case names; None where Radarr has 0 or an empty string."""

    movie_titles: list[str]  # the full title first, then its AKA / "/" alternatives
    original_title: str  # the name exactly as given
    release_title: str  # without file extension, trailing dashes, full-width brackets
    simple_release_title: str  # release_title without <>?*| (what groups, languages and edition read)
    year: int | None
    edition: str | None  # as written in the name, dots turned into spaces
    quality: QualityModel
    languages: list[Language] = field(default_factory=list)
    release_group: str | None = None
    release_hash: str | None = None  # the [ABCD1234] CRC of anime releases
    imdb_id: str | None = None
    tmdb_id: int | None = None
    hardcoded_subs: str | None = None
    notes: tuple[str, ...] = ()  # how the name was read where Radarr would not have read it (no year...)

    @property
    def primary_movie_title(self) -> str:
        return self.movie_titles[0]


def parse_movie_title(title: str, is_dir: bool = False) -> ParsedMovieInfo | None:
    """Parse a release or file name; `is_dir` also allows the folder-only "2001 - Title" form."""
    if is_rejected_name(title):
        return None
    original_title = title
    title = unreverse(title)
    if not title.isascii():
        title = _MARK_BY_YEAR.sub("", title)
    release_title = remove_file_extension(title).strip("-_").replace("【", "[").replace("】", "]")
    simple_title = clean_for_title_match(release_title)
    match = match_title(simple_title, is_dir)
    if match is None:
        return None
    return _parsed(original_title, title, release_title, simple_title, match)


def parse_movie_title_without_year(title: str) -> ParsedMovieInfo | None:
    """A name Radarr refuses for want of a year ("Harbor.Lights.1080p.BluRay.x264-NOVA"), read anyway: the
    title runs up to the first release tag (resolution, source, codec, edition, language...). Never for an
    episode or a name without any tag. Only a match against the library can tell whether such a title
    names a movie (see indexers.matching), so parse_movie_title keeps Radarr's refusal."""
    if is_rejected_name(title):
        return None
    original_title = title
    title = unreverse(title)
    release_title = remove_file_extension(title).strip("-_").replace("【", "[").replace("】", "]")
    match = match_title_without_year(release_title)
    if match is None:
        return None
    note = f"No year in the name: the title “{match.movie_titles[0]}” ends where the release tags start"
    return _parsed(original_title, title, release_title, release_title, match, (note,))


def _parsed(
    original_title: str,
    title: str,
    release_title: str,
    simple_title: str,
    match: TitleMatch,
    notes: tuple[str, ...] = (),
) -> ParsedMovieInfo:
    """Everything else a name says, once its title is found (`match`'s span is in `simple_title`)."""
    simple_release_title = release_title
    unsafe = (
        _UNSAFE_CHARACTER.search(release_title) is not None
    )  # one scan, where a check per character was five
    if unsafe:
        simple_release_title = _UNSAFE_CHARACTERS.sub("", release_title)
    if match.span is not None:
        # Radarr masks the title by position in the cleaned name so words in it ("The German Doctor",
        # "The Italian Job") are not read as languages, groups or editions.
        start, end = match.span
        masked = "A.Movie" if "." in simple_title[start:end] else "A Movie"
        simple_release_title = simple_release_title[:start] + masked + simple_release_title[end:]
    words = ascii_words(title)  # once: quality, group and languages rule patterns out with them
    release_group = match.sub_group or parse_release_group(simple_release_title, release_title, words)
    language_title = (
        simple_release_title.replace(release_group, "RlsGrp") if release_group else simple_release_title
    )
    # Language codes are read only where groups write them: after the title and year, without the group.
    tags = simple_title[match.span[1] :] if match.span is not None else None
    if tags and release_group:
        tags = tags.replace(release_group, " ")
    quality = parse_quality(title, words)
    # The quality parse read the same tag from the name with "_" as spaces: only then can the two differ.
    hardcoded_subs = parse_hardcoded_subs(title) if "_" in title else quality.hardcoded_subs
    return ParsedMovieInfo(
        movie_titles=match.movie_titles,
        original_title=original_title,
        release_title=release_title,
        simple_release_title=simple_release_title,
        year=match.year,
        edition=match.edition or _edition(simple_release_title, release_title, match, unsafe),
        quality=quality,
        languages=parse_languages(language_title, tags, words),
        release_group=release_group,
        release_hash=match.release_hash,
        imdb_id=parse_imdb_id(simple_release_title),
        tmdb_id=parse_tmdb_id(simple_release_title),
        hardcoded_subs=hardcoded_subs,
        notes=notes,
    )


def _edition(simple_release_title: str, release_title: str, match: TitleMatch, unsafe: bool) -> str | None:
    """The edition after the title, as Radarr reads it from the masked name. Its scan is skipped when the
    title match found no edition hint in the cleaned name and the cleaned name differs from the release
    title by technical tokens only (no site tag or bracket stripped, no unsafe character), none of which
    holds or splits an edition word."""
    if (
        not match.edition_hint
        and not unsafe
        and not release_title.endswith("]")
        and not may_have_website_prefix(release_title)
    ):
        return None
    return parse_edition(simple_release_title)


def parse_movie_path(path: str) -> ParsedMovieInfo | None:
    """A movie file: its name first, then folder + name, then the folder alone (hashed file names)."""
    parts = path.replace("\\", "/").rstrip("/").split("/")
    file_name = parts[-1]
    folder = parts[-2] if len(parts) > 1 else ""
    extension = file_name[file_name.rfind(".") :] if "." in file_name else ""
    return (
        parse_movie_title(file_name, is_dir=True)
        or parse_movie_title(f"{folder} {file_name}")
        or parse_movie_title(folder + extension)
    )
