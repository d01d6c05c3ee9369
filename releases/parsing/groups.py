"""Release group from a release name, following Radarr's ReleaseGroupParser."""

import re

import regex

from releases.parsing.common import literal_alternation, strip_site_tags
from releases.parsing.files import remove_file_extension

_I = regex.IGNORECASE

# The last "-GROUP" (or "-TWO-PART") token, unless what precedes the dash makes it part of another word:
# WEB-DL, DTS-HD, a language pair like -ENG, a date, an id, or a resolution still to come.
_RELEASE_GROUP = regex.compile(
    r"-(?<releasegroup>[a-z0-9]+(?<part2>-[a-z0-9]+)?(?!.+?(?:480p|576p|720p|1080p|2160p)))"
    r"(?<!(?:WEB-(?:DL|Rip)|Blu-Ray|480p|576p|720p|1080p|2160p|DTS-HD|DTS-X|DTS-MA|DTS-ES|-ES|-EN|-CAT|-ENG|-JAP|"
    r"-GER|-FRA|-FRE|-ITA|-HDRip|\d{1,2}-bit|[ ._]\d{4}-\d{2}|-\d{2}|tmdb(?:id)?-\d+|tt\d{7,8})"
    r"(?:(?P=part2))?)"
    r"(?:\b|[-._ ]|$)|[-._ ]\[(?<releasegroup>[a-z0-9]+)\]$",
    _I,
)
_INVALID_GROUP = regex.compile(r"^(?:[se]\d+|[0-9a-f]{8})$", _I)  # episode markers and CRC32 hashes
_ANIME_GROUP = regex.compile(r"^(?:\[(?<subgroup>(?!\s).+?(?<!\s))\](?:_|-|\s|\.)?)", _I)

# Groups that do not follow "-GROUP": exact names first (high false-positive risk, so a fixed list) ...
_EXCEPTION_GROUP_EXACT = regex.compile(
    r"\b(?<releasegroup>KRaLiMaRKo|E\.N\.D|D\-Z0N3|Koten_Gars|BluDragon|ZØNEHD|HQMUX|VARYG|YIFY|YTS(?:.(?:MX|LT|AG))?|"
    r"TMd|Eml HDTeam|LMain|DarQ|BEN THE MEN|TAoE|QxR|126811)\b",
    _I,
)
# ... then groups that sign the end of a bracketed info block: "(... x265 Tigole)", "[... HDO]".
_BRACKETED_GROUPS = (
    "Silence", "afm72", "Panda", "Ghost", "MONOLITH", "Tigole", "Joy", "ImE", "UTR", "t3nzin", "Anime Time",
    "Project Angel", "Hakata Ramen", "HONE", "GiLG", "Vyndros", "SEV", "Garshasp", "Kappa", "Natty", "RCVR",
    "SAMPA", "YOGI", "r00t", "EDGE2020", "RZeroX", "FreetheFish", "Anna", "Bandi", "Qman", "theincognito",
    "HDO", "DusIctv", "DHD", "CtrlHD", "-ZR-", "ADC", "XZVN", "RH", "Kametsu", "Celdra"
)  # fmt: skip
_EXCEPTION_GROUP_BRACKETED = regex.compile(
    r"(?<=[._ \[])(?<releasegroup>" + "|".join(_BRACKETED_GROUPS) + r")(?=\]|\))", _I
)
_BRACKETED_GROUP_NAMES = tuple(name.lower() for name in _BRACKETED_GROUPS)  # all plain literals
# Suffixes indexers and reposters glue onto the real group ("-NTb-Rakuv-Obfuscated").
_JUNK_SUFFIX = regex.compile(
    r"RP|1|NZBGeek|Obfuscated|Obfuscation|Scrambled|sample|Pre|postbot|xpost|Rakuv[a-z0-9]*|WhiteRev|BUYMORE|"
    r"AsRequested|AlternativeToRequested|GEROV|Z0iDS3N|Chamele0n|4P|4Planet|AlteZachen|RePACKPOST",
    _I,
)
_EXACT_GROUP_HINTS = (
    "kralimarko", "e.n.d", "d-z0n3", "koten_gars", "bludragon", "zønehd", "hqmux", "varyg", "yify", "yts",
    "tmd",
    "eml hdteam", "lmain", "darq", "ben the men", "taoe", "qxr", "126811",
)  # fmt: skip
_EXACT_GROUP_HINT = re.compile(literal_alternation(_EXACT_GROUP_HINTS))  # one scan for them all


