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
from dataclasses import dataclass, field
from pathlib import Path

import regex
from django.conf import settings
from django.db import transaction
from django.db.models import Min, Sum
from django.utils.module_loading import import_string

from movies.events import file_delete_event
from movies.fileformats import assign_formats
from movies.models import Movie, MovieFile
from notifications.events import notify
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
    """Recompute the denormalised `has_file`/`size_on_disk` and make sure one file is primary."""
    files = MovieFile.objects.filter(movie=movie)
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


def _root_is_unavailable(movie: Movie) -> bool:
    root = Path(movie.root_folder_path) if movie.root_folder_path else Path(movie.path).parent
    return not root.is_dir() or not any(root.iterdir())


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


def _match_rows(movie: Movie) -> ScanOutcome:
    """Add, resize and delete the movie's MovieFile rows to match the video files on disk."""
    folder = Path(movie.path)
    on_disk = {found.relative_path: found for found in find_video_files(folder)} if folder.is_dir() else {}
    outcome = ScanOutcome(movie, found=len(on_disk))
    with transaction.atomic():
        known = {row.relative_path: row for row in MovieFile.objects.select_for_update().filter(movie=movie)}
        outcome.removed = [row for path, row in known.items() if path not in on_disk]
        for row in outcome.removed:
            notify(file_delete_event(row, "missingFromDisk"))  # sent once the removal commits
        MovieFile.objects.filter(pk__in=[row.pk for row in outcome.removed]).delete()
        outcome.added = [new_movie_file(movie, found) for path, found in on_disk.items() if path not in known]
        for row in outcome.added:
            row.is_primary = False  # the largest becomes primary below when none is
        assign_formats(outcome.added, movie)
        MovieFile.objects.bulk_create(outcome.added)
        for path, row in known.items():
            if path in on_disk and on_disk[path].size != row.size:
                row.size = on_disk[path].size
                MovieFile.objects.filter(pk=row.pk).update(size=row.size)
                outcome.changed.append(row)
        update_file_state(movie)
    return outcome


def _run_scan_hooks(outcome: ScanOutcome) -> None:
    """The work other apps add to a scan (history of vanished files, media info, extras), named by dotted
    path in settings because movies may not import them. One failing hook is logged, not fatal: the
    files were matched and committed already."""
    for hook in getattr(settings, "RADARR_MOVIE_SCAN_HOOKS", ()):
        try:
            import_string(hook)(outcome)
        except Exception:
            logger.exception("After-scan step %s failed for %s", hook, outcome.movie)


def scan_movie_folder(movie: Movie) -> str:
    """Match the rows of `movie`'s files to what is on disk, then run the after-scan hooks outside the
    transaction (ffprobe must not hold the database's write lock); returns the outcome for the log."""
    if _root_is_unavailable(movie):
        message = f"Root folder of {movie} is missing or empty; scan skipped so no file is dropped"
        logger.warning(message)
        return message
    outcome = _match_rows(movie)
    _run_scan_hooks(outcome)
    logger.info(outcome.message)
    return outcome.message
