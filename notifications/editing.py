"""Notifications as a provider family: their own columns (the event triggers) read from v3 input and
the Connect page, and the NOTIFICATIONS declaration.

Everything else about a notification row (name, implementation, fields, tags, test before save,
back-off, the API views and pages) is the shared `radarr.providerfamily`.
"""

from typing import Any

from django.http import QueryDict

from notifications.implementations import IMPLEMENTATIONS
from notifications.models import EVENT_FLAGS, Notification
from notifications.resources import SUPPORT_FLAG, notification_resource, template_resource
from radarr.api.errors import Failure
from radarr.providerfamily import ProviderFamily, ProviderPages
from radarr.providers import Provider


def read_triggers(
    row: Notification, cls: type[Provider], body: dict[str, Any], failures: list[Failure]
) -> None:
    """The triggers sent as true or false (others keep their value); those the implementation does
    not support are switched off whatever was sent."""
    supported = cls.supported_events  # type: ignore[attr-defined]
    for attribute, name, _ in EVENT_FLAGS:
        if isinstance(body.get(name), bool):
            setattr(row, attribute, body.get(name))
        if SUPPORT_FLAG[attribute] not in supported:
            setattr(row, attribute, False)


def posted_triggers(post: QueryDict) -> dict[str, Any]:
    """The Connect page's trigger boxes in v3 names."""
    return {name: attribute in post for attribute, name, _ in EVENT_FLAGS}


def trigger_inputs(cls: type[Provider], values: dict[str, Any]) -> dict[str, Any]:
    """Every trigger for the page, greyed out where the implementation does not support it."""
    supported = cls.supported_events  # type: ignore[attr-defined]
    triggers = [
        {
            "name": attribute,
            "label": label,
            "checked": bool(values.get(name)),
            "supported": SUPPORT_FLAG[attribute] in supported,
        }
        for attribute, name, label in EVENT_FLAGS
    ]
    return {"triggers": triggers}


NOTIFICATIONS = ProviderFamily(
    label="notification",
    resource_name="Notification",
    model=Notification,
    implementations=IMPLEMENTATIONS,
    resource=notification_resource,
    template=template_resource,
    read_columns=read_triggers,
    pages=ProviderPages(
        list_url="notifications:list",
        new_url="notifications:new",
        edit_url="notifications:edit",
        delete_url="notifications:delete",
        test_url="notifications:test",
        inputs_template="notifications/trigger_inputs.html",
        tags_hint="With tags, this connection is only notified about movies that share one; "
        "without, about every movie.",
        posted_columns=posted_triggers,
        inputs_context=trigger_inputs,
    ),
)
