"""Quality from a release or file name: source, resolution, modifier and revision, as Radarr reads them."""

import re

import regex

from releases import qualities as q
from releases.parsing.common import TokenAlternation, ascii_words, literal_alternation
from releases.parsing.files import path_extension, quality_for_extension
from releases.qualities import DetectionSource, Modifier, Quality, QualityModel, QualitySource, Revision

_I = regex.IGNORECASE

# One alternation over every source token; the LAST match in the name wins, as in Radarr. Plain "WEB" only
# counts next to a resolution, a codec, a streaming service, or uppercase at the very end.
# (pattern, substring hints, whole words on ASCII names): see TokenAlternation. The template bounds every
# token by word boundaries, so a token that starts and ends with a letter or digit is a whole word; the
# words list each form's word ("Blu-Ray" holds "blu", "HD-TS" holds "ts"). The DVD forms glue prefixes
# and suffixes onto "dvd" in too many ways to list: their substring hint decides on every name.
_SOURCE = TokenAlternation(
    (
        # Radarr's alternatives (?<bluray>A|B|...) split in order: the same scan, and a title that says
        # BluRay searches for that form only.
        (r"(?<bluray>M?Blu[-_. ]?Ray)", ("blu",), ("blu", "mblu", "bluray", "mbluray")),
        (r"(?<bluray>HD[-_. ]?DVD)", ("dvd",)),
        (r"(?<bluray>BD(?!$)|UHD2?BD|BDISO|BDMux|BD25|BD50)", ("bd",),
         ("bd", "uhdbd", "uhd2bd", "bdiso", "bdmux", "bd25", "bd50")),
        (r"(?<bluray>BR[-_. ]?DISK)", ("disk",), ("brdisk", "br")),
        # WEB-DL's forms are separate alternatives (one group name): each is tried only when its hint occurs.
        # "WEB-DL" holds the word "dl", "WEB.DLmux" the word "dlmux": a WEBRip name searches no further.
        (r"(?<webdl>WEB[-_. ]?DL(?:mux)?)", ("dl",), ("webdl", "webdlmux", "dl", "dlmux")),
        (r"(?<webdl>AmazonHD|AmazonSD|iTunesHD|MaxdomeHD|NetflixU?HD|WebHD|HBOMaxHD|DisneyHD)",
         ("amazon", "itunes", "maxdome", "netflix", "webhd", "hbomax", "disney"),
         ("amazonhd", "amazonsd", "ituneshd", "maxdomehd", "netflixhd", "netflixuhd", "webhd", "hbomaxhd",
          "disneyhd")),
        (r"(?<webdl>[. ]WEB[. ](?:[xh][ .]?26[45]|AVC|HEVC|DDP?5[. ]1))",
         (".web.", ".web ", " web.", " web "), ("web",)),
        (r"(?<webdl>[. ](?-i:WEB)$)", (".web", " web"), ("web",)),
        (r"(?<webdl>(?:\d{3,4}0p)[-. ](?:Hybrid[-_. ]?)?WEB[-. ])", ("web-", "web.", "web "),
         ("web", "hybridweb")),
        (r"(?<webdl>[-. ]WEB[-. ]\d{3,4}0p)", ("web-", "web.", "web "), ("web",)),
        (r"(?<webdl>\b\s/\sWEB\s/\s\b)", ("/",), ("web",)),
        (r"(?<webdl>(?:AMZN|NF|DP)[. -]WEB[. -](?!Rip))", ("amzn", "nf", "dp"), ("amzn", "nf", "dp")),
        (r"(?<webrip>WebRip|Web-Rip|WEBMux)", ("web",), ("webrip", "rip", "webmux")),  # "Web-Rip": "rip"
        (r"(?<hdtv>HDTV)", ("tv",), ("hdtv",)),
        # "HD-DVDRip" holds the word "dvdrip".
        (r"(?<bdrip>BDRip|BDLight|HD[-_. ]?DVDRip|UHDBDRip)", ("bd", "dvd"),
         ("bdrip", "bdlight", "hddvdrip", "dvdrip", "uhdbdrip")),
        (r"(?<brrip>BRRip)", ("brrip",), ("brrip",)),
        (r"(?<dvdr>\d?x?M?DVD-?[R59])", ("dvd",)),
        (r"(?<dvd>DVD(?!-R)|DVDRip|xvidvd)", ("dvd",)),
        (r"(?<dsr>WS[-_. ]DSR|DSR)", ("dsr",), ("dsr",)),
        (r"(?<regional>R[0-9]{1}|REGIONAL)", ("r",), (*(f"r{digit}" for digit in range(10)), "regional")),
        (r"(?<scr>SCR|SCREENER|DVDSCR|DVDSCREENER)", ("scr",), ("scr", "screener", "dvdscr", "dvdscreener")),
        (r"(?<ts>TS[-_. ])", ("ts",), ("ts",)),
        (r"(?<ts>TELESYNCH?|HD-TS|HDTS|PDVD|TSRip|HDTSRip)", ("telesync", "hd-ts", "hdts", "pdvd", "tsrip"),
         ("telesync", "telesynch", "ts", "hdts", "pdvd", "tsrip", "hdtsrip")),
        (r"(?<tc>TC|TELECINE|HD-TC|HDTC)", ("tc", "telecine"), ("tc", "telecine", "hdtc")),
        (r"(?<cam>CAMRIP|(?:NEW)?CAM|HD-?CAM(?:Rip)?|HQCAM)", ("cam",),
         ("camrip", "cam", "newcam", "hdcam", "hdcamrip", "hqcam")),
        (r"(?<wp>WORKPRINT|WP)", ("wp", "workprint"), ("workprint", "wp")),
        (r"(?<pdtv>PDTV)", ("tv",), ("pdtv",)),
        (r"(?<sdtv>SDTV)", ("tv",), ("sdtv",)),
        (r"(?<tvrip>TVRip)", ("tv",), ("tvrip",)),
    ),
    r"\b(?:{})(?:\b|$|[ .])",
    _I,
)  # fmt: skip
_RAW_HD = regex.compile(r"\b(?:RawHD|Raw[-_. ]HD)\b", _I)
_MPEG2 = regex.compile(r"\bMPEG[-_. ]?2\b")  # case-sensitive in Radarr
_PROPER = regex.compile(r"\bproper\b", _I)
_REPACK = regex.compile(r"\b(?:repack\d?|rerip\d?)\b", _I)
_VERSION = regex.compile(
    r"\d[-._ ]?v(?<version>\d)[-._ ]|\[v(?<version>\d)\]|repack(?<version>\d)|rerip(?<version>\d)",
    _I,
)
_VERSION_HINT = re.compile(r"v\d")  # every version form has "v<digit>", or repack/rerip
_REAL = regex.compile(r"\bREAL\b")  # only the uppercase word: "real" is too common in titles
_RESOLUTION = regex.compile(
    r"\b(?:(?<r360>360p)|(?<r480>480p|480i|640x480|848x480)|(?<r540>540p)|(?<r576>576p)|"
    r"(?<r720>720p|1280x720|960p)|(?<r1080>1080p|1920x1080|1440p|FHD|1080i|4kto1080p)|"
    r"(?<r2160>2160p|3840x2160|4k[-_. ](?:UHD|HEVC|BD|H\.?265)|(?:UHD|HEVC|BD|H\.?265)[-_. ]4k))\b",
    _I,
)
# Where Radarr finds no resolution token, two forms it misses still name one: a frame size ("4096x2160",
# "1920x800") and a resolution glued to the next tag ("1080p10bit", "2160pHDR", "WEBRip1080p").
_FRAME_SIZE = re.compile(r"\b(\d{3,4})x(\d{3,4})\b", re.IGNORECASE)
_GLUED_RESOLUTION = re.compile(
    r"(?<![0-9])((?:360|480|540|576|720|1080|2160)[pi])(?=[a-z0-9])"
    r"|(?<=[a-z])(?<!bluray)(?<!bd)(?<!remux)(?<!to)((?:360|480|540|576|720|1080|2160)[pi])\b",
    re.IGNORECASE,
)
_IMPLIED_2160 = regex.compile(r"\bUHD\b|\[4K\]", _I)  # no resolution written: UHD means 4k
_CODEC = regex.compile(
    r"\b(?:(?<x264>x264)|(?<h264>h264)|(?<xvidhd>XvidHD)|(?<xvid>X-?vid)|(?<divx>divx))\b", _I
)
_OTHER_SOURCE = regex.compile(r"(?<hdtv>HD[-_. ]TV)|(?<sdtv>SD[-_. ]TV)", _I)
_ANIME_BLURAY = regex.compile(r"bd(?:720|1080|2160)|(?<=[-_. (\[])bd(?=[-_. )\]])", _I)
_ANIME_WEBDL = regex.compile(r"\[WEB\]|[\[(]WEB[ .]", _I)
_HIGH_DEF_PDTV = regex.compile(r"hr[-_. ]ws", _I)
_REMUX = regex.compile(
    r"(?:[_. \[]|\d{4}p-|\bHybrid-)(?:(?:BD|UHD)[-_. ]?)?Remux\b|(?:(?:BD|UHD)[-_. ]?)?Remux[_. ]\d{4}p", _I
)
# A whole disc: a disc source plus a disc codec or image marker, unless an encode marker says otherwise.
_BRDISK = regex.compile(
    r"^(?!.*\b((?<!HD[._ -]|HD)DVD|BDRip|720p|MKV|XviD|WMV|d3g|(BD)?REMUX|^(?=.*1080p)(?=.*HEVC)|"
    r"[xh][-_. ]?26[45]|German.*[DM]L|((?<=\d{4}).*German.*([DM]L)?)"
    r"(?=.*\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2)\b))\b)"
    r"(((?=.*\b(Blu[-_. ]?ray|BD|HD[-_. ]?DVD)\b)(?=.*\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2|BDMV|ISO)\b))|"
    r"^((?=.*\b(((?=.*\b((.*_)?COMPLETE.*|Dis[ck])\b)(?=.*(Blu[-_. ]?ray|HD[-_. ]?DVD)))|"
    r"3D[-_. ]?BD|BR[-_. ]?DISK|"
    r"Full[-_. ]?Blu[-_. ]?ray|^((?=.*((BD|UHD)[-_. ]?(25|50|66|100|ISO)))))))).*",
    _I,
)
# Every BR-DISK form needs one of these words (a disc codec, ISO, COMPLETE, Disc, 3D, Full, BD25...).
_BRDISK_HINTS = ("vc", "mpeg", "bdmv", "iso", "complete", "dis", "3d", "full", "25", "50", "66", "100")
_BRDISK_HINT = re.compile(literal_alternation(_BRDISK_HINTS))  # one scan for them all
# The commonest encode markers among the BR-DISK pattern's own vetoes, checked first because it is cheap.
_BRDISK_VETO = regex.compile(r"\b(?:[xh][-_. ]?26[45]|720p|BDRip|(?:BD)?REMUX|MKV|XviD|WMV)\b", _I)
# German scene convention: a year, German (DL/ML) and a disc codec on a Blu-ray mean an untouched remux.
_GERMAN_REMUX = regex.compile(
    r"((?<=\d{4}).*German.*([DM]L)?)(?=.*\b(AVC|HEVC|VC[_. -]?1|MVC|MPEG[_. -]?2))(?=.*Blu-?ray)", _I
)
_HARDCODED_SUBS = regex.compile(r"\b(?:(?<hcsub>\w+(?<!SOFT|MULTI|HORRIBLE)SUBS?)|(?<hc>HC|SUBBED))\b", _I)

