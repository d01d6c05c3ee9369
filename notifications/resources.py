"""Notifications in Radarr's v3 shape (NotificationResource) and the /schema templates."""

from typing import Any

from notifications.implementations import IMPLEMENTATIONS
from notifications.implementations.base import BaseNotification
from notifications.models import EVENT_FLAGS, Notification
from radarr.providers import field_resources, implementation_facts

# the supportsOn... flag each trigger has; includeHealthWarnings follows onHealthIssue
SUPPORT_FLAG = {
    attribute: attribute if attribute != "include_health_warnings" else "on_health_issue"
    for attribute, _, _ in EVENT_FLAGS
}


def _supports(cls: type[BaseNotification] | None) -> dict[str, bool]:
    supported = cls.supported_events if cls else frozenset()
    return {
        "supports" + camel[0].upper() + camel[1:]: SUPPORT_FLAG[attribute] in supported
        for attribute, camel, _ in EVENT_FLAGS
        if attribute != "include_health_warnings"
    }


def notification_resource(notification: Notification) -> dict[str, Any]:
    """NotificationResource; tags come from the prefetch of `for_resource()`."""
    cls = IMPLEMENTATIONS.get(notification.implementation)
    resource: dict[str, Any] = {"link": cls.info_link if cls else None}
    resource.update({camel: getattr(notification, attribute) for attribute, camel, _ in EVENT_FLAGS})
    resource.update(_supports(cls))
    resource.update(
        {
            "testCommand": "",
            "name": notification.name,
            "fields": field_resources(cls.Settings, notification.settings) if cls else [],
            **implementation_facts(cls, notification.implementation),
            "message": None,
            "tags": sorted(tag.pk for tag in notification.tags.all()),
            "presets": [],
            "id": notification.pk,
        }
    )
    return resource


def template_resource(cls: type[BaseNotification]) -> dict[str, Any]:
    """One entry of GET /notification/schema: a new notification of that kind, every trigger off."""
    resource: dict[str, Any] = {"link": cls.info_link}
    resource.update({camel: False for _, camel, _ in EVENT_FLAGS})
    resource.update(_supports(cls))
    resource.update(
        {
            "id": 0,
            "name": "",
            "testCommand": "",
            "fields": field_resources(cls.Settings, None),
            **implementation_facts(cls, cls.implementation),
            "tags": [],
            "presets": [],
        }
    )
    return resource
