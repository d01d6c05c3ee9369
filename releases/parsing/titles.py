"""Movie title, year, edition and ids from a release name, following Radarr's Parser.

The title patterns are tried in Radarr's order and the first that yields a title wins. Every movie pattern
needs a year (or an anime "[group] ... [hash]" shape, or a German/TrueFrench tag), which is also how Radarr
rejects junk: no year, no parse.
"""

import re
from dataclasses import dataclass

import regex

from releases import qualities
from releases.parsing.common import (
    TORRENT_SUFFIX,
    WEBSITE_POSTFIX,
    explicit_case,
    literal_alternation,
    strip_website_prefix,
)
from releases.parsing.files import remove_file_extension
from releases.parsing.quality import parse_quality_name

_I = regex.IGNORECASE


def _stdlib_syntax(pattern: str) -> str:
    """A `regex` pattern in `re` syntax: only named groups are written differently in these patterns."""
    return (
        pattern.replace("(?<title>", "(?P<title>")
        .replace("(?<year>", "(?P<year>")
        .replace("(?<edition>", "(?P<edition>")
    )


# Radarr's edition words, with the common edition names it misspells ("Rouge" for Rogue) or misses: Rogue,
# Producer's, Editor's, Definitive, International, Alternate, Television, Super Duper and Noir before
# Cut/Edition/Version; Redux, Criterion (Collection) and Black and Chrome on their own.
_EDITION_WORDS = (
    r"\(?\b(?<edition>(((Recut.|Extended.|Ultimate.)?(Director.?s|Collector.?s|Theatrical|Ultimate|Extended|"
    r"Despecialized|(Special|Rouge|Rogue|Final|Assembly|Imperial|Diamond|Signature|Hunter|Rekall|Producer.?s|"
    r"Editor.?s|Definitive|International|Alternate|Alternative|Television|Super.Duper|Noir|Black.(?:and|&).Chrome)"
    r"(?=(.(Cut|Edition|Version)))|"
    r"\d{2,3}(th)?.Anniversary)(?:.(Cut|Edition|Version))?"
    r"(.(Extended|Uncensored|Remastered|Unrated|Uncut|Open.?Matte|IMAX|Fan.?Edit))?|"
    r"((Uncensored|Remastered|Unrated|Uncut|Open?.Matte|IMAX|Fan.?Edit|Restored|((2|3|4)in1)|Redux|"
    r"Criterion(?:.Collection)?|Black.(?:and|&).Chrome)))))\b\)?"
)
# Plain patterns: the standard library's engine scans them faster than `regex` (see explicit_case).
_EDITION = re.compile(explicit_case(_stdlib_syntax(_EDITION_WORDS)))
_EDITION_BEFORE_YEAR = re.compile(explicit_case(_stdlib_syntax(_EDITION_WORDS) + r".{1,3}(?:18|19|20)\d{2}"))
# Every edition form contains one of these; most names contain none, which spares the edition scans.
_EDITION_HINTS = (
    "director", "collector", "theatrical", "ultimate", "extended", "despecialized", "cut", "edition",
    "version",
    "anniversary", "uncensored", "remastered", "unrated", "matte", "imax", "edit", "restored", "in1",
    "redux", "criterion", "chrome",
)  # fmt: skip
_EDITION_HINT = re.compile(literal_alternation(_EDITION_HINTS))
# The most characters an edition match starts before the hint word it holds or is followed by:
# "(International." before "Cut"/"Edition"/"Version"; "(Black.and." before "Chrome" and shorter ones next.
_EDITION_LEAD = len("(International.")

_YEAR = r"(?<year>(1(8|9)|20)\d{2}(?!p|i|\d+|\]|\W\d+))"
_ANIME = r"^(?:\[(?<subgroup>.+?)\][-_. ]?)"  # "[SubGroup] " in front
_HASH_AT_END = r".*?(?<hash>\[\w{8}\])(?:$|\.)"

