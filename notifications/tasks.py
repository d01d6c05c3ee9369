"""django-q2 entry points of notifications."""

import logging

from notifications.events import event_from_data
from notifications.sending import send_event as send_to_subscribers

logger = logging.getLogger(__name__)


def send_event(payload: dict) -> str:
    """Send one queued event (see notifications.events.notify) to every subscribed notification."""
    try:
        event = event_from_data(payload)
    except (KeyError, TypeError, ValueError) as error:  # queued by an older version, in another shape
        logger.warning(
            "Skipped a queued %s notification this version cannot read: %s", payload.get("kind"), error
        )
        return f"{payload.get('kind')}: skipped, queued in a shape this version cannot read"
    outcomes = send_to_subscribers(event)
    if not outcomes:
        return f"{event.event_type}: no notification to send"
    failed = [outcome for outcome in outcomes if not outcome.sent]
    summary = (
        f"{event.event_type}: sent with {len(outcomes) - len(failed)} of {len(outcomes)} notification(s)"
    )
    if failed:
        summary += "; failed: " + ", ".join(f"{item.notification} ({item.message})" for item in failed)
    return summary
