"""Collections' settings and monitoring: a monitored collection adds its released members that are
neither in the library nor excluded, with the collection's profile, root folder and tags.
"""

import logging
from dataclasses import replace
from typing import Any

from movies.adding import add_movie
from movies.library import availability_failure, existing_tag_ids, profile_failure
from movies.metadata import CollectionRef, MovieMetadata
from movies.models import Collection, ImportExclusion, Movie
from movies.rootfolders import configured_root_folder, root_folder_failure
from movies.versions import apply_templates, template_ids_failure
from radarr.api.errors import Failure, ValidationFailed

logger = logging.getLogger(__name__)

_COLLECTION_READY = ("inCinemas", "released")  # Radarr adds collection members once they are out


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
    members = Movie.objects.filter(tmdb_id__in=_part_ids(collection)).values_list("pk", flat=True)
    apply_templates(members, collection.version_template_ids)  # the members' versions, new or not
    return added


def _part_ids(collection: Collection) -> list[int]:
    return [int(part["tmdbId"]) for part in collection.parts if part.get("tmdbId")]


def update_collection(collection: Collection, changes: dict[str, Any]) -> Collection:
    """Collection settings (profile, root folder, availability, search on add, tags), then monitoring."""
    failures: list[Failure] = []
    if changes.get("quality_profile_id") is not None:
        failures += filter(None, [profile_failure(changes["quality_profile_id"])])
    if changes.get("minimum_availability") is not None:
        failures += filter(None, [availability_failure(changes["minimum_availability"])])
    root = changes.get("root_folder_path")
    if root is not None and root != collection.root_folder_path:  # an old one may stay while others change
        failures += filter(None, [root_folder_failure("RootFolderPath", root)])
    if changes.get("version_template_ids") is not None:
        failures += filter(
            None, [template_ids_failure("versionTemplateIds", changes["version_template_ids"])]
        )
    if failures:
        raise ValidationFailed(failures)
    for field in ("quality_profile_id", "minimum_availability", "search_on_add", "version_template_ids"):
        if changes.get(field) is not None:
            setattr(collection, field, changes[field])
    if root is not None and root != collection.root_folder_path:
        collection.root_folder_path = configured_root_folder(root)
    collection.save()
    if changes.get("tag_ids") is not None:
        collection.tags.set(existing_tag_ids(changes["tag_ids"]))
    if changes.get("monitored") is not None and changes["monitored"] != collection.monitored:
        set_collection_monitored(collection, changes["monitored"])
    return collection
