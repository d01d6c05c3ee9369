"""Health and HealthRestored: a health check started or stopped failing."""

from __future__ import annotations

from notifications import events as ev
from notifications.payloads.common import drop_nulls, envelope
from notifications.payloads.notice import TITLES, Notice


def health_notice(event: ev.HealthEvent | ev.HealthRestoredEvent) -> Notice:
    payload = {
        **envelope(event.event_type),
        "level": event.level,
        "message": event.message,
        "type": event.source,
        "wikiUrl": event.wiki_url or None,
    }
    return Notice(
        event=event, title=TITLES[event.event_type], message=event.message, payload=drop_nulls(payload)
    )