# Exact (source, resolution, modifier) look-ups, the first such quality as Radarr's table order has it;
# anything else goes to the table's own nearest-source search.
_BY_SOURCE_AND_RESOLUTION: dict[tuple[QualitySource, int, Modifier], Quality] = {}
for _quality in q.QUALITIES:
    _BY_SOURCE_AND_RESOLUTION.setdefault((_quality.source, _quality.resolution, _quality.modifier), _quality)


def _find(source: QualitySource, resolution: int, modifier: Modifier = Modifier.NONE) -> Quality:
    exact = _BY_SOURCE_AND_RESOLUTION.get((source, resolution, modifier))
    return exact if exact is not None else q.find_by_source_and_resolution(source, resolution, modifier)


_RESOLUTIONS = {"r360": 360, "r480": 480, "r540": 540, "r576": 576, "r720": 720, "r1080": 1080, "r2160": 2160}
_SD_RESOLUTIONS = (360, 480, 540, 576)
_NAME = DetectionSource.NAME
_NO_REVISION = Revision()


def parse_quality(name: str, words: list[bytes] | None = None) -> QualityModel:
    """Quality of a release title or file name; the file extension decides when nothing else does.
    `words` are ascii_words(name) when the caller has them."""
    name = name.strip()
    result = parse_quality_name(name, words)
    if result.quality.id == q.UNKNOWN.id:  # Quality compares by id; this skips its Python __eq__
        extension_quality = quality_for_extension(path_extension(name))
        return _with(
            result,
            extension_quality,
            source_detection=DetectionSource.EXTENSION,
            resolution_detection=DetectionSource.EXTENSION,
        )
    return result


