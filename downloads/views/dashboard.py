"""Page: Dashboard — the library at a glance: counts, queue, disks, health, upcoming, imports, charts.

Charts are server-side SVG bars (no JavaScript, no CDN): each chart is a list of `Bar`s the template draws.
A page of downloads because it shows the queue beside the library.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncWeek
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from downloads.models import TrackedDownload
from downloads.views.calendar import queued_ids
from movies.availability import available_ids
from movies.calendar import calendar_events, calendar_movies
from movies.diskspace import disk_spaces
from movies.models import Movie, MovieFile
from radarr.system.health import current_health
from releases.qualities import QUALITIES_BY_ID

CHART_WIDTH = 600
CHART_HEIGHT = 160


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def bar_chart(rows: list[tuple[str, int]], width: int = CHART_WIDTH, height: int = CHART_HEIGHT) -> list[Bar]:
    """Bars scaled to the largest value; labels stay with the bars for the template's <title>s."""
    if not rows:
        return []
    peak = max(value for _, value in rows) or 1
    slot = width / len(rows)
    return [
        Bar(
            label,
            value,
            index * slot + slot * 0.1,
            height - value / peak * height,
            slot * 0.8,
            value / peak * height,
        )
        for index, (label, value) in enumerate(rows)
    ]


def library_counts() -> dict[str, int]:
    counts = Movie.objects.aggregate(
        total_count=Count("pk"),
        monitored_count=Count("pk", filter=Q(monitored=True)),
        with_files_count=Count("pk", filter=Q(has_file=True)),
        size_total=Sum("size_on_disk", default=0),
    )
    counts["missing_count"] = len(available_ids(Movie.objects.filter(monitored=True, has_file=False)))
    return {name.rsplit("_", 1)[0]: value for name, value in counts.items()}


def quality_rows() -> list[tuple[str, int]]:
    rows = (
        MovieFile.objects.filter(is_primary=True)
        .values("quality_id")
        .annotate(n=Count("pk"))
        .order_by("quality_id")
    )
    return [
        (
            QUALITIES_BY_ID[row["quality_id"]].name if row["quality_id"] in QUALITIES_BY_ID else "Unknown",
            row["n"],
        )
        for row in rows
    ]


def decade_rows() -> list[tuple[str, int]]:
    counts: dict[int, int] = {}
    for year, n in Movie.objects.filter(year__gt=0).values_list("year").annotate(n=Count("pk")).order_by():
        counts[year // 10 * 10] = counts.get(year // 10 * 10, 0) + n
    return [(f"{decade}s", counts[decade]) for decade in sorted(counts)]


def import_rows(weeks: int = 12) -> list[tuple[str, int]]:
    """Files added per week over the last `weeks` weeks (empty weeks shown as 0)."""
    since = timezone.now() - timedelta(weeks=weeks)
    counted = {
        row["week"].date(): row["n"]
        for row in MovieFile.objects.filter(date_added__gte=since)
        .annotate(week=TruncWeek("date_added"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by()
    }
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    starts = [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return [(start.strftime("%b %d"), counted.get(start, 0)) for start in starts]


def queue_summary() -> list[tuple[str, int]]:
    rows = TrackedDownload.objects.in_queue().order_by().values("state").annotate(n=Count("pk"))
    return [(row["state"], row["n"]) for row in rows]


def recent_imports(limit: int = 10) -> list[MovieFile]:
    return list(MovieFile.objects.select_related("movie").order_by("-date_added")[:limit])


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    end = today + timedelta(days=14)
    upcoming = calendar_events(calendar_movies(today, end), today, end, queued_ids=queued_ids()[0])
    context = {
        "counts": library_counts(),
        "queue": queue_summary(),
        "disks": disk_spaces(),
        "issues": current_health(),
        "upcoming": upcoming[:15],
        "imports": recent_imports(),
        "charts": [
            ("Library by quality", bar_chart(quality_rows())),
            ("Library by decade", bar_chart(decade_rows())),
            ("Files added per week", bar_chart(import_rows())),
        ],
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
    }
    return render(request, "downloads/dashboard.html", context)


urlpatterns = [
    path("dashboard", dashboard, name="dashboard"),
]
