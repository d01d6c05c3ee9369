"""Creating, changing, testing and deleting notifications (v3 input: camelCase, `fields` list)."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from notifications.implementations import IMPLEMENTATIONS
from notifications.models import EVENT_FLAGS, Notification
from radarr.api.errors import Failure, ValidationFailed
from radarr.models import Tag
from radarr.providerediting import apply_tags, bulk_tags, checked_name, common_input
from radarr.providers import settings_from_fields


@dataclass
class NotificationInput:
    """What a form or a v3 resource says about a notification; None means "keep what is stored"."""

    name: str | None = None
    implementation: str | None = None
    fields: list[dict[str, Any]] | dict[str, Any] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)  # attribute -> value, only those sent
    tags: list[int] | None = None


def notification_input(body: dict[str, Any]) -> NotificationInput:
    """A v3 NotificationResource body (keys matched ignoring case by the caller's InsensitiveDict)."""
    flags = {
        attribute: body.get(camel) for attribute, camel, _ in EVENT_FLAGS if isinstance(body.get(camel), bool)
    }
    return NotificationInput(**common_input(body), flags=flags)


def build_notification(data: NotificationInput, notification: Notification | None = None) -> Notification:
    """An unsaved row with `data` applied over `notification` (or new); ValidationFailed on bad input.

    Triggers the implementation does not support are switched off whatever was sent.
    """
    implementation = data.implementation or (notification.implementation if notification else "")
    cls = IMPLEMENTATIONS.get(implementation)
    if cls is None:
        raise ValidationFailed(
            [Failure("implementation", f"Unknown notification '{implementation}'", implementation)]
        )
    stored = notification.settings if notification and notification.implementation == implementation else {}
    settings, failures = settings_from_fields(cls.Settings, data.fields, stored)
    row = notification or Notification()
    name = checked_name(row, data.name, failures)
    if failures:
        raise ValidationFailed(failures)
    row.name, row.implementation, row.settings = name, implementation, settings
    for attribute, value in data.flags.items():
        setattr(row, attribute, value)
    for attribute, _, _ in EVENT_FLAGS:
        support = "on_health_issue" if attribute == "include_health_warnings" else attribute
        if support not in cls.supported_events:
            setattr(row, attribute, False)
    return row


@transaction.atomic
def save_notification(row: Notification, tags: list[int] | None) -> Notification:
    """Save a row made by `build_notification` and set its tags (unknown tag ids are ignored)."""
    changed_settings = row.pk is not None
    row.save()
    if changed_settings and row.escalation_level:
        # new settings deserve a fresh try: the back-off was about the old ones
        from radarr.providers import record_success

        record_success(row)
    if tags is not None:
        row.tags.set(Tag.objects.filter(pk__in=tags))
    return row


def delete_notifications(ids: list[int]) -> int:
    deleted, _ = Notification.objects.filter(pk__in=ids).delete()
    return deleted


def test_notification(row: Notification) -> list[Failure]:
    """Send the Test notice with `row` (saved or not); failures for the UI, never an exception."""
    cls = IMPLEMENTATIONS.get(row.implementation)
    if cls is None:
        return [Failure("implementation", f"Unknown notification '{row.implementation}'")]
    try:
        return cls(row).test()
    except Exception as error:  # noqa: BLE001 - a broken implementation reports, it does not 500
        return [Failure("", f"Unable to send test message: {error}")]


@transaction.atomic
def bulk_edit_notifications(ids: list[int], body: dict[str, Any]) -> list[Notification]:
    """Radarr's bulk edit for notifications: tags (add, remove or replace)."""
    tag_change = bulk_tags(body)
    if tag_change is not None:
        for row in Notification.objects.filter(pk__in=ids):
            apply_tags(row, *tag_change)
    return list(Notification.objects.filter(pk__in=ids).for_resource())