def parse_quality_name(name: str, words: list[bytes] | None = None) -> QualityModel:
    """Quality from the words of a name alone (no extension fallback)."""
    normalized = name.replace("_", " ").strip()
    lower = normalized.lower()
    if words is None:  # "_" separates words as spaces do: the name's words are the normalized name's
        words = ascii_words(normalized)
    revision, revision_detection = _parse_revision(name, normalized, lower)
    hardcoded_subs = parse_hardcoded_subs(normalized, lower, words)
    # "raw": every RawHD form has it, and no other letter matches r, a or w without case.
    if "raw" in lower and _RAW_HD.search(normalized) and not _is_brdisk(normalized, lower):
        return QualityModel(q.RAWHD, revision, _NAME, _NAME, revision_detection, hardcoded_subs)
    resolution = _parse_resolution(normalized, words)
    # Every resolution token ends in 0p, 0i, 6p or 6i.
    if not resolution and ("0p" in lower or "0i" in lower or "6p" in lower or "6i" in lower):
        separated = _GLUED_RESOLUTION.sub(_spaced, normalized)
        if separated != normalized:  # read the name again with the resolution as a word of its own
            return parse_quality_name(separated)
    if not resolution and "x" in lower:
        resolution = _frame_resolution(normalized)
    resolution_detection = _NAME if resolution else DetectionSource.UNKNOWN
    source_matches = _SOURCE.finditer(normalized, lower, words)
    quality = (
        _quality_from_source(source_matches[-1], name, normalized, resolution, words)
        if source_matches
        else None
    )
    if quality is not None:  # the usual case, built at once: QualityModel is frozen, each copy costs
        return QualityModel(
            quality, revision, _NAME, resolution_detection, revision_detection, hardcoded_subs
        )
    # What is known so far; every branch below copies it with its quality.
    base = QualityModel(
        revision=revision,
        resolution_detection=resolution_detection,
        revision_detection=revision_detection,
        hardcoded_subs=hardcoded_subs,
    )
    if source_matches:
        # Radarr's one case of a resolution read from a marker rather than a resolution token.
        if _HIGH_DEF_PDTV.search(normalized):
            return _with(base, q.HDTV_720P, source_detection=_NAME, resolution_detection=_NAME)
        return _with(base, q.SDTV, source_detection=_NAME)
    return _quality_without_source(base, name, normalized, resolution, words)


