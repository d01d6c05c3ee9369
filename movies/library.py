"""The library's state changes: add, update, delete and bulk-edit movies, collections, root folders.

Each change happens in exactly one function here, whatever asks for it (pages, the v3 API, library
import, collections, import lists). Validation failures are raised as Radarr's 400 array
(`ValidationFailed`) with Radarr's property names and messages, so clients see what Radarr would say.
"""

import importlib
import logging
import os
import posixpath
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.db import transaction

from movies.files import move_movie_folder, remove_movie_folder
from movies.folders import new_movie_folder_name
from movies.metadata import CollectionRef, MovieMetadata
from movies.models import (
    Collection,
    ImportExclusion,
    MinimumAvailability,
    Movie,
    RootFolder,
)
from movies.refresh import apply_metadata, replace_alternative_titles  # the refresh's own copy rules
from movies.scanning import scan_movie_folder
from movies.titles import clean_title, sort_title
from notifications.builders import movie_delete_event
from notifications.events import MovieAddedEvent, notify
from radarr.api.errors import ApiError, Failure, ValidationFailed, invalid
from radarr.commands import report_progress
from radarr.models import Tag
from releases.models import QualityProfile

logger = logging.getLogger(__name__)

MONITOR_TYPES = ("movieOnly", "movieAndCollection", "none")
ADD_METHODS = ("manual", "list", "collection")
APPLY_TAGS = ("add", "remove", "replace")
_COLLECTION_READY = ("inCinemas", "released")  # Radarr adds collection members once they are out


def normalize_path(path: str) -> str:
    """An absolute folder path without a trailing slash, as paths are stored and compared."""
    return posixpath.normpath(path.strip()) if path and path.strip() else ""


# ---- validation shared by add and update


def _profile_failure(quality_profile_id: Any) -> Failure | None:
    if (
        not isinstance(quality_profile_id, int)
        or not QualityProfile.objects.filter(pk=quality_profile_id).exists()
    ):
        return Failure("QualityProfileId", "Quality Profile does not exist", quality_profile_id)
    return None


def _availability_failure(minimum_availability: str) -> Failure | None:
    if minimum_availability not in MinimumAvailability.values:
        return Failure("MinimumAvailability", "'Minimum Availability' is not valid", minimum_availability)
    return None


def _folder_failure(property_name: str, path: str) -> Failure | None:
    if not path or not os.path.isabs(path):
        return Failure(property_name, "Invalid Path", path)
    if not os.path.isdir(path):
        return Failure(property_name, f"Folder '{path}' does not exist", path)
    if not os.access(path, os.W_OK):
        return Failure(property_name, f"Folder '{path}' is not writable by user '{_user_name()}'", path)
    return None


def _user_name() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return str(os.getuid())


def _path_failures(path: str, exclude_movie_id: int | None = None) -> list[Failure]:
    """Radarr's MoviePathValidator and MovieAncestorValidator, plus: never a root folder itself."""
    others = Movie.objects.exclude(pk=exclude_movie_id) if exclude_movie_id else Movie.objects.all()
    if others.filter(path=path).exists():
        return [Failure("Path", "Path is already configured for an existing movie", path)]
    if others.filter(path__startswith=path.rstrip("/") + "/").exists():
        return [Failure("Path", "Path is an ancestor of an existing movie", path)]
    if RootFolder.objects.filter(path=path).exists():
        return [Failure("Path", "Path is a root folder, a movie needs its own folder inside it", path)]
    return []


