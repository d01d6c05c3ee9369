"""System → Updates (the version running and how this install is updated: outside the app) and
System → Events (what the app logged at info and above, newest first, by level), as Radarr's tabs."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from radarr.system.logs import recent_entries
from radarr.system.status import BUILD_TIME
from radarr.system.updates import MANAGED_OUTSIDE, update_resources

EVENT_LEVELS = {"info": "Info and above", "warn": "Warnings and errors", "error": "Errors only"}
PAGE_SIZE = 50


@require_GET
def updates(request: HttpRequest) -> HttpResponse:
    context = {
        "updates": update_resources(),
        "version": settings.RADARR_COMPAT_VERSION,
        "built": BUILD_TIME,
        "managed_outside": MANAGED_OUTSIDE,
    }
    return render(request, "system/updates.html", context)


@require_GET
def events(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", "info")
    level = level if level in EVENT_LEVELS else "info"
    page = Paginator(list(reversed(recent_entries(level))), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "system/events.html", {"page": page, "level": level, "levels": EVENT_LEVELS})
