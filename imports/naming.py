"""File and folder names from the naming formats, the way Radarr's FileNameBuilder writes them.

A format is literal text with tokens in braces. Inside the braces a token may carry:
- prefix and suffix text written only when the token has a value: `{[Quality Full]}`, `{-Release Group}`;
- a separator between its words that replaces the spaces of the value: `{Movie.CleanTitle}`;
- a case: `{movie title}` writes lower case, `{MOVIE TITLE}` upper case;
- a filter after a colon: a length (`{Movie Title:30}`, `{Movie Title:-30}`), a language
  (`{Movie Title:DE}`, `{MediaInfo AudioLanguages:EN+DE}`, `:-EN`), or custom format names.
A token may be wrapped in literal text inside outer braces, which stay (Plex reads them):
`{imdb-{ImdbId}}` → `{imdb-tt0133093}`, `{{Edition Tags}}` → `{Director's Cut}`; the whole wrapper
vanishes when the token is empty. Unknown tokens vanish, as in Radarr.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import regex

from movies.folders import clean_title as scene_clean_title
from movies.folders import title_the
from releases.languages import ISO_LANGUAGES
from releases.qualities import QUALITIES_BY_ID

if TYPE_CHECKING:
    from imports.models import NamingConfig

DEFAULT_STANDARD_MOVIE_FORMAT = "{Movie Title} ({Release Year}) {Quality Full}"
DEFAULT_MOVIE_FOLDER_FORMAT = "{Movie Title} ({Release Year})"
DEFAULT_VERSION_SUFFIX_FORMAT = " - {Version Name}"

COLON_REPLACEMENTS = ("delete", "dash", "spaceDash", "spaceDashSpace", "smart")

# Braces written by a wrapper and the ellipsis of a truncation are kept out of the clean-up passes
# behind private characters and restored at the end.
_OPEN, _CLOSE, _ELLIPSIS = "\ue000", "\ue001", "\ue002"

_NESTED = regex.compile(r"\{(?P<before>[^{}]*)\{(?P<inner>[^{}]+)\}(?P<after>[^{}]*)\}")
_BRACED = regex.compile(r"\{(?P<body>[^{}]+)\}")
_BODY = regex.compile(
    r"^(?P<prefix>[- ._\[(]*)"
    r"(?P<token>[a-z0-9]+(?:(?P<separator>[- ._]+)[a-z0-9]+)?)"
    r"(?::(?P<filter>[ ,a-z0-9|+-]+(?<![- ])))?"
    r"(?P<suffix>[- ._)\]]*)$",
    regex.IGNORECASE,
)
_REPEATED_SEPARATOR = regex.compile(r"([- ._])\1+")
_TRAILING_SEPARATORS = regex.compile(r"[- ._]+$")
_EMPTY_BRACKETS = regex.compile(r"\(\s*\)|\[\s*\]")
_SPACES = regex.compile(r" {2,}")
_RESERVED_DEVICE = regex.compile(r"^(?:aux|com[1-9]|con|lpt[1-9]|nul|prn)\.", regex.IGNORECASE)
_BAD_CHARACTERS = (
    ("\\", "+"),
    ("/", "+"),
    ("<", ""),
    (">", ""),
    ("?", "!"),
    ("*", "-"),
    ("|", ""),
    ('"', ""),
)
_ORDINAL = regex.compile(r"\b(\d+)(St|Nd|Rd|Th)\b")
_EDITION_UPPER = ("IMAX", "3D", "HDR", "DV", "UHD", "4K", "DC", "SDR", "OAR", "II", "III", "IV")

# ISO 639-2/B codes some files carry, mapped to the /T codes our language table uses.
_BIBLIOGRAPHIC = {
    "alb": "sqi", "arm": "hye", "baq": "eus", "bur": "mya", "chi": "zho", "cze": "ces", "dut": "nld",
    "fre": "fra", "geo": "kat", "ger": "deu", "gre": "ell", "gsw": "deu", "ice": "isl", "mac": "mkd",
    "mao": "mri", "may": "msa", "per": "fas", "rum": "ron", "slo": "slk", "tib": "bod", "wel": "cym",
}  # fmt: skip
_TWO_LETTER = {iso.three_letter_code: iso.two_letter_code for iso in ISO_LANGUAGES if iso.three_letter_code}


class NamingSettings(Protocol):
    rename_movies: bool
    replace_illegal_characters: bool
    colon_replacement_format: str
    standard_movie_format: str
    movie_folder_format: str


@dataclass(frozen=True, slots=True)
class DefaultNaming:
    """Radarr's defaults, for callers without a database (and the examples page)."""

    rename_movies: bool = False
    replace_illegal_characters: bool = True
    colon_replacement_format: str = "smart"
    standard_movie_format: str = DEFAULT_STANDARD_MOVIE_FORMAT
    movie_folder_format: str = DEFAULT_MOVIE_FOLDER_FORMAT
    version_suffix_format: str = DEFAULT_VERSION_SUFFIX_FORMAT


