"""Movie folder names from the folder naming format, as Radarr's FileNameBuilder builds them.

Supported tokens: `{Movie Title}`, `{Movie CleanTitle}`, `{Movie TitleThe}`, `{Movie CleanTitleThe}`,
`{Movie OriginalTitle}`, `{Release Year}`, `{TmdbId}`, `{ImdbId}`, with Radarr's separators
(`{Movie.CleanTitle}`), case (`{movie title}`) and literal wrappers (`{tmdb-{TmdbId}}`,
`{[ImdbId]}`) that vanish when the token is empty.
"""

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex
from django.conf import settings
from django.utils.module_loading import import_string

from movies.titles import remove_accents

# What a new movie's folder is called when no namer is configured (settings.RADARR_MOVIE_FOLDER_NAMER).
DEFAULT_FOLDER_FORMAT = "{Movie CleanTitle} ({Release Year})"

# Radarr's CleanTitle: punctuation standing alone between spaces, apostrophes and colons before a
# contraction or the end of a word, and every bracket are dropped; slashes become spaces.
_STANDALONE_PUNCTUATION = r"(?<=\s)[,<>/\\;:'\"|`’~!?@$%^*\-_=](?=\s)"
_CONTRACTION_PUNCTUATION = r"['`’:?,](?=(?:(?:s|m|t|ve|ll|d|re)\s)|\s|$)"
_CLEAN_REMOVE = regex.compile(
    rf"{_STANDALONE_PUNCTUATION}|{_CONTRACTION_PUNCTUATION}|[()\[\]{{}}]", regex.IGNORECASE
)
_CLEAN_REPLACE = regex.compile(r"[/\\]")
_TITLE_PREFIX = regex.compile(r"^(The|An|A) (.*?)((?: *\([^)]+\))*)$", regex.IGNORECASE)

# Characters Windows or Linux refuse in a file name, and what Radarr writes instead.
_ILLEGAL = {"\\": "+", "/": "+", "<": "", ">": "", "?": "!", "*": "-", "|": "", '"': ""}
_RESERVED_DEVICE = regex.compile(r"^(?:aux|com[1-9]|con|lpt[1-9]|nul|prn)(?=\.|$)", regex.IGNORECASE)
_SPACES = regex.compile(r"\s{2,}")

