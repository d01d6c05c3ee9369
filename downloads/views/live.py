"""Live and aware: what every page polls (base.html) for the health badge in the navigation and the
toasts for grabs, imports, failures and health changes that happened since the last poll, and the
progress of the tasks running now (polled faster while one runs).

The session keeps where this browser left off (the last history row and the health issues it was
shown), so a toast appears once even as the user moves between pages; the first poll only notes
where things stand. One answer is out-of-band swaps only: the badge replaces itself, the toasts are
appended to #toasts.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from downloads.models import History, HistoryEventType
from radarr.humanize import check_name
from radarr.models import Command, CommandStatus
from radarr.system.health import current_health

TOASTED_EVENTS = {  # event type → (toast level, what the toast says)
    HistoryEventType.GRABBED: ("info", "Grabbed"),
    HistoryEventType.DOWNLOAD_FOLDER_IMPORTED: ("ok", "Imported"),
    HistoryEventType.MOVIE_FOLDER_IMPORTED: ("ok", "Imported"),
    HistoryEventType.DOWNLOAD_FAILED: ("error", "Download failed"),
}
MOST_TOASTS = 5  # a burst (an RSS sync grabbing ten) shows its newest few, not a wall
POLL_SECONDS, POLL_SECONDS_WHILE_RUNNING = 15, 3  # progress of a long task shows every few seconds


@dataclass(frozen=True, slots=True)
class Toast:
    level: str  # info, ok, warning, error (a CSS class)
    title: str
    text: str
    tmdb_id: int | None = None  # the movie it is about (linked)


def _history_toasts(after_id: int) -> tuple[list[Toast], int]:
    rows = list(
        History.objects.filter(pk__gt=after_id, event_type__in=list(TOASTED_EVENTS))
        .select_related("movie")
        .order_by("-pk")[:MOST_TOASTS]
    )
    newest = History.objects.aggregate(newest=Max("pk"))["newest"] or 0
    toasts = []
    for row in reversed(rows):
        level, title = TOASTED_EVENTS[row.event_type]
        text = f"{row.movie.title} ({row.movie.year}): {row.source_title}"
        if message := row.data.get("message"):
            text += f". {message}"
        toasts.append(Toast(level, title, text, row.movie.tmdb_id))
    return toasts, max(newest, after_id)


def _health_toasts(before: set[str], issues: list) -> list[Toast]:
    now = {f"{issue.source}|{issue.message}" for issue in issues}
    toasts = [
        Toast("error" if issue.level == "error" else "warning", check_name(issue.source), issue.message)
        for issue in issues
        if f"{issue.source}|{issue.message}" not in before and issue.level in ("warning", "error")
    ]
    fixed = {key.split("|", 1)[0] for key in before - now} - {issue.source for issue in issues}
    toasts += [Toast("ok", check_name(source), "Resolved") for source in sorted(fixed)]
    return toasts


@login_required
@never_cache
@require_GET
def live(request: HttpRequest) -> HttpResponse:
    issues = [issue for issue in current_health() if issue.level in ("warning", "error")]
    first_poll = "live_history" not in request.session
    if first_poll:
        toasts: list[Toast] = []
        cursor = History.objects.aggregate(newest=Max("pk"))["newest"] or 0
    else:
        toasts, cursor = _history_toasts(request.session["live_history"])
        toasts += _health_toasts(set(request.session.get("live_health", [])), issues)
    health = sorted(f"{issue.source}|{issue.message}" for issue in issues)
    if (
        first_poll
        or cursor != request.session["live_history"]
        or health != request.session.get("live_health")
    ):
        request.session["live_history"] = cursor
        request.session["live_health"] = health
    errors = sum(issue.level == "error" for issue in issues)
    running = list(Command.objects.filter(status=CommandStatus.STARTED).order_by("started", "pk")[:3])
    context = {
        "toasts": toasts,
        "issues": len(issues),
        "errors": errors,
        "running": running,
        "every": POLL_SECONDS_WHILE_RUNNING if running else POLL_SECONDS,
    }
    return render(request, "components/live.html", context)


urlpatterns = [path("live", live, name="live")]
