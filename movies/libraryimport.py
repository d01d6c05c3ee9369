"""Library import: the folders of a root folder that no movie owns yet, matched to TMDB and added.

A folder name's ids come first (`{tmdb-603}`, `{tmdbid-603}`, `[tmdbid=603]`, `{imdb-tt0133093}`), as
the TRaSH naming schemes write them; otherwise the title and year read from the name are searched.
Adding goes through movies.adding.add_movie with the folder's own path, whose scan recognises the
files already there.
"""

import logging
import os
import posixpath
from dataclasses import dataclass, field

import regex

from movies.adding import add_movie
from movies.library import normalize_path
from movies.metadata import MovieMetadata
from movies.models import Movie
from radarr.api.errors import ApiError
from radarr.commands import report_progress
from releases.parser import parse_movie_title

logger = logging.getLogger(__name__)

# Folders NAS systems, recycle bins and media servers keep inside shares (Radarr skips the same).
_SYSTEM_FOLDERS = frozenset(
    name.lower()
    for name in (
        "#recycle", "@recycle", "@eadir", "$recycle.bin", "system volume information", "lost+found",
        "@recently-snapshot", "plex versions", "#snapshot", "recycler",
    )
)  # fmt: skip
_TMDB_ID = regex.compile(r"[{\[]tmdb(?:id)?[-=](?P<id>\d+)[}\]]", regex.IGNORECASE)
_IMDB_ID = regex.compile(r"[{\[]imdb(?:id)?[-=](?P<id>tt\d{5,})[}\]]", regex.IGNORECASE)
_BRACKETED_IDS = regex.compile(r"\s*[{\[](?:tmdb|imdb)(?:id)?[-=][^}\]]*[}\]]", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UnmappedFolder:
    name: str
    path: str
    relative_path: str


@dataclass(slots=True)
class FolderMatch:
    """A folder and what TMDB says it holds; `error` says why nothing was found."""

    folder: UnmappedFolder
    metadata: MovieMetadata | None = None
    existing: Movie | None = None  # the library already holds the matched movie elsewhere
    error: str = ""
    candidates: list[MovieMetadata] = field(default_factory=list)


def _is_system_folder(name: str) -> bool:
    return name.startswith(".") or name.lower() in _SYSTEM_FOLDERS


def unmapped_folders(root_path: str) -> list[UnmappedFolder]:
    """Sub-folders of a root folder that are not a movie's folder, sorted by name."""
    root = normalize_path(root_path)
    try:
        entries = [entry for entry in os.scandir(root) if entry.is_dir(follow_symlinks=True)]
    except OSError:
        return []
    owned = set(Movie.objects.filter(path__startswith=root.rstrip("/") + "/").values_list("path", flat=True))
    folders = [
        UnmappedFolder(entry.name, posixpath.join(root, entry.name), entry.name)
        for entry in entries
        if not _is_system_folder(entry.name) and posixpath.join(root, entry.name) not in owned
    ]
    return sorted(folders, key=lambda folder: folder.name.lower())


def ids_in_folder_name(name: str) -> tuple[int | None, str | None]:
    """(TMDB id, IMDb id) written in a folder name, either may be None."""
    tmdb, imdb = _TMDB_ID.search(name), _IMDB_ID.search(name)
    return (int(tmdb["id"]) if tmdb else None, imdb["id"].lower() if imdb else None)


def title_and_year(name: str) -> tuple[str, int | None]:
    """The title and year a folder name spells, ids removed: `The Matrix (1999) {tmdb-603}` → (…, 1999)."""
    without_ids = _BRACKETED_IDS.sub("", name).strip()
    parsed = parse_movie_title(without_ids, is_dir=True)
    if parsed is None:
        return without_ids, None
    return parsed.primary_movie_title, parsed.year


def _best(results: list[MovieMetadata], year: int | None) -> MovieMetadata | None:
    """The first result of that year, else within a year of it (release years differ by country)."""
    if not results:
        return None
    if year:
        for tolerance in (0, 1):
            close = [result for result in results if result.year and abs(result.year - year) <= tolerance]
            if close:
                return close[0]
    return results[0]


def match_folder(folder: UnmappedFolder) -> FolderMatch:
    """Find the movie a folder holds: ids in the name first, then a TMDB search for title and year."""
    from movies import tmdb

    match = FolderMatch(folder)
    tmdb_id, imdb_id = ids_in_folder_name(folder.name)
    try:
        if tmdb_id is not None:
            match.metadata = tmdb.fetch_movie(tmdb_id)
        elif imdb_id is not None:
            match.metadata = tmdb.fetch_movie_by_imdb(imdb_id)
        else:
            title, year = title_and_year(folder.name)
            match.candidates = tmdb.search_movies(f"{title} {year}" if year else title)
            match.metadata = _best(match.candidates, year)
    except tmdb.TmdbError as error:
        match.error = error.message
        return match
    if match.metadata is None:
        match.error = f"No movie found on TMDB for '{folder.name}'"
    else:
        match.existing = Movie.objects.filter(tmdb_id=match.metadata.tmdb_id).first()
    return match


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """One folder to add, with the options the user chose for it; without a path, a new folder named by
    the Movie Folder Format in `root_folder_path`."""

    path: str
    metadata: MovieMetadata
    quality_profile_id: int
    minimum_availability: str = "released"
    monitored: bool = True
    monitor: str = "movieOnly"
    tag_ids: tuple[int, ...] = ()
    search_for_movie: bool = False
    root_folder_path: str = ""


def import_movies(requests: list[ImportRequest]) -> tuple[list[Movie], list[tuple[ImportRequest, str]]]:
    """Add each folder as its movie, one at a time; a refused one is reported and the rest go on."""
    added: list[Movie] = []
    failed: list[tuple[ImportRequest, str]] = []
    for number, request in enumerate(requests, start=1):
        where = request.path or request.root_folder_path
        report_progress(f"Importing '{where}' ({number} of {len(requests)})")
        try:
            movie = add_movie(
                request.metadata,
                quality_profile_id=request.quality_profile_id,
                # with a path: the configured root folder holding it (movies.rootfolders)
                root_folder_path="" if request.path else request.root_folder_path,
                path=request.path or None,
                monitored=request.monitored,
                minimum_availability=request.minimum_availability,
                tag_ids=request.tag_ids,
                monitor=request.monitor,
                search_for_movie=request.search_for_movie,
            )
        except ApiError as error:
            logger.warning("Library import of '%s' refused: %s", where, error.message)
            failed.append((request, error.message))
            continue
        added.append(movie)
    logger.info("Library import added %d movie(s), %d refused", len(added), len(failed))
    return added, failed
