"""Library import: the folders of a root folder that no movie owns yet, matched to TMDB and added.

A folder name's ids come first (`{tmdb-603}`, `{tmdbid-603}`, `[tmdbid=603]`, `{imdb-tt0133093}`), as
the TRaSH naming schemes write them; otherwise the title and year read from the name are searched.
Adding goes through movies.adding.add_movie with the folder's own path, whose scan recognises the
files already there.
"""

import bisect
import logging
import os
import posixpath
from dataclasses import dataclass, field
from typing import Any

import regex
from django.db import IntegrityError, transaction

from movies.adding import MONITOR_TYPES, add_movie
from movies.autotagging import apply_auto_tags
from movies.events import movie_added_event
from movies.folders import new_movie_folder_namer
from movies.library import availability_failure, folder_failure, normalize_path
from movies.metadata import CollectionRef, MovieMetadata
from movies.models import AlternativeTitle, Collection, Credit, Movie, RootFolder
from movies.refresh import alternative_title_rows, apply_metadata, credit_rows
from movies.rootfolders import configured_root_folder, configured_root_folders, placement, root_folder_failure
from movies.scanning import scan_movie_folders
from movies.titles import clean_title, sort_title
from notifications.events import notify
from radarr.api.errors import ApiError, Failure, ValidationFailed, invalid
from radarr.commands import report_progress
from radarr.idsets import in_ids
from radarr.models import Tag
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


def _match_on_tmdb(folder: UnmappedFolder) -> FolderMatch:
    """What TMDB says a folder holds: ids in the name first, then a search for title and year. No
    database access (match_folders runs this in threads)."""
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
    return match


def match_folders(folders: list[UnmappedFolder]) -> list[FolderMatch]:
    """Each folder's match, in order: TMDB asked for several at once (within its rate limit), then the
    library's movies among the matches read in one query."""
    from movies import tmdb

    matches = [
        found if isinstance(found, FolderMatch) else FolderMatch(folder, error=found.message)
        for folder, found in zip(folders, tmdb.fetch_many(_match_on_tmdb, folders), strict=True)
    ]
    wanted = {match.metadata.tmdb_id for match in matches if match.metadata is not None}
    existing = {movie.tmdb_id: movie for movie in Movie.objects.filter(tmdb_id__in=in_ids(wanted))}
    for match in matches:
        if match.metadata is not None:
            match.existing = existing.get(match.metadata.tmdb_id)
    return matches


def match_folder(folder: UnmappedFolder) -> FolderMatch:
    """Find the movie a folder holds: ids in the name first, then a TMDB search for title and year."""
    return match_folders([folder])[0]


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """One folder to add, with the options the user chose for it; without a path, a new folder named by
    the Movie Folder Format in `root_folder_path`."""

    path: str
    metadata: MovieMetadata
    quality_profile_id: int
    root_folder_path: str = ""
    minimum_availability: str = "released"
    monitored: bool = True
    monitor: str = "movieOnly"
    tag_ids: tuple[int, ...] = ()
    search_for_movie: bool = False
    root_folder_path: str = ""


BATCH_SIZE = 250  # movies written per transaction


@dataclass(slots=True)
class _Checks:
    """What adding many movies checks each one against, read once (not a few queries per movie)."""

    roots: list[str]
    root_rows: set[str]  # RootFolder paths as stored (a movie folder may not be one)
    profiles: set[int]
    tags: set[int]
    tmdb_ids: set[int]
    paths: list[str]  # sorted: whether a new folder holds an existing one is a bisect
    writable: dict[str, Failure | None] = field(default_factory=dict)
    namer: Any = None

    @classmethod
    def load(cls) -> "_Checks":
        from releases.models import QualityProfile

        return cls(
            roots=configured_root_folders(),
            root_rows=set(RootFolder.objects.values_list("path", flat=True)),
            profiles=set(QualityProfile.objects.values_list("pk", flat=True)),
            tags=set(Tag.objects.values_list("pk", flat=True)),
            tmdb_ids=set(Movie.objects.order_by().values_list("tmdb_id", flat=True)),
            paths=sorted(Movie.objects.order_by().values_list("path", flat=True)),
        )

    def holds_a_movie(self, path: str) -> bool:
        prefix = path.rstrip("/") + "/"
        index = bisect.bisect_left(self.paths, prefix)
        return index < len(self.paths) and self.paths[index].startswith(prefix)

    def root_failure(self, root: str) -> Failure | None:
        if root not in self.writable:
            self.writable[root] = folder_failure("RootFolderPath", root)
        return self.writable[root]


