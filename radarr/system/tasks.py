"""Jobs of the system area: health checks and housekeeping."""

import logging
from datetime import timedelta

from django.utils import timezone

from radarr.models import Command
from radarr.system.health import current_health, run_scheduled_checks

logger = logging.getLogger(__name__)

KEEP_COMMANDS = timedelta(days=7)


def check_health() -> str:
    """Run the slow checks (kept for requests to read), then log every issue there is."""
    run_scheduled_checks()
    issues = current_health()
    for issue in issues:
        logger.warning("Health: %s: %s", issue.source, issue.message)
    return f"{len(issues)} health issue(s)" if issues else "No health issues"


def housekeeping() -> str:
    """Trim the command log; finished commands older than a week are of no further use."""
    deleted, _ = Command.objects.filter(ended__lt=timezone.now() - KEEP_COMMANDS).delete()
    return f"Removed {deleted} old command record(s)"
