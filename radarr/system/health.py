"""Health checks: each a plain function returning the problems it finds (none when all is well)."""

import shutil
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from radarr.models import Command, CommandStatus, HealthRecord

WIKI = "https://wiki.servarr.com/radarr/system#"
LOW_DISK_BYTES = 1024**3


@dataclass(frozen=True, slots=True)
class HealthIssue:
    source: str  # Radarr's check name, e.g. "IndexerStatusCheck": clients show it
    level: str  # notice, warning or error
    message: str
    wiki_url: str = ""


def data_folder_check() -> list[HealthIssue]:
    """The database, logs and generated secrets live in the data folder: it must stay writable."""
    data_dir = settings.DATA_DIR
    probe = data_dir / ".write-test"
    try:
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        return [
            HealthIssue("AppDataFolderCheck", "error", f"Cannot write to the data folder {data_dir}: {error}")
        ]
    free = shutil.disk_usage(data_dir).free
    if free < LOW_DISK_BYTES:
        message = f"Only {free / 1024**2:.0f} MB free on the disk of the data folder {data_dir}"
        return [HealthIssue("AppDataFolderCheck", "warning", message)]
    return []


def job_worker_check() -> list[HealthIssue]:
    """Commands left queued for minutes mean no job worker is running: nothing would be grabbed."""
    stale = timezone.now() - timedelta(minutes=5)
    waiting = Command.objects.filter(status=CommandStatus.QUEUED, queued__lt=stale).count()
    if not waiting:
        return []
    message = f"{waiting} task(s) have waited over 5 minutes: the job worker does not seem to be running"
    return [HealthIssue("JobWorkerCheck", "error", message)]


# Cheap checks (database and settings reads) run on every request for /api/v3/health and the
# Status page. Later features append theirs by dotted path.
CHECKS: list[str] = [
    "radarr.system.health.data_folder_check",
    "radarr.system.health.job_worker_check",
    "movies.tmdb.tmdb_check",
    "indexers.health.indexer_status_check",
    "downloads.health.download_client_status_check",
    "downloads.health.import_mechanism_check",
    "imports.recyclebin.recycle_bin_check",
    "imports.mediainfo.ffprobe_check",
    "notifications.health.notification_status_check",
    "movies.checks.root_folder_check",
    "movies.checks.removed_movies_check",
    "radarr.system.checks.api_key_check",
]
# Checks that talk to other programs run in the CheckHealth job; requests read their last results.
SCHEDULED_CHECKS: list[str] = [
    "downloads.health.download_client_check",
    "radarr.system.checks.system_clock_check",
    "radarr.system.integrity.database_integrity_check",
]


def _run(paths: list[str]) -> list[HealthIssue]:
    """Every check's issues; a check that itself fails reports that instead of hiding the others."""
    issues: list[HealthIssue] = []
    for path in paths:
        try:
            issues.extend(import_string(path)())
        except Exception as error:  # noqa: BLE001 - one broken check must not hide the rest
            issues.append(HealthIssue(path.rsplit(".", 1)[-1], "error", f"Health check failed: {error}"))
    return issues


def run_scheduled_checks() -> list[HealthIssue]:
    """Run the slow checks and keep their results for requests to read (replacing the last ones)."""
    issues = _run(SCHEDULED_CHECKS)
    with transaction.atomic():
        HealthRecord.objects.all().delete()
        HealthRecord.objects.bulk_create(
            HealthRecord(source=i.source, level=i.level, message=i.message, wiki_url=i.wiki_url)
            for i in issues
        )
    return issues


def current_health() -> list[HealthIssue]:
    """What the instance's health is now: the cheap checks live, the slow ones as last checked."""
    stored = [HealthIssue(r.source, r.level, r.message, r.wiki_url) for r in HealthRecord.objects.all()]
    return _run(CHECKS) + stored
