"""v3 endpoints: /release (interactive search and grabbing one of its results) and /release/push."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone

from downloads.grabbing import GrabError
from downloads.interactive import grab_cached, interactive_search
from downloads.push import push_release, pushed_release
from downloads.rsssync import recent_decisions
from indexers.release_resources import formats_by_id, release_resource, release_resources
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, invalid
from radarr.api.responses import json_response, read_json_object


def _user_agent(request: HttpRequest) -> str:
    return request.headers.get("User-Agent", "")


@api_view("GET", "POST")
def release_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _grab(request)
    movie_id = request.query.get_int("movieId")  # type: ignore[attr-defined]
    if movie_id:
        decisions = interactive_search(movie_id).decisions
    else:  # Radarr answers without a movie with what the RSS feeds hold now, decided but not grabbed
        decisions = recent_decisions(include_unknown=True)[2]
    return json_response(release_resources(decisions, timezone.now()))


def _grab(request: HttpRequest) -> HttpResponse:
    body = read_json_object(request)
    guid = str(body.get("guid") or "")
    if not guid:
        raise invalid("guid", "'Guid' must not be empty.", guid)
    try:
        decision, _ = grab_cached(
            _int(body.get("indexerId")),
            guid,
            movie_id=_int(body.get("movieId")) or None,
            download_client_id=_int(body.get("downloadClientId")),
            user_agent=_user_agent(request),
        )
    except GrabError as error:
        raise ApiError(409, "Getting release from indexer failed", str(error)) from error
    return json_response(release_resource(decision, timezone.now(), formats_by_id()))


def _int(value: object) -> int:
    if isinstance(value, bool):
        return 0
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


@api_view("POST")
def release_push(request: HttpRequest) -> HttpResponse:
    """Always 200 with a one-element array (autobrr reads element 0), rejections included."""
    pushed = pushed_release(read_json_object(request))
    decision, _ = push_release(pushed, user_agent=_user_agent(request))
    return json_response([release_resource(decision, timezone.now(), formats_by_id(), 1)])


api_v3: list[URLPattern] = [
    path("release", release_collection),
    path("release/push", release_push),
]