@dataclass(frozen=True, slots=True)
class TokenMatch:
    prefix: str
    token: str
    separator: str
    filter: str
    suffix: str

    def default(self, value: str) -> str:
        """A fallback written only for a bare token: `{Release Group}` → Radarr, `{-Release Group}` → ''."""
        return "" if self.prefix or self.suffix else value


Handler = Callable[[TokenMatch], str]


class NamingFormatError(ValueError):
    pass


# ---------------------------------------------------------------------------------------------------
# Text helpers


def clean_file_name(name: str, config: NamingSettings | None = None) -> str:
    """Colons as the colon replacement says and characters no filesystem takes replaced (or dropped)."""
    config = config or DefaultNaming()
    if config.replace_illegal_characters:
        if config.colon_replacement_format == "smart":
            name = name.replace(": ", " - ").replace(":", "-")
        else:
            replacement = {"dash": "-", "spaceDash": " -", "spaceDashSpace": " - "}.get(
                config.colon_replacement_format, ""
            )
            name = name.replace(":", replacement)
    else:
        name = name.replace(":", "")
    for bad, good in _BAD_CHARACTERS:
        name = name.replace(bad, good if config.replace_illegal_characters else "")
    return name.lstrip(" .").rstrip(" ")


def title_first_character(title: str) -> str:
    """`The Matrix` → `M` (from TitleThe); non-alphanumeric starts try the second character, else `_`."""
    for character in title[:2]:
        if character.isalnum():
            return scene_clean_title(character.upper())[:1] or "_"
    return "_"


def edition_tags(edition: str) -> str:
    """`directors cut imax` → `Directors Cut IMAX`; ordinals stay lower case (`25th Anniversary`)."""
    if not edition:
        return ""
    words = []
    for word in edition.split():
        upper = word.upper()
        words.append(upper if upper in _EDITION_UPPER else word[:1].upper() + word[1:].lower())
    return _ORDINAL.sub(lambda match: match.group(1) + match.group(2).lower(), " ".join(words))


def truncate(value: str, length_filter: str | None) -> str:
    """`:30` keeps the first 30 characters, `:-30` the last 30; an ellipsis marks the cut."""
    if not value or not length_filter or not regex.fullmatch(r"-?\d+", length_filter):
        return value
    length = int(length_filter)
    if length == 0 or len(value) <= abs(length):
        return value
    if length > 0:
        return value[: max(length - 3, 1)].rstrip() + _ELLIPSIS
    return _ELLIPSIS + value[-max(-length - 3, 1) :].lstrip()


def two_letter_language(code: str) -> str:
    code = code.strip().lower()
    code = _BIBLIOGRAPHIC.get(code, code)
    if len(code) == 2:
        return code.upper()
    return _TWO_LETTER.get(code, code).upper()


def languages_token(codes: Iterable[str], language_filter: str | None, *, skip_english_only: bool) -> str:
    """`["eng", "ger"]` → `[EN+DE]`; `:EN+DE` keeps those, `:-EN` drops English, a trailing `+`
    writes `--` for the ones left out; English alone is left out when `skip_english_only`."""
    tokens: list[str] = []
    for code in codes:
        if code and code.strip() and code.strip().lower() != "und":
            two = two_letter_language(code)
            if two not in tokens:
                tokens.append(two)
    kept = tokens
    if language_filter:
        if language_filter.startswith("-"):
            excluded = {part.upper() for part in language_filter.split("-") if part}
            kept = [token for token in tokens if token not in excluded]
        else:
            kept = [part.upper() for part in language_filter.split("+") if part and part.upper() in tokens]
        if language_filter.endswith("+") and len(kept) != len(tokens):
            kept = [*kept, "--"]
    if skip_english_only and kept == ["EN"]:
        return ""
    return f"[{'+'.join(kept)}]" if kept else ""