# ---- adding


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
) -> Movie:
    """Add a movie described by TMDB to the library, in its folder under the root folder: `path` when
    given (library import, a client's choice), else named by the user's Movie Folder Format.

    Excluded movies may still be added by hand (as in Radarr); lists and collections check first.
    """
    path = normalize_path(path or "")
    root_folder_path = normalize_path(root_folder_path or "") or (posixpath.dirname(path) if path else "")
    if not path and root_folder_path:
        path = posixpath.join(root_folder_path, new_movie_folder_name(metadata))
    failures = _add_failures(metadata, quality_profile_id, root_folder_path, path, minimum_availability)
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
    with transaction.atomic():
        movie.collection = _collection_for(metadata.collection, movie, monitor == "movieAndCollection")
        movie.save()
        movie.tags.set(_existing_tag_ids(tag_ids))
        replace_alternative_titles(movie, metadata.alternative_titles)
        _after_add(movie, search_for_movie)
        notify(MovieAddedEvent(movie_id=movie.pk, add_method=movie.add_options["addMethod"]))
    logger.info("Added %s to the library at '%s' (%s)", movie, movie.path, movie.add_options["addMethod"])
    if os.path.isdir(movie.path):
        scan_movie_folder(movie)  # library import: the files already there count from the start
        movie.refresh_from_db(fields=["has_file", "size_on_disk"])
    return movie


def _add_failures(
    metadata: MovieMetadata, quality_profile_id: Any, root_folder_path: str, path: str, availability: str
) -> list[Failure]:
    if Movie.objects.filter(tmdb_id=metadata.tmdb_id).exists():
        return [Failure("TmdbId", "This movie has already been added", metadata.tmdb_id)]
    failures = [
        failure
        for failure in (_profile_failure(quality_profile_id), _availability_failure(availability))
        if failure
    ]
    if not root_folder_path:
        failures.append(Failure("RootFolderPath", "'Root Folder Path' must not be empty", root_folder_path))
    else:
        failure = _folder_failure("RootFolderPath", root_folder_path)
        failures += [failure] if failure else _path_failures(path)
    return failures