def parse_hardcoded_subs(name: str, lower: str | None = None, words: list[bytes] | None = None) -> str | None:
    """A hardcoded-subtitle tag (KORSUB, HC, SUBBED); the last one in the name wins. `words` are
    ascii_words(name) when the caller has them."""
    if lower is None:
        lower = name.lower()
    if "sub" not in lower and "hc" not in lower:  # every tag contains one of them; skip the scan
        return None
    if words is not None:
        last = _last_hardcoded_word(words)
        if last is None:
            return None
        if last in (b"hc", b"subbed"):
            return "Generic Hardcoded Subs"
    match = None
    for match in _HARDCODED_SUBS.finditer(name):  # noqa: B007 - the last match is the one we want
        pass
    if match is None:
        return None
    return match.group("hcsub") or "Generic Hardcoded Subs"


_NOT_HARDCODED = (b"soft", b"multi", b"horrible")


def _last_hardcoded_word(words: list[bytes]) -> bytes | None:
    """The last word of an ASCII name that may be a hardcoded-subtitle tag: "HC", "SUBBED", or a word
    ending in SUB or SUBS after another letter that SOFT, MULTI or HORRIBLE does not end (a bare "SUBS"
    may be the end of a tag joined by "_"). The tag pattern matches whole words here, so its last match
    is this word's; None when there is none."""
    for word in reversed(words):
        if word in (b"hc", b"subbed"):
            return word
        for ending in (b"subs", b"sub"):
            if word.endswith(ending):
                before = word[: -len(ending)]
                if not before or not before.endswith(_NOT_HARDCODED):
                    return word
    return None


