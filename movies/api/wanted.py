"""v3 endpoints: /wanted/missing and /wanted/cutoff, movie resources in Radarr's paging envelope."""

import orjson
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies.models import MovieQuerySet
from movies.resourcecache import json_in_order
from movies.wanted import DEFAULT_SORT, SORT_FIELDS, cutoff_unmet_movies, missing_movies, sorted_movies
from radarr.api.auth import api_view
from radarr.api.paging import read_paging
from radarr.api.params import QueryParams


def _paged(query: QueryParams, movies: MovieQuerySet) -> HttpResponse:
    paging = read_paging(query, list(SORT_FIELDS), DEFAULT_SORT, "ascending")
    ordered = sorted_movies(movies, paging.sort_key, paging.sort_direction == "descending")
    page = ordered[paging.offset : paging.offset + paging.page_size]
    envelope = paging.envelope(movies.count(), [])
    # the records are written by the library's JSON builder (the same shape as /movie)
    head = orjson.dumps(envelope)[: -len(b"[]}")]
    records = json_in_order(list(page.values_list("pk", flat=True)))  # the filter runs once
    body = head + records + b"}"
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@api_view("GET")
def missing(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    return _paged(query, missing_movies(monitored=query.get_bool("monitored", True)))


@api_view("GET")
def cutoff(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    return _paged(query, cutoff_unmet_movies(monitored=query.get_bool("monitored", True)))


api_v3: list[URLPattern] = [
    path("wanted/missing", missing),
    path("wanted/cutoff", cutoff),
]
