"""Languages of a release and of subtitle files, following Radarr's LanguageParser."""

import re
from dataclasses import dataclass, field

import regex

from releases import languages as lang
from releases.languages import Language, find_iso_language
from releases.parsing.common import TokenAlternation, ascii_words

_I = regex.IGNORECASE

# Whole language names anywhere in the lower-cased title, in Radarr's order (which is the output order).
_KEYWORDS: tuple[tuple[str, Language], ...] = (
    ("english", lang.ENGLISH),
    ("spanish", lang.SPANISH),
    ("danish", lang.DANISH),
    ("dutch", lang.DUTCH),
    ("japanese", lang.JAPANESE),
    ("icelandic", lang.ICELANDIC),
    ("mandarin", lang.CHINESE),
    ("cantonese", lang.CHINESE),
    ("chinese", lang.CHINESE),
    ("korean", lang.KOREAN),
    ("russian", lang.RUSSIAN),
    ("romanian", lang.ROMANIAN),
    ("hindi", lang.HINDI),
    ("arabic", lang.ARABIC),
    ("thai", lang.THAI),
    ("bulgarian", lang.BULGARIAN),
    ("polish", lang.POLISH),
    ("vietnamese", lang.VIETNAMESE),
    ("swedish", lang.SWEDISH),
    ("norwegian", lang.NORWEGIAN),
    ("finnish", lang.FINNISH),
    ("turkish", lang.TURKISH),
    ("portuguese", lang.PORTUGUESE),
    ("brazilian", lang.PORTUGUESE_BRAZIL),
    ("hungarian", lang.HUNGARIAN),
    ("hebrew", lang.HEBREW),
    ("ukrainian", lang.UKRAINIAN),
    ("persian", lang.PERSIAN),
    ("bengali", lang.BENGALI),
    ("slovak", lang.SLOVAK),
    ("latvian", lang.LATVIAN),
    ("latino", lang.SPANISH_LATINO),
    ("tamil", lang.TAMIL),
    ("telugu", lang.TELUGU),
    ("malayalam", lang.MALAYALAM),
    ("kannada", lang.KANNADA),
    ("albanian", lang.ALBANIAN),
    ("afrikaans", lang.AFRIKAANS),
    ("marathi", lang.MARATHI),
    ("tagalog", lang.TAGALOG),
)

# Most names name no language: ruling every keyword out is the costly part. Half the keywords end in one of
# these, so a name without the ending needs one check for the whole group.
_KEYWORD_ENDINGS = ("ish", "ian", "ese")
_KEYWORD_CHECKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    *(
        (ending, tuple(keyword for keyword, _ in _KEYWORDS if ending in keyword))
        for ending in _KEYWORD_ENDINGS
    ),
    *(
        (keyword, ())  # the keyword is its own check
        for keyword, _ in _KEYWORDS
        if not any(ending in keyword for ending in _KEYWORD_ENDINGS)
    ),
)


def _may_name_a_keyword(lower: str) -> bool:
    """Whether some language keyword occurs in the lower-cased name."""
    for check, keywords in _KEYWORD_CHECKS:
        if check in lower:
            if not keywords:
                return True
            for keyword in keywords:
                if keyword in lower:
                    return True
    return False


# Short uppercase codes; lower case ("en", "es") is too common in titles. Not when glued to SUB (subtitles).
_CASE_SENSITIVE = regex.compile(
    r"(?i:(?<!SUB[\W|_^]))(?:(?<english>\bEN\b)|(?<lithuanian>\bLT\b)|(?<czech>\bCZ\b)|(?<polish>\bPL\b)|"
    r"(?<bulgarian>\bBG\b)|(?<slovak>\bSK\b)|(?<german>\bDE\b)|(?<spanish>\b(?<!DTS[._ -])ES\b))"
    r"(?i:(?![\W|_^]SUB))"
)
_CASE_SENSITIVE_CODES = ("EN", "LT", "CZ", "PL", "BG", "SK", "DE", "ES")
_CASE_SENSITIVE_WORDS = frozenset(code.lower().encode("ascii") for code in _CASE_SENSITIVE_CODES)
# Every code above must stand as a word; this plain scan is far cheaper than the pattern's lookbehinds
# at every position, and it rules out the usual false hints ("EXTENDED", "GERMAN").
_CASE_SENSITIVE_WORD = regex.compile(r"\b(?:" + "|".join(_CASE_SENSITIVE_CODES) + r")\b")
_CASE_SENSITIVE_LANGUAGES = {
    "english": lang.ENGLISH,
    "lithuanian": lang.LITHUANIAN,
    "czech": lang.CZECH,
    "polish": lang.POLISH,
    "bulgarian": lang.BULGARIAN,
    "slovak": lang.SLOVAK,
    "german": lang.GERMAN,
    "spanish": lang.SPANISH,
}