def _existing_tag_ids(tag_ids: Iterable[int]) -> list[int]:
    wanted = {int(tag_id) for tag_id in tag_ids}
    return list(Tag.objects.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else []


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
    """Queue the search (once the indexers exist) and the poster caching, after commit."""
    from radarr.commands import queue_command
    from radarr.jobs import find_job

    if search_for_movie and find_job("MoviesSearch"):
        queue_command("MoviesSearch", {"movieIds": [movie.pk]})
    elif search_for_movie:
        # TODO(#5): the MoviesSearch job arrives with the indexers; searchForMovie is kept meanwhile.
        logger.info("Search on add for %s waits for the indexers (no MoviesSearch job yet)", movie)
    if _task_exists("movies.tasks", "cache_movie_covers"):
        from django_q.tasks import async_task

        movie_id = movie.pk
        transaction.on_commit(lambda: async_task("movies.tasks.cache_movie_covers", movie_id))


def _task_exists(module_name: str, function_name: str) -> bool:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return False
    return callable(getattr(module, function_name, None))


def fetch_metadata(tmdb_id: int) -> MovieMetadata:
    """TMDB's details of a movie; raises movies.tmdb.TmdbError (503 and friends) when it cannot."""
    from movies.tmdb import fetch_movie

    return fetch_movie(tmdb_id)


def add_movie_by_tmdb_id(tmdb_id: int, **options: Any) -> Movie:
    """Add a movie knowing only its TMDB id (Overseerr's POST /movie): details come from TMDB."""
    if Movie.objects.filter(tmdb_id=tmdb_id).exists():  # refuse before spending a TMDB request
        raise invalid("TmdbId", "This movie has already been added", tmdb_id)
    return add_movie(fetch_metadata(tmdb_id), **options)


# ---- updating


def _new_path(movie: Movie, changes: dict[str, Any]) -> str:
    """Where the movie's folder should be after `changes`: an explicit path, else the new root + folder."""
    path = normalize_path(changes.get("path") or "")
    if path and path != movie.path:
        return path
    root = normalize_path(changes.get("root_folder_path") or "")
    if root and root != movie.root_folder_path:
        return posixpath.join(root, posixpath.basename(movie.path))
    return movie.path


def _update_failures(movie: Movie, changes: dict[str, Any], new_path: str) -> list[Failure]:
    failures: list[Failure] = []
    if "quality_profile_id" in changes:
        failures += filter(None, [_profile_failure(changes["quality_profile_id"])])
    if "minimum_availability" in changes:
        failures += filter(None, [_availability_failure(changes["minimum_availability"])])
    if new_path != movie.path:
        parent = posixpath.dirname(new_path)
        if not os.path.isabs(new_path) or not parent:
            failures.append(Failure("Path", "Invalid Path", new_path))
        else:
            failures += _path_failures(new_path, exclude_movie_id=movie.pk)
    return failures


def update_movie(movie: Movie, changes: dict[str, Any], *, move_files: bool = False) -> Movie:
    """Apply the user's choices: monitored, minimum availability, profile, path or root folder, tags.

    A new path only repoints the movie unless `move_files` is set; then the folder moves first,
    safely, and the row changes only once the move succeeded.
    """
    new_path = _new_path(movie, changes)
    failures = _update_failures(movie, changes, new_path)
    if failures:
        raise ValidationFailed(failures)
    if new_path != movie.path:
        if move_files:
            move_movie_folder(movie, new_path)
        else:
            logger.info("Repointed %s from '%s' to '%s' without moving files", movie, movie.path, new_path)
        movie.path = new_path
        movie.root_folder_path = normalize_path(changes.get("root_folder_path") or "") or posixpath.dirname(
            new_path
        )
    for field in ("monitored", "minimum_availability", "quality_profile_id"):
        if field in changes and changes[field] is not None:
            setattr(movie, field, changes[field])
    with transaction.atomic():
        movie.save()
        if changes.get("tag_ids") is not None:
            movie.tags.set(_existing_tag_ids(changes["tag_ids"]))
    return movie


# ---- deleting


def _exclude(movie: Movie) -> None:
    ImportExclusion.objects.get_or_create(
        tmdb_id=movie.tmdb_id, defaults={"movie_title": movie.title, "movie_year": movie.year}
    )


def delete_movie(movie: Movie, *, delete_files: bool = False, add_exclusion: bool = False) -> None:
    """Remove a movie from the library; its folder goes only when the user ticked "delete files"."""
    if delete_files:
        remove_movie_folder(movie)  # raises, leaving the movie in place, when the folder is not its own
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


def delete_movies(
    movie_ids: Iterable[int], *, delete_files: bool = False, add_exclusion: bool = False
) -> int:
    """Delete several movies one by one, so one refused folder does not stop or undo the others."""
    deleted = 0
    for movie in Movie.objects.filter(pk__in=list(movie_ids)):
        try:
            delete_movie(movie, delete_files=delete_files, add_exclusion=add_exclusion)
        except ApiError as error:
            logger.error("Could not delete %s: %s", movie, error.message)
            continue
        deleted += 1
    return deleted


# ---- the bulk editor


def _apply_tags(movies: list[Movie], tag_ids: list[int], apply_tags: str) -> None:
    through = Movie.tags.through
    movie_ids = [movie.pk for movie in movies]
    tag_ids = _existing_tag_ids(tag_ids)
    if apply_tags in ("remove", "replace"):
        removed = through.objects.filter(movie_id__in=movie_ids)
        removed = removed.filter(tag_id__in=tag_ids) if apply_tags == "remove" else removed
        removed.delete()
    if apply_tags in ("add", "replace"):
        rows = [through(movie_id=movie_id, tag_id=tag_id) for movie_id in movie_ids for tag_id in tag_ids]
        through.objects.bulk_create(rows, ignore_conflicts=True)


def edit_movies(
    movie_ids: list[int],
    *,
    monitored: bool | None = None,
    quality_profile_id: int | None = None,
    minimum_availability: str | None = None,
    root_folder_path: str | None = None,
    move_files: bool = False,
    tag_ids: list[int] | None = None,
    apply_tags: str = "add",
) -> list[Movie]:
    """The movie editor: set the same choices on many movies; folders move one at a time."""
    failures = [
        failure
        for failure in (
            _profile_failure(quality_profile_id) if quality_profile_id is not None else None,
            _availability_failure(minimum_availability) if minimum_availability is not None else None,
            _folder_failure("RootFolderPath", normalize_path(root_folder_path)) if root_folder_path else None,
        )
        if failure
    ]
    if tag_ids is not None and apply_tags not in APPLY_TAGS:
        failures.append(Failure("ApplyTags", "'Apply Tags' is not valid", apply_tags))
    if failures:
        raise ValidationFailed(failures)
    movies = list(Movie.objects.filter(pk__in=movie_ids))
    fields = {"monitored": monitored, "quality_profile_id": quality_profile_id}
    fields["minimum_availability"] = minimum_availability
    fields = {name: value for name, value in fields.items() if value is not None}
    with transaction.atomic():
        if fields:
            Movie.objects.filter(pk__in=[movie.pk for movie in movies]).update(**fields)
        if tag_ids is not None:
            _apply_tags(movies, tag_ids, apply_tags)
    if root_folder_path:
        _move_to_root_folder(movies, normalize_path(root_folder_path), move_files)
    return list(Movie.objects.filter(pk__in=movie_ids))


def _move_to_root_folder(movies: list[Movie], root: str, move_files: bool) -> None:
    """Repoint (and maybe move) each movie under `root`, reporting progress; a failure skips that one."""
    for number, movie in enumerate(movies, start=1):
        movie.refresh_from_db()
        report_progress(f"Moving {movie} to '{root}' ({number} of {len(movies)})")
        try:
            update_movie(movie, {"root_folder_path": root}, move_files=move_files)
        except ApiError as error:
            logger.error("Could not move %s to '%s': %s", movie, root, error.message)


# ---- collections


def metadata_from_part(part: dict[str, Any]) -> MovieMetadata:
    """A collection member as Collection.parts stores it, enough to add it (refresh fills the rest)."""
    return MovieMetadata(
        tmdb_id=int(part["tmdbId"]),
        title=part.get("title") or "",
        year=int(part.get("year") or 0),
        imdb_id=part.get("imdbId") or "",
        original_title=part.get("originalTitle") or "",
        overview=part.get("overview") or "",
        runtime=int(part.get("runtime") or 0),
        status=part.get("status") or "announced",
        genres=tuple(part.get("genres") or ()),
        images=tuple(part.get("images") or ()),
        ratings=part.get("ratings") or {},
    )


def set_collection_monitored(collection: Collection, monitored: bool) -> list[Movie]:
    """Monitor a collection: its released members not yet in the library nor excluded are added."""
    collection.monitored = monitored
    collection.save(update_fields=["monitored"])
    if not monitored:
        return []
    return add_missing_collection_movies(collection)


def add_missing_collection_movies(collection: Collection) -> list[Movie]:
    existing = set(Movie.objects.filter(tmdb_id__in=_part_ids(collection)).values_list("tmdb_id", flat=True))
    excluded = set(ImportExclusion.objects.values_list("tmdb_id", flat=True))
    tag_ids = list(collection.tags.values_list("pk", flat=True))
    added: list[Movie] = []
    for part in collection.parts:
        tmdb_id = int(part["tmdbId"])
        if (
            tmdb_id in existing
            or tmdb_id in excluded
            or part.get("status", "released") not in _COLLECTION_READY
        ):
            continue
        metadata = replace(
            metadata_from_part(part), collection=CollectionRef(collection.tmdb_id, collection.title)
        )
        try:
            movie = add_movie(
                metadata,
                quality_profile_id=collection.quality_profile_id,
                root_folder_path=collection.root_folder_path,
                minimum_availability=collection.minimum_availability,
                tag_ids=tag_ids,
                search_for_movie=collection.search_on_add,
                add_method="collection",
            )
        except ValidationFailed as error:
            logger.error("Could not add %s from collection %s: %s", metadata.title, collection, error.message)
            continue
        added.append(movie)
    return added


def _part_ids(collection: Collection) -> list[int]:
    return [int(part["tmdbId"]) for part in collection.parts if part.get("tmdbId")]


def update_collection(collection: Collection, changes: dict[str, Any]) -> Collection:
    """Collection settings (profile, root folder, availability, search on add, tags), then monitoring."""
    failures: list[Failure] = []
    if changes.get("quality_profile_id") is not None:
        failures += filter(None, [_profile_failure(changes["quality_profile_id"])])
    if changes.get("minimum_availability") is not None:
        failures += filter(None, [_availability_failure(changes["minimum_availability"])])
    if failures:
        raise ValidationFailed(failures)
    for field in ("quality_profile_id", "root_folder_path", "minimum_availability", "search_on_add"):
        if changes.get(field) is not None:
            setattr(collection, field, changes[field])
    collection.save()
    if changes.get("tag_ids") is not None:
        collection.tags.set(_existing_tag_ids(changes["tag_ids"]))
    if changes.get("monitored") is not None and changes["monitored"] != collection.monitored:
        set_collection_monitored(collection, changes["monitored"])
    return collection


# ---- exclusions


def add_exclusion(tmdb_id: int, movie_title: str = "", movie_year: int = 0) -> ImportExclusion:
    """Exclude a movie from lists and collections; an existing exclusion of the same id is returned."""
    if not tmdb_id or tmdb_id <= 0:
        raise invalid("TmdbId", "'Tmdb Id' must be greater than '0'.", tmdb_id)
    exclusion, _ = ImportExclusion.objects.get_or_create(
        tmdb_id=tmdb_id, defaults={"movie_title": movie_title or "", "movie_year": movie_year or 0}
    )
    return exclusion


# ---- root folders


def add_root_folder(path: str) -> RootFolder:
    """A folder movies live in: it must exist, be writable, and not overlap another root folder."""
    path = normalize_path(path)
    failure = _folder_failure("Path", path)
    if failure:
        raise ValidationFailed([failure])
    existing = list(RootFolder.objects.values_list("path", flat=True))
    if path in existing:
        raise invalid("Path", "Path is already configured as a root folder", path)
    if any(other.startswith(path.rstrip("/") + "/") for other in existing):
        raise invalid("Path", "Path is an ancestor of an existing root folder", path)
    if any(path.startswith(other.rstrip("/") + "/") for other in existing):
        raise invalid("Path", "Path is inside an existing root folder", path)
    if Movie.objects.filter(path=path).exists():
        raise invalid("Path", "Path is already configured for an existing movie", path)
    folder = RootFolder.objects.create(path=path)
    logger.info("Added root folder '%s'", path)
    return folder


def remove_root_folder(folder: RootFolder) -> None:
    """Refused while movies live in it: they would point at a root folder that no longer exists."""
    in_use = Movie.objects.filter(root_folder_path=folder.path).count()
    if in_use:
        noun = "movie" if in_use == 1 else "movies"
        raise ApiError(400, f"Root folder '{folder.path}' is in use by {in_use} {noun}")
    folder.delete()
    logger.info("Removed root folder '%s'", folder.path)


# ---- tags


def _tag_label(label: Any) -> str:
    """Any non-empty text, stored lower-case, as Radarr 5 accepted (Overseerr sends "1 - John Doe")."""
    text = str(label or "").strip().lower()
    if not text:
        raise invalid("Label", "'Label' must not be empty.", label)
    return text


def create_tag(label: Any) -> Tag:
    """A tag with that label; an existing one is returned instead of a second (Radarr 5's POST /tag)."""
    text = _tag_label(label)
    tag, created = Tag.objects.get_or_create(label=text)
    if created:
        logger.info("Created tag '%s'", text)
    return tag


def rename_tag(tag: Tag, label: Any) -> Tag:
    text = _tag_label(label)
    if Tag.objects.filter(label=text).exclude(pk=tag.pk).exists():
        raise invalid("Label", f"A tag labelled '{text}' already exists", label)
    tag.label = text
    tag.save(update_fields=["label"])
    return tag


def delete_tag(tag: Tag) -> None:
    """Deleting a tag takes it off every movie, profile and provider that had it."""
    logger.info("Deleted tag '%s'", tag.label)
    tag.delete()
