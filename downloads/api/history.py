"""v3 history (`/history`, `/history/movie`, `/history/since`, `POST /history/failed/{id}`) and blocklist
(`/blocklist`, `/blocklist/movie`, delete one, bulk)."""

from datetime import UTC
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.dateparse import parse_date, parse_datetime

from downloads.blocklist import remove_from_blocklist
from downloads.failing import NotFailable, mark_history_failed
from downloads.history import event_type_from
from downloads.models import Blocklist, History
from downloads.resources import blocklist_resource, history_resource, movies_by_id
from downloads.versioninstance import instance_history
from radarr.api.auth import api_view
from radarr.api.bulk import bulk_ids
from radarr.api.errors import NotFound, invalid
from radarr.api.paging import paged_queryset, read_paging
from radarr.api.params import QueryParams
from radarr.api.responses import json_response, read_json_object

HISTORY_ORDER = {
    "date": "date",
    "languages": "language_ids",
    "movieMetadata.sortTitle": "movie__sort_title",
    "quality": "quality_id",
}
BLOCKLIST_ORDER = {
    "date": "date",
    "indexer": "indexer",
    "languages": "language_ids",
    "movieMetadata.sortTitle": "movie__sort_title",
    "quality": "quality_id",
    "sourceTitle": "source_title",
}


def _event_types(query: QueryParams) -> list[int]:
    types = []
    for value in query.get_list("eventType"):
        event_type = event_type_from(value)
        if event_type is None:
            raise invalid("eventType", f"'{value}' is not a history event type", value)
        types.append(int(event_type))
    return types


def _movies(query: QueryParams, rows: list[Any]) -> dict[int, dict[str, Any]] | None:
    if not query.get_bool("includeMovie"):
        return None
    return movies_by_id({row.movie_id for row in rows})


def _movie_id(query: QueryParams) -> int:
    """Radarr binds a missing movieId as 0, which no movie has: the list is then empty, not a 400."""
    return query.get_int("movieId") or 0


def _paged(
    query: QueryParams, rows: QuerySet, paging: Any, order: dict[str, str], serialize: Any
) -> HttpResponse:
    """A page whose movies (with includeMovie) are loaded once for the whole page."""
    if not query.get_bool("includeMovie"):
        return json_response(paged_queryset(rows, paging, order, serialize))
    field = order[paging.sort_key]
    sign = "-" if paging.sort_direction == "descending" else ""
    page = list(
        rows.order_by(f"{sign}{field}", f"{sign}pk")[paging.offset : paging.offset + paging.page_size]
    )
    movies = _movies(query, page)
    envelope = paged_queryset(rows, paging, order, lambda row: serialize(row, movies))
    return json_response(envelope)


def _history_list(query: QueryParams, rows: QuerySet, *order: str) -> HttpResponse:
    """An unpaged list of events, of the asked event types, with their movies loaded once."""
    if event_types := _event_types(query):
        rows = rows.filter(event_type__in=event_types)
    events = list(rows.order_by(*order))
    movies = _movies(query, events)
    return json_response([history_resource(event, movies) for event in events])


@api_view("GET")
def history(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    paging = read_paging(query, list(HISTORY_ORDER), "date", "descending")
    rows = instance_history(request, History.objects.all())
    if event_types := _event_types(query):
        rows = rows.filter(event_type__in=event_types)
    if download_id := query.get("downloadId"):
        rows = rows.filter(download_id=download_id)
    if movie_ids := query.get_int_list("movieIds"):
        rows = rows.filter(movie_id__in=movie_ids)
    if qualities := query.get_int_list("quality"):
        rows = rows.filter(quality_id__in=qualities)
    return _paged(query, rows, paging, HISTORY_ORDER, history_resource)


@api_view("GET")
def history_movie(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    movie_id = _movie_id(query)
    rows = instance_history(request, History.objects.filter(movie_id=movie_id))
    return _history_list(query, rows, "-date", "-pk")


def _since(value: str) -> Any:
    moment = parse_datetime(value)
    if moment is None and (day := parse_date(value)) is not None:
        moment = parse_datetime(f"{day.isoformat()}T00:00:00Z")
    if moment is None:
        raise invalid("date", f"'{value}' is not a date", value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # a date or time without zone: UTC


@api_view("GET")
def history_since(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    rows = instance_history(request, History.objects.all())
    if date := query.get("date"):  # none is Radarr's DateTime.MinValue: all history, not a 400
        rows = rows.filter(date__gte=_since(date))
    return _history_list(query, rows, "date", "pk")


@api_view("POST")
def history_failed(request: HttpRequest, id: int) -> HttpResponse:
    try:
        mark_history_failed(id)
    except NotFailable:
        raise NotFound("History", id) from None
    return json_response({})


@api_view("GET")
def blocklist(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    paging = read_paging(query, list(BLOCKLIST_ORDER), "date", "descending")
    rows = Blocklist.objects.all()
    if movie_ids := query.get_int_list("movieIds"):
        rows = rows.filter(movie_id__in=movie_ids)
    if protocols := query.get_list("protocols"):
        names = [{"1": "usenet", "2": "torrent"}.get(p.lower(), p.lower()) for p in protocols]
        rows = rows.filter(protocol__in=names)
    return _paged(query, rows, paging, BLOCKLIST_ORDER, blocklist_resource)


@api_view("GET")
def blocklist_movie(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    movie_id = _movie_id(query)
    rows = list(Blocklist.objects.filter(movie_id=movie_id).order_by("-date", "-pk"))
    movies = _movies(query, rows)
    return json_response([blocklist_resource(row, movies) for row in rows])


@api_view("DELETE")
def blocklist_item(request: HttpRequest, id: int) -> HttpResponse:
    if not remove_from_blocklist([id]):
        raise NotFound("Blocklist", id)
    return HttpResponse(status=200)


@api_view("DELETE")
def blocklist_bulk(request: HttpRequest) -> HttpResponse:
    remove_from_blocklist(bulk_ids(read_json_object(request)))
    return HttpResponse(status=200)


api_v3 = [
    path("history", history),
    path("history/movie", history_movie),
    path("history/since", history_since),
    path("history/failed/<int:id>", history_failed),
    path("blocklist", blocklist),
    path("blocklist/movie", blocklist_movie),
    path("blocklist/bulk", blocklist_bulk),
    path("blocklist/<int:id>", blocklist_item),
]
