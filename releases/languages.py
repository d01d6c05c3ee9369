"""Radarr's language list (Language.cs) and ISO 639 lookups.

Ids are Radarr's and are stored in profiles, custom formats and files, so they never change. Unknown (0)
means "no language found", Any (-1) is a profile wildcard and Original (-2) stands for the movie's
original language.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    id: int
    name: str

    def __str__(self) -> str:
        return self.name


UNKNOWN = Language(0, "Unknown")
ENGLISH = Language(1, "English")
FRENCH = Language(2, "French")
SPANISH = Language(3, "Spanish")
GERMAN = Language(4, "German")
ITALIAN = Language(5, "Italian")
DANISH = Language(6, "Danish")
DUTCH = Language(7, "Dutch")
JAPANESE = Language(8, "Japanese")
ICELANDIC = Language(9, "Icelandic")
CHINESE = Language(10, "Chinese")
RUSSIAN = Language(11, "Russian")
POLISH = Language(12, "Polish")
VIETNAMESE = Language(13, "Vietnamese")
SWEDISH = Language(14, "Swedish")
NORWEGIAN = Language(15, "Norwegian")
FINNISH = Language(16, "Finnish")
TURKISH = Language(17, "Turkish")
PORTUGUESE = Language(18, "Portuguese")
FLEMISH = Language(19, "Flemish")
GREEK = Language(20, "Greek")
KOREAN = Language(21, "Korean")
HUNGARIAN = Language(22, "Hungarian")
HEBREW = Language(23, "Hebrew")
LITHUANIAN = Language(24, "Lithuanian")
CZECH = Language(25, "Czech")
HINDI = Language(26, "Hindi")
ROMANIAN = Language(27, "Romanian")
THAI = Language(28, "Thai")
BULGARIAN = Language(29, "Bulgarian")
PORTUGUESE_BRAZIL = Language(30, "Portuguese (Brazil)")
ARABIC = Language(31, "Arabic")
UKRAINIAN = Language(32, "Ukrainian")
PERSIAN = Language(33, "Persian")
BENGALI = Language(34, "Bengali")
SLOVAK = Language(35, "Slovak")
LATVIAN = Language(36, "Latvian")
SPANISH_LATINO = Language(37, "Spanish (Latino)")
CATALAN = Language(38, "Catalan")
CROATIAN = Language(39, "Croatian")
SERBIAN = Language(40, "Serbian")
BOSNIAN = Language(41, "Bosnian")
ESTONIAN = Language(42, "Estonian")
TAMIL = Language(43, "Tamil")
INDONESIAN = Language(44, "Indonesian")
TELUGU = Language(45, "Telugu")
MACEDONIAN = Language(46, "Macedonian")
SLOVENIAN = Language(47, "Slovenian")
MALAYALAM = Language(48, "Malayalam")
KANNADA = Language(49, "Kannada")
ALBANIAN = Language(50, "Albanian")
AFRIKAANS = Language(51, "Afrikaans")
MARATHI = Language(52, "Marathi")
TAGALOG = Language(53, "Tagalog")
URDU = Language(54, "Urdu")
ROMANSH = Language(55, "Romansh")
MONGOLIAN = Language(56, "Mongolian")
GEORGIAN = Language(57, "Georgian")
ANY = Language(-1, "Any")
ORIGINAL = Language(-2, "Original")

# Radarr's Language.All order.
LANGUAGES: tuple[Language, ...] = (
    UNKNOWN, ENGLISH, FRENCH, SPANISH, GERMAN, ITALIAN, DANISH, DUTCH, JAPANESE, ICELANDIC, CHINESE,
    RUSSIAN, POLISH, VIETNAMESE, SWEDISH, NORWEGIAN, FINNISH, TURKISH, PORTUGUESE, FLEMISH, GREEK, KOREAN,
    HUNGARIAN, HEBREW, LITHUANIAN, CZECH, ROMANIAN, HINDI, THAI, BULGARIAN, PORTUGUESE_BRAZIL, ARABIC,
    UKRAINIAN, PERSIAN, BENGALI, SLOVAK, LATVIAN, SPANISH_LATINO, CATALAN, CROATIAN, SERBIAN, BOSNIAN,
    ESTONIAN, TAMIL, INDONESIAN, TELUGU, MACEDONIAN, SLOVENIAN, MALAYALAM, KANNADA, ALBANIAN, AFRIKAANS,
    MARATHI, TAGALOG, URDU, ROMANSH, MONGOLIAN, GEORGIAN, ANY, ORIGINAL,
)  # fmt: skip

LANGUAGES_BY_ID: dict[int, Language] = {language.id: language for language in LANGUAGES}
_LANGUAGES_BY_LOWER_NAME: dict[str, Language] = {language.name.lower(): language for language in LANGUAGES}


def language_by_id(language_id: int) -> Language:
    """The language with Radarr's id; KeyError for an id Radarr does not know."""
    return LANGUAGES_BY_ID[language_id]


