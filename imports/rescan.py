"""What a movie folder rescan does once movies.scanning has matched the video files to their rows.

movies.scanning may not import this app, so settings.RADARR_MOVIE_SCAN_HOOKS names `after_movie_scans`
(the composition root, as JOBS names tasks). It runs after the scan's transaction with the outcomes of a
batch of folders, and only for folders really scanned (never for an unmounted root folder):
- a file gone from disk leaves a MovieFileDeleted history event (reason MissingFromDisk), and the movie
  is unmonitored when "Unmonitor Deleted Movies" is on and it has no file left;
- files without media info, or whose size or modification time changed since they were probed, are read
  together (imports.mediainfo.probe_files: PyAV in one helper process, ffprobe for the rest); the others
  are not, so a rescan of a whole library stays cheap, and a file ffprobe cannot read is not read again
  until its size or modification time changes;
- extras beside the movie files are tracked and rows of extras gone from disk are dropped;
- the enabled metadata consumers' files are written (or removed when the movie has no file left).
"""

import logging
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from django.db import transaction

from downloads.history import record_file_deleted
from imports.extras import scan_movies_extras
from imports.mediainfo import SCHEMA_REVISION, ffprobe_path, probe_files
from imports.metadatafiles import write_movies_metadata
from imports.models import MediaManagementConfig
from imports.options import import_options
from movies.filefolders import path_of
from movies.models import Movie, MovieFile
from movies.scanning import ScanOutcome
from radarr.idsets import in_ids

logger = logging.getLogger(__name__)

# Keys MovieFile.media_info keeps beside ffprobe's view: the file as it was when probed.
PROBED_SIZE, PROBED_MTIME = "probedSize", "probedModified"


def after_movie_scans(outcomes: list[ScanOutcome]) -> None:
    """The history, monitoring, media info, extras and metadata files that follow a scan of a batch of
    folders: a fixed number of queries for the batch (besides what changed)."""
    gone = [outcome for outcome in outcomes if outcome.removed]
    if gone:
        with transaction.atomic():
            for outcome in gone:
                record_missing_files(outcome.movie, outcome.removed)
                if not outcome.movie.has_file:
                    unmonitor_if_configured(outcome.movie)
    changed = {row.pk for outcome in outcomes for row in outcome.changed}
    movies = [outcome.movie for outcome in outcomes]
    refresh_media_infos(movies, changed=changed)
    try:
        scan_movies_extras(movies)
    except Exception:
        logger.exception("Tracking the extras of %d movie(s) failed", len(movies))
    write_movies_metadata(movies)


def record_missing_files(movie: Movie, rows: list[MovieFile]) -> None:
    """A MovieFileDeleted history event (reason MissingFromDisk) for each file gone from disk."""
    for row in rows:
        record_file_deleted(row, "MissingFromDisk")


def unmonitor_if_configured(movie: Movie) -> None:
    """Radarr's "Unmonitor Deleted Movies": a movie whose files vanished stops being searched for."""
    if import_options().auto_unmonitor_previously_downloaded_movies and movie.monitored:
        movie.monitored = False
        Movie.objects.filter(pk=movie.pk).update(monitored=False)
        logger.info("Unmonitored %s: its files are gone from disk", movie)


def _stamp(stat: os.stat_result) -> dict[str, int]:
    return {PROBED_SIZE: stat.st_size, PROBED_MTIME: int(stat.st_mtime)}


def unreadable_stamp(stat: os.stat_result) -> str:
    """What MovieFile.unreadable_stamp keeps of a file ffprobe could not read: its size and mtime."""
    return f"{stat.st_size}:{int(stat.st_mtime)}"


def needs_probe(stored: dict[str, Any], stat: os.stat_result) -> bool:
    """No media info yet, an older schema, or the file differs from the one probed. Media info written by
    an import carries no stamp: it was read from this very file, so it counts as current."""
    if not stored or int(stored.get("schemaRevision") or 0) < SCHEMA_REVISION:
        return True
    stamp = _stamp(stat)
    return any(key in stored and stored[key] != value for key, value in stamp.items())


def refresh_media_info(movie: Movie, *, changed: Collection[int] = (), force: bool = False) -> int:
    """Read media info for the movie's files that need it (see refresh_media_infos)."""
    return refresh_media_infos([movie], changed=changed, force=force)


def refresh_media_infos(movies: list[Movie], *, changed: Collection[int] = (), force: bool = False) -> int:
    """Read media info for these movies' files that need it (`changed`: row ids a scan saw change size;
    all when `force`), when Analyse Video Files is on: read together (probe_files), the rows written in one
    transaction. A file ffprobe cannot read is remembered by size and mtime and not probed again until
    it changes. Returns how many files were updated."""
    if not movies or not MediaManagementConfig.load().enable_media_info or ffprobe_path() is None:
        return 0
    by_id = {movie.pk: movie for movie in movies}
    wanted: list[tuple[MovieFile, Path, os.stat_result]] = []
    rows = (
        MovieFile.objects.filter(movie_id__in=in_ids(by_id))
        .select_related("version")
        .only("pk", "movie_id", "relative_path", "media_info", "unreadable_stamp", "version__path")
    )
    for movie_file in rows:
        movie_file.movie = by_id[movie_file.movie_id]
        path = Path(path_of(movie_file))
        try:
            stat = path.stat()
        except OSError:
            continue  # gone since the scan: the next scan drops its row
        asked = force or movie_file.pk in changed
        if not (asked or needs_probe(movie_file.media_info or {}, stat)):
            continue
        if not asked and movie_file.unreadable_stamp == unreadable_stamp(stat):
            continue  # ffprobe could not read it as it is now
        wanted.append((movie_file, path, stat))
    if not wanted:
        return 0
    results = probe_files([path for _row, path, _stat in wanted])
    read, unreadable = [], []
    for (movie_file, path, stat), info in zip(wanted, results, strict=True):
        if info is None:
            movie_file.unreadable_stamp = unreadable_stamp(stat)
            unreadable.append(movie_file)
            logger.warning("ffprobe could not read %s; it is not read again until it changes", path)
        else:
            movie_file.media_info = info.as_dict() | _stamp(stat)
            movie_file.unreadable_stamp = ""
            read.append(movie_file)
    with transaction.atomic():
        MovieFile.objects.bulk_update(read + unreadable, ["media_info", "unreadable_stamp"], batch_size=200)
    if read:
        logger.info("Read media info of %d file(s) of %d movie(s)", len(read), len(movies))
    return len(read)
