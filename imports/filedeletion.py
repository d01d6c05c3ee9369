"""Deleting a movie file by hand (the movie page, DELETE /api/v3/moviefile): an explicit user action,
through the recycle bin when one is set, recorded as history and told to notifications. A version's
file is deleted from its version's folder and leaves the other versions' files as they are."""

import logging
from pathlib import Path

from django.db import transaction

from downloads.history import record_file_deleted
from imports.extras import delete_extras_of
from imports.metadatafiles import remove_movie_metadata_images
from imports.recyclebin import RecycleError, recycle_file
from indexers.evidence import note_outcome, release_group_of
from movies.events import file_delete_event
from movies.filefolders import version_folder_of
from movies.files import POINT_INSIDE
from movies.models import MovieFile
from movies.rootfolders import placement
from movies.scanning import update_file_state, update_version_file_state
from notifications.events import notify
from scenegroups.models import OutcomeKind

logger = logging.getLogger(__name__)


class FileDeletionError(Exception):
    pass


def delete_movie_file(movie_file: MovieFile, reason: str = "manual") -> None:
    """Move the file (and its extras) to the recycle bin, or delete it when none is set, then forget it.

    If the file cannot be moved or deleted, nothing is forgotten: the row stays and the error says why.
    """
    movie = movie_file.movie
    version = movie_file.version if movie_file.version_id else None
    place = placement(version_folder_of(movie, version))
    if place.problem:  # an old row pointing outside every root folder: nothing there is deleted
        raise FileDeletionError(f"Cannot delete files of {movie}: {place.problem}. {POINT_INSIDE}")
    folder = Path(place.path)
    path = folder / movie_file.relative_path
    try:
        if path.exists():
            recycle_file(path, folder.name)
    except RecycleError as error:
        raise FileDeletionError(str(error)) from error
    delete_extras_of(movie_file, recycle=lambda extra: recycle_file(extra, folder.name))
    event = file_delete_event(movie_file, reason)
    with transaction.atomic():
        record_file_deleted(movie_file, reason.capitalize())
        note_outcome(  # before the delete, while the row still has its id
            release_group_of(movie_file.scene_name, movie_file.release_group),
            OutcomeKind.DELETED,
            key=f"moviefile:{movie_file.pk}",
            movie_id=movie.pk,
            title=movie_file.scene_name or movie_file.relative_path,
        )
        movie_file.delete()
        if version is not None:
            update_version_file_state(version)
        else:
            update_file_state(movie)
        remove_movie_metadata_images(movie)  # the last file gone: poster.jpg and folder.jpg go too
        notify(event)
    logger.info("Deleted movie file %s of %s (%s)", path, movie, reason)
