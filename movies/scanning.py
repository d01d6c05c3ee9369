"""Rescanning a movie folder: which video files are there, and the MovieFile rows that match them.

With imports.pipeline.import_file, this is one of the two places that add or remove MovieFile rows and
keep `Movie.has_file` and `Movie.size_on_disk` right. A scan never deletes anything on disk: a file that
vanished loses its row. What follows from that lives in apps movies may not import, so the scan hands a
ScanOutcome to the functions settings.RADARR_MOVIE_SCAN_HOOKS names (imports.rescan: the history event,
"Unmonitor Deleted Movies", media info for new or changed files, extras). When the root folder is missing
or empty (an unmounted share), the scan changes nothing and calls no hook, because that is how Radarr
users lost whole libraries.
"""

import logging
import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min, Sum
from django.utils.module_loading import import_string

from movies.events import file_delete_event
from movies.fileformats import assign_formats, current_formats
from movies.models import Movie, MovieFile, MovieVersion
from notifications.events import notify
from radarr.idsets import in_ids
from releases.parser import parse_movie_path

logger = logging.getLogger(__name__)

# Radarr's MediaFileExtensions video list, less the playlist and disc-image pieces (.m3u, .strm, .ifo,
# .bin, .dat, .img, .nrg, .wpl) that never hold a whole movie on their own.
VIDEO_EXTENSIONS = frozenset(
    {
        ".webm", ".m4v", ".3gp", ".nsv", ".ty", ".rm", ".rmvb", ".mov", ".qt", ".divx", ".xvid", ".bivx",
        ".pva", ".wmv", ".asf", ".asx", ".ogm", ".ogv", ".m2v", ".avi", ".dvr-ms", ".mpg", ".mpeg", ".mp4",
        ".avc", ".vp3", ".svq3", ".nuv", ".viv", ".dv", ".fli", ".flv", ".iso", ".vob", ".mkv", ".mk3d",
        ".ts", ".wtv", ".m2ts",
    }
)  # fmt: skip
# Sub-folders Radarr never reads as the movie itself: extras, NAS thumbnails, hidden folders.
_SKIPPED_FOLDERS = regex.compile(
    r"^(?:extras|extrafanart|behind the scenes|deleted scenes|featurettes|interviews|other|scenes|"
    r"samples?|shorts|trailers|plex versions|@eadir|\..+)$",
    regex.IGNORECASE,
)
_SKIPPED_FILES = regex.compile(r"^\._|^thumbs\.db$|^\.ds_store$|\.partial~$", regex.IGNORECASE)
SAMPLE_NAME = regex.compile(r"(?:^|[\W_])sample(?:[\W_]|$)", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundFile:
    relative_path: str  # inside the movie folder, with "/" separators
    size: int


def is_video_file(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in VIDEO_EXTENSIONS


def find_video_files(folder: Path) -> list[FoundFile]:
    """Video files under `folder`, skipping extras/sample folders, sample files and hidden files."""
    found: list[FoundFile] = []
    for current, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if not _SKIPPED_FOLDERS.match(name))
        for name in sorted(names):
            if _SKIPPED_FILES.search(name) or SAMPLE_NAME.search(os.path.splitext(name)[0]):
                continue
            if not is_video_file(name):
                continue
            full = Path(current) / name
            try:
                size = full.stat().st_size
            except OSError:
                continue  # vanished or unreadable while we walked
            found.append(FoundFile(full.relative_to(folder).as_posix(), size))
    return found


def new_movie_file(movie: Movie, found: FoundFile) -> MovieFile:
    """A MovieFile for a file found in the folder: quality, group, edition and languages from its name."""
    parsed = parse_movie_path(f"{Path(movie.path).name}/{found.relative_path}")
    movie_file = MovieFile(movie=movie, relative_path=found.relative_path, size=found.size)
    if parsed is None:
        movie_file.language_ids = [movie.original_language_id]
        return movie_file
    revision = parsed.quality.revision
    movie_file.quality_id = parsed.quality.quality.id
    movie_file.revision = {"version": revision.version, "real": revision.real, "isRepack": revision.is_repack}
    movie_file.release_group = parsed.release_group or ""
    movie_file.edition = parsed.edition or ""
    languages = [language.id for language in parsed.languages if language.id > 0]
    movie_file.language_ids = languages or [movie.original_language_id]
    return movie_file


def update_file_state(movie: Movie) -> None:
    """Recompute the primary version's denormalised `has_file`/`size_on_disk` and make sure one of its
    files is primary. An extra version's file counts for that version only (update_version_file_state):
    the movie row is the primary version, so a 4K file never makes the 1080p one look present."""
    files = MovieFile.objects.filter(movie=movie, version__isnull=True)
    if files.exists() and not files.filter(is_primary=True).exists():
        largest = files.order_by("-size", "pk").first()
        MovieFile.objects.filter(pk=largest.pk).update(is_primary=True)
    totals = files.aggregate(size=Sum("size"), oldest=Min("date_added"))
    movie.size_on_disk = totals["size"] or 0
    movie.has_file = totals["oldest"] is not None
    # the first import is kept through upgrades and deletions: the upgrade window counts from it
    first = Movie.objects.filter(pk=movie.pk).values_list("first_imported", flat=True).first()
    if totals["oldest"] is not None and (first is None or totals["oldest"] < first):
        first = totals["oldest"]
    movie.first_imported = first
    Movie.objects.filter(pk=movie.pk).update(
        has_file=movie.has_file, size_on_disk=movie.size_on_disk, first_imported=first
    )


def update_version_file_state(version: MovieVersion) -> None:
    """An extra version's `has_file`/`size_on_disk`/`first_imported` from its one file, as
    update_file_state keeps them for the movie (the first import kept through upgrades and deletions)."""
    held = MovieFile.objects.filter(version=version).values_list("size", "date_added").first()
    first = MovieVersion.objects.filter(pk=version.pk).values_list("first_imported", flat=True).first()
    if held is not None and (first is None or held[1] < first):
        first = held[1]
    version.has_file, version.size_on_disk, version.first_imported = (
        held is not None,
        held[0] if held else 0,
        first,
    )
    MovieVersion.objects.filter(pk=version.pk).update(
        has_file=version.has_file, size_on_disk=version.size_on_disk, first_imported=first
    )


def _root_is_unavailable(movie: Movie, seen: dict[Path, bool] | None = None) -> bool:
    """Whether the movie's root folder is missing or empty (an unmounted share); `seen` keeps the answer
    per root folder for a batch of movies."""
    root = Path(movie.root_folder_path) if movie.root_folder_path else Path(movie.path).parent
    return _unavailable(root, seen)


def _unavailable(root: Path, seen: dict[Path, bool] | None) -> bool:
    if seen is not None and root in seen:
        return seen[root]
    try:
        unavailable = not root.is_dir() or next(root.iterdir(), None) is None
    except OSError:
        unavailable = True
    if seen is not None:
        seen[root] = unavailable
    return unavailable


@dataclass(slots=True)
class ScanOutcome:
    """What one folder scan changed: handed to the after-scan hooks (settings.RADARR_MOVIE_SCAN_HOOKS)."""

    movie: Movie  # with `has_file` and `size_on_disk` as the scan left them
    found: int  # video files on disk
    added: list[MovieFile] = field(default_factory=list)
    changed: list[MovieFile] = field(default_factory=list)  # a new size on disk (the row holds it now)
    removed: list[MovieFile] = field(default_factory=list)  # rows deleted: their file is gone from disk

    @property
    def message(self) -> str:
        return (
            f"Scanned {self.movie}: {self.found} video file(s), {len(self.added)} new, "
            f"{len(self.removed)} gone from disk"
        )


MOVIE_FOLDER = 0  # the location of files in the movie's own folder; else an extra version's id

Location = tuple[int, str]  # (MOVIE_FOLDER or the id of a version with its own folder, relative path)


def _folders(movie: Movie, versions: list[MovieVersion], seen: dict[Path, bool]) -> dict[int, Path]:
    """Where the movie's files may lie: its folder, and the own folder of each extra version whose root
    folder is there (an unmounted 4K share is left out, so none of its files is dropped)."""
    folders = {MOVIE_FOLDER: Path(movie.path)}
    for version in versions:
        if version.path and not _unavailable(
            Path(version.root_folder_path or Path(version.path).parent), seen
        ):
            folders[version.pk] = Path(version.path)
    return folders


def _files_on_disk(folders: dict[int, Path]) -> dict[Location, FoundFile]:
    return {
        (location, found.relative_path): found
        for location, folder in folders.items()
        if folder.is_dir()
        for found in find_video_files(folder)
    }


def _location(row: MovieFile, versions: dict[int, MovieVersion]) -> int:
    version = versions.get(row.version_id) if row.version_id else None
    return version.pk if version is not None and version.path else MOVIE_FOLDER


def match_rows(movies: list[Movie]) -> list[ScanOutcome]:
    """Add, resize and delete the MovieFile rows of these movies to match the video files on disk, and
    keep `has_file`, `size_on_disk`, `first_imported` (of the movies and their extra versions) and the
    primary file right: one transaction and a fixed number of queries for the whole batch (the disk is
    read before the transaction opens). A file in an extra version's own folder is that version's; a
    file in the movie's folder whose name ends with a version's suffix is that version's."""
    if not movies:
        return []
    by_id = {movie.pk: movie for movie in movies}
    extras = _extra_versions(by_id)
    versions = {version.pk: version for rows in extras.values() for version in rows}
    seen: dict[Path, bool] = {}
    folders = {movie.pk: _folders(movie, extras.get(movie.pk, []), seen) for movie in movies}
    on_disk = {movie.pk: _files_on_disk(folders[movie.pk]) for movie in movies}
    outcomes = {movie.pk: ScanOutcome(movie, found=len(on_disk[movie.pk])) for movie in movies}
    suffix_of = _suffix_namer(versions.values())
    with transaction.atomic():
        known: dict[int, dict[Location, MovieFile]] = {movie.pk: {} for movie in movies}
        for row in MovieFile.objects.select_for_update().filter(movie_id__in=in_ids(by_id)).order_by("pk"):
            row.movie = by_id[row.movie_id]
            if row.version_id in versions:
                row.version = versions[row.version_id]
            row._loaded_primary = row.is_primary  # what _settle_file_state compares with
            row._loaded_version = row.version_id
            known[row.movie_id][(_location(row, versions), row.relative_path)] = row
        stored = {
            pk: state
            for pk, *state in Movie.objects.filter(pk__in=in_ids(by_id)).values_list(
                "pk", "has_file", "size_on_disk", "first_imported"
            )
        }
        resized: list[MovieFile] = []
        formats = None
        for movie in movies:
            outcome, rows, found = outcomes[movie.pk], known[movie.pk], on_disk[movie.pk]
            scanned = folders[movie.pk]
            outcome.removed = [row for key, row in rows.items() if key[0] in scanned and key not in found]
            added = {key: new_movie_file(movie, item) for key, item in found.items() if key not in rows}
            for row in added.values():
                row.is_primary = False  # the largest becomes primary below when none is
            outcome.added = _assign_versions(outcome, rows, added, extras.get(movie.pk, []), suffix_of)
            if outcome.added:
                formats = formats or current_formats()
                assign_formats(outcome.added, movie, formats)
            for key, row in rows.items():
                if key in found and found[key].size != row.size:
                    row.size = found[key].size
                    outcome.changed.append(row)
            resized += outcome.changed
        _choose_primaries(list(outcomes.values()), known)
        removed = [row for outcome in outcomes.values() for row in outcome.removed]
        for row in removed:
            notify(file_delete_event(row, "missingFromDisk"))  # sent once the removal commits
        if removed:
            MovieFile.objects.filter(pk__in=in_ids(row.pk for row in removed)).delete()
        if resized:
            MovieFile.objects.bulk_update(resized, ["size"], batch_size=500)
        reassigned = [
            row for rows in known.values() for row in rows.values() if row.version_id != row._loaded_version
        ]
        if reassigned:
            MovieFile.objects.bulk_update(reassigned, ["version"], batch_size=500)
        MovieFile.objects.bulk_create([row for outcome in outcomes.values() for row in outcome.added])
        _settle_file_state(list(outcomes.values()), known, stored)
        _settle_version_state(list(outcomes.values()), known, versions)
    return list(outcomes.values())


def _extra_versions(by_id: dict[int, Movie]) -> dict[int, list[MovieVersion]]:
    rows: dict[int, list[MovieVersion]] = {}
    for version in MovieVersion.objects.filter(movie_id__in=in_ids(by_id)).order_by("movie_id", "name", "pk"):
        version.movie = by_id[version.movie_id]
        rows.setdefault(version.movie_id, []).append(version)
    return rows


def _assign_versions(
    outcome: ScanOutcome,
    rows: dict[Location, MovieFile],
    added: dict[Location, MovieFile],
    versions: list[MovieVersion],
    suffix_of: Callable[[str], str],
) -> list[MovieFile]:
    """Give each extra version without a file the file that is its own: the largest new file in its own
    folder, or the largest file of the movie's folder (new, or known and unassigned) whose name ends
    with its suffix. New files in a version's folder it cannot hold (it has one) are not recorded."""
    gone = {row.pk for row in outcome.removed}
    holding = {row.version_id for row in rows.values() if row.version_id and row.pk not in gone}
    for version in versions:
        if version.pk in holding:
            continue
        if version.path:
            candidates = [row for key, row in added.items() if key[0] == version.pk]
        else:
            suffix = suffix_of(version.name).strip().casefold()
            unassigned = [
                row
                for key, row in rows.items()
                if key[0] == MOVIE_FOLDER and row.pk not in gone and not row.is_primary and not row.version_id
            ]
            candidates = [
                row
                for row in [*(row for key, row in added.items() if key[0] == MOVIE_FOLDER), *unassigned]
                if not row.version_id and suffix and _stem(row).casefold().endswith(suffix)
            ]
        if candidates:
            chosen = max(candidates, key=lambda row: row.size)
            chosen.version, chosen.is_primary = version, False
    kept = [row for key, row in added.items() if key[0] == MOVIE_FOLDER or row.version_id]
    if len(kept) < len(added):
        logger.warning("%s: files in a version's folder beside its own file are not recorded", outcome.movie)
    return kept


def _suffix_namer(versions: Iterable[MovieVersion]) -> Callable[[str], str]:
    """Version name -> the suffix of its file in the movie's folder (imports' naming format, read once
    per batch and only when a version shares the movie's folder)."""
    if not any(not version.path for version in versions):
        return lambda name: ""
    return import_string(settings.RADARR_VERSION_SUFFIX_NAMER)()


def _stem(row: MovieFile) -> str:
    return os.path.splitext(posixpath.basename(row.relative_path))[0]


def _remaining(outcome: ScanOutcome, known: dict[int, dict[Location, MovieFile]]) -> list[MovieFile]:
    gone = {row.pk for row in outcome.removed}
    return [row for row in known[outcome.movie.pk].values() if row.pk not in gone] + outcome.added


def _choose_primaries(outcomes: list[ScanOutcome], known: dict[int, dict[Location, MovieFile]]) -> None:
    """The largest file of the primary version becomes primary where no remaining file is: set on new
    rows before they are inserted (no UPDATE at all for a library import), flagged for one UPDATE on
    existing rows. An extra version's file never becomes primary."""
    for outcome in outcomes:
        rows = [row for row in _remaining(outcome, known) if not row.version_id]
        if rows and not any(row.is_primary for row in rows):
            largest = min(rows, key=lambda row: (-row.size, row.pk or 0))
            largest.is_primary = True


def _settle_file_state(
    outcomes: list[ScanOutcome], known: dict[int, dict[Location, MovieFile]], stored: dict[int, list[Any]]
) -> None:
    """update_file_state for a batch, from the rows in hand: the primary flags chosen above written,
    and the denormalised columns of the movies whose values changed (one statement for the batch)."""
    to_primary = [
        row.pk
        for outcome in outcomes
        for row in known[outcome.movie.pk].values()
        if row.is_primary and row not in outcome.removed and not _was_primary(row)
    ]
    changed: list[Movie] = []
    for outcome in outcomes:
        movie = outcome.movie
        rows = [row for row in _remaining(outcome, known) if not row.version_id]
        oldest = min((row.date_added for row in rows), default=None)
        was = tuple(stored.get(movie.pk) or (None, None, None))
        first = was[2]  # the first import is kept through upgrades and deletions
        if oldest is not None and (first is None or oldest < first):
            first = oldest
        state = (bool(rows), sum(row.size for row in rows), first)
        movie.has_file, movie.size_on_disk, movie.first_imported = state
        if state != was:
            changed.append(movie)
    if to_primary:
        MovieFile.objects.filter(pk__in=in_ids(to_primary)).update(is_primary=True)
    if changed:
        # one prepared statement run for each movie: Django's bulk_update builds a CASE per column and
        # row, slower than the writes themselves at a few hundred movies
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE movies_movie SET has_file = %s, size_on_disk = %s, first_imported = %s WHERE id = %s",
                [
                    (movie.has_file, movie.size_on_disk, adapt(movie.first_imported), movie.pk)
                    for movie in changed
                ],
            )