def _planned_movie(request: ImportRequest, checks: _Checks) -> Movie:
    """The unsaved Movie for one folder, checked as movies.adding.add_movie checks (ValidationFailed)."""
    metadata = request.metadata
    if metadata.tmdb_id in checks.tmdb_ids:
        raise invalid("TmdbId", "This movie has already been added", metadata.tmdb_id)
    failures: list[Failure] = []
    if request.quality_profile_id not in checks.profiles:
        failures.append(
            Failure("QualityProfileId", "Quality Profile does not exist", request.quality_profile_id)
        )
    if failure := availability_failure(request.minimum_availability):
        failures.append(failure)
    if request.path:
        place = placement(request.path, checks.roots)
    else:
        root = configured_root_folder(request.root_folder_path, checks.roots)
        if not root:
            raise ValidationFailed([root_folder_failure("RootFolderPath", request.root_folder_path)])
        if checks.namer is None:
            checks.namer = new_movie_folder_namer()
        place = placement(posixpath.join(root, checks.namer(metadata)), checks.roots)
    if place.problem:
        raise ValidationFailed([*failures, Failure("Path", place.problem, request.path or place.path)])
    if failure := checks.root_failure(place.root_folder):  # it must be there and writable
        failures.append(failure)
    else:
        failures += _path_failures(place.path, checks)
    if request.monitor not in MONITOR_TYPES:
        failures.append(Failure("AddOptions.Monitor", "'Monitor' is not valid", request.monitor))
    if failures:
        raise ValidationFailed(failures)
    movie = Movie(
        quality_profile_id=request.quality_profile_id,
        root_folder_path=place.root_folder,
        path=place.path,
        monitored=request.monitored and request.monitor != "none",
        minimum_availability=request.minimum_availability,
        add_options={
            "monitor": request.monitor,
            "searchForMovie": request.search_for_movie,
            "addMethod": "manual",
        },
    )
    apply_metadata(movie, metadata)
    checks.tmdb_ids.add(metadata.tmdb_id)
    bisect.insort(checks.paths, place.path)
    return movie


def _path_failures(path: str, checks: _Checks) -> list[Failure]:
    """movies.library.path_failures from the loaded checks."""
    index = bisect.bisect_left(checks.paths, path)
    if index < len(checks.paths) and checks.paths[index] == path:
        return [Failure("Path", "Path is already configured for an existing movie", path)]
    if checks.holds_a_movie(path):
        return [Failure("Path", "Path is an ancestor of an existing movie", path)]
    if path in checks.root_rows:
        return [Failure("Path", "Path is a root folder, a movie needs its own folder inside it", path)]
    return []


def _collections(batch: list[tuple[ImportRequest, Movie]]) -> dict[int, Collection]:
    """The Collection rows of a batch's movies: existing ones read at once, new ones created together,
    monitored when a movie asks for "movieAndCollection"."""
    wanted: dict[int, tuple[CollectionRef, Movie, bool]] = {}
    for request, movie in batch:
        ref = request.metadata.collection
        if ref is None:
            continue
        monitor = request.monitor == "movieAndCollection"
        if ref.tmdb_id not in wanted or (monitor and not wanted[ref.tmdb_id][2]):
            wanted[ref.tmdb_id] = (ref, movie, monitor)
    if not wanted:
        return {}
    found = {row.tmdb_id: row for row in Collection.objects.filter(tmdb_id__in=list(wanted))}
    new = [
        Collection(
            tmdb_id=ref.tmdb_id,
            title=ref.title,
            clean_title=clean_title(ref.title),
            sort_title=sort_title(ref.title),
            quality_profile_id=movie.quality_profile_id,
            root_folder_path=movie.root_folder_path,
            minimum_availability=movie.minimum_availability,
        )
        for tmdb_id, (ref, movie, _monitor) in wanted.items()
        if tmdb_id not in found
    ]
    for row in Collection.objects.bulk_create(new):
        found[row.tmdb_id] = row
    for tmdb_id, (_ref, movie, monitor) in wanted.items():
        collection = found[tmdb_id]
        if monitor and not collection.monitored:
            collection.monitored = True
            collection.quality_profile_id = movie.quality_profile_id
            collection.root_folder_path = movie.root_folder_path
            collection.minimum_availability = movie.minimum_availability
            collection.save()
            logger.info("Monitoring collection %s with the settings of %s", collection, movie)
    return found