def _with(
    model: QualityModel,
    quality: Quality,
    source_detection: DetectionSource | None = None,
    resolution_detection: DetectionSource | None = None,
) -> QualityModel:
    """A copy of `model` with another quality and, where given, detection sources; QualityModel is frozen."""
    return QualityModel(
        quality=quality,
        revision=model.revision,
        source_detection=model.source_detection if source_detection is None else source_detection,
        resolution_detection=(
            model.resolution_detection if resolution_detection is None else resolution_detection
        ),
        revision_detection=model.revision_detection,
        hardcoded_subs=model.hardcoded_subs,
    )


# The resolution tokens that are one word (see ascii_words), with their resolution. The pattern bounds
# every token by word boundaries, so on an ASCII name its first match is the name's first word found here,
# unless a "4k" form (two words) is written: then the pattern decides.
_RESOLUTION_WORDS: dict[bytes, int] = {
    **dict.fromkeys((b"360p",), 360),
    **dict.fromkeys((b"480p", b"480i", b"640x480", b"848x480"), 480),
    **dict.fromkeys((b"540p",), 540),
    **dict.fromkeys((b"576p",), 576),
    **dict.fromkeys((b"720p", b"1280x720", b"960p"), 720),
    **dict.fromkeys((b"1080p", b"1920x1080", b"1440p", b"fhd", b"1080i", b"4kto1080p"), 1080),
    **dict.fromkeys((b"2160p", b"3840x2160"), 2160),
}
_RESOLUTION_WORD_SET = frozenset(_RESOLUTION_WORDS)
_IMPLIED_2160_WORDS = frozenset((b"uhd", b"4k"))  # "\bUHD\b" is a word; "[4K]" holds the word "4k"


def _parse_resolution(name: str, words: list[bytes] | None = None) -> int:
    if words is not None and b"4k" not in words:
        found = _RESOLUTION_WORD_SET.intersection(words)
        if found:
            if len(found) == 1:
                return _RESOLUTION_WORDS[next(iter(found))]
            return next(_RESOLUTION_WORDS[word] for word in words if word in found)
        return 2160 if b"uhd" in words else 0
    match = _RESOLUTION.search(name)
    if match:
        return _RESOLUTIONS[match.lastgroup]  # type: ignore[index]
    if words is not None and _IMPLIED_2160_WORDS.isdisjoint(words):
        return 0
    return 2160 if _IMPLIED_2160.search(name) else 0