_ANIME_PATTERNS = tuple(
    regex.compile(pattern, _I)
    for pattern in (
        # [Group] Title (Year) ... [HASH]
        _ANIME
        + r"(?<title>(?![(\[]).+?)?(?:(?:[-_\W](?<![)\[!]))*(?<year>(1(8|9)|20)\d{2}(?!p|i|x|\d+|\]|\W\d+)))+"
        r".*?(?<hash>\[\w{8}\])?(?:$|\.)",
        # [Group] Title v2 ... [HASH]
        _ANIME + r"(?<title>(?![(\[]).+?)((v)(?:\d{1,2})(?:([-_. ])))(\[.*)?(?:[\[(][^])])?" + _HASH_AT_END,
        # [Group] Title [info][info] [HASH]
        _ANIME + r"(?<title>(?![(\[]).+?)(\[.*)" + _HASH_AT_END,
        # [Group] Title (info) [HASH]
        _ANIME + r"(?<title>(?![(\[]).+)(?:[\[(][^])])" + _HASH_AT_END,
    )
)
# German and TrueFrench tracker names may have no year: the language tag ends the title instead. Not
# after "The"/"Good" ("The.German.Doctor"), and never after a year.
_GERMAN_PATTERN = regex.compile(
    r"^(?<title>(?![(\[]).+?)((\W|_))("
    + _EDITION_WORDS
    + r".{1,3})?(?:(?<!(19|20)\d{2}.*?)(?<!(?:Good|The)[_ .-])"
    r"(German|TrueFrench))(.+?)(?=((19|20)\d{2}|$))(?<year>(19|20)\d{2}(?!p|i|\d+|\]|\W\d+))?(\W+|_|$)(?!\\)",
    _I,
)
# "Movie.Special.Edition.2011": the edition sits between title and year.
# "Movie.The.Rogue.Cut.2014": the article belongs to the edition, not to the title (a change from Radarr).
_EDITION_PATTERN = regex.compile(
    r"^(?<title>(?![(\[]).+?)?(?:(?:[-_\W](?<![)\[!]))*(?:The[-_. ])?"
    + _EDITION_WORDS
    + r".{1,3}"
    + _YEAR
    + r")+(\W+|_|$)(?!\\)",
    _I,
)
# Plain backtracking patterns that the standard library's engine runs about twice as fast as `regex`.
_GENERIC_PATTERNS = tuple(
    re.compile(explicit_case(_stdlib_syntax(pattern)))
    for pattern in (
        # Title.Year, where the year is not directly followed by another year (that one is the year then).
        r"^(?<title>(?![(\[]).+?)?(?:(?:[-_\W](?<![)\[!]))*(?<year>(1(8|9)|20)\d{2}"
        r"(?!p|i|(1(8|9)|20)\d{2}|\]|\W(1(8|9)|20)\d{2})))+(\W+|_|$)(?!\\)",
        # PassThePopcorn names: Title[PassThePopcorn], a bracketed word where the year would be.
        r"^(?<title>.+?)?(?:(?:[-_\W](?<![()\[!]))*(?<year>(\[\w *\])))+(\W+|_|$)(?!\\)",
        # Title [Year]
        r"^(?<title>(?![(\[]).+?)?(?:(?:[-_\W](?<![)!]))*(?<year>(1(8|9)|20)\d{2}(?!p|i|\d+|\W\d+)))+(\W+|_|$)(?!\\)",
        # Last resort, for titles that start with "(" or "[": (500) Days of Summer (2009)
        r"^(?<title>.+?)?(?:(?:[-_\W](?<![)\[!]))*" + _YEAR + r")+(\W+|_|$)(?!\\)",
    )
)
# Folders only: "2001 - A Space Odyssey".
_YEAR_FIRST_PATTERN = regex.compile(
    r"^(?:(?:[-_\W](?<![)!]))*(?<year>(19|20)\d{2}(?!p|i|\d+|\W\d+)))+(\W+|_|$)(?<title>.+?)?$"
)

