"""Pages: Settings → Connect (notifications with status). Adding, editing, testing and deleting a
notification are the shared provider pages (`radarr.providerpages`) for NOTIFICATIONS; triggers the
implementation does not support are shown greyed out."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from notifications.editing import NOTIFICATIONS
from notifications.models import EVENT_FLAGS, Notification
from radarr.providerpages import (
    delete_provider,
    edit_provider,
    new_provider,
    test_all_providers,
    test_provider_form,
)


def _status(row: Notification, now: Any) -> str:
    if row.is_backed_off(now):
        return f"Failing: {row.last_error}" if row.last_error else "Failing"
    return f"Last send failed: {row.last_error}" if row.last_error else "OK"


def _triggers(row: Notification) -> list[str]:
    return [label for attribute, _, label in EVENT_FLAGS if getattr(row, attribute)]


@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        {"notification": row, "status": _status(row, now), "triggers": _triggers(row)}
        for row in Notification.objects.for_resource()
    ]
    return render(request, "notifications/list.html", {"rows": rows})


NOTIFICATION_PAGES = {"family": NOTIFICATIONS}

urlpatterns = [
    path("connect", notifications, name="list"),
    path("connect/new", new_provider, NOTIFICATION_PAGES, name="new"),
    path("connect/test", test_provider_form, NOTIFICATION_PAGES, name="test"),
    path("connect/testall", test_all_providers, NOTIFICATION_PAGES, name="testall"),
    path("connect/<int:pk>", edit_provider, NOTIFICATION_PAGES, name="edit"),
    path("connect/<int:pk>/delete", delete_provider, NOTIFICATION_PAGES, name="delete"),
]