# A token, optionally wrapped in literal text inside outer braces: `{tmdb-{TmdbId}}`, `{[ImdbId]}`.
_NESTED = regex.compile(r"\{(?P<prefix>[^{}]*)\{(?P<token>[^{}]+)\}(?P<suffix>[^{}]*)\}")
_TOKEN = regex.compile(
    r"\{(?P<prefix>[-\[( ._]*)(?P<token>[a-z]+(?:[- ._][a-z]+)*)(?P<suffix>[-\]) ._]*)\}", regex.IGNORECASE
)
_SEPARATED = regex.compile(r"^(?P<first>[a-z]+)(?P<separator>[- ._])(?P<second>[a-z]+)$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FolderFacts:
    """What folder tokens read: a Movie row or a lookup's MovieMetadata both provide these."""

    title: str
    year: int
    tmdb_id: int
    imdb_id: str = ""
    original_title: str = ""


def folder_facts(movie: Any) -> FolderFacts:
    """The folder facts of a Movie row or a lookup's MovieMetadata."""
    return FolderFacts(
        title=movie.title,
        year=movie.year or 0,
        tmdb_id=movie.tmdb_id,
        imdb_id=movie.imdb_id or "",
        original_title=movie.original_title or "",
    )


def clean_title(title: str) -> str:
    """`Star Wars: Episode IV - A New Hope` → `Star Wars Episode IV - A New Hope` ({Movie CleanTitle})."""
    title = title.replace("&", "and")
    title = _CLEAN_REPLACE.sub(" ", title)
    title = _CLEAN_REMOVE.sub("", title)
    return _SPACES.sub(" ", remove_accents(title)).strip()


def title_the(title: str) -> str:
    """`The Matrix` → `Matrix, The` ({Movie TitleThe}); a trailing `(2019)` stays at the end."""
    match = _TITLE_PREFIX.match(title)
    if not match:
        return title
    return f"{match.group(2).strip()}, {match.group(1)}{match.group(3)}".strip()


def clean_file_name(name: str) -> str:
    """Replace characters no filesystem accepts; colons as Radarr's default "smart" replacement."""
    name = name.replace(": ", " - ").replace(":", "-")
    for bad, good in _ILLEGAL.items():
        name = name.replace(bad, good)
    return name.strip()


def clean_folder_name(name: str) -> str:
    """A folder name may not end in dots or spaces (Windows drops them) nor be a device name."""
    name = clean_file_name(name).strip(" .")
    return _RESERVED_DEVICE.sub(lambda match: f"_{match.group(0)}", name)


def _token_value(token: str, facts: FolderFacts) -> str | None:
    """The text a token stands for, or None for a token folder formats do not know."""
    separated = _SEPARATED.match(token)
    separator = " "
    key = token.lower()
    if separated:
        separator = separated.group("separator")
        key = f"{separated.group('first')} {separated.group('second')}".lower()
    values = {
        "movie title": facts.title,
        "movie cleantitle": clean_title(facts.title),
        "movie titlethe": title_the(facts.title),
        "movie cleantitlethe": title_the(clean_title(facts.title)),
        "movie originaltitle": facts.original_title or facts.title,
        "movie cleanoriginaltitle": clean_title(facts.original_title or facts.title),
        "release year": str(facts.year) if facts.year else "",
        "tmdbid": str(facts.tmdb_id) if facts.tmdb_id else "",
        "imdbid": facts.imdb_id or "",
    }
    if key not in values:
        return None
    value = values[key]
    if separator != " ":
        value = value.replace(" ", separator)
    if token.isupper() and token.lower() != token:
        return value.upper()
    if token.islower():
        return value.lower()
    return value


def _replace(match: regex.Match, facts: FolderFacts, braced: bool = False) -> str:
    value = _token_value(match.group("token"), facts)
    if value is None:
        return match.group(0)  # unknown tokens stay visible, as Radarr leaves them
    if not value:
        return ""  # prefix and suffix are written only with a value
    text = f"{match.group('prefix')}{value}{match.group('suffix')}"
    return f"{{{text}}}" if braced else text  # `{imdb-{ImdbId}}` → `{imdb-tt0133093}` (Plex's form)


def movie_folder_name(facts: FolderFacts, folder_format: str = DEFAULT_FOLDER_FORMAT) -> str:
    """The folder a movie gets inside its root folder: `The Matrix (1999)` by default."""
    name = _NESTED.sub(lambda match: _replace(match, facts, braced=True), folder_format)
    # the braces a nested wrapper wrote hold digits, which the token pattern never reads as a token
    name = _TOKEN.sub(lambda match: _replace(match, facts), name)
    name = _SPACES.sub(" ", name.replace("()", "").replace("[]", ""))
    return clean_folder_name(name) or str(facts.tmdb_id)


def movie_path(root_folder_path: str, facts: FolderFacts, folder_format: str = DEFAULT_FOLDER_FORMAT) -> str:
    return posixpath.join(root_folder_path.rstrip("/") or "/", movie_folder_name(facts, folder_format))


def new_movie_folder_namer() -> Callable[[Any], str]:
    """Names the folders movies added now get inside their root folder, from the user's Movie Folder
    Format, read once: take one namer for a list of results (lookup, the Add page), not one per movie.

    Naming settings live in `imports`, which movies may not import: settings.RADARR_MOVIE_FOLDER_NAMER
    names the function that makes the namer (the composition root, as JOBS names tasks). A namer takes a
    Movie row or a lookup's MovieMetadata. Without one the default format is used.
    """
    factory = getattr(settings, "RADARR_MOVIE_FOLDER_NAMER", "")
    if not factory:
        return lambda movie: movie_folder_name(folder_facts(movie))
    return import_string(factory)()


def new_movie_folder_name(movie: Any) -> str:
    return new_movie_folder_namer()(movie)