# ---------------------------------------------------------------------------------------------------
# Tokens


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _language_title(movie: Any, language_filter: str | None) -> str:
    """`{Movie Title:DE}`: the German title when the movie has one, else the title."""
    if language_filter and regex.fullmatch(r"[a-z]{2}", language_filter, regex.IGNORECASE):
        for translation in _get(movie, "translations", None) or []:
            code = str(_get(translation, "language", "") or _get(translation, "iso_639_1", ""))
            if code.lower() == language_filter.lower() and _get(translation, "title", ""):
                return str(_get(translation, "title"))
    return str(movie.title or "")


def _length_filter(match: TokenMatch) -> str | None:
    return match.filter if match.filter and regex.fullmatch(r"-?\d+", match.filter) else None


def movie_tokens(movie: Any) -> dict[str, Handler]:
    """Tokens a folder format may use: the movie's titles, year and ids."""
    original = str(_get(movie, "original_title", "") or movie.title or "")
    collection = _get(movie, "collection", None)
    collection_title = str(_get(collection, "title", "") or "") if collection else ""
    year = int(_get(movie, "year", 0) or 0)
    return {
        "movie title": lambda m: truncate(_language_title(movie, m.filter), _length_filter(m)),
        "movie cleantitle": lambda m: truncate(
            scene_clean_title(_language_title(movie, m.filter)), _length_filter(m)
        ),
        "movie titlethe": lambda m: truncate(title_the(_language_title(movie, m.filter)), _length_filter(m)),
        "movie cleantitlethe": lambda m: truncate(
            title_the(scene_clean_title(_language_title(movie, m.filter))), _length_filter(m)
        ),
        "movie originaltitle": lambda m: truncate(original, _length_filter(m)),
        "movie cleanoriginaltitle": lambda m: truncate(scene_clean_title(original), _length_filter(m)),
        "movie titlefirstcharacter": lambda m: title_first_character(
            title_the(_language_title(movie, m.filter))
        ),
        "movie collection": lambda m: truncate(collection_title, _length_filter(m)),
        "movie collectionthe": lambda m: truncate(title_the(collection_title), _length_filter(m)),
        "movie certification": lambda m: str(_get(movie, "certification", "") or ""),
        "release year": lambda m: str(year) if year else "",
        "imdbid": lambda m: str(_get(movie, "imdb_id", "") or ""),
        "tmdbid": lambda m: str(_get(movie, "tmdb_id", "") or ""),
    }


def _quality_tokens(file: Any) -> dict[str, Handler]:
    quality = QUALITIES_BY_ID.get(int(_get(file, "quality_id", 0) or 0))
    if quality is None or quality.id == 0:
        return {
            key: (lambda m: "") for key in ("quality full", "quality title", "quality proper", "quality real")
        }
    title = str(_get(file, "quality_title", "") or quality.name)
    revision = _get(file, "revision", None) or {}
    version = int(_get(revision, "version", 1) or 1)
    is_repack = bool(_get(revision, "isRepack", False) or _get(revision, "is_repack", False))
    proper = ("Repack" if is_repack else "Proper") if version > 1 else ""
    real = "REAL" if int(_get(revision, "real", 0) or 0) > 0 else ""
    full = " ".join(part for part in (title, proper, real) if part)
    return {
        "quality full": lambda m: full,
        "quality title": lambda m: title,
        "quality proper": lambda m: proper,
        "quality real": lambda m: real,
    }


