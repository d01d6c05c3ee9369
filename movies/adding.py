"""Adding movies to the library, from TMDB metadata (pages, the v3 API, library import, collections,
import lists) or from a TMDB id alone, validated as Radarr validates them.
"""

import logging
import os
import posixpath
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from movies.autotagging import apply_auto_tags
from movies.events import movie_added_event
from movies.folders import new_movie_folder_name
from movies.library import (
    availability_failure,
    existing_tag_ids,
    folder_failure,
    path_failures,
    profile_failure,
)
from movies.metadata import CollectionRef, MovieMetadata
from movies.models import Collection, MetadataConfig, Movie, VersionTemplate
from movies.refresh import (  # the refresh's own copy rules
    apply_metadata,
    replace_alternative_titles,
    replace_credits,
)
from movies.rootfolders import configured_root_folder, placement, root_folder_failure
from movies.scanning import scan_movie_folder
from movies.titles import clean_title, sort_title
from movies.versions import apply_template
from notifications.events import notify
from radarr.api.errors import Failure, ValidationFailed, invalid

logger = logging.getLogger(__name__)

MONITOR_TYPES = ("movieOnly", "movieAndCollection", "none")
ADD_METHODS = ("manual", "list", "collection")


# ---- adding


def _raise_if_taken(movie: Movie) -> None:
    """The 400 for a movie or folder another request added between our checks and our insert."""
    if Movie.objects.filter(tmdb_id=movie.tmdb_id).exists():
        raise invalid("TmdbId", "This movie has already been added", movie.tmdb_id)
    if Movie.objects.filter(path=movie.path).exists():
        raise invalid("Path", "Path is already configured for an existing movie", movie.path)


def add_movie(
    metadata: MovieMetadata,
    *,
    quality_profile_id: int,
    root_folder_path: str,
    monitored: bool = True,
    minimum_availability: str = "released",
    tag_ids: Iterable[int] = (),
    monitor: str = "movieOnly",
    search_for_movie: bool = False,
    add_method: str = "manual",
    path: str | None = None,
    version_templates: Iterable[VersionTemplate] = (),
) -> Movie:
    """Add a movie described by TMDB to the library, in its folder under the root folder: `path` when
    given (library import, a client's choice), else named by the user's Movie Folder Format. Each of
    `version_templates` adds its extra version with the movie (a template it cannot apply is logged).

    Excluded movies may still be added by hand (as in Radarr); lists and collections check first.
    """
    if Movie.objects.filter(tmdb_id=metadata.tmdb_id).exists():
        raise invalid("TmdbId", "This movie has already been added", metadata.tmdb_id)
    failures = _add_failures(quality_profile_id, minimum_availability)
    root_folder_path, path, folder_failures = _folder_of_new_movie(metadata, root_folder_path, path)
    failures += folder_failures
    if monitor not in MONITOR_TYPES:
        failures.append(Failure("AddOptions.Monitor", "'Monitor' is not valid", monitor))
    if failures:
        raise ValidationFailed(failures)
    movie = Movie(
        quality_profile_id=quality_profile_id,
        root_folder_path=root_folder_path,
        path=path,
        monitored=monitored and monitor != "none",
        minimum_availability=minimum_availability,
        add_options={
            "monitor": monitor,
            "searchForMovie": search_for_movie,
            "addMethod": add_method if add_method in ADD_METHODS else "manual",
        },
    )
    apply_metadata(movie, metadata)
    try:
        with transaction.atomic():
            movie.collection = _collection_for(metadata.collection, movie, monitor == "movieAndCollection")
            movie.save()
            movie.tags.set(existing_tag_ids(tag_ids))
            apply_auto_tags([movie])
            replace_alternative_titles(movie, metadata.alternative_titles)
            replace_credits(movie, metadata.credits)
            _add_versions(movie, version_templates)
            _after_add(movie, search_for_movie)
            notify(movie_added_event(movie))
    except IntegrityError:
        _raise_if_taken(movie)  # another request or worker added it since the checks above
        raise
    logger.info("Added %s to the library at '%s' (%s)", movie, movie.path, movie.add_options["addMethod"])
    if os.path.isdir(movie.path):
        scan_movie_folder(movie)  # library import: the files already there count from the start
        movie.refresh_from_db(fields=["has_file", "size_on_disk"])
    return movie


