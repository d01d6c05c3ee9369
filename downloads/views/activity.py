"""Activity pages: Queue, History and Blocklist.

The queue polls itself every few seconds; each poll carries the version it shows (`?v=`), and when
nothing changed since, the answer is an empty 204 (htmx swaps nothing) after three small queries.
"""

from datetime import datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
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
from downloads.queue import QueueItemNotFound, queue_records, queue_version, remove_queue_item, sort_records
from radarr.providers import ProviderError

PAGE_SIZE = 50


@require_GET
@vary_on_headers("HX-Request")
def queue(request: HttpRequest) -> HttpResponse:
    version = queue_version()
    if request.htmx and request.GET.get("v") == version:  # type: ignore[attr-defined]
        return HttpResponse(status=204)
    records = sort_records(queue_records(), "timeleft", False)
    context = {"records": records, "version": version}
    template = "downloads/queue.html#rows" if request.htmx else "downloads/queue.html"  # type: ignore[attr-defined]
    return render(request, template, context)


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
    path("activity/queue/<int:record_id>/remove", queue_remove, name="queue-remove"),
    path("activity/queue/<int:record_id>/grab", queue_grab, name="queue-grab"),
    path("activity/history", history, name="history"),
    path("activity/history/<int:history_id>/failed", history_failed, name="history-failed"),
    path("activity/blocklist", blocklist, name="blocklist"),
    path("activity/blocklist/remove", blocklist_remove, name="blocklist-remove"),
    path("activity/blocklist/clear", blocklist_clear, name="blocklist-clear"),
]
