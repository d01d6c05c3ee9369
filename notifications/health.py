"""Health for notifications: the check for failing ones, and Health / HealthRestored events."""

from typing import Any

from django.db import transaction

from notifications.events import HealthEvent, HealthRestoredEvent, notify
from notifications.models import HealthNotice, Notification

WIKI = "https://wiki.servarr.com/radarr/system#notifications-are-unavailable-due-to-failures"


def notification_status_check() -> list[Any]:
    """Notifications that failed their last sends (and are paused for a while) are listed by name."""
    from radarr.system.health import HealthIssue

    failing = list(
        Notification.objects.filter(escalation_level__gt=0).order_by("name").values_list("name", "last_error")
    )
    if not failing:
        return []
    names = ", ".join(name for name, _ in failing)
    if len(failing) == 1 and failing[0][1]:
        message = f"Notifications unavailable due to failures: {names} ({failing[0][1]})"
    else:
        message = f"Notifications unavailable due to failures: {names}"
    return [HealthIssue("NotificationStatusCheck", "warning", message, WIKI)]


def health_changed(issues: list[Any]) -> tuple[int, int]:
    """Compare the current health issues with those already announced; notify new and resolved ones.

    `issues` are radarr.system.health.HealthIssue (source, level, message, wiki_url). Returns the
    numbers of (new, restored) issues. Called once per CheckHealth run.
    """
    current = {
        (issue.source, issue.message): issue for issue in issues if issue.level in ("warning", "error")
    }
    with transaction.atomic():
        known = {(row.source, row.message): row for row in HealthNotice.objects.select_for_update()}
        new = [issue for key, issue in current.items() if key not in known]
        gone = [row for key, row in known.items() if key not in current]
        for issue in new:
            HealthNotice.objects.create(
                source=issue.source, level=issue.level, message=issue.message, wiki_url=issue.wiki_url
            )
            notify(
                HealthEvent(
                    source=issue.source, level=issue.level, message=issue.message, wiki_url=issue.wiki_url
                )
            )
        for row in gone:
            notify(
                HealthRestoredEvent(
                    source=row.source, level=row.level, message=row.message, wiki_url=row.wiki_url
                )
            )
        HealthNotice.objects.filter(pk__in=[row.pk for row in gone]).delete()
    return len(new), len(gone)