def language_by_name(name: str) -> Language | None:
    """Case-insensitive lookup by Radarr's display name ("portuguese (brazil)" works)."""
    return _LANGUAGES_BY_LOWER_NAME.get(name.strip().lower())


@dataclass(frozen=True, slots=True)
class IsoLanguage:
    two_letter_code: str  # ISO 639-1
    country_code: str  # "" unless the code needs a region to tell languages apart (pt-br)
    three_letter_code: str  # ISO 639-2/T
    language: Language


ISO_LANGUAGES: tuple[IsoLanguage, ...] = tuple(
    IsoLanguage(two, country, three, language)
    for two, country, three, language in (
        ("en", "", "eng", ENGLISH),
        ("fr", "fr", "fra", FRENCH),
        ("es", "", "spa", SPANISH),
        ("de", "de", "deu", GERMAN),
        ("it", "", "ita", ITALIAN),
        ("da", "", "dan", DANISH),
        ("nl", "", "nld", DUTCH),
        ("ja", "", "jpn", JAPANESE),
        ("is", "", "isl", ICELANDIC),
        ("zh", "cn", "zho", CHINESE),
        ("ru", "", "rus", RUSSIAN),
        ("pl", "", "pol", POLISH),
        ("vi", "", "vie", VIETNAMESE),
        ("sv", "", "swe", SWEDISH),
        ("no", "", "nor", NORWEGIAN),
        ("nb", "", "nob", NORWEGIAN),
        ("fi", "", "fin", FINNISH),
        ("tr", "", "tur", TURKISH),
        ("pt", "pt", "por", PORTUGUESE),
        ("nl", "be", "", FLEMISH),
        ("el", "", "ell", GREEK),
        ("ko", "", "kor", KOREAN),
        ("hu", "", "hun", HUNGARIAN),
        ("he", "", "heb", HEBREW),
        ("lt", "", "lit", LITHUANIAN),
        ("cs", "", "ces", CZECH),
        ("hi", "", "hin", HINDI),
        ("ro", "", "ron", ROMANIAN),
        ("th", "", "tha", THAI),
        ("bg", "", "bul", BULGARIAN),
        ("pt", "br", "", PORTUGUESE_BRAZIL),
        ("ar", "", "ara", ARABIC),
        ("uk", "", "ukr", UKRAINIAN),
        ("fa", "", "fas", PERSIAN),
        ("bn", "", "ben", BENGALI),
        ("sk", "", "slk", SLOVAK),
        ("lv", "", "lav", LATVIAN),
        ("es", "mx", "", SPANISH_LATINO),
        ("ca", "", "cat", CATALAN),
        ("hr", "", "hrv", CROATIAN),
        ("sr", "", "srp", SERBIAN),
        ("bs", "", "bos", BOSNIAN),
        ("et", "", "est", ESTONIAN),
        ("ta", "", "tam", TAMIL),
        ("id", "", "ind", INDONESIAN),
        ("te", "", "tel", TELUGU),
        ("mk", "", "mkd", MACEDONIAN),
        ("sl", "", "slv", SLOVENIAN),
        ("ml", "", "mal", MALAYALAM),
        ("kn", "", "kan", KANNADA),
        ("sq", "", "sqi", ALBANIAN),
        ("af", "", "afr", AFRIKAANS),
        ("mr", "", "mar", MARATHI),
        ("tl", "", "tgl", TAGALOG),
        ("ur", "", "urd", URDU),
        ("rm", "", "roh", ROMANSH),
        ("mn", "", "mon", MONGOLIAN),
        ("ka", "", "kat", GEORGIAN),
    )
)

# ISO 639-2/B (bibliographic) codes that differ from the /T codes above; file names use both.
_BIBLIOGRAPHIC_TO_TERMINOLOGY = {
    "alb": "sqi",
    "chi": "zho",
    "cze": "ces",
    "dut": "nld",
    "fre": "fra",
    "geo": "kat",
    "ger": "deu",
    "gre": "ell",
    "ice": "isl",
    "mac": "mkd",
    "per": "fas",
    "rum": "ron",
    "slo": "slk",
}


def find_iso_language(code: str) -> IsoLanguage | None:
    """Look up "en", "eng", "ger", "pt-BR"; a region picks the regional entry when Radarr has one."""
    language_code, _, country = code.lower().partition("-")
    if len(language_code) == 2:
        candidates = [iso for iso in ISO_LANGUAGES if iso.two_letter_code == language_code]
        if country:
            regional = [iso for iso in candidates if iso.country_code == country]
            candidates = regional or [iso for iso in candidates if not iso.country_code]
        return candidates[0] if candidates else None
    if len(language_code) == 3:
        language_code = _BIBLIOGRAPHIC_TO_TERMINOLOGY.get(language_code, language_code)
        return next((iso for iso in ISO_LANGUAGES if iso.three_letter_code == language_code), None)
    return None