# YTS-style names put the group first, in brackets, where it reads as a website ("[YTS.MX] Title (2001)
# [1080p] [BluRay]"): Radarr strips it as one and takes the last bracket, a quality word, for the group.
_LEADING_KNOWN_GROUP = re.compile(r"\[\s*(YTS(?:\.[A-Z]{2,3})?|YIFY)\s*\]", re.IGNORECASE)
# A last "[word]" that is a resolution, source, codec, audio or container tag names no group.
_TAG_WORD = re.compile(
    r"\d{3,4}[pi]|\d{3,4}x\d{3,4}|[48]k|uhd|hdr(?:10)?|sdr|blu-?ray|bd|bdrip|brrip|web|webdl|webrip|hdtv|"
    r"dvd(?:rip)?|remux|[xh]26[45]|hevc|avc|xvid|divx|aac|e?ac3|dts|flac|opus|atmos|truehd|mkv|mp4|avi|"
    r"10bit|8bit",
    re.IGNORECASE,
)


def parse_release_group(
    title: str, unmasked: str | None = None, words: list[bytes] | None = None
) -> str | None:
    """The release group of a release title, None when it names none. `unmasked` is the name before the
    movie title in it was masked (the parser masks by position, which may cover a leading bracket), and
    `words` are the words of that name (ascii_words) when the caller has them."""
    title = remove_file_extension(title.strip())
    front = title if unmasked is None else unmasked
    leading = _LEADING_KNOWN_GROUP.match(front) if front.startswith("[") else None
    group = _release_group(strip_site_tags(title), words)
    if leading is not None and (group is None or _TAG_WORD.fullmatch(group)):
        return leading.group(1)
    return group


def _release_group(title: str, words: list[bytes] | None = None) -> str | None:
    anime = _ANIME_GROUP.match(title) if title.startswith("[") else None
    if anime:
        return anime.group("subgroup")
    title = _strip_junk_suffixes(title)
    lower = title.lower()
    group = None
    if _may_name_an_exact_group(lower, words):
        group = _last_group(_EXCEPTION_GROUP_EXACT, title)
    if group is None and _may_end_a_bracket(lower):
        group = _last_group(_EXCEPTION_GROUP_BRACKETED, title)
    if group is not None:
        return group
    group = _last_release_group(title) if ("-" in title or "[" in title) else None
    if group is None or group.isdigit() or _INVALID_GROUP.match(group):
        return None
    if title.endswith("]") and title.endswith(f"[{group}]") and _TAG_WORD.fullmatch(group):
        return None  # "Title (2019) [1080p] [WEBRip]": a tag, not a group
    return group


# The first word of each exact group name (see ascii_words): a name is a whole word wherever the pattern
# matches it, so on an ASCII name one of these is among the name's words. The masked and stripped title the
# pattern reads holds no whole word its unmasked name does not (masking glues "A.Movie" to what follows).
_EXACT_GROUP_FIRST_WORDS = frozenset(
    (b"kralimarko", b"e", b"d", b"koten", b"bludragon", b"hqmux", b"varyg", b"yify", b"yts", b"tmd", b"eml")
    + (b"lmain", b"darq", b"ben", b"taoe", b"qxr", b"126811")
)


def _may_name_an_exact_group(lower: str, words: list[bytes] | None) -> bool:
    if words is not None:
        return not _EXACT_GROUP_FIRST_WORDS.isdisjoint(words)
    return _EXACT_GROUP_HINT.search(lower) is not None


def _may_end_a_bracket(lower: str) -> bool:
    """Whether a bracketed-group name ends right before some ")" or "]": the pattern's scan is costly."""
    for closing in ")]":
        position = lower.find(closing)
        while position != -1:
            if lower.endswith(_BRACKETED_GROUP_NAMES, 0, position):
                return True
            position = lower.find(closing, position + 1)
    return False


_JUNK_WORDS = frozenset(
    word.lower() for word in _JUNK_SUFFIX.pattern.split("|") if word.isalnum() and word.isascii()
)


def _strip_junk_suffixes(title: str) -> str:
    while True:
        dash = title.rfind("-")
        if dash == -1:
            return title
        suffix = title[dash + 1 :].lower()
        # The suffixes are plain words but for Rakuv...: a set look-up rules out most names at once.
        if (
            suffix not in _JUNK_WORDS
            and not suffix.startswith("rakuv")
            or not _JUNK_SUFFIX.fullmatch(title, dash + 1)
        ):
            return title
        title = title[:dash]


def _last_group(pattern: regex.Pattern, title: str) -> str | None:
    match = None
    for match in pattern.finditer(title):  # noqa: B007 - the last match is the one we want
        pass
    return match.group("releasegroup") if match else None


def _last_release_group(title: str) -> str | None:
    """The last "-GROUP" match, scanning only the name's last word when the group is there.

    A match holds ".", " " or "_" only as its last character, so none runs across the last of them: the
    scan from there meets the same matches as the scan from the start, which may only add earlier ones.
    When that last word holds no match, the last match lies before it and the whole name is scanned.
    """
    last_word = max(title.rfind("."), title.rfind(" "), title.rfind("_")) + 1
    if last_word:
        match = None
        for match in _RELEASE_GROUP.finditer(title, last_word):  # noqa: B007 - the last one is wanted
            pass
        if match is not None:
            return match.group("releasegroup")
    return _last_group(_RELEASE_GROUP, title)