def _add_batch(batch: list[tuple[ImportRequest, Movie]], tags: set[int], notify_added: bool) -> list[Movie]:
    """Write one batch of checked movies in one transaction: rows, tags, titles, credits, collections and
    the files already in their folders (no ffprobe: that is FinishLibraryImport's, in the background)."""
    movies = [movie for _request, movie in batch]
    through = Movie.tags.through
    with transaction.atomic():
        collections = _collections(batch)
        for request, movie in batch:
            ref = request.metadata.collection
            movie.collection = collections.get(ref.tmdb_id) if ref else None
        Movie.objects.bulk_create(movies)
        through.objects.bulk_create(
            [
                through(movie_id=movie.pk, tag_id=tag_id)
                for request, movie in batch
                for tag_id in sorted(set(request.tag_ids) & tags)
            ],
            ignore_conflicts=True,
        )
        apply_auto_tags(movies)
        AlternativeTitle.objects.bulk_create(
            [
                row
                for request, movie in batch
                for row in alternative_title_rows(movie, request.metadata.alternative_titles, set())
            ]
        )
        Credit.objects.bulk_create(
            [row for request, movie in batch for row in credit_rows(movie, request.metadata.credits)]
        )
        if notify_added:
            for movie in movies:
                notify(movie_added_event(movie))
        scan_movie_folders(movies, hooks=False)  # the files already there count from the start
    return movies


@dataclass(frozen=True, slots=True)
class AddedMovie:
    """What a library import keeps of each movie it added, so a whole library's Movie objects are never
    held at once (20,000 of them held ~50 MB of small objects, whose arenas stayed mapped after)."""

    pk: int
    tmdb_id: int
    path: str
    has_file: bool
    search_for_movie: bool

    @classmethod
    def of(cls, movie: Movie) -> "AddedMovie":
        search = bool((movie.add_options or {}).get("searchForMovie"))
        return cls(movie.pk, movie.tmdb_id, movie.path, movie.has_file, search)


def import_movies(requests: list[ImportRequest]) -> tuple[list[AddedMovie], list[tuple[ImportRequest, str]]]:
    """Add each folder as its movie, a batch at a time (checked, then written in one transaction); a
    refused one is reported and the rest go on.

    The request only writes rows (movies, their files as named on disk): media info, extras, metadata
    files and covers are FinishLibraryImport's, one command queued for all of them, and a search for
    those that asked is one MoviesSearch."""
    from notifications.models import Notification

    checks = _Checks.load()
    notify_added = Notification.objects.filter(on_movie_added=True).exists()
    added: list[AddedMovie] = []
    failed: list[tuple[ImportRequest, str]] = []
    for start in range(0, len(requests), BATCH_SIZE):
        chunk = requests[start : start + BATCH_SIZE]
        progress = f"Importing {start + 1}-{start + len(chunk)} of {len(requests)} movies"
        added += _import_chunk(chunk, checks, failed, notify_added, progress)
    if added:
        _queue_follow_up(added)
    logger.info("Library import added %d movie(s), %d refused", len(added), len(failed))
    return added, failed


def _import_chunk(
    chunk: list[ImportRequest],
    checks: _Checks,
    failed: list[tuple[ImportRequest, str]],
    notify_added: bool,
    progress: str,
) -> list[AddedMovie]:
    """Check and write one batch; only what the caller keeps of each movie outlives it."""
    batch = _planned_batch(chunk, checks, failed)
    if not batch:
        return []
    report_progress(progress)
    try:
        movies = _add_batch(batch, checks.tags, notify_added)
    except IntegrityError:
        # another request or worker added one of these since the checks: one at a time, so only that
        # one is refused
        movies = []
        for request, _movie in batch:
            try:
                movies.append(_add_one(request))
            except ApiError as error:
                failed.append((request, error.message))
    for movie in movies:  # the title, not the Movie: a handler that keeps records keeps no movie
        logger.info("Added %s to the library at '%s' (library import)", str(movie), movie.path)
    return [AddedMovie.of(movie) for movie in movies]


def _planned_batch(
    chunk: list[ImportRequest], checks: _Checks, failed: list[tuple[ImportRequest, str]]
) -> list[tuple[ImportRequest, Movie]]:
    """The unsaved movies of these requests; a refused one goes to `failed` with its reason. The checks
    learn each planned movie, so a later batch (or item) asking for the same movie or folder is refused."""
    planned = []
    for request in chunk:
        try:
            planned.append((request, _planned_movie(request, checks)))
        except ApiError as error:
            where = request.path or request.root_folder_path
            logger.warning("Library import of '%s' refused: %s", where, error.message)
            failed.append((request, error.message))
    return planned


def _add_one(request: ImportRequest) -> Movie:
    return add_movie(
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


def _queue_follow_up(added: list[AddedMovie]) -> None:
    """One FinishLibraryImport for media info, extras and covers, one MoviesSearch for those that asked."""
    from radarr.commands import queue_command

    with transaction.atomic():
        queue_command("FinishLibraryImport", {"movieIds": [movie.pk for movie in added]})
        wanted = [movie.pk for movie in added if movie.search_for_movie]
        if wanted:
            queue_command("MoviesSearch", {"movieIds": wanted})
