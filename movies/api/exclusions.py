"""v3 endpoints: /exclusions (list, add, bulk add and delete, Radarr's paged list) and /exclusions/{id}."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies import library
from movies.models import ImportExclusion
from movies.resources import exclusion_resource
from radarr.api.auth import api_view
from radarr.api.errors import ApiError
from radarr.api.identity import resource_id, row_or_404
from radarr.api.paging import paged_queryset, read_paging
from radarr.api.params import InsensitiveDict, id_list, optional_text, optional_whole_number
from radarr.api.responses import json_response, read_json, read_json_object

_SORT_FIELDS = {"id": "pk", "movieTitle": "movie_title", "movieYear": "movie_year", "tmdbId": "tmdb_id"}


def _title_and_year(body: InsensitiveDict) -> tuple[str | None, int | None]:
    title = optional_text("movieTitle", body.get("movieTitle"))
    return title, optional_whole_number("movieYear", body.get("movieYear"), minimum=0, maximum=9999)


def _add(body: dict[str, Any]) -> ImportExclusion:
    body = InsensitiveDict(body)
    tmdb_id = optional_whole_number("tmdbId", body.get("tmdbId"))
    title, year = _title_and_year(body)
    return library.add_exclusion(tmdb_id or 0, title or "", year or 0)


def _exclusion(id: int) -> ImportExclusion:
    return row_or_404(ImportExclusion.objects.all(), "ImportListExclusion", id)


def _update(body: InsensitiveDict, path_id: int | None) -> HttpResponse:
    exclusion = _exclusion(resource_id(path_id, body))
    title, year = _title_and_year(body)
    exclusion.movie_title = title or exclusion.movie_title
    exclusion.movie_year = year or exclusion.movie_year
    exclusion.save(update_fields=["movie_title", "movie_year"])
    return json_response(exclusion_resource(exclusion), status=202)


@api_view("GET", "POST", "PUT")
def exclusion_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return json_response(exclusion_resource(_add(read_json_object(request))), status=201)
    if request.method == "PUT":
        return _update(read_json_object(request), None)
    return json_response([exclusion_resource(exclusion) for exclusion in ImportExclusion.objects.all()])


@api_view("GET")
def exclusion_paged(request: HttpRequest) -> HttpResponse:
    paging = read_paging(request.query, list(_SORT_FIELDS), "id", "descending")
    return json_response(
        paged_queryset(ImportExclusion.objects.all(), paging, _SORT_FIELDS, exclusion_resource)
    )


@api_view("POST", "DELETE")
def exclusion_bulk(request: HttpRequest) -> HttpResponse:
    if request.method == "DELETE":
        ids = id_list("ids", read_json_object(request).get("ids"))
        ImportExclusion.objects.filter(pk__in=ids).delete()
        return HttpResponse(status=200)
    items = read_json(request)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ApiError(400, "Request body must be a JSON array of exclusions")
    return json_response([exclusion_resource(_add(item)) for item in items])


@api_view("GET", "PUT", "DELETE")
def exclusion_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update(read_json_object(request), id)
    exclusion = _exclusion(id)
    if request.method == "DELETE":
        exclusion.delete()
        return HttpResponse(status=200)
    return json_response(exclusion_resource(exclusion))


api_v3: list[URLPattern] = [
    path("exclusions", exclusion_collection),
    path("exclusions/paged", exclusion_paged),
    path("exclusions/bulk", exclusion_bulk),
    path("exclusions/<int:id>", exclusion_detail),
]
