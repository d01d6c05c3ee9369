"""Activity pages: Queue, History and Blocklist.

The queue polls itself every few seconds; each poll carries the version it shows (`?v=`), and when
nothing changed since, the answer is an empty 204 (htmx swaps nothing) after three small queries.
"""

from collections.abc import Callable
from datetime import datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from downloads.blocklist import clear_blocklist, remove_from_blocklist
from downloads.failing import NotFailable, mark_history_failed
from downloads.grabbing import GrabError
from downloads.models import Blocklist, History, HistoryEventType
from downloads.pending import PendingNotFound, grab_pending
from downloads.queue import (
    QueueItemNotFound,
    QueueRecord,
    queue_records,
    queue_version,
    remove_queue_item,
    sort_records,
)
from radarr.api.params import int_or_none
from radarr.providers import ProviderError

PAGE_SIZE = 50


# the queue's Status filter: key → (label, does a record pass)
QUEUE_FILTERS: dict[str, tuple[str, Callable[[QueueRecord], bool]]] = {
    "downloading": ("Downloading", lambda record: not record.is_pending and record.state == "downloading"),
    "pending": ("Pending (delayed)", lambda record: record.is_pending),
    "import": (
        "Waiting to import or blocked",
        lambda record: record.state in ("importPending", "importBlocked"),
    ),
    "problems": ("Warnings and errors", lambda record: record.tracked_status in ("warning", "error")),
}


def filter_records(records: list[QueueRecord], params: QueryDict) -> list[QueueRecord]:
    """The records the queue's filters keep: status, protocol and words of the title or movie."""
    status = QUEUE_FILTERS.get(params.get("status", ""))
    protocol = params.get("protocol", "")
    words = params.get("search", "").lower().split()
    return [
        record
        for record in records
        if (status is None or status[1](record))
        and (protocol not in ("usenet", "torrent") or record.protocol == protocol)
        and all(
            word in f"{record.title} {record.movie.title if record.movie else ''}".lower() for word in words
        )
    ]


@require_GET
@vary_on_headers("HX-Request")
def queue(request: HttpRequest) -> HttpResponse:
    version = queue_version()
    if request.htmx and request.GET.get("v") == version and not request.GET.get("filtered"):  # type: ignore[attr-defined]
        return HttpResponse(status=204)
    records = sort_records(queue_records(), "timeleft", False)
    filters = request.GET.copy()
    for key in ("v", "filtered"):
        filters.pop(key, None)
    context = {
        "records": filter_records(records, request.GET),
        "total": len(records),
        "version": version,
        "filters": filters.urlencode(),
        "chosen": request.GET,
        "queue_filters": [(key, label) for key, (label, _) in QUEUE_FILTERS.items()],
    }
    template = "downloads/queue.html#rows" if request.htmx else "downloads/queue.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_POST
def queue_bulk(request: HttpRequest) -> HttpResponse:
    """Remove or grab the ticked records at once (Radarr's queue bulk actions)."""
    ids = [record_id for value in request.POST.getlist("ids") if (record_id := int_or_none(value, minimum=1))]
    if not ids:
        messages.error(request, "Tick at least one download first")
        return redirect("downloads:queue")
    done, problems = 0, []
    for record_id in ids:
        try:
            if request.POST.get("action") == "grab":
                grab_pending(record_id, user_agent=request.headers.get("User-Agent", ""))
            else:
                remove_queue_item(
                    record_id,
                    remove_from_client=request.POST.get("remove_from_client") == "on",
                    blocklist=request.POST.get("blocklist") == "on",
                    skip_redownload=request.POST.get("skip_redownload") == "on",
                )
            done += 1
        except (QueueItemNotFound, PendingNotFound):
            problems.append(f"#{record_id} is no longer in the queue (or not pending)")
        except (ProviderError, GrabError) as error:
            problems.append(error.message)
    verb = "Sent" if request.POST.get("action") == "grab" else "Removed"
    if done:
        messages.success(request, f"{verb} {done} download{'s' if done != 1 else ''}")
    for problem in problems:
        messages.error(request, problem)
    return redirect("downloads:queue")


