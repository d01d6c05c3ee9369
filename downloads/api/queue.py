"""v3 queue: `/queue` (paged), `/queue/details`, `/queue/status`, removal one by one or in bulk, and
grabbing a pending release now."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from downloads.grabbing import GrabError
from downloads.pending import PendingNotFound, grab_pending
from downloads.queue import (
    SORT_KEYS,
    QueueItemNotFound,
    QueueRecord,
    queue_records,
    remove_queue_item,
    sort_records,
)
from downloads.resources import movies_by_id, queue_resource
from downloads.versioninstance import instance_queue
from radarr.api.auth import api_view
from radarr.api.bulk import bulk_ids
from radarr.api.errors import ApiError, NotFound
from radarr.api.paging import paged_list, read_paging
from radarr.api.params import QueryParams
from radarr.api.responses import json_response, read_json_object
from radarr.providers import ProviderError


def _filtered(query: QueryParams, records: list[QueueRecord]) -> list[QueueRecord]:
    movie_ids = set(query.get_int_list("movieIds"))
    if movie_ids:
        records = [r for r in records if r.movie_id in movie_ids]
    if protocol := (query.get("protocol") or "").lower():
        wanted = {"1": "usenet", "2": "torrent"}.get(protocol, protocol)
        records = [r for r in records if r.protocol == wanted]
    if languages := set(query.get_int_list("languages")):
        records = [r for r in records if languages & set(r.facts.language_ids)]
    if qualities := set(query.get_int_list("quality")):
        records = [r for r in records if r.facts.quality_id in qualities]
    if statuses := {status.lower() for status in query.get_list("status")}:
        records = [r for r in records if r.status.lower() in statuses]
    return records


def _movies(query: QueryParams, records: list[QueueRecord]) -> dict | None:
    if not query.get_bool("includeMovie"):
        return None
    return movies_by_id({r.movie_id for r in records if r.movie_id})


@api_view("GET")
def queue(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    paging = read_paging(query, list(SORT_KEYS), "timeleft", "ascending")
    records = queue_records(include_unknown=query.get_bool("includeUnknownMovieItems"))
    records = instance_queue(request, records)
    records = sort_records(_filtered(query, records), paging.sort_key, paging.sort_direction == "descending")
    page = records[paging.offset : paging.offset + paging.page_size]
    movies = _movies(query, page)
    return json_response(paged_list(records, paging, lambda record: queue_resource(record, movies)))


@api_view("GET")
def queue_details(request: HttpRequest) -> HttpResponse:
    """A plain array (Homepage reads it); `movieId` narrows it to one movie."""
    query: QueryParams = request.query  # type: ignore[attr-defined]
    records = instance_queue(
        request, queue_records(include_unknown=query.get_bool("includeUnknownMovieItems", True))
    )
    movie_id = query.get_int("movieId")
    if movie_id:
        records = [r for r in records if r.movie_id == movie_id]
    records = sort_records(records, "timeleft", False)
    movies = _movies(query, records)
    return json_response([queue_resource(record, movies) for record in records])


@api_view("GET")
def queue_status(request: HttpRequest) -> HttpResponse:
    records = instance_queue(request, queue_records())
    known = [r for r in records if r.movie is not None]
    unknown = [r for r in records if r.movie is None]
    return json_response(
        {
            "id": 1,
            "totalCount": len(records),
            "count": len(known),
            "unknownCount": len(unknown),
            "errors": any(r.tracked_status == "error" for r in known),
            "warnings": any(r.tracked_status == "warning" for r in known),
            "unknownErrors": any(r.tracked_status == "error" for r in unknown),
            "unknownWarnings": any(r.tracked_status == "warning" for r in unknown),
        }
    )


def _removal_options(query: QueryParams) -> dict[str, bool]:
    return {
        "remove_from_client": query.get_bool("removeFromClient", True),
        "blocklist": query.get_bool("blocklist", False),
        "skip_redownload": query.get_bool("skipRedownload", False),
        "change_category": query.get_bool("changeCategory", False),
    }


@api_view("DELETE")
def queue_item(request: HttpRequest, id: int) -> HttpResponse:
    try:
        remove_queue_item(id, **_removal_options(request.query))  # type: ignore[attr-defined]
    except QueueItemNotFound:
        raise NotFound("Queue item", id) from None
    except ProviderError as error:
        raise ApiError(500, error.message) from error
    return HttpResponse(status=200)


@api_view("DELETE")
def queue_bulk(request: HttpRequest) -> HttpResponse:
    """Every known item is removed; an unknown id then answers 404, as Radarr's does (it stops at the
    first one), and a client that failed every removal its error."""
    ids = bulk_ids(read_json_object(request))
    missing, problems = [], []
    for record_id in ids:
        try:
            remove_queue_item(record_id, **_removal_options(request.query))  # type: ignore[attr-defined]
        except QueueItemNotFound:
            missing.append(record_id)
        except ProviderError as error:
            problems.append(error.message)
    if missing:
        raise NotFound("Queue item", missing[0])
    if problems and len(problems) == len(ids):
        raise ApiError(500, "; ".join(problems))
    return json_response({})


def _grab(request: HttpRequest, record_id: int) -> None:
    try:
        grab_pending(record_id, user_agent=request.headers.get("User-Agent", ""))
    except PendingNotFound:
        raise NotFound("Pending release", record_id) from None
    except GrabError as error:
        raise ApiError(500, error.message) from error


@api_view("POST")
def queue_grab(request: HttpRequest, id: int) -> HttpResponse:
    _grab(request, id)
    return json_response({})


@api_view("POST")
def queue_grab_bulk(request: HttpRequest) -> HttpResponse:
    for record_id in bulk_ids(read_json_object(request)):
        _grab(request, record_id)
    return json_response({})


api_v3 = [
    path("queue", queue),
    path("queue/details", queue_details),
    path("queue/status", queue_status),
    path("queue/bulk", queue_bulk),
    path("queue/grab/bulk", queue_grab_bulk),
    path("queue/grab/<int:id>", queue_grab),
    path("queue/<int:id>", queue_item),
]