def _media_info_tokens(file: Any) -> dict[str, Handler]:
    from imports.mediainfo import format_audio_channels, format_video_codec, video_dynamic_range

    info = _get(file, "media_info", None) or {}
    if not info:
        return {}
    scene = str(_get(file, "scene_name", "") or _get(file, "relative_path", "") or "")
    video = format_video_codec(info, scene)
    audio = str(info.get("audioCodec") or "")
    channels = format_audio_channels(info)
    bit_depth = str(info.get("videoBitDepth") or 8)
    audio_languages = _split_languages(info.get("audioLanguages"))
    subtitles = _split_languages(info.get("subtitles"))
    three_d = "3D" if int(info.get("videoMultiViewCount") or 0) > 1 else ""
    dynamic_range, dynamic_range_type = video_dynamic_range(info)

    def full(m: TokenMatch) -> str:
        audio_part = languages_token(audio_languages, m.filter, skip_english_only=True)
        subtitle_part = languages_token(subtitles, m.filter, skip_english_only=False)
        return f"{video} {audio}{audio_part} {subtitle_part}"

    return {
        "mediainfo video": lambda m: video,
        "mediainfo videocodec": lambda m: video,
        "mediainfo videobitdepth": lambda m: bit_depth,
        "mediainfo audio": lambda m: audio,
        "mediainfo audiocodec": lambda m: audio,
        "mediainfo audiochannels": lambda m: channels,
        "mediainfo audiolanguages": lambda m: languages_token(
            audio_languages, m.filter, skip_english_only=True
        ),
        "mediainfo audiolanguagesall": lambda m: languages_token(
            audio_languages, m.filter, skip_english_only=False
        ),
        "mediainfo subtitlelanguages": lambda m: languages_token(
            subtitles, m.filter, skip_english_only=False
        ),
        "mediainfo subtitlelanguagesall": lambda m: languages_token(
            subtitles, m.filter, skip_english_only=False
        ),
        "mediainfo 3d": lambda m: three_d,
        "mediainfo simple": lambda m: f"{video} {audio}",
        "mediainfo full": full,
        "mediainfo videodynamicrange": lambda m: dynamic_range,
        "mediainfo videodynamicrangetype": lambda m: dynamic_range_type,
    }


