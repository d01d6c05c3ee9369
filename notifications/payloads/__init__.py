"""Turning an event into what is sent: the webhook payload (Radarr's shapes) and a title + text, one
module per event. It runs in the worker, after the change committed, and formats only what the event
carries (the snapshots of notifications.snapshots): no row of another app is read here."""

from notifications import events as ev
from notifications.payloads.application import application_update_notice, notice_for_test
from notifications.payloads.download import download_notice
from notifications.payloads.grab import grab_notice
from notifications.payloads.health import health_notice
from notifications.payloads.library import movie_added_notice, movie_delete_notice, movie_file_delete_notice
from notifications.payloads.manual_interaction import manual_interaction_notice
from notifications.payloads.notice import Notice
from notifications.payloads.rename import rename_notice

__all__ = ["Notice", "build_notice", "notice_for_test"]

BUILDERS = {
    ev.GrabEvent: grab_notice,
    ev.DownloadEvent: download_notice,
    ev.RenameEvent: rename_notice,
    ev.MovieAddedEvent: movie_added_notice,
    ev.MovieDeleteEvent: movie_delete_notice,
    ev.MovieFileDeleteEvent: movie_file_delete_notice,
    ev.HealthEvent: health_notice,
    ev.HealthRestoredEvent: health_notice,
    ev.ManualInteractionRequiredEvent: manual_interaction_notice,
    ev.ApplicationUpdateEvent: application_update_notice,
}


def build_notice(event: ev.Event) -> Notice | None:
    """What to send for `event`, or None for an event nothing is sent for (the Test event)."""
    builder = BUILDERS.get(type(event))
    if builder is None:
        return None
    return builder(event)
