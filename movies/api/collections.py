"""v3 endpoints: /collection (list, `?tmdbId=`, bulk PUT without id) and /collection/{id}.

Monitoring a collection adds its released members that are neither in the library nor excluded,
with the collection's own profile, root folder and availability.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies import collectionmonitoring
from movies.api.movies import minimum_availability, path_text
from movies.collectionresources import collection_resource, collection_resources
from movies.models import Collection
from radarr.api.auth import api_view
from radarr.api.errors import invalid
from radarr.api.identity import resource_id, row_or_404
from radarr.api.params import InsensitiveDict, id_list, optional_bool, optional_whole_number
from radarr.api.responses import json_response, read_json_object


def collection_changes(body: InsensitiveDict) -> dict[str, Any]:
    """collectionmonitoring.update_collection's changes: only the properties the body carries."""
    changes: dict[str, Any] = {
        "monitored": optional_bool("monitored", body.get("monitored")),
        "search_on_add": optional_bool("searchOnAdd", body.get("searchOnAdd")),
        "quality_profile_id": optional_whole_number("qualityProfileId", body.get("qualityProfileId")),
        "root_folder_path": path_text(body, "rootFolderPath") or None,
        "minimum_availability": minimum_availability(body.get("minimumAvailability"), None),  # type: ignore[arg-type]
    }
    if body.get("tags") is not None:
        changes["tag_ids"] = id_list("tags", body.get("tags"))
    if body.get("versionTemplateIds") is not None:  # ours; checked by update_collection
        changes["version_template_ids"] = body.get("versionTemplateIds")
    return {name: value for name, value in changes.items() if value is not None}


def _bulk_update(body: InsensitiveDict) -> HttpResponse:
    ids = body.get("collectionIds")
    if not isinstance(ids, list):
        raise invalid("CollectionIds", "'Collection Ids' must not be empty.", ids)
    changes = collection_changes(body)
    collections = list(Collection.objects.filter(pk__in=id_list("collectionIds", ids)))
    for collection in collections:
        collectionmonitoring.update_collection(collection, changes)
    return json_response(collection_resources(collections), status=202)


@api_view("GET", "PUT")
def collection_list(request: HttpRequest) -> HttpResponse:
    if request.method == "PUT":
        body = read_json_object(request)
        if "collectionIds" in body:
            return _bulk_update(body)
        return _update(body, None)
    collections = Collection.objects.all()
    tmdb_id = request.query.get_int("tmdbId")
    if tmdb_id:
        collections = collections.filter(tmdb_id=tmdb_id)
    return json_response(collection_resources(collections))


def _update(body: InsensitiveDict, path_id: int | None) -> HttpResponse:
    collection = row_or_404(Collection.objects.all(), "Collection", resource_id(path_id, body))
    collectionmonitoring.update_collection(collection, collection_changes(body))
    return json_response(collection_resource(collection), status=202)


@api_view("GET", "PUT")
def collection_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update(read_json_object(request), id)
    collection = row_or_404(Collection.objects.all(), "Collection", id)
    return json_response(collection_resource(collection))


api_v3: list[URLPattern] = [
    path("collection", collection_list),
    path("collection/<int:id>", collection_detail),
]
