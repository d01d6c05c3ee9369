"""Removing an extra version of a movie (the API's DELETE /movie/{id}/version/{versionId}).

Its file is deleted (through the recycle bin when one is set) only when the user asks, through the one
function that deletes movie files by hand. Otherwise nothing on disk is touched: a file in the movie's
folder stays as an unassigned file of the movie (a later import of the primary version may replace it,
as any other file there); a file in the version's own folder is forgotten, since the movie's rows point
into the movie's folder only, and stays where it is.
"""

import logging

from django.db import transaction

from downloads.models import TERMINAL_STATES, TrackedDownload
from imports.filedeletion import delete_movie_file
from movies.models import MovieFile, MovieVersion
from movies.scanning import update_file_state

logger = logging.getLogger(__name__)


def delete_version(row: MovieVersion, *, delete_files: bool = False) -> None:
    """Remove the extra version `row`; with `delete_files` its file goes first (FileDeletionError, the
    version kept, when the file cannot be recycled or deleted)."""
    movie = row.movie
    held = MovieFile.objects.filter(version=row).select_related("movie", "version").first()
    if held is not None and delete_files:
        delete_movie_file(held, "manual")  # raises FileDeletionError, leaving file, row and version
        held = None
    with transaction.atomic():
        if held is not None:
            if row.path:
                logger.info("%s stays in %s; %s no longer lists it", held.relative_path, row.path, movie)
                held.delete()
            else:
                MovieFile.objects.filter(pk=held.pk).update(version=None, is_primary=False)
        # its downloads in the queue wait for a manual import, as Radarr's do when their movie is deleted,
        # rather than landing on the primary version
        orphaned = (
            TrackedDownload.objects.filter(version=row)
            .exclude(state__in=TERMINAL_STATES)
            .update(movie=None, version=None)
        )
        row.delete()
        update_file_state(movie)  # the unassigned file may now be the primary one's
    logger.info("Removed the version '%s' of %s (its file %s)", row.name, movie, _fate(held, delete_files))
    if orphaned:
        logger.info("%d download(s) for it now wait in the queue for a manual import", orphaned)


def _fate(held: MovieFile | None, delete_files: bool) -> str:
    if delete_files:
        return "deleted"
    return "kept on disk" if held is not None else "was not there"
