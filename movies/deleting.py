"""Deleting movies from the library, one or many, their folder with them only when the user asks."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from movies.events import movie_delete_event
from movies.files import remove_movie_folder
from movies.models import Collection, ImportExclusion, Movie
from notifications.events import notify
from radarr.api.errors import ApiError
from radarr.idsets import in_ids

logger = logging.getLogger(__name__)


# ---- deleting


def _exclude(movie: Movie) -> None:
    ImportExclusion.objects.get_or_create(
        tmdb_id=movie.tmdb_id, defaults={"movie_title": movie.title, "movie_year": movie.year}
    )


def delete_movie(movie: Movie, *, delete_files: bool = False, add_exclusion: bool = False) -> None:
    """Remove a movie from the library; its folder (and its extra versions' own folders) go only when
    the user ticked "delete files"."""
    if delete_files:
        remove_movie_folder(movie)  # raises, leaving the movie in place, when a folder is not its own
    with transaction.atomic():
        if add_exclusion:
            _exclude(movie)
        collection_id = movie.collection_id
        notify(movie_delete_event(movie, deleted_files=delete_files))  # sent once the delete commits
        movie.delete()
        if collection_id and not Movie.objects.filter(collection_id=collection_id).exists():
            # Radarr's housekeeping drops collections no library movie belongs to any more
            Collection.objects.filter(pk=collection_id).delete()
    logger.info(
        "Deleted %s from the library (files %s%s)",
        movie,
        "deleted" if delete_files else "kept on disk",
        ", excluded from lists" if add_exclusion else "",
    )


@dataclass(slots=True)
class BulkDeletion:
    deleted: int = 0
    refused: list[str] = field(default_factory=list)  # why each movie left in place was refused


def delete_movies(
    movie_ids: Iterable[int], *, delete_files: bool = False, add_exclusion: bool = False
) -> BulkDeletion:
    """Delete several movies one by one, so one refused folder does not stop or undo the others."""
    outcome = BulkDeletion()
    for movie in Movie.objects.filter(pk__in=in_ids(movie_ids)):
        try:
            delete_movie(movie, delete_files=delete_files, add_exclusion=add_exclusion)
        except ApiError as error:
            logger.error("Could not delete %s: %s", movie, error.message)
            outcome.refused.append(error.message)
            continue
        outcome.deleted += 1
    return outcome