def _add_versions(movie: Movie, templates: Iterable[VersionTemplate]) -> None:
    for template in templates:
        for reason in apply_template([movie.pk], template).refused or ():
            logger.warning("No '%s' version for %s: %s", template.name, movie, reason)


def _folder_of_new_movie(
    metadata: MovieMetadata, root_folder_path: str, path: str | None
) -> tuple[str, str, list[Failure]]:
    """(root folder, movie folder, failures): a given path decides (its root folder is the configured
    one holding it, as Radarr derives it); else the folder is named inside the given root folder."""
    if path:
        place = placement(path)
    elif root_folder_path:
        failure = root_folder_failure("RootFolderPath", root_folder_path)
        if failure:
            return "", "", [failure]
        root = configured_root_folder(root_folder_path)
        place = placement(posixpath.join(root, new_movie_folder_name(metadata)))
    else:
        return "", "", [Failure("RootFolderPath", "'Root Folder Path' must not be empty", root_folder_path)]
    if place.problem:
        return "", "", [Failure("Path", place.problem, path or place.path)]
    failure = folder_failure("RootFolderPath", place.root_folder)  # it must be there and writable
    return place.root_folder, place.path, [failure] if failure else path_failures(place.path)


def _add_failures(quality_profile_id: Any, availability: str) -> list[Failure]:
    return [
        failure
        for failure in (profile_failure(quality_profile_id), availability_failure(availability))
        if failure
    ]


def _collection_for(ref: CollectionRef | None, movie: Movie, monitor_collection: bool) -> Collection | None:
    """The movie's Collection row, created when first seen; monitored with the movie's settings if asked."""
    if ref is None:
        return None
    collection, created = Collection.objects.get_or_create(
        tmdb_id=ref.tmdb_id,
        defaults={
            "title": ref.title,
            "clean_title": clean_title(ref.title),
            "sort_title": sort_title(ref.title),
            "quality_profile_id": movie.quality_profile_id,
            "root_folder_path": movie.root_folder_path,
            "minimum_availability": movie.minimum_availability,
        },
    )
    if monitor_collection and not collection.monitored:
        collection.monitored = True
        collection.quality_profile_id = movie.quality_profile_id
        collection.root_folder_path = movie.root_folder_path
        collection.minimum_availability = movie.minimum_availability
        collection.save()
        logger.info("Monitoring collection %s with the settings of %s", collection, movie)
    elif created:
        logger.info("Created collection %s for %s", collection, movie)
    return collection


def _after_add(movie: Movie, search_for_movie: bool) -> None:
    """Queue the search when asked, and the poster caching after commit."""
    from django_q.tasks import async_task

    from radarr.commands import queue_command

    if search_for_movie:
        queue_command("MoviesSearch", {"movieIds": [movie.pk]})
    movie_id = movie.pk
    transaction.on_commit(lambda: async_task("movies.tasks.cache_movie_covers", movie_id))


def fetch_metadata(tmdb_id: int) -> MovieMetadata:
    """TMDB's details of a movie; raises movies.tmdb.TmdbError (503 and friends) when it cannot."""
    from movies.tmdb import fetch_movie

    return fetch_movie(tmdb_id, MetadataConfig.load().tmdb_region)


def add_movie_by_tmdb_id(tmdb_id: int, **options: Any) -> Movie:
    """Add a movie knowing only its TMDB id (Overseerr's POST /movie): details come from TMDB."""
    if Movie.objects.filter(tmdb_id=tmdb_id).exists():  # refuse before spending a TMDB request
        raise invalid("TmdbId", "This movie has already been added", tmdb_id)
    return add_movie(fetch_metadata(tmdb_id), **options)
