"""v3 endpoints: /calendar (movie resources with a release in a range) and the iCal feed."""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET

from movies.calendar import UnknownTag, calendar_movies, ical_feed, release_types_from, tag_ids_from
from movies.resources import movie_resources_json
from movies.versioninstance import instance_calendar_movies
from radarr.api.auth import api_view, has_valid_api_key
from radarr.api.errors import ApiError, invalid
from radarr.api.params import QueryParams

# A century either way: a date far past it does not exist (Python's dates end at year 9999).
_FEED_DAYS = {"minimum": -36525, "maximum": 36525}


def query_day(query: QueryParams, name: str, default: date) -> date:
    """A date parameter; empty or absent is the default (Homepage sends `start=&end=` at first)."""
    text = (query.get(name) or "").strip()
    if not text:
        return default
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise invalid(name, f"'{text}' is not a date", text) from None


@api_view("GET")
def calendar(request: HttpRequest) -> HttpResponse:
    query: QueryParams = request.query  # type: ignore[attr-defined]
    today = timezone.localdate()
    start = query_day(query, "start", today)
    end = query_day(query, "end", today + timedelta(days=2))
    try:
        tags = tag_ids_from(query.get_list("tags"))
    except UnknownTag as error:
        raise invalid("tags", str(error), query.get("tags")) from None
    movies = calendar_movies(start, end, include_unmonitored=query.get_bool("unmonitored"), tag_ids=tags)
    return HttpResponse(movie_resources_json(movies), content_type="application/json; charset=utf-8")


@login_not_required
@require_GET
def ical(request: HttpRequest) -> HttpResponse:
    """Calendar apps send no headers: the API key comes as `apikey` in the query string."""
    if not has_valid_api_key(request):
        return ApiError(401, "Unauthorized", "Add ?apikey=<your API key> to the feed URL").response()
    query = QueryParams(request.GET)
    today = timezone.localdate()
    try:
        start = today - timedelta(days=query.get_int("pastDays", 7, **_FEED_DAYS) or 0)
        end = today + timedelta(days=query.get_int("futureDays", 28, **_FEED_DAYS) or 0)
        tags = tag_ids_from(query.get_list("tags"))
        unmonitored = query.get_bool("unmonitored")
    except UnknownTag as error:
        return ApiError(400, str(error), "Use tag ids or existing labels in `tags`").response()
    except ApiError as error:
        return error.response()
    release_types = release_types_from(query.get_list("releaseTypes"))
    movies = instance_calendar_movies(  # a version's instance (/4k/feed/...) lists its movies only
        request, start, end, include_unmonitored=unmonitored, tag_ids=tags, release_types=release_types
    ).order_by("added", "pk")
    body = ical_feed(movies, release_types, start, end)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


api_v3: list[URLPattern] = [
    path("calendar", calendar),
]