# (pattern, substring hints, whole words on ASCII names): see TokenAlternation. Words are given where the
# pattern bounds its tokens by word boundaries; "german", "greek", "UKR" and the like may sit inside a
# longer word, so their substring hints decide on every name.
_CASE_INSENSITIVE = TokenAlternation(
    (
        (r"(?:\W|_|^)(?<english>\beng\b)", ("eng",), ("eng",)),
        (r"(?<italian>\b(?:ita|italian)\b)", ("ita",), ("ita", "italian")),
        (r"(?<german>(?:swiss)?german\b|videomann|ger[. ]dub|\bger\b)", ("ger", "videomann")),
        (r"(?<flemish>flemish)", ("flemish",)),
        (r"(?<bulgarian>bgaudio)", ("bgaudio",)),
        (r"(?<romanian>rodubbed)", ("rodubbed",)),
        (r"(?<brazilian>\b(?:dublado|pt-BR)\b)", ("dublado", "pt-br"), ("dublado", "pt")),
        (r"(?<greek>greek)", ("greek",)),
        (
            r"(?<french>\b(?:FR|VO|VF|VFF|VFQ|VFI|VF2|TRUEFRENCH|FRENCH|FRE|FRA)\b)",
            ("fr", "vo", "vf"),
            ("fr", "vo", "vf", "vff", "vfq", "vfi", "vf2", "truefrench", "french", "fre", "fra"),
        ),
        (r"(?<russian>\b(?:rus|ru)\b)", ("ru",), ("rus", "ru")),
        (r"(?<hungarian>\b(?:HUNDUB|HUN)\b)", ("hun",), ("hundub", "hun")),
        (r"(?<hebrew>\b(?:HebDub|HebDubbed)\b)", ("hebdub",), ("hebdub", "hebdubbed")),
        # "PL DUB" holds the word "pl", "PLDUB" is one word.
        (
            r"(?<polish>\b(?:PL\W?DUB|DUB\W?PL|LEK\W?PL|PL\W?LEK)\b)",
            ("pl",),
            ("pl", "pldub", "dubpl", "lekpl", "pllek"),
        ),
        # "[CHS]" holds the word "chs"; the CJK forms never occur in an ASCII name.
        (
            r"(?<chinese>\[(?:CH[ST]|BIG5|GB)\]|简|繁|字幕)",
            ("[ch", "[big5]", "[gb]", "简", "繁", "字幕"),
            ("chs", "cht", "big5", "gb"),
        ),
        (r"(?<ukrainian>(?:(?:\dx)?UKR))", ("ukr",)),
        (r"(?<spanish>\b(?:español|castellano)\b)", ("español", "castellano"), ("castellano",)),
        (
            r"(?<catalan>\b(?:catalan?|catalán|català)\b)",
            ("catala", "catalán", "català"),
            ("catala", "catalan"),
        ),
        (r"(?<latvian>\b(?:lat|lav|lv)\b)", ("lat", "lav", "lv"), ("lat", "lav", "lv")),
        (r"(?<telugu>\btel\b)", ("tel",), ("tel",)),
        (r"(?<vietnamese>\bVIE\b)", ("vie",), ("vie",)),
        (r"(?<japanese>\bJAP\b)", ("jap",), ("jap",)),
        (r"(?<korean>\bKOR\b)", ("kor",), ("kor",)),
        (r"(?<urdu>\burdu\b)", ("urdu",), ("urdu",)),
        (
            r"(?<romansh>\b(?:romansh|rumantsch|romansch)\b)",
            ("romansh", "rumantsch", "romansch"),
            ("romansh", "rumantsch", "romansch"),
        ),
        (r"(?<mongolian>\b(?:mongolian|khalkha)\b)", ("mongolian", "khalkha"), ("mongolian", "khalkha")),
        (r"(?<georgian>\b(?:georgian|geo|ka|kat)\b)", ("geo", "ka"), ("georgian", "geo", "ka", "kat")),
        (r"(?<original>\b(?:orig|original)\b)", ("orig",), ("orig", "original")),
    ),
    "{}",
    _I,
)
_CASE_INSENSITIVE_LANGUAGES = {
    "english": lang.ENGLISH,
    "italian": lang.ITALIAN,
    "german": lang.GERMAN,
    "flemish": lang.FLEMISH,
    "greek": lang.GREEK,
    "french": lang.FRENCH,
    "russian": lang.RUSSIAN,
    "bulgarian": lang.BULGARIAN,
    "brazilian": lang.PORTUGUESE_BRAZIL,
    "hungarian": lang.HUNGARIAN,
    "hebrew": lang.HEBREW,
    "polish": lang.POLISH,
    "chinese": lang.CHINESE,
    "spanish": lang.SPANISH,
    "catalan": lang.CATALAN,
    "ukrainian": lang.UKRAINIAN,
    "latvian": lang.LATVIAN,
    "romanian": lang.ROMANIAN,
    "telugu": lang.TELUGU,
    "vietnamese": lang.VIETNAMESE,
    "japanese": lang.JAPANESE,
    "korean": lang.KOREAN,
    "urdu": lang.URDU,
    "romansh": lang.ROMANSH,
    "mongolian": lang.MONGOLIAN,
    "georgian": lang.GEORGIAN,
    "original": lang.ORIGINAL,
}

