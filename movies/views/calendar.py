"""Page: Calendar — month, week and agenda views of the library's release dates, with filters."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from movies.calendar import (
    RELEASE_TYPES,
    calendar_days,
    calendar_events,
    calendar_movies,
    calendar_range,
    release_types_from,
)
from radarr.models import Tag

# TODO(#8): Radarr's UI setting "first day of week"; Sunday (6) until a UI settings row exists
FIRST_WEEKDAY = 6
WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def queued_movie_ids() -> set[int]:
    """Movies with a download in the queue (the downloads app's tracked downloads), for the colouring."""
    from downloads.models import TrackedDownload  # the queue is a later app's: read, never written

    return set(TrackedDownload.objects.in_queue().exclude(movie=None).values_list("movie_id", flat=True))


def _anchor(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@require_GET
@vary_on_headers("HX-Request")
def calendar(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view") if request.GET.get("view") in ("month", "week", "agenda") else "month"
    span = calendar_range(view, _anchor(request.GET.get("start")), FIRST_WEEKDAY)
    unmonitored = request.GET.get("unmonitored") == "true"
    release_types = release_types_from(request.GET.getlist("type"))
    tag_ids = [int(value) for value in request.GET.getlist("tag") if value.isdigit()]
    movies = calendar_movies(
        span.start, span.end, include_unmonitored=unmonitored, tag_ids=tag_ids, release_types=release_types
    )
    events = calendar_events(
        movies, span.start, span.end, release_types=release_types, queued_ids=queued_movie_ids()
    )
    filters = request.GET.copy()
    filters.pop("start", None)
    context = {
        "span": span,
        "days": calendar_days(span, events),
        "weekdays": [WEEKDAY_NAMES[(FIRST_WEEKDAY + n) % 7] for n in range(7)],
        "unmonitored": unmonitored,
        "release_types": release_types,
        "all_release_types": [(name, label) for name, (_, _, label) in RELEASE_TYPES.items()],
        "tags": Tag.objects.all(),
        "tag_ids": tag_ids,
        "filters": filters.urlencode(),
        "today": timezone.localdate(),
    }
    template = "movies/calendar.html#calendar" if request.htmx else "movies/calendar.html"
    return render(request, template, context)


urlpatterns = [
    path("calendar", calendar, name="calendar"),
]
