"""Jobs of the system area: health checks, housekeeping, backups and clearing the logs."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from radarr.models import Command, CommandStatus, CommandTrigger
from radarr.system.backups import create_backup, remove_old_backups, scheduled_backup_due
from radarr.system.health import RECHECKS, current_health, run_scheduled_checks
from radarr.system.logfiles import clear_log_files
from radarr.system.models_backup import BackupSettings

logger = logging.getLogger(__name__)

KEEP_COMMANDS = timedelta(days=7)


def check_health(changed: str = "") -> str:
    """Run the slow checks (kept for requests to read), then log every issue there is.

    `changed` (a RECHECKS key, sent by recheck_health) re-runs only the checks that change affects;
    anything else, or nothing, runs them all.
    """
    run_scheduled_checks(RECHECKS.get(changed))
    issues = current_health()
    for issue in issues:
        logger.warning("Health: %s: %s", issue.source, issue.message)
    # apps to the right act on the result (notifications: Health / HealthRestored for what changed)
    for hook in settings.RADARR_HEALTH_HOOKS:
        import_string(hook)(issues)
    return f"{len(issues)} health issue(s)" if issues else "No health issues"


def housekeeping() -> str:
    """Trim the command log; finished commands older than a week are of no further use."""
    deleted, _ = Command.objects.filter(ended__lt=timezone.now() - KEEP_COMMANDS).delete()
    return f"Removed {deleted} old command record(s)"


def backup() -> str:
    """Radarr's Backup command: a manual backup when asked, a scheduled one when its interval is up."""
    running = Command.objects.filter(name="Backup", status=CommandStatus.STARTED).order_by("-pk").first()
    if running is None or running.trigger != CommandTrigger.SCHEDULED:
        made = create_backup("manual")
        return f"Backed up to {made.name}"
    if not scheduled_backup_due():
        return "No scheduled backup due yet"
    made = create_backup("scheduled")
    removed = remove_old_backups(BackupSettings.load().retention_days)
    return f"Backed up to {made.name}; removed {removed} old backup(s)"


def clear_logs() -> str:
    """Radarr's ClearLog and DeleteLogFiles commands: our log entries are the files, so both empty them."""
    return f"Cleared {clear_log_files()} log file(s)"