@require_POST
def queue_remove(request: HttpRequest, record_id: int) -> HttpResponse:
    options = {
        "remove_from_client": request.POST.get("remove_from_client") == "on",
        "blocklist": request.POST.get("blocklist") == "on",
        "skip_redownload": request.POST.get("skip_redownload") == "on",
    }
    try:
        remove_queue_item(record_id, **options)
        messages.success(request, "Removed from the queue")
    except QueueItemNotFound:
        messages.error(request, "That download is no longer in the queue")
    except ProviderError as error:
        messages.error(request, f"Could not remove it: {error.message}")
    return redirect("downloads:queue")


@require_POST
def queue_grab(request: HttpRequest, record_id: int) -> HttpResponse:
    try:
        grab = grab_pending(record_id, user_agent=request.headers.get("User-Agent", ""))
        messages.success(request, f"Sent to {grab.client_name}")
    except PendingNotFound:
        messages.error(request, "That release is no longer pending")
    except GrabError as error:
        messages.error(request, error.message)
    return redirect("downloads:queue")


def _history_rows(request: HttpRequest):  # noqa: ANN202 - a History queryset
    rows = History.objects.select_related("movie").order_by("-date", "-pk")
    event = request.GET.get("event", "")
    if event.isdigit():
        rows = rows.filter(event_type=int(event))
    if movie := request.GET.get("movie", "").strip():
        rows = rows.filter(movie__title__icontains=movie)
    if (since := parse_date(request.GET.get("since", ""))) is not None:
        rows = rows.filter(date__gte=timezone.make_aware(datetime.combine(since, time.min)))
    return rows


@require_GET
@vary_on_headers("HX-Request")
def history(request: HttpRequest) -> HttpResponse:
    page = Paginator(_history_rows(request), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "event_types": [(e.value, e.label) for e in HistoryEventType if e.value],
        "filters": request.GET,
        "query": query.urlencode(),
        "grabbed": HistoryEventType.GRABBED,
    }
    template = "downloads/history.html#events" if request.htmx else "downloads/history.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_POST
def history_failed(request: HttpRequest, history_id: int) -> HttpResponse:
    try:
        outcome = mark_history_failed(history_id)
        searched = " and searched again" if outcome.search_queued else ""
        messages.success(request, f"Marked as failed, blocklisted{searched}")
    except NotFailable:
        messages.error(request, "Only a grab can be marked as failed")
    return redirect("downloads:history")


@require_GET
def blocklist(request: HttpRequest) -> HttpResponse:
    rows = Blocklist.objects.select_related("movie").order_by("-date", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "downloads/blocklist.html", {"page": page})


@require_POST
def blocklist_remove(request: HttpRequest) -> HttpResponse:
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
    removed = remove_from_blocklist(ids)
    messages.success(request, f"{removed} removed from the blocklist")
    return redirect("downloads:blocklist")


@require_POST
def blocklist_clear(request: HttpRequest) -> HttpResponse:
    messages.success(request, clear_blocklist())
    return redirect("downloads:blocklist")


urlpatterns = [
    path("activity/queue", queue, name="queue"),
    path("activity/queue/bulk", queue_bulk, name="queue-bulk"),
    path("activity/queue/<int:record_id>/remove", queue_remove, name="queue-remove"),
    path("activity/queue/<int:record_id>/grab", queue_grab, name="queue-grab"),
    path("activity/history", history, name="history"),
    path("activity/history/<int:history_id>/failed", history_failed, name="history-failed"),
    path("activity/blocklist", blocklist, name="blocklist"),
    path("activity/blocklist/remove", blocklist_remove, name="blocklist-remove"),
    path("activity/blocklist/clear", blocklist_clear, name="blocklist-clear"),
]