# Names that are hashes or known obfuscation, never a movie.
_HASHED_RELEASE = regex.compile(
    r"^(?:[0-9a-zA-Z]{32}"  # md5 and other mixed-case hashes
    r"|[a-z0-9]{24}$"
    r"|[A-Z]{11}\d{3}$|[a-z]{12}\d{3}$"  # NZBGeek obfuscation
    r"|Backup_\d{5,}S\d{2}-\d{2}$"
    r"|123$|(?i:abc)$|(?i:abc[-_. ]xyz)|(?i:b00bs)$)"
)
_REVERSED = regex.compile(r"(?:^|[-._ ])(?:p027|p0801)[-._ ]")  # "p0801" is "1080p" backwards
# Radarr's (?:(?:480|540|576|720|1080|2160)[ip]|[xh][\W_]?26[45]|DD\W?5\W1|[<>?*]|848x480|1280x720|
# 1920x1080|3840x2160|4096x2160|(?:8|10)b(?:it)?|10-bit)\s*?(?![a-b0-9]), its alternatives grouped by their
# first character. Tokens that share a first character part ways right after the shared prefix, so at any
# position at most one can match and the order does not matter; at each position the engine tries only
# the tokens that begin with its character instead of all fifteen.
# The standard library's engine with cases spelled out, and a look-ahead for the tokens' first characters: it
# then skips other positions at once instead of trying the alternatives there (a quarter fewer instructions).
_TECHNICAL_TOKENS = re.compile(
    "(?=[1-578xXhHdD<>?*])"
    + explicit_case(
        r"(?:1(?:080[ip]|280x720|920x1080|0b(?:it)?|0-bit)|2160[ip]|3840x2160|4(?:80[ip]|096x2160)|5(?:40|76)[ip]|"
        r"720[ip]|8(?:48x480|b(?:it)?)|[xh][\W_]?26[45]|DD\W?5\W1|[<>?*])\s*?(?![a-b0-9])"
    )
)
_YEAR_LIKE = regex.compile(r"(?:19|20)\d{2}")
_YEAR_LIKE_ANY = regex.compile(r"(?:18|19|20)\d{2}")  # the years the edition-before-year pattern accepts
_QUALITY_BRACKET_AT_END = regex.compile(r"\[[a-z0-9 ._-]+\]$", _I)
_REQUEST_INFO = regex.compile(r"^(?:\[.+?\])+")
_AKA_DOTTED = regex.compile(r"\ba\.k\.a(?:\.|\b)", _I)
_BRACKETED_AKA = regex.compile(r"(.*) \([ ]*AKA[ ]+(.*)\)", _I)
_AKA_SEPARATOR = regex.compile(r"[ ]+(?:AKA|/)[ ]+", _I)
_IMDB_ID = regex.compile(r"tt\d{7,8}", _I)
_TMDB_ID = regex.compile(r"tmdb(?:id)?-(?<tmdbid>\d+)", _I)
_IMDB_ID_INPUT = regex.compile(r"^(?:\d{1,10}|tt\d{1,10})$")


@dataclass(slots=True)  # internal and read once: a frozen dataclass pays a setattr call per field
class TitleMatch:
    """What a title pattern found; `span` locates the title in the cleaned name Radarr matched against."""

    movie_titles: list[str]
    year: int | None
    edition: str | None
    sub_group: str | None
    release_hash: str | None
    span: tuple[int, int] | None
    # False when the cleaned name holds no edition hint word: then neither does the release title it came
    # from, when only technical tokens were removed from it (see parse_edition_after_match).
    edition_hint: bool = True


def is_rejected_name(title: str) -> bool:
    """Names Radarr refuses outright: yEnc password posts, no letters or digits, hashes."""
    lower = title.lower()
    if "password" in lower and "yenc" in lower:
        return True
    if not title[:1].isalnum() and not any(char.isalnum() for char in title):  # most names start with one
        return True
    without_extension = remove_file_extension(title)
    if (
        len(without_extension) > 32
        and not without_extension[:32].isalnum()
        and not lower.startswith(("abc", "backup"))
    ):
        return False  # too long for the short forms, no 32-character hash, not "abc-xyz" or "Backup_"
    return bool(_HASHED_RELEASE.match(without_extension))


def unreverse(title: str) -> str:
    """Some posters reverse the whole name; "p0801" gives it away. The extension stays in place."""
    # The pattern is case-sensitive: two substring checks rule it out on almost every name.
    if ("p0801" not in title and "p027" not in title) or not _REVERSED.search(title):
        return title
    without_extension = remove_file_extension(title)
    return without_extension[::-1] + title[len(without_extension) :]


