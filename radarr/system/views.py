"""System pages: status, tasks (with Run now), logs."""

import shutil

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from radarr.commands import UnknownCommand, queue_command
from radarr.jobs import scheduled_tasks
from radarr.models import Command
from radarr.system.health import current_health
from radarr.system.logs import recent_entries
from radarr.system.status import system_status


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    disk = shutil.disk_usage(settings.DATA_DIR)
    context = {"status": system_status(), "issues": current_health(), "disk": disk}
    return render(request, "system/status.html", context)


@require_GET
@vary_on_headers("HX-Request")
def tasks(request: HttpRequest) -> HttpResponse:
    context = {"tasks": scheduled_tasks(), "commands": Command.objects.order_by("-pk")[:20]}
    template = "system/tasks.html#rows" if request.htmx else "system/tasks.html"
    return render(request, template, context)


@require_POST
def run_task(request: HttpRequest, name: str) -> HttpResponse:
    try:
        command = queue_command(name, user_agent=request.headers.get("User-Agent", ""))
    except UnknownCommand as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{command.name} queued.")
    return HttpResponseClientRefresh() if request.htmx else redirect("system-tasks")


@require_GET
def logs(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", "info")
    entries = list(reversed(recent_entries(level)))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "system/logs.html", {"page": page, "level": level})