def _spaced(match: re.Match[str]) -> str:
    return f" {match.group()} "


def _frame_resolution(name: str) -> int:
    """The resolution a frame size names: the width decides, as for cropped frames ("1920x800")."""
    frame = _FRAME_SIZE.search(name)
    if frame is None:
        return 0
    width, height = int(frame.group(1)), int(frame.group(2))
    if width < height or width < 320:
        return 0
    for least_width, least_height, resolution in ((3000, 1700, 2160), (1700, 950, 1080), (1100, 650, 720)):
        if width >= least_width or height >= least_height:
            return resolution
    return 576 if height >= 560 else 480


def _parse_revision(name: str, normalized: str, lower: str) -> tuple[Revision, DetectionSource]:
    version, is_repack, found = 1, False, False
    has_version_hint = "repack" in lower or "rerip" in lower or _VERSION_HINT.search(lower) is not None
    version_match = _VERSION.search(normalized) if has_version_hint else None
    explicit = int(version_match.group("version")) if version_match else None
    if explicit is not None:
        version, found = explicit, True
    if "proper" in lower and _PROPER.search(normalized):
        version, found = (explicit or 1) + 1, True
    if ("repack" in lower or "rerip" in lower) and _REPACK.search(normalized):
        version, is_repack, found = (explicit or 1) + 1, True, True
    real = len(_REAL.findall(name)) if "REAL" in name else 0
    detection = DetectionSource.NAME if found or real else DetectionSource.UNKNOWN
    if version == 1 and not real and not is_repack:  # most names: Revision is frozen, one instance serves
        return _NO_REVISION, detection
    return Revision(version=version, real=real, is_repack=is_repack), detection


def _is_remux(normalized: str) -> bool:
    lower = normalized.lower()
    if "remux" in lower and _REMUX.search(normalized):
        return True
    return "german" in lower and "blu" in lower and bool(_GERMAN_REMUX.search(normalized))


def _is_brdisk(normalized: str, lower: str | None = None, words: list[bytes] | None = None) -> bool:
    if lower is None:
        lower = normalized.lower()
    if not _BRDISK_HINT.search(lower) or _has_encode_marker(normalized, words):
        return False
    # Radarr vetoes 1080p with HEVC (an encode: 1080p discs are AVC) only in names that start with a letter
    # or digit, its pattern anchoring the veto on a word boundary at the start; "[Group] Title BD 1080p
    # HEVC" is the same encode.
    if "1080p" in lower and "hevc" in lower:
        return False
    return bool(_BRDISK.search(normalized))


# The codecs and encode markers as words (see ascii_words): the patterns bound them by word boundaries, so
# on an ASCII name (where "_" is already a space) their matches are whole words. Forms of two words ("X-vid",
# "x.264") leave the decision to the pattern.
_CODEC_WORDS = {b"x264": "x264", b"h264": "h264", b"xvidhd": "xvidhd", b"xvid": "xvid", b"divx": "divx"}
_ENCODE_MARKER_WORDS = frozenset(
    (b"x264", b"x265", b"h264", b"h265", b"720p", b"bdrip", b"remux", b"bdremux", b"mkv", b"xvid", b"wmv")
)


def _codec(normalized: str, words: list[bytes] | None) -> str | None:
    """The first codec named (x264, h264, xvidhd, xvid, divx), None without one."""
    if words is not None and b"vid" not in words:
        return next((_CODEC_WORDS[word] for word in words if word in _CODEC_WORDS), None)
    codec = _CODEC.search(normalized)
    return codec.lastgroup if codec else None


