"""v3 notifications (Connect): `/notification` CRUD, schema, test, testall and bulk.

Creating or updating tests the notification first, as Radarr does; `?forceSave=true` skips the test.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path

from notifications.editing import (
    build_notification,
    bulk_edit_notifications,
    delete_notifications,
    notification_input,
    save_notification,
    test_notification,
)
from notifications.implementations import IMPLEMENTATIONS
from notifications.models import Notification
from notifications.resources import notification_resource, template_resource
from radarr.api.auth import api_view
from radarr.api.bulk import (
    bulk_ids,
    force_save_requested,
    provider_test_results,
    raise_test_errors,
    saved_row_for_test,
)
from radarr.api.identity import resource_id, row_or_404
from radarr.api.responses import json_response, read_json_object


def _notification(notification_id: int) -> Notification:
    return row_or_404(Notification.objects.for_resource(), "Notification", notification_id)


def _save(request: HttpRequest, body: dict[str, Any], row: Notification | None) -> Notification:
    force = force_save_requested(request)
    data = notification_input(body)
    built = build_notification(data, row)
    if not force:
        raise_test_errors(test_notification(built))
    saved = save_notification(built, data.tags if data.tags is not None or row else [])
    return _notification(saved.pk)


@api_view("GET", "POST", "PUT")
def notification_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        created = _save(request, read_json_object(request), None)
        return json_response(notification_resource(created), status=201)
    if request.method == "PUT":
        return _update(request, None)
    return json_response([notification_resource(row) for row in Notification.objects.for_resource()])


def _update(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    row = _notification(resource_id(path_id, body))
    return json_response(notification_resource(_save(request, body, row)), status=202)


@api_view("GET", "PUT", "DELETE")
def notification_item(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update(request, id)
    row = _notification(id)
    if request.method == "DELETE":
        delete_notifications([row.pk])
        return HttpResponse(status=200)
    return json_response(notification_resource(row))


@api_view("GET")
def notification_schema(request: HttpRequest) -> HttpResponse:
    return json_response([template_resource(cls) for cls in IMPLEMENTATIONS.values()])


@api_view("POST")
def notification_test(request: HttpRequest) -> HttpResponse:
    """Test the notification described by the body (a saved one's secrets are used when sent masked)."""
    body = read_json_object(request)
    stored = saved_row_for_test(Notification.objects.all(), body)
    raise_test_errors(test_notification(build_notification(notification_input(body), stored)))
    return json_response({})


@api_view("POST")
def notification_test_all(request: HttpRequest) -> HttpResponse:
    return json_response(provider_test_results(Notification.objects.all(), test_notification))


@api_view("PUT", "DELETE")
def notification_bulk(request: HttpRequest) -> HttpResponse:
    body = read_json_object(request)
    ids = bulk_ids(body)
    if request.method == "DELETE":
        delete_notifications(ids)
        return HttpResponse(status=200)
    rows = bulk_edit_notifications(ids, body)
    return json_response([notification_resource(row) for row in rows], status=202)


api_v3 = [
    path("notification", notification_collection),
    path("notification/schema", notification_schema),
    path("notification/test", notification_test),
    path("notification/testall", notification_test_all),
    path("notification/bulk", notification_bulk),
    path("notification/<int:id>", notification_item),
]