def clean_for_title_match(release_title: str) -> str:
    """Radarr's "simple title": technical tokens, site tags and a trailing quality bracket removed."""
    simple = _TECHNICAL_TOKENS.sub("", release_title)
    simple = strip_website_prefix(simple)
    if simple.rstrip("\n").endswith("]"):  # the remaining clean-ups all need a closing bracket at the end
        simple = WEBSITE_POSTFIX.sub("", simple, count=1)
        simple = TORRENT_SUFFIX.sub("", simple, count=1)
        bracket = _QUALITY_BRACKET_AT_END.search(simple)
        if bracket and parse_quality_name(bracket.group()).quality != qualities.UNKNOWN:
            simple = simple[: bracket.start()]
    return simple


def match_title(simple_title: str, is_dir: bool) -> TitleMatch | None:
    """Try Radarr's title patterns in order; the first that yields a usable title wins."""
    lower = simple_title.lower()
    first_hint = _first_edition_hint(lower)
    for pattern in _candidate_patterns(simple_title, lower, first_hint, is_dir):
        match = pattern.search(simple_title)
        if match is None:
            continue
        title = match.group("title")
        if title is None or title == "(":
            continue
        found = _title_match(match, title, _title_number_end(simple_title, match))
        found.edition_hint = first_hint != -1
        return found
    return None


# A number that Radarr took for a year (or skipped) right before the real year, written in brackets:
# "Blade Runner 2049 (2017)", "Death Race 2000 [1975]". The number belongs to the title.
_NUMBER_BEFORE_BRACKETED_YEAR = re.compile(r"[-_. ]+((?:1[89]|20)\d{2})[-_. ]*[(\[]$")
_BRACKETED_YEAR_AFTER = re.compile(r"[-_. ]*[(\[]((?:1[89]|20)\d{2})[)\]]")


def _title_number_end(simple_title: str, match: re.Match[str] | regex.Match) -> tuple[int, int] | None:
    """Where the title really ends and the year it really has, when a title ending in a year-like number
    is followed by the year in brackets; None otherwise (Radarr's reading stands).

    Radarr's patterns repeat their year group, so the number is either swallowed before the bracketed year
    (title cut short) or taken as the year itself when a "[" follows it (wrong year). A number equal to
    the bracketed year is a repeated year, not a title, and keeps Radarr's reading.
    """
    if "year" not in match.re.groupindex:
        return None
    year_start, year_end = match.span("year")
    if year_start < 0 or not simple_title[year_start : year_start + 1].isdigit():
        return None
    title_end = match.end("title")
    year = simple_title[year_start:year_end]
    if simple_title[year_start - 1 : year_start] in ("(", "["):  # the year is bracketed: a number before?
        if year_start - title_end < 6:  # no room for a separator and a four-digit number
            return None
        number = _NUMBER_BEFORE_BRACKETED_YEAR.search(simple_title, title_end, year_start)
        if number is not None and number.start() == title_end and number.group(1) != year:
            return number.end(1), int(year)
        return None
    if simple_title[year_end : year_end + 8].lstrip("-_. ")[:1] not in ("(", "["):
        return None
    after = _BRACKETED_YEAR_AFTER.match(simple_title, year_end)
    if after is not None and after.group(1) != year and simple_title[year_start - 1 : year_start] in "-_. ":
        return year_end, int(after.group(1))
    return None


def _candidate_patterns(
    simple_title: str, lower: str, first_hint: int, is_dir: bool
) -> list[re.Pattern[str] | regex.Pattern]:
    """Radarr's pattern order, skipping patterns whose required word is absent (they could not match)."""
    patterns: list[re.Pattern[str] | regex.Pattern] = []
    if simple_title.startswith("["):
        patterns.extend(_ANIME_PATTERNS)
    if _may_be_yearless_german(lower):
        patterns.append(_GERMAN_PATTERN)
    # The edition pattern scans the whole name per position; run it only where an edition precedes a year.
    if (
        first_hint != -1
        and _YEAR_LIKE_ANY.search(lower, first_hint) is not None
        and _EDITION_BEFORE_YEAR.search(simple_title, _edition_scan_start(simple_title, first_hint, 0))
    ):
        patterns.append(_EDITION_PATTERN)
    patterns.extend(_GENERIC_PATTERNS)
    if is_dir:
        patterns.append(_YEAR_FIRST_PATTERN)
    return patterns


