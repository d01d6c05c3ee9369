"""Pages: Settings → Connect (notifications with status; add, edit, test, delete).

A notification's form is built from its implementation's settings (the same declaration that drives
the v3 `fields`); triggers the implementation does not support are shown greyed out.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications.editing import (
    NotificationInput,
    build_notification,
    delete_notifications,
    save_notification,
    test_notification,
)
from notifications.implementations import IMPLEMENTATIONS
from notifications.implementations.base import BaseNotification
from notifications.models import EVENT_FLAGS, Notification
from radarr.api.errors import Failure, ValidationFailed
from radarr.models import Tag
from radarr.providerediting import (
    form_fields,
    posted_fields,
    posted_tags,
    report_test,
    requested_implementation,
    test_result_template,
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


# ---- a notification's form


def _posted_input(cls: type[BaseNotification], post: QueryDict) -> NotificationInput:
    return NotificationInput(
        name=post.get("name", ""),
        implementation=cls.implementation,
        fields=posted_fields(cls.Settings, post),
        flags={attribute: attribute in post for attribute, _, _ in EVENT_FLAGS},
        tags=posted_tags(post),
    )


def _form_context(
    cls: type[BaseNotification],
    row: Notification | None,
    stored: dict[str, Any] | None,
    common: dict[str, Any],
    failures: list[Failure] | None = None,
) -> dict[str, Any]:
    failures = failures or []
    fields, common_errors = form_fields(cls.Settings, stored, failures)
    triggers = []
    for attribute, _, label in EVENT_FLAGS:
        support = "on_health_issue" if attribute == "include_health_warnings" else attribute
        triggers.append(
            {
                "name": attribute,
                "label": label,
                "checked": common["flags"].get(attribute, False),
                "supported": support in cls.supported_events,
            }
        )
    return {
        "cls": cls,
        "notification": row,
        "fields": fields,
        "common": common,
        "triggers": triggers,
        "common_errors": common_errors,
        "tags": Tag.objects.all(),
        "failures": failures,
    }


def _common(row: Notification | None, post: QueryDict | None = None) -> dict[str, Any]:
    if post is not None:
        return {
            "name": post.get("name", ""),
            "flags": {attribute: attribute in post for attribute, _, _ in EVENT_FLAGS},
            "tags": posted_tags(post),
        }
    if row is None:
        return {"name": "", "flags": {}, "tags": []}
    return {
        "name": row.name,
        "flags": {attribute: getattr(row, attribute) for attribute, _, _ in EVENT_FLAGS},
        "tags": [tag.pk for tag in row.tags.all()],
    }


def _save_form(request: HttpRequest, cls: type[BaseNotification], row: Notification | None) -> HttpResponse:
    data = _posted_input(cls, request.POST)
    try:
        built = build_notification(data, row)
    except ValidationFailed as failed:
        stored = posted_fields(cls.Settings, request.POST)
        context = _form_context(cls, row, stored, _common(None, request.POST), failed.failures)
        return render(request, "notifications/form.html", context, status=400)
    save_notification(built, data.tags)
    messages.success(request, f"Saved {built.name}")
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def notification_new(request: HttpRequest) -> HttpResponse:
    cls = IMPLEMENTATIONS.get(requested_implementation(request))
    if cls is None:
        implementations = sorted(IMPLEMENTATIONS.values(), key=lambda item: item.implementation_name.lower())
        return render(request, "notifications/pick.html", {"implementations": implementations})
    if request.method == "POST":
        return _save_form(request, cls, None)
    return render(request, "notifications/form.html", _form_context(cls, None, None, _common(None)))


@require_http_methods(["GET", "POST"])
def notification_edit(request: HttpRequest, notification_id: int) -> HttpResponse:
    row = get_object_or_404(Notification.objects.for_resource(), pk=notification_id)
    cls = IMPLEMENTATIONS.get(row.implementation)
    if cls is None:
        messages.error(request, f"Unknown implementation {row.implementation}")
        return redirect("notifications:list")
    if request.method == "POST":
        return _save_form(request, cls, row)
    return render(request, "notifications/form.html", _form_context(cls, row, row.settings, _common(row)))


@require_POST
def notification_test(request: HttpRequest) -> HttpResponse:
    """Test the form as posted (a saved notification's masked secrets come from its row)."""
    cls = IMPLEMENTATIONS.get(request.POST.get("implementation", ""))
    if cls is None:
        return HttpResponse("Unknown implementation", status=400)
    stored = Notification.objects.filter(pk=request.POST.get("notification_id") or 0).first()
    data = _posted_input(cls, request.POST)
    data.name = data.name or "Test"
    try:
        failures = test_notification(build_notification(data, stored))
    except ValidationFailed as failed:
        failures = failed.failures
    context = _form_context(
        cls, stored, posted_fields(cls.Settings, request.POST), _common(None, request.POST), failures
    )
    context["tested"] = True
    return render(request, test_result_template(request, "notifications/form.html"), context)


@require_POST
def notifications_test_all(request: HttpRequest) -> HttpResponse:
    for row in Notification.objects.all():
        report_test(request, row.name, test_notification(row))
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def notification_delete(request: HttpRequest, notification_id: int) -> HttpResponse:
    row = get_object_or_404(Notification, pk=notification_id)
    if request.method == "POST":
        delete_notifications([row.pk])
        messages.success(request, f"Deleted {row.name}")
        return redirect("notifications:list")
    return render(request, "notifications/confirm_delete.html", {"notification": row})


urlpatterns = [
    path("connect", notifications, name="list"),
    path("connect/new", notification_new, name="new"),
    path("connect/test", notification_test, name="test"),
    path("connect/testall", notifications_test_all, name="testall"),
    path("connect/<int:notification_id>", notification_edit, name="edit"),
    path("connect/<int:notification_id>/delete", notification_delete, name="delete"),
]