# German scene tags: DL (dual language, not WEB-DL) adds the original audio, ML adds original and English.
_GERMAN_DUAL = regex.compile(r"(?<!WEB[-_. ]?)\bDL\b", _I)
_GERMAN_MULTI = regex.compile(r"\bML\b", _I)


# Languages of Radarr's list that its parser cannot read, and the common release tags of those it reads
# only by some of their names. Full English names are whole words anywhere in the (title-masked) name, as
# Radarr reads the names it knows; ISO 639 codes and native names are tags release groups write after the
# year, and are read only there, where they do not collide with words of titles.
_EXTRA_NAMES: dict[str, Language] = {
    "lithuanian": lang.LITHUANIAN,
    "czech": lang.CZECH,
    "croatian": lang.CROATIAN,
    "serbian": lang.SERBIAN,
    "bosnian": lang.BOSNIAN,
    "estonian": lang.ESTONIAN,
    "indonesian": lang.INDONESIAN,
    "macedonian": lang.MACEDONIAN,
    "slovenian": lang.SLOVENIAN,
    "slovene": lang.SLOVENIAN,
    "farsi": lang.PERSIAN,
    "filipino": lang.TAGALOG,
}
_EXTRA_TAGS: dict[str, Language] = {
    # ISO 639-2 codes as release groups write them ("Multi Eng Hin Tam", "ITA-ENG", "EST.SUB")
    "spa": lang.SPANISH, "esp": lang.SPANISH, "deu": lang.GERMAN, "dan": lang.DANISH, "nld": lang.DUTCH,
    "dut": lang.DUTCH, "jpn": lang.JAPANESE, "isl": lang.ICELANDIC, "ice": lang.ICELANDIC,
    "chi": lang.CHINESE, "zho": lang.CHINESE, "pol": lang.POLISH, "swe": lang.SWEDISH, "nor": lang.NORWEGIAN,
    "fin": lang.FINNISH, "tur": lang.TURKISH, "por": lang.PORTUGUESE, "gre": lang.GREEK, "ell": lang.GREEK,
    "heb": lang.HEBREW, "lit": lang.LITHUANIAN, "cze": lang.CZECH, "ces": lang.CZECH, "hin": lang.HINDI,
    "rum": lang.ROMANIAN, "ron": lang.ROMANIAN, "tha": lang.THAI, "bul": lang.BULGARIAN, "ara": lang.ARABIC,
    "fas": lang.PERSIAN, "per": lang.PERSIAN, "ben": lang.BENGALI, "slk": lang.SLOVAK, "hrv": lang.CROATIAN,
    "cro": lang.CROATIAN, "srp": lang.SERBIAN, "srb": lang.SERBIAN, "bos": lang.BOSNIAN, "est": lang.ESTONIAN,
    "tam": lang.TAMIL, "ind": lang.INDONESIAN, "mkd": lang.MACEDONIAN, "slv": lang.SLOVENIAN,
    "mal": lang.MALAYALAM, "kan": lang.KANNADA, "alb": lang.ALBANIAN, "sqi": lang.ALBANIAN,
    "afr": lang.AFRIKAANS, "mar": lang.MARATHI, "tgl": lang.TAGALOG, "urd": lang.URDU, "mon": lang.MONGOLIAN,
    "ptbr": lang.PORTUGUESE_BRAZIL,
    # native names
    "deutsch": lang.GERMAN, "francais": lang.FRENCH, "français": lang.FRENCH, "italiano": lang.ITALIAN,
    "espanol": lang.SPANISH, "nederlands": lang.DUTCH, "dansk": lang.DANISH, "svenska": lang.SWEDISH,
    "svensk": lang.SWEDISH, "norsk": lang.NORWEGIAN, "suomi": lang.FINNISH, "turkce": lang.TURKISH,
    "türkçe": lang.TURKISH, "portugues": lang.PORTUGUESE, "português": lang.PORTUGUESE,
    "polski": lang.POLISH, "magyar": lang.HUNGARIAN, "cesky": lang.CZECH, "česky": lang.CZECH,
    "cestina": lang.CZECH, "čeština": lang.CZECH, "slovensky": lang.SLOVAK, "hrvatski": lang.CROATIAN,
    "srpski": lang.SERBIAN, "bosanski": lang.BOSNIAN, "eesti": lang.ESTONIAN, "lietuviu": lang.LITHUANIAN,
    "lietuvių": lang.LITHUANIAN, "latviesu": lang.LATVIAN, "latviešu": lang.LATVIAN,
    "romana": lang.ROMANIAN, "română": lang.ROMANIAN, "русский": lang.RUSSIAN,
    "українська": lang.UKRAINIAN, "bahasa": lang.INDONESIAN,
}  # fmt: skip
_EXTRA_NAME = re.compile(r"\b(?:" + "|".join(_EXTRA_NAMES) + r")\b", re.IGNORECASE)
_EXTRA_ASCII_TAGS = {tag.encode("ascii"): language for tag, language in _EXTRA_TAGS.items() if tag.isascii()}
_EXTRA_ASCII_TAG_WORDS = frozenset(_EXTRA_ASCII_TAGS)
_NON_WORD = re.compile(r"[\W_]+")


