"""Sending an event to every notification subscribed to it, each failure recorded, none raised."""

import logging
from dataclasses import dataclass

from django.db.models import Q

from notifications.events import Event, HealthEvent
from notifications.models import Notification
from notifications.payloads import Notice, build_notice
from radarr.providers import ProviderError, record_failure, record_success, safe_message

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    notification: str
    sent: bool
    message: str = ""


def subscribed(event: Event) -> list[Notification]:
    """Notifications with the event's trigger on, whose implementation supports it, not backed off."""
    flag = event.subscription()
    if not flag:
        return []
    rows = Notification.objects.filter(**{flag: True}).prefetch_related("tags").order_by("pk")
    if isinstance(event, HealthEvent) and event.level != "error":
        rows = rows.filter(include_health_warnings=True)
    result = []
    for row in rows:
        cls = _implementation(row)
        if cls is None or flag not in cls.supported_events:
            continue
        if row.is_backed_off():
            logger.info("Not notifying %s: backed off after failures until %s", row.name, row.disabled_until)
            continue
        result.append(row)
    return result


def _implementation(row: Notification):  # noqa: ANN202 - type[BaseNotification] | None
    from notifications.implementations import IMPLEMENTATIONS

    return IMPLEMENTATIONS.get(row.implementation)


def matches_tags(row: Notification, notice: Notice) -> bool:
    """A notification with tags fires only for movies sharing one; events without a movie reach all."""
    tag_ids = {tag.pk for tag in row.tags.all()}
    if not tag_ids or not notice.movie_id:
        return True
    return bool(tag_ids & notice.tag_ids)


def send_event(event: Event) -> list[Outcome]:
    """Build the event's notice once and send it to each subscribed notification; never raises."""
    rows = subscribed(event)
    if not rows:
        return []
    try:
        notice = build_notice(event)
    except Exception:  # noqa: BLE001 - a notification problem must never surface in the caller
        logger.exception("Could not build the %s notification", event.event_type)
        return []
    if notice is None:
        logger.info("Nothing to notify for %s", event.event_type)
        return []
    return [send_notice(row, notice) for row in rows if matches_tags(row, notice)]


def send_notice(row: Notification, notice: Notice) -> Outcome:
    """Send one notice with one notification, recording success or back-off."""
    try:
        row.provider().send(notice)
    except ProviderError as error:
        return _failed(row, notice, error)
    except Exception as error:  # noqa: BLE001 - an implementation bug backs off, it does not crash the loop
        logger.exception("%s failed on %s", row.name, notice.event_type)
        return _failed(row, notice, ProviderError(f"Unexpected error: {error}"))
    record_success(row)
    logger.info("Sent %s notification with %s", notice.event_type, row.name)
    return Outcome(row.name, True)


def _failed(row: Notification, notice: Notice, error: ProviderError) -> Outcome:
    message = safe_message(error.message)
    logger.warning("Unable to send %s notification with %s: %s", notice.event_type, row.name, message)
    record_failure(row, error)
    return Outcome(row.name, False, message)


def recently_failing() -> "list[Notification]":
    """Notifications that failed and have not worked since (the health check lists them)."""
    return list(Notification.objects.filter(~Q(escalation_level=0)).order_by("pk"))