def _first_edition_hint(lower: str) -> int:
    """Where the first edition hint word starts, -1 without one. Every edition contains a hint word and
    the year follows the edition, so a year-like number after it is a cheap test that spares most names
    the edition-before-year scan."""
    match = _EDITION_HINT.search(lower)  # the leftmost hint: one scan instead of a find per hint
    return match.start() if match else -1


def _edition_scan_start(text: str, first_hint: int, earliest: int) -> int:
    """Where an edition scan may start: an edition begins at most _EDITION_LEAD characters before a hint
    word it contains or is followed by, so not before the first hint less that. Only for ASCII names,
    where the lower-cased name has the same positions and letters match without case only their own."""
    if not text.isascii():
        return earliest
    return max(earliest, first_hint - _EDITION_LEAD)


def _may_be_yearless_german(lower: str) -> bool:
    """The German/TrueFrench pattern needs the tag with no year anywhere before it (a costly scan)."""
    positions = [
        position for position in (lower.find("german", 1), lower.find("truefrench", 1)) if position > 0
    ]
    return bool(positions) and not _YEAR_LIKE.search(lower, 0, min(positions))


# Names without a year: the title is the words before the first of these (lower-case words of the name).
_YEARLESS_TAG_WORDS = """
    bluray blu bd bdrip brrip bdremux remux uhd 4k web webdl webrip webmux hdtv pdtv sdtv hdrip dvd dvdrip
    dvdr dvd5 dvd9 dvdscr screener scr hdcam cam camrip ts hdts telesync tc hdtc telecine workprint r5
    x264 x265 h264 h265 hevc avc xvid divx 10bit 8bit hdr hdr10 sdr dv proper repack rerip real internal
    limited extended unrated uncut uncensored remastered director directors theatrical imax multi dual
    dubbed subbed german french truefrench vostfr ita eng english spanish castellano latino hindi dts aac
    ac3 eac3 ddp dd5 dd atmos truehd flac nf amzn dsnp hmax atvp hulu complete
"""
_YEARLESS_TAGS = frozenset(_YEARLESS_TAG_WORDS.split())
_WORD = re.compile(r"[^\W_]+")
_RESOLUTION_WORD = re.compile(r"\d{3,4}[pPiI]|\d{3,4}[xX]\d{3,4}")
_EPISODE = re.compile(r"\b(?:[sS]\d{1,2}(?:[eE]\d{1,3})?|\d{1,2}[xX]\d{2,3}|[sS]eason|[eE]pisode)\b")
_LEADING_GROUP = re.compile(r"\[(?P<subgroup>[^\]]+)\][-_. ]*")


def match_title_without_year(release_title: str) -> TitleMatch | None:
    """The title of a name that has no year: its words up to the first release tag, after any website or
    "[Group]" prefix. None for an episode ("S01E02", "1x02", "Season"), or when no tag follows a title."""
    if _EPISODE.search(release_title):
        return None
    start = len(release_title) - len(strip_website_prefix(release_title))
    sub_group = None
    leading = _LEADING_GROUP.match(release_title, start)
    if leading is not None:
        sub_group, start = leading.group("subgroup").strip(), leading.end()
    for word in _WORD.finditer(release_title, start):
        text = word.group()
        if text.lower() in _YEARLESS_TAGS or _RESOLUTION_WORD.fullmatch(text):
            end = len(release_title[: word.start()].rstrip(" ._-([{"))
            break
    else:
        return None
    raw_title = release_title[start:end]
    if end <= start or not any(char.isalpha() for char in raw_title):
        return None
    return TitleMatch(
        movie_titles=alternative_titles(normalize_title(raw_title)),
        year=None,
        edition=None,
        sub_group=sub_group,
        release_hash=None,
        span=(start, end),
    )