def _has_encode_marker(normalized: str, words: list[bytes] | None) -> bool:
    """An encode marker that rules out a whole disc: x264, 720p, BDRip, REMUX, MKV, XviD, WMV."""
    if words is not None and b"264" not in words and b"265" not in words:
        return not _ENCODE_MARKER_WORDS.isdisjoint(words)
    return _BRDISK_VETO.search(normalized) is not None


def _quality_from_source(
    match: regex.Match, name: str, normalized: str, resolution: int, words: list[bytes] | None = None
) -> Quality | None:
    """Radarr's branch order once a source token is found; None for a TV rip without a resolution."""
    group = match.lastgroup
    if group == "bluray":
        return _bluray_quality(normalized, resolution, words)
    if group in ("webdl", "webrip"):
        source = QualitySource.WEBDL if group == "webdl" else QualitySource.WEBRIP
        if resolution in (720, 1080, 2160):
            return _find(source, resolution)
        if group == "webdl" and "[WEBDL]" in name:
            return q.WEBDL_720P
        return _find(source, 480)
    if group == "ts":
        return q.Quality(
            q.TELESYNC.id, q.TELESYNC.name, q.TELESYNC.source, resolution
        )  # keeps its resolution
    simple = {"scr": q.DVDSCR, "cam": q.CAM, "tc": q.TELECINE, "wp": q.WORKPRINT, "regional": q.REGIONAL}
    if group in simple:
        return simple[group]
    if group == "hdtv":
        if _MPEG2.search(normalized):
            return q.RAWHD
        if resolution in (720, 1080, 2160):
            return _find(QualitySource.TV, resolution)
        return q.HDTV_720P if "[HDTV]" in name else q.SDTV
    if group in ("bdrip", "brrip"):
        by_resolution = {720: q.BLURAY_720P, 1080: q.BLURAY_1080P, 2160: q.BLURAY_2160P, 576: q.BLURAY_576P}
        return by_resolution.get(resolution, q.BLURAY_480P)
    if group == "dvdr":
        return q.DVDR
    if group == "dvd":
        return q.DVD
    lower = normalized.lower()  # pdtv, sdtv, dsr and tvrip are all that is left
    if resolution == 1080 or "1080p" in lower:
        return q.HDTV_1080P
    if resolution == 720 or "720p" in lower:
        return q.HDTV_720P
    return None


def _bluray_quality(normalized: str, resolution: int, words: list[bytes] | None = None) -> Quality:
    if _is_brdisk(normalized, None, words):
        return q.BRDISK
    if _codec(normalized, words) in ("xvid", "divx"):
        return q.BLURAY_480P
    is_remux = _is_remux(normalized)
    if resolution == 2160:
        return q.REMUX_2160P if is_remux else q.BLURAY_2160P
    if resolution == 1080:
        return q.REMUX_1080P if is_remux else q.BLURAY_1080P
    if resolution == 576:
        return q.BLURAY_576P
    if resolution in (360, 480, 540):
        return q.BLURAY_480P
    # Radarr has no Remux-720p: a 720p remux is plain Bluray-720p, a remux without resolution is 1080p.
    if is_remux and resolution != 720:
        return q.REMUX_1080P
    return q.BLURAY_720P


def _quality_without_source(
    base: QualityModel, name: str, normalized: str, resolution: int, words: list[bytes] | None = None
) -> QualityModel:
    lower = normalized.lower()
    is_remux = _is_remux(normalized)
    if is_remux and resolution:
        by_resolution = {480: q.BLURAY_480P, 720: q.BLURAY_720P, 1080: q.REMUX_1080P, 2160: q.REMUX_2160P}
        if resolution in by_resolution:
            return _with(base, by_resolution[resolution], source_detection=DetectionSource.UNKNOWN)
    anime = _anime_quality(lower, resolution, is_remux)
    if anime is not None:
        return _with(base, anime[0], source_detection=_NAME, **anime[1])
    if resolution:
        return _quality_from_resolution(base, name, resolution, is_remux)
    if _codec(normalized, words) == "x264":
        return _with(base, q.SDTV)
    return _quality_from_run_ons(base, normalized, lower)