def _settle_version_state(
    outcomes: list[ScanOutcome],
    known: dict[int, dict[Location, MovieFile]],
    versions: dict[int, MovieVersion],
) -> None:
    """update_version_file_state for the batch's extra versions whose file came, went or changed size."""
    held = {
        row.version_id: row for outcome in outcomes for row in _remaining(outcome, known) if row.version_id
    }
    changed = []
    for version in versions.values():
        row = held.get(version.pk)
        first = version.first_imported
        if row is not None and (first is None or row.date_added < first):
            first = row.date_added
        state = (row is not None, row.size if row is not None else 0, first)
        if state != (version.has_file, version.size_on_disk, version.first_imported):
            version.has_file, version.size_on_disk, version.first_imported = state
            changed.append(version)
    if changed:
        MovieVersion.objects.bulk_update(
            changed, ["has_file", "size_on_disk", "first_imported"], batch_size=500
        )


def _was_primary(row: MovieFile) -> bool:
    return row.__dict__.get("_loaded_primary", row.is_primary)


def _run_scan_hooks(outcomes: list[ScanOutcome]) -> None:
    """The work other apps add to a scan (history of vanished files, media info, extras), named by dotted
    path in settings because movies may not import them; each takes the batch's outcomes. One failing
    hook is logged, not fatal: the files were matched and committed already."""
    if not outcomes:
        return
    for hook in getattr(settings, "RADARR_MOVIE_SCAN_HOOKS", ()):
        try:
            import_string(hook)(outcomes)
        except Exception:
            logger.exception("After-scan step %s failed for %d movie(s)", hook, len(outcomes))


def scan_movie_folders(movies: list[Movie], *, hooks: bool = True) -> list[str]:
    """Match the rows of these movies' files to what is on disk (one batch), then run the after-scan
    hooks outside the transaction (ffprobe must not hold the database's write lock); returns each
    movie's outcome for the log, in order. `hooks=False` leaves media info and extras to a later scan."""
    seen: dict[Path, bool] = {}
    skipped = {movie.pk for movie in movies if _root_is_unavailable(movie, seen)}
    for movie in movies:
        if movie.pk in skipped:
            logger.warning("Root folder of %s is missing or empty; scan skipped so no file is dropped", movie)
    outcomes = match_rows([movie for movie in movies if movie.pk not in skipped])
    if hooks:
        _run_scan_hooks(outcomes)
    messages = {outcome.movie.pk: outcome.message for outcome in outcomes}
    for outcome in outcomes:
        logger.info(outcome.message)
    return [
        messages.get(movie.pk)
        or f"Root folder of {movie} is missing or empty; scan skipped so no file is dropped"
        for movie in movies
    ]


def scan_movie_folder(movie: Movie) -> str:
    """One movie's scan_movie_folders; returns the outcome for the log."""
    return scan_movie_folders([movie])[0]