def _extra_languages(title: str, lower: str, tags: str | None, words: list[bytes] | None) -> list[Language]:
    """Languages Radarr's patterns miss: full names in the name, codes and native names in `tags`."""
    found = []
    if "ian" in lower or "czech" in lower or "slovene" in lower or "farsi" in lower or "filipino" in lower:
        found = [_EXTRA_NAMES[match.group().lower()] for match in _EXTRA_NAME.finditer(title)]
    if tags and (words is None or not _EXTRA_ASCII_TAG_WORDS.isdisjoint(words)):
        # whole words: the tags' words looked up, not a pattern tried at every position
        words = ascii_words(tags)
        if words is not None:
            found.extend(_EXTRA_ASCII_TAGS[word] for word in words if word in _EXTRA_ASCII_TAGS)
        else:
            found.extend(_EXTRA_TAGS[word] for word in _NON_WORD.split(tags.lower()) if word in _EXTRA_TAGS)
    return found


def parse_languages(title: str, tags: str | None = None, words: list[bytes] | None = None) -> list[Language]:
    """Languages named in a release title, Radarr's first and in its order, then those it misses; [Unknown]
    when none is named. `tags` is the part of the name after the title and year, without the release
    group: language codes are read there only. `words` are ascii_words(title), or those of a name `title`
    was made from by masking and replacing parts (the parser's): a superset serves, since words only
    rule patterns out."""
    lower = title.lower()
    if words is None:
        words = ascii_words(title)
    found = _radarr_languages(title, lower, words)
    extra = _extra_languages(title, lower, tags, words)
    if not extra:
        return found
    if found == [lang.UNKNOWN]:
        found = []
    return list(dict.fromkeys(found + extra))


