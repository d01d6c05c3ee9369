"""Page: Calendar — month, week and agenda views of the library's release dates, with filters.

A page of downloads because it colours movies by the queue as well as by their files."""

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from downloads.models import TrackedDownload
from movies.calendar import (
    RELEASE_TYPES,
    CalendarDay,
    calendar_days,
    calendar_events,
    calendar_movies,
    calendar_range,
    release_types_from,
    with_versions,
)
from movies.versions import extra_rows_by_movie
from radarr.api.params import int_or_none
from radarr.hostconfig import stored_host_settings
from radarr.models import Tag, UiConfig
from radarr.system.uiconfig import week_column_format

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  # Python's order: 0 is Monday


def queued_ids() -> tuple[set[int], set[int]]:
    """Movies with a download for their primary version in the queue, and extra versions with one,
    for the colouring (one query)."""
    movie_ids, version_ids = set(), set()
    for movie_id, version_id in (
        TrackedDownload.objects.in_queue().exclude(movie=None).values_list("movie_id", "version_id")
    ):
        if version_id is None:
            movie_ids.add(movie_id)
        else:
            version_ids.add(version_id)
    return movie_ids, version_ids


def _anchor(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        return timezone.localdate()


FEED_DAYS = {"pastDays": (7, "Days before today"), "futureDays": (28, "Days after today")}
VIEWS = {"month": "Month", "week": "Week", "forecast": "Forecast", "day": "Day", "agenda": "Agenda"}


def _column_headers(view: str, days: list[CalendarDay], ui: UiConfig) -> list[str]:
    """Weekday names over the month grid; the week, forecast and day views head each column with its
    date as well."""
    if view in ("week", "forecast", "day"):
        return [dateformat.format(day.day, week_column_format(ui)) for day in days]
    return [WEEKDAY_NAMES[(ui.first_weekday + n) % 7] for n in range(7)]


@require_GET
@vary_on_headers("HX-Request")
def calendar(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "month"
    ui = UiConfig.load()  # Settings → UI: the first day of week and the week view's headings
    span = calendar_range(view, _anchor(request.GET.get("start")), ui.first_weekday)
    unmonitored = request.GET.get("unmonitored") == "true"
    release_types = release_types_from(request.GET.getlist("type"))
    tag_ids = [tag_id for value in request.GET.getlist("tag") if (tag_id := int_or_none(value)) is not None]
    movies = calendar_movies(
        span.start, span.end, include_unmonitored=unmonitored, tag_ids=tag_ids, release_types=release_types
    )
    queued_movies, queued_versions = queued_ids()
    events = calendar_events(
        movies, span.start, span.end, release_types=release_types, queued_ids=queued_movies
    )
    extras = extra_rows_by_movie({event.movie.pk for event in events}) if events else {}
    events = with_versions(events, extras, queued_versions)
    filters = request.GET.copy()
    filters.pop("start", None)
    days = calendar_days(span, events)
    context = {
        "span": span,
        "days": days,
        "weekdays": _column_headers(span.view, days, ui),
        "unmonitored": unmonitored,
        "release_types": release_types,
        "all_release_types": [(name, label) for name, (_, _, label) in RELEASE_TYPES.items()],
        "tags": Tag.objects.all(),
        "tag_ids": tag_ids,
        "filters": filters.urlencode(),
        "today": timezone.localdate(),
        "views": VIEWS,
        "feed_days": FEED_DAYS,
        **_feed_context(request),
    }
    template = "downloads/calendar.html#calendar" if request.htmx else "downloads/calendar.html"
    return render(request, template, context)


def feed_url(request: HttpRequest) -> str:
    """The iCal feed's address for the options in the query string, with the API key (calendar apps
    send no headers), as Radarr's iCal link dialog builds it."""
    stored_host_settings()  # the key another process may have regenerated
    params: dict[str, str] = {"apikey": settings.RADARR_API_KEY}
    for name, (default, _) in FEED_DAYS.items():
        days = int_or_none(request.GET.get(name, ""), minimum=0, maximum=365)
        if days is not None and days != default:
            params[name] = str(days)
    if request.GET.get("unmonitored") == "true":
        params["unmonitored"] = "true"
    tags = [value for value in request.GET.getlist("tag") if int_or_none(value, minimum=1) is not None]
    if tags:
        params["tags"] = ",".join(tags)
    types = [name for name in request.GET.getlist("type") if name in RELEASE_TYPES]
    if types and len(types) < len(RELEASE_TYPES):
        params["releaseTypes"] = ",".join(types)
    return request.build_absolute_uri(reverse("calendar-feed")) + "?" + urlencode(params)


@require_GET
def ical_link(request: HttpRequest) -> HttpResponse:
    return render(request, "downloads/calendar.html#ical-url", _feed_context(request))


def _feed_context(request: HttpRequest) -> dict[str, str]:
    url = feed_url(request)
    return {"ical_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


urlpatterns = [
    path("calendar", calendar, name="calendar"),
    path("calendar/ical", ical_link, name="calendar-ical"),
]
