"""v3 endpoints: /release (interactive search and grabbing one of its results) and /release/push."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone

from downloads.deciding import one_per_release
from downloads.grabbing import GrabError
from downloads.history import quality_model
from downloads.interactive import Override, grab_cached, interactive_search
from downloads.push import push_release, pushed_release
from downloads.rsssync import recent_decisions
from indexers.release_resources import formats_by_id, release_resource, release_resources
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, invalid
from radarr.api.params import InsensitiveDict
from radarr.api.responses import json_response, read_json_object
from releases.languages import LANGUAGES_BY_ID
from releases.qualities import QUALITIES_BY_ID


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
        # (one decision per release: the primary version's, as Radarr decides for the movie)
        decisions = one_per_release(recent_decisions(include_unknown=True)[2])
    return json_response(release_resources(decisions, timezone.now()))


def _grab(request: HttpRequest) -> HttpResponse:
    body = read_json_object(request)
    guid = str(body.get("guid") or "")
    if not guid:
        raise invalid("guid", "'Guid' must not be empty.", guid)
    override = _override(body) if body.get("shouldOverride") is True else None
    try:
        decision, _ = grab_cached(
            _int(body.get("indexerId")),
            guid,
            movie_id=_int(body.get("movieId")) or None,
            download_client_id=_int(body.get("downloadClientId")),
            user_agent=_user_agent(request),
            override=override,
        )
    except GrabError as error:
        raise ApiError(409, "Getting release from indexer failed", str(error)) from error
    return json_response(release_resource(decision, timezone.now(), formats_by_id()))


def _override(body: InsensitiveDict) -> Override:
    """Radarr's `shouldOverride`: movieId, quality and languages must all be given, and known."""
    if not _int(body.get("movieId")):
        raise invalid("movieId", "'Movie Id' must not be empty.", body.get("movieId"))
    quality = body.get("quality")
    inner = quality.get("quality") if isinstance(quality, dict) else None
    quality_id = inner.get("id") if isinstance(inner, dict) else None
    if not isinstance(quality_id, int) or isinstance(quality_id, bool) or quality_id not in QUALITIES_BY_ID:
        raise invalid("quality", "'Quality' must be a known quality.", quality)
    languages = body.get("languages")
    ids = (
        [entry.get("id") for entry in languages if isinstance(entry, dict)]
        if isinstance(languages, list)
        else None
    )
    if ids is None or not all(isinstance(i, int) and i in LANGUAGES_BY_ID for i in ids):
        raise invalid("languages", "'Languages' must be a list of known languages.", languages)
    revision = quality.get("revision") if isinstance(quality.get("revision"), dict) else {}
    return Override(quality_model(quality_id, revision), ids)


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
