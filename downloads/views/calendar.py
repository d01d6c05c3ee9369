"""Page: Calendar — month, week and agenda views of the library's release dates, with filters.

A page of downloads because it colours movies by the queue as well as by their files."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import dateformat, timezone
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
)
from radarr.api.params import int_or_none
from radarr.models import Tag, UiConfig
from radarr.system.uiconfig import week_column_format

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  # Python's order: 0 is Monday


def queued_movie_ids() -> set[int]:
    """Movies with a download in the queue (tracked downloads), for the colouring."""
    return set(TrackedDownload.objects.in_queue().exclude(movie=None).values_list("movie_id", flat=True))


def _anchor(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _column_headers(view: str, days: list[CalendarDay], ui: UiConfig) -> list[str]:
    """Weekday names over the month grid; the week view heads each column with its date as well."""
    if view == "week":
        return [dateformat.format(day.day, week_column_format(ui)) for day in days]
    return [WEEKDAY_NAMES[(ui.first_weekday + n) % 7] for n in range(7)]


@require_GET
@vary_on_headers("HX-Request")
def calendar(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view") if request.GET.get("view") in ("month", "week", "agenda") else "month"
    ui = UiConfig.load()  # Settings → UI: the first day of week and the week view's headings
    span = calendar_range(view, _anchor(request.GET.get("start")), ui.first_weekday)
    unmonitored = request.GET.get("unmonitored") == "true"
    release_types = release_types_from(request.GET.getlist("type"))
    tag_ids = [tag_id for value in request.GET.getlist("tag") if (tag_id := int_or_none(value)) is not None]
    movies = calendar_movies(
        span.start, span.end, include_unmonitored=unmonitored, tag_ids=tag_ids, release_types=release_types
    )
    events = calendar_events(
        movies, span.start, span.end, release_types=release_types, queued_ids=queued_movie_ids()
    )
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
    }
    template = "downloads/calendar.html#calendar" if request.htmx else "downloads/calendar.html"
    return render(request, template, context)


urlpatterns = [
    path("calendar", calendar, name="calendar"),
]
