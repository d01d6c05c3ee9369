"""Collections in Radarr's CollectionResource shape, their parts marked as in the library or excluded."""

from collections.abc import Iterable
from typing import Any

from movies.folders import movie_folder_name
from movies.models import Collection, ImportExclusion, Movie
from movies.resources import group_rows
from movies.resourcevalues import image_resources
from movies.titles import clean_title

# ---- collections


def _part_resource(part: dict[str, Any], existing: set[int], excluded: set[int]) -> dict[str, Any]:
    title = part.get("title") or ""
    tmdb_id = int(part.get("tmdbId") or 0)
    resource = {
        "tmdbId": tmdb_id,
        "imdbId": part.get("imdbId") or None,
        "title": title,
        "cleanTitle": part.get("cleanTitle") or clean_title(title),
        "sortTitle": part.get("sortTitle") or title.lower(),
        "status": part.get("status") or "announced",
        "overview": part.get("overview") or "",
        "runtime": int(part.get("runtime") or 0),
        "images": image_resources(0, part.get("images") or [], local=False),
        "year": int(part.get("year") or 0),
        "ratings": part.get("ratings") or {},
        "genres": part.get("genres") or [],
        "folder": part.get("folder") or movie_folder_name(_part_facts(part)),
        "isExisting": tmdb_id in existing,
        "isExcluded": tmdb_id in excluded,
    }
    return {key: value for key, value in resource.items() if value is not None}


def _part_facts(part: dict[str, Any]) -> Any:
    from movies.folders import FolderFacts

    return FolderFacts(
        title=part.get("title") or "", year=int(part.get("year") or 0), tmdb_id=int(part.get("tmdbId") or 0)
    )


def collection_resources(collections: Iterable[Collection]) -> list[dict[str, Any]]:
    """Collections with their parts marked isExisting/isExcluded, in three queries for the lot."""
    collections = list(collections)
    part_ids = {int(part["tmdbId"]) for c in collections for part in c.parts if part.get("tmdbId")}
    existing = set(Movie.objects.filter(tmdb_id__in=part_ids).values_list("tmdb_id", flat=True))
    excluded = set(ImportExclusion.objects.filter(tmdb_id__in=part_ids).values_list("tmdb_id", flat=True))
    tags = group_rows(
        Collection.tags.through.objects.filter(collection_id__in=[c.pk for c in collections]).values_list(
            "collection_id", "tag_id"
        )
    )
    return [_collection_resource(c, existing, excluded, tags) for c in collections]


def _collection_resource(
    collection: Collection, existing: set[int], excluded: set[int], tags: dict[int, list[tuple]]
) -> dict[str, Any]:
    parts = [_part_resource(part, existing, excluded) for part in collection.parts if part.get("tmdbId")]
    resource = {
        "id": collection.pk,
        "title": collection.title,
        "sortTitle": collection.sort_title,
        "tmdbId": collection.tmdb_id,
        "images": image_resources(0, collection.images, local=False),
        "overview": collection.overview,
        "monitored": collection.monitored,
        "rootFolderPath": collection.root_folder_path,
        "qualityProfileId": collection.quality_profile_id or 0,
        "searchOnAdd": collection.search_on_add,
        "minimumAvailability": collection.minimum_availability,
        "movies": parts,
        "missingMovies": sum(1 for part in parts if not part["isExisting"] and not part["isExcluded"]),
        "tags": [row[1] for row in tags.get(collection.pk, ())],
        "versionTemplateIds": list(collection.version_template_ids),  # ours
    }
    return resource


def collection_resource(collection: Collection) -> dict[str, Any]:
    return collection_resources([collection])[0]
