"""django-q2 entry points of notifications."""

from notifications.events import event_from_data
from notifications.sending import send_event as send_to_subscribers


def send_event(payload: dict) -> str:
    """Send one queued event (see notifications.events.notify) to every subscribed notification."""
    event = event_from_data(payload)
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
