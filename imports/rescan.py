"""What a movie folder rescan does once movies.scanning has matched the video files to their rows.

movies.scanning may not import this app, so settings.RADARR_MOVIE_SCAN_HOOKS names `after_movie_scan`
(the composition root, as JOBS names tasks). It runs after the scan's transaction, and only when the
scan really ran (never for an unmounted root folder):
- a file gone from disk leaves a MovieFileDeleted history event (reason MissingFromDisk), and the movie
  is unmonitored when "Unmonitor Deleted Movies" is on and it has no file left;
- files without media info, or whose size or modification time changed since they were probed, are read
  with ffprobe; the others are not, so a rescan of a whole library stays cheap;
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
from imports.extras import scan_extras
from imports.mediainfo import SCHEMA_REVISION, ffprobe_path, probe
from imports.metadatafiles import write_metadata_safely
from imports.models import MediaManagementConfig
from imports.options import import_options
from movies.models import Movie, MovieFile
from movies.scanning import ScanOutcome

logger = logging.getLogger(__name__)

# Keys MovieFile.media_info keeps beside ffprobe's view: the file as it was when probed.
PROBED_SIZE, PROBED_MTIME = "probedSize", "probedModified"


def after_movie_scan(outcome: ScanOutcome) -> None:
    """The history, monitoring, media info and extras that follow a folder scan."""
    movie = outcome.movie
    with transaction.atomic():
        record_missing_files(movie, outcome.removed)
        if outcome.removed and not movie.has_file:
            unmonitor_if_configured(movie)
    refresh_media_info(movie, changed={row.pk for row in outcome.changed})
    scan_extras(movie)
    write_metadata_safely(movie)


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


def needs_probe(stored: dict[str, Any], stat: os.stat_result) -> bool:
    """No media info yet, an older schema, or the file differs from the one probed. Media info written by
    an import carries no stamp: it was read from this very file, so it counts as current."""
    if not stored or int(stored.get("schemaRevision") or 0) < SCHEMA_REVISION:
        return True
    stamp = _stamp(stat)
    return any(key in stored and stored[key] != value for key, value in stamp.items())


def refresh_media_info(movie: Movie, *, changed: Collection[int] = (), force: bool = False) -> int:
    """Read media info for the movie's files that need it (`changed`: row ids the scan saw change size;
    all when `force`), when Analyse Video Files is on. Returns how many files were updated."""
    if not MediaManagementConfig.load().enable_media_info or ffprobe_path() is None:
        return 0
    updated = 0
    for movie_file in MovieFile.objects.filter(movie=movie):
        path = Path(movie.path) / movie_file.relative_path
        try:
            stat = path.stat()
        except OSError:
            continue  # gone since the scan: the next scan drops its row
        stored = movie_file.media_info or {}
        if not (force or movie_file.pk in changed or needs_probe(stored, stat)):
            continue
        info = probe(path)
        if info is None:
            continue
        MovieFile.objects.filter(pk=movie_file.pk).update(media_info=info.as_dict() | _stamp(stat))
        updated += 1
    if updated:
        logger.info("Read media info of %d file(s) of %s", updated, movie)
    return updated