def _radarr_languages(title: str, lower: str, words: list[bytes] | None) -> list[Language]:
    found = (
        [language for keyword, language in _KEYWORDS if keyword in lower]
        if _may_name_a_keyword(lower)
        else []
    )
    if _may_name_a_code(title, words) and _CASE_SENSITIVE_WORD.search(title):
        for match in _CASE_SENSITIVE.finditer(title):
            found.append(_CASE_SENSITIVE_LANGUAGES[match.lastgroup])  # type: ignore[index]
    for match in _CASE_INSENSITIVE.finditer(title, lower, words):
        found.append(_CASE_INSENSITIVE_LANGUAGES[match.lastgroup])  # type: ignore[index]
    if not found:
        return [lang.UNKNOWN]
    if found == [lang.GERMAN]:  # Radarr counts before removing duplicates: "GERMAN ... DE" is not alone
        if _GERMAN_DUAL.search(title):
            found.append(lang.ORIGINAL)
        elif _GERMAN_MULTI.search(title):
            found.extend((lang.ORIGINAL, lang.ENGLISH))
    return list(dict.fromkeys(found))


def _may_name_a_code(title: str, words: list[bytes] | None) -> bool:
    """Whether an uppercase code (EN, DE, ...) may stand as a word: on an ASCII name it is one of the
    name's words, whatever their case; otherwise the code must at least occur."""
    if words is not None:
        return not _CASE_SENSITIVE_WORDS.isdisjoint(words)
    return any(code in title for code in _CASE_SENSITIVE_CODES)


# Subtitle file names: "Movie.en.forced.srt", "Movie.Commentary.eng.default.ass".
_SUBTITLE_TAGS = r"forced|foreign|default|cc|psdh|sdh"
_SUBTITLE_LANGUAGE = regex.compile(
    rf".+?(?:[-_. ](?<tags>{_SUBTITLE_TAGS}))*[-_. ](?<iso_code>[a-z]{{2,3}})"
    rf"(?:[-_. ](?<tags>{_SUBTITLE_TAGS}))*$",
    _I,
)
_SUBTITLE_LANGUAGE_AND_TITLE = regex.compile(
    rf".+?(?:\.(?:(?<tags1>{_SUBTITLE_TAGS})|(?<iso_code>[a-z]{{2,3}})))*[-_. ](?<title>[^.]*)"
    rf"(?:\.(?:(?<tags2>{_SUBTITLE_TAGS})|(?<iso_code>[a-z]{{2,3}})))*$",
    _I,
)
_SUBTITLE_COPY = regex.compile(r"^(?:(?<title>.+) - )?(?<copy>(?<!\d+)\d{1,3}(?!\d+))$")


@dataclass(frozen=True, slots=True)
class SubtitleInfo:
    language: Language
    tags: list[str] = field(default_factory=list)  # lower-cased: forced, default, sdh, ...
    raw_title: str | None = None  # the free text between the video name and the language
    title: str | None = None  # raw_title without a trailing " - N" copy number
    copy: int = 0  # the N of " - N" when several subtitle files share a language and title
    title_first: bool = False  # the title came before the language and tags


def parse_subtitle_language(file_name: str) -> Language:
    """The language of a subtitle file from the ISO code before its extension."""
    stem = _without_extension(file_name)
    match = _SUBTITLE_LANGUAGE.match(stem)
    if match:
        iso = find_iso_language(match.group("iso_code"))
        return iso.language if iso else lang.UNKNOWN
    lower = stem.lower()
    return next(
        (language for language in lang.LANGUAGES if lower.endswith(language.name.lower())), lang.UNKNOWN
    )


def parse_subtitle_info(file_name: str) -> SubtitleInfo:
    """Language, tags and the optional title of a subtitle file name."""
    stem = _without_extension(file_name)
    match = _SUBTITLE_LANGUAGE_AND_TITLE.match(stem)
    if not match or match.group("title") is None or len(match.captures("iso_code")) != 1:
        basic = _SUBTITLE_LANGUAGE.match(stem)
        tags = [tag.lower() for tag in basic.captures("tags")] if basic else []
        return SubtitleInfo(language=parse_subtitle_language(file_name), tags=tags)
    iso = find_iso_language(match.group("iso_code"))
    tags = [tag.lower() for tag in match.captures("tags1") + match.captures("tags2")]
    raw_title = match.group("title")
    title, copy = raw_title, 0
    copy_match = _SUBTITLE_COPY.match(raw_title)
    if copy_match:
        title, copy = copy_match.group("title"), int(copy_match.group("copy"))
    return SubtitleInfo(
        language=iso.language if iso else lang.UNKNOWN,
        tags=tags,
        raw_title=raw_title,
        title=title,
        copy=copy,
        title_first=not match.captures("tags1"),
    )


def _without_extension(file_name: str) -> str:
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name