def _anime_quality(lower: str, resolution: int, is_remux: bool) -> tuple[Quality, dict[str, object]] | None:
    """Anime names write "[BD]" or "[Web]" where scene names write BluRay or WEB-DL."""
    is_bluray = bool(_ANIME_BLURAY.search(lower))
    if not is_bluray and not _ANIME_WEBDL.search(lower):
        return None
    name_resolution = {"resolution_detection": _NAME}
    if resolution in _SD_RESOLUTIONS or "480p" in lower:
        return (q.DVD if is_bluray else q.WEBDL_480P), name_resolution
    if resolution == 1080 or "1080p" in lower:
        quality = (q.REMUX_1080P if is_remux else q.BLURAY_1080P) if is_bluray else q.WEBDL_1080P
        return quality, name_resolution
    if resolution == 2160 or "2160p" in lower:
        quality = (q.REMUX_2160P if is_remux else q.BLURAY_2160P) if is_bluray else q.WEBDL_2160P
        return quality, name_resolution
    if not is_bluray:
        return q.WEBDL_720P, {}
    return (q.REMUX_1080P if is_remux and resolution != 720 else q.BLURAY_720P), {}


def _quality_from_resolution(base: QualityModel, name: str, resolution: int, is_remux: bool) -> QualityModel:
    """Only a resolution in the name: a remux or the file extension supplies the source, else it is TV."""
    source, modifier = QualitySource.UNKNOWN, Modifier.NONE
    source_detection = base.source_detection
    if is_remux:
        source, modifier, source_detection = QualitySource.BLURAY, Modifier.REMUX, _NAME
    else:
        extension_quality = quality_for_extension(path_extension(name))
        if extension_quality != q.UNKNOWN:
            source, source_detection = extension_quality.source, DetectionSource.EXTENSION
    lines = 480 if resolution in _SD_RESOLUTIONS else resolution
    if source == QualitySource.UNKNOWN:
        quality = {480: q.SDTV, 720: q.HDTV_720P, 1080: q.HDTV_1080P, 2160: q.HDTV_2160P}[lines]
    else:
        quality = _find(source, lines, modifier)
    return _with(base, quality, source_detection=source_detection, resolution_detection=_NAME)


def _quality_from_run_ons(base: QualityModel, normalized: str, lower: str) -> QualityModel:
    """Frame sizes and glued tokens ("848x480", "Bluray720p") the token regexes cannot see."""
    if "848x480" in normalized:
        if "dvd" in normalized:
            return _with(base, q.DVD, source_detection=_NAME, resolution_detection=_NAME)
        if "bluray" in lower:
            return _with(base, q.BLURAY_480P, source_detection=_NAME, resolution_detection=_NAME)
        return _with(base, q.SDTV, resolution_detection=_NAME)
    for frame, bluray, tv in (
        ("1280x720", q.BLURAY_720P, q.HDTV_720P),
        ("1920x1080", q.BLURAY_1080P, q.HDTV_1080P),
    ):
        if frame in lower:
            if "bluray" in lower:
                return _with(base, bluray, source_detection=_NAME, resolution_detection=_NAME)
            return _with(base, tv, resolution_detection=_NAME)
    for glued, quality in (
        ("bluray720p", q.BLURAY_720P),
        ("bluray1080p", q.BLURAY_1080P),
        ("bluray2160p", q.BLURAY_2160P),
    ):
        if glued in lower:
            return _with(base, quality, source_detection=_NAME, resolution_detection=_NAME)
    other = _OTHER_SOURCE.search(normalized)
    if other:
        return _with(base, q.SDTV if other.lastgroup == "sdtv" else q.HDTV_720P, source_detection=_NAME)
    return base