def _title_match(
    match: re.Match[str] | regex.Match, raw_title: str, number_end: tuple[int, int] | None = None
) -> TitleMatch:
    names = match.re.groupindex  # the groups this pattern has (groupdict() builds them all: costly)
    year_text = (match.group("year") if "year" in names else None) or ""
    span = match.span("title")
    if number_end is not None:  # the title runs on to the number before the bracketed year
        span = (span[0], number_end[0])
        raw_title = match.string[span[0] : span[1]]
        year_text = str(number_end[1])
    movie_name = normalize_title(raw_title)
    edition = match.group("edition") if "edition" in names else None
    release_hash = ((match.group("hash") if "hash" in names else None) or "").strip("[]")
    return TitleMatch(
        movie_titles=alternative_titles(movie_name),
        year=int(year_text) if year_text.isdigit() else None,
        edition=edition.replace(".", " ") if edition else None,
        sub_group=(match.group("subgroup") if "subgroup" in names else None) or None,
        release_hash=release_hash if release_hash and release_hash != "1280x720" else None,
        span=span,
    )


def normalize_title(raw_title: str) -> str:
    """Dots become spaces, except in acronyms (U.N.C.L.E., A.I.) and "Dr."; "a.k.a." becomes AKA."""
    name = raw_title.replace("_", " ")
    if "k.a" in name.lower():
        name = _AKA_DOTTED.sub("AKA", name)
    if name.startswith("["):
        name = _REQUEST_INFO.sub("", name)
    name = name.strip(" ")
    parts = name.split(".")
    if min(map(len, parts)) > 1 and ".dr." not in f".{name.lower()}.":
        # No one-letter part and no "Dr": nothing below keeps a dot, every part is a word.
        return " ".join(parts).strip(" ")
    words: list[str] = []
    previous_acronym = False
    for index, part in enumerate(parts):
        next_part = parts[index + 1] if index + 1 < len(parts) else ""
        is_letter = len(part) == 1 and part.lower() != "a" and not part.isdigit()
        is_last = index == len(parts) - 1
        next_is_digit = len(next_part) == 1 and next_part.isdigit()
        is_acronym_letter = (
            is_letter and (previous_acronym or not is_last) and (previous_acronym or not next_is_digit)
        )
        is_article_in_acronym = part.lower() == "a" and (previous_acronym or len(next_part) == 1)
        if is_acronym_letter or is_article_in_acronym or part.lower() == "dr":
            words.append(part + ".")
            previous_acronym = True
        else:
            if previous_acronym:
                words.append(" ")
                previous_acronym = False
            words.append(part + " ")
    return "".join(words).strip(" ")


def alternative_titles(movie_name: str) -> list[str]:
    """The full title first, then each part of "X AKA Y", "X / Y" and "X (AKA Y)"."""
    if "/" not in movie_name and "aka" not in movie_name.lower():
        return [movie_name]
    unbracketed = _BRACKETED_AKA.sub(r"\1 AKA \2", movie_name)
    others = [part for part in _AKA_SEPARATOR.split(unbracketed) if part.strip() and part != movie_name]
    return [movie_name, *others]


def parse_edition(title: str) -> str | None:
    """The edition as written ("Director's Cut", "EXTENDED", "2in1"), dots turned into spaces."""
    first_hint = _first_edition_hint(title.lower())
    if first_hint == -1:
        return None
    # Radarr wants some text before the edition: "^.+?" + edition, so the scan starts at 1 at the earliest.
    match = _EDITION.search(title, _edition_scan_start(title, first_hint, 1))
    edition = match.group("edition") if match else None
    return edition.replace(".", " ") if edition and edition.strip() else None


def parse_imdb_id(title: str, lower: str | None = None) -> str | None:
    if "tt" not in (title.lower() if lower is None else lower):  # most names: no scan
        return None
    match = _IMDB_ID.search(title)
    return match.group() if match else None


def parse_tmdb_id(title: str, lower: str | None = None) -> int | None:
    if "tmdb" not in (title.lower() if lower is None else lower):
        return None
    match = _TMDB_ID.search(title)
    return int(match.group("tmdbid")) if match else None


def normalize_imdb_id(imdb_id: str) -> str | None:
    """ "123" or "tt123" becomes "tt0000123"; anything else is not an IMDb id."""
    if not _IMDB_ID_INPUT.match(imdb_id) or len(imdb_id) <= 2:
        return None
    return "tt" + imdb_id.replace("tt", "").rjust(7, "0")