def _split_languages(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [part for part in regex.split(r"[/,]", value) if part.strip()]
    return [str(part) for part in value]


def _file_tokens(file: Any, multiple_tokens: bool) -> dict[str, Handler]:
    def original_file_name() -> str:
        if multiple_tokens:
            return ""
        relative = str(_get(file, "relative_path", "") or _get(file, "path", "") or "")
        return posixpath.splitext(posixpath.basename(relative.replace("\\", "/")))[0]

    def original_title() -> str:
        return str(_get(file, "scene_name", "") or "") or original_file_name()

    release_group = str(_get(file, "release_group", "") or "")
    edition = edition_tags(str(_get(file, "edition", "") or ""))
    formats = [str(name) for name in (_get(file, "custom_formats", None) or [])]

    def custom_formats(m: TokenMatch) -> str:
        kept = formats
        if m.filter:
            names = [name.strip() for name in m.filter.lstrip("-").split(",")]
            kept = (
                [f for f in formats if f not in names]
                if m.filter.startswith("-")
                else [f for f in formats if f in names]
            )
        return " ".join(kept)

    return {
        "original title": lambda m: original_title(),
        "original filename": lambda m: original_file_name(),
        "release group": lambda m: (
            truncate(release_group, _length_filter(m)) if release_group else m.default("Radarr")
        ),
        "edition tags": lambda m: truncate(edition, _length_filter(m)),
        "custom formats": custom_formats,
        "custom format": lambda m: m.filter if m.filter and m.filter in formats else "",
    }


def file_tokens(movie: Any, file: Any, file_format: str) -> dict[str, Handler]:
    tokens = movie_tokens(movie)
    tokens.update(_quality_tokens(file))
    tokens.update(_media_info_tokens(file))
    multiple = len(_BRACED.findall(file_format)) + len(_NESTED.findall(file_format)) > 1
    tokens.update(_file_tokens(file, multiple))
    return tokens


# ---------------------------------------------------------------------------------------------------
# Rendering


def _token_key(token: str, separator: str) -> str:
    if separator and separator.strip():
        token = token.replace(separator, " ")
    return " ".join(token.split()).lower()


def _render_body(body: str, tokens: dict[str, Handler], config: NamingSettings) -> str | None:
    """The text for what stands between one pair of braces; None when it is not a token at all."""
    parsed = _BODY.match(body)
    if not parsed:
        return None
    match = TokenMatch(
        prefix=parsed.group("prefix"),
        token=parsed.group("token"),
        separator=parsed.group("separator") or "",
        filter=(parsed.group("filter") or "").strip(),
        suffix=parsed.group("suffix"),
    )
    handler = tokens.get(_token_key(match.token, match.separator))
    value = handler(match).strip() if handler else ""
    letters = [character for character in match.token if character.isalpha()]
    if letters and all(character.islower() for character in letters):
        value = value.lower()
    elif letters and all(character.isupper() for character in letters):
        value = value.upper()
    if match.separator and match.separator.strip():
        value = _SPACES.sub(" ", value).replace(" ", match.separator)
    value = clean_file_name(value, config)
    if not value.strip():
        return ""
    return f"{match.prefix}{value}{match.suffix}"


def render(pattern: str, tokens: dict[str, Handler], config: NamingSettings) -> str:
    """One path component of a format with its tokens replaced (before the final clean-up)."""

    def nested(match: regex.Match) -> str:
        value = _render_body(match.group("inner"), tokens, config)
        if value is None:
            return match.group(0)
        if not value:
            return ""
        return f"{_OPEN}{match.group('before')}{value}{match.group('after')}{_CLOSE}"

    text = _NESTED.sub(nested, pattern)
    text = _BRACED.sub(lambda match: _render_body(match.group("body"), tokens, config) or "", text)
    return text


def _finish(component: str) -> str:
    component = _EMPTY_BRACKETS.sub("", component)
    component = _REPEATED_SEPARATOR.sub(lambda match: match.group(1), component.strip())
    component = _TRAILING_SEPARATORS.sub("", component)
    component = _RESERVED_DEVICE.sub(lambda match: match.group(0).replace(".", "_"), component)
    return component.replace(_OPEN, "{").replace(_CLOSE, "}").replace(_ELLIPSIS, "...").strip()


def build_file_name(
    movie: Any, file: Any, config: NamingSettings, *, sample: bool = False, version: Any = None
) -> str:
    """The file name (without extension; may hold sub-folders with `/`) a movie file gets.

    `version`: the extra version the file is for (a MovieVersion: `name`, `path`), None for the primary.
    Its name is the `{Version Name}` token; when it shares the movie's folder and the format does not
    name it, the version suffix is added so its file never takes the primary file's name.
    """
    version_name = str(version.name) if version is not None else ""
    if not config.rename_movies and not sample:
        return with_version_suffix(original_name(file, config), version, config)
    file_format = config.standard_movie_format or ""
    if not file_format.strip():
        raise NamingFormatError("Standard movie format cannot be empty")
    tokens = file_tokens(movie, file, file_format)
    tokens[VERSION_NAME] = lambda m: version_name
    components = []
    for part in regex.split(r"[\\/]", file_format):
        if not part:
            continue
        component = _finish(render(part, tokens, config))
        if component:
            components.append(component)
    name = "/".join(components)
    return name if names_version(file_format) else with_version_suffix(name, version, config)


VERSION_NAME = "version name"
_VERSION_TOKEN = regex.compile(r"\{[^{}]*version[- ._]?name[^{}]*\}", regex.IGNORECASE)


def names_version(file_format: str) -> bool:
    """Whether a format writes the `{Version Name}` token."""
    return bool(_VERSION_TOKEN.search(file_format))


def version_suffix(version_name: str, config: NamingSettings) -> str:
    """What the file name of an extra version sharing the movie's folder ends with (" - 4K")."""
    suffix_format = getattr(config, "version_suffix_format", DEFAULT_VERSION_SUFFIX_FORMAT) or ""
    suffix = render(suffix_format, {VERSION_NAME: lambda m: version_name}, config)
    suffix = suffix.replace(_OPEN, "{").replace(_CLOSE, "}")
    return _TRAILING_SEPARATORS.sub("", suffix) if suffix.strip() else ""


def with_version_suffix(name: str, version: Any, config: NamingSettings) -> str:
    """`name` with the version's suffix when the version shares the movie's folder (a primary file,
    or a version in its own folder, keeps `name`)."""
    if version is None or getattr(version, "path", ""):
        return name
    suffix = version_suffix(str(version.name), config) or f" - {version.name}"  # never the primary's name
    head, _, last = name.rpartition("/")
    last = _finish(last + suffix)
    return f"{head}/{last}" if head else last


def version_suffix_namer() -> Callable[[str], str]:
    """The contract other apps call (settings.RADARR_VERSION_SUFFIX_NAMER): version name → the suffix
    its file has in the movie's folder, with the user's format read once."""
    config = _config(None)
    return lambda name: version_suffix(name, config)


def build_folder_name(movie: Any, config: NamingSettings) -> str:
    """The folder a movie gets inside its root folder (sub-folders allowed with `/`)."""
    folder_format = config.movie_folder_format or DEFAULT_MOVIE_FOLDER_FORMAT
    tokens = movie_tokens(movie)
    components = []
    for part in regex.split(r"[\\/]", folder_format):
        if not part:
            continue
        component = _finish(render(part, tokens, config)).strip(" .")
        if component:
            components.append(component)
    return "/".join(components) or str(_get(movie, "tmdb_id", "") or "")


def original_name(file: Any, config: NamingSettings | None = None) -> str:
    """The name a file keeps when renaming is off: its release (scene) name, else its own name."""
    scene = str(_get(file, "scene_name", "") or "")
    if scene:
        return clean_file_name(scene, config)
    relative = str(_get(file, "relative_path", "") or _get(file, "path", "") or "")
    return clean_file_name(posixpath.splitext(posixpath.basename(relative.replace("\\", "/")))[0], config)


def _config(config: NamingConfig | NamingSettings | None) -> NamingSettings:
    if config is not None:
        return config
    from imports.models import NamingConfig

    return NamingConfig.load()


class _DatabaseView:
    """A file as the naming tokens read it, with what the database adds: the user's quality titles
    and only the custom formats marked Include when Renaming."""

    def __init__(self, file: Any, quality_title: str, custom_formats: list[str]) -> None:
        self._file = file
        self.quality_title = quality_title
        self.custom_formats = custom_formats

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


def _database_view(movie: Any, file: Any) -> Any:
    from imports.renaming import naming_files, quality_titles
    from movies.models import MovieFile
    from releases.models import CustomFormat

    if isinstance(file, MovieFile):
        return naming_files(movie, [file])[0]
    included = set(
        CustomFormat.objects.filter(include_custom_format_when_renaming=True).values_list("name", flat=True)
    )
    names = [str(name) for name in (_get(file, "custom_formats", None) or []) if name in included]
    title = quality_titles().get(int(_get(file, "quality_id", 0) or 0), "")
    return _DatabaseView(file, title, names)


def movie_file_name(
    movie: Any, file: Any, config: NamingConfig | NamingSettings | None = None, *, version: Any = None
) -> str:
    """The contract other apps call: a movie file's new name without extension (the original name when
    Rename Movies is off). `file` is a MovieFile or anything with its attributes (the import's facts);
    `version` the extra version it is for (None: the primary), see build_file_name."""
    config = _config(config)
    if not config.rename_movies:
        return with_version_suffix(original_name(file, config), version, config)
    return build_file_name(movie, _database_view(movie, file), config, version=version)


def movie_folder_namer() -> Callable[[Any], str]:
    """The contract other apps call (settings.RADARR_MOVIE_FOLDER_NAMER): a function naming movie
    folders with the user's folder format, read once however many movies it then names."""
    config = _config(None)
    return lambda movie: build_folder_name(movie, config)


# ---------------------------------------------------------------------------------------------------
# Examples (config/naming/examples and the settings page)


@dataclass(frozen=True, slots=True)
class _SampleCollection:
    title: str = "The Movie Collection"


@dataclass(frozen=True, slots=True)
class _SampleMovie:
    title: str = "The Movie: Title"
    original_title: str = "The Original Movie Title"
    year: int = 2010
    imdb_id: str = "tt0066921"
    tmdb_id: int = 345691
    certification: str = "R"
    collection: _SampleCollection = _SampleCollection()


@dataclass(frozen=True, slots=True)
class _SampleFile:
    quality_id: int = 7  # Bluray-1080p
    revision: tuple = ()
    release_group: str = "RlsGrp"
    edition: str = "Ultimate extended edition"
    scene_name: str = "The.Movie.Title.2010.Ultimate.Extended.Edition.1080p.BluRay.DTS.x264-RlsGrp"
    relative_path: str = "The.Movie.Title.2010.Ultimate.Extended.Edition.1080p.BluRay.DTS.x264-RlsGrp.mkv"
    language_ids: tuple = (1,)
    custom_formats: tuple = ("Surround Sound", "x264")

    @property
    def media_info(self) -> dict[str, Any]:
        return {
            "videoCodec": "x264",
            "videoBitDepth": 10,
            "audioCodec": "DTS",
            "audioChannels": 5.1,
            "audioLanguages": ["eng", "ger"],
            "subtitles": ["eng", "ger"],
            "hdrFormat": "HDR10",
            "videoMultiViewCount": 1,
        }


SAMPLE_MOVIE = _SampleMovie()
SAMPLE_FILE = _SampleFile()


def naming_examples(config: NamingSettings) -> dict[str, str]:
    """`{movieExample, movieFolderExample}` for a made-up movie, as Radarr's examples endpoint answers."""
    return {
        "movieExample": build_file_name(SAMPLE_MOVIE, SAMPLE_FILE, config, sample=True) + ".mkv",
        "movieFolderExample": build_folder_name(SAMPLE_MOVIE, config),
    }
