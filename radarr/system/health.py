"""Health checks: each a plain function returning the problems it finds (none when all is well)."""

import shutil
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from radarr.commands import queue_command
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
        message = (
            f"Cannot write to the data folder {data_dir}: {error}. How to fix: give the user Radarr runs "
            "as write permission on it, or point RADARR_DATA_DIR at a writable folder"
        )
        return [HealthIssue("AppDataFolderCheck", "error", message)]
    free = shutil.disk_usage(data_dir).free
    if free < LOW_DISK_BYTES:
        message = (
            f"Only {free / 1024**2:.0f} MB free on the disk of the data folder {data_dir}. How to fix: free "
            "some space there: the database and backups need it"
        )
        return [HealthIssue("AppDataFolderCheck", "warning", message)]
    return []


def job_worker_check() -> list[HealthIssue]:
    """Commands left queued for minutes mean no job worker is running: nothing would be grabbed."""
    stale = timezone.now() - timedelta(minutes=5)
    waiting = Command.objects.filter(status=CommandStatus.QUEUED, queued__lt=stale).count()
    if not waiting:
        return []
    message = (
        f"{waiting} task(s) have waited over 5 minutes: the job worker does not seem to be running. "
        "How to fix: start Radarr with `make run` (or `manage.py serve`), which runs the worker too"
    )
    return [HealthIssue("JobWorkerCheck", "error", message)]


# Cheap checks (database and settings reads) run on every request for /api/v3/health and the
# Status page. Later features append theirs by dotted path.
CHECKS: list[str] = [
    "radarr.system.health.data_folder_check",
    "radarr.system.health.job_worker_check",
    "movies.tmdb.tmdb_check",
    "indexers.health.indexer_checks",
    "downloads.health.download_client_status_check",
    "downloads.health.import_mechanism_check",
    "imports.recyclebin.recycle_bin_check",
    "imports.mediainfo.ffprobe_check",
    "notifications.health.notification_status_check",
    "movies.checks.root_folder_check",
    "movies.checks.removed_movies_check",
    "movies.checks.import_list_checks",
    "radarr.system.checks.api_key_check",
    "radarr.system.checks.failed_login_check",
    "radarr.system.checks.pending_restart_check",
]
# Checks that talk to other programs run in the CheckHealth job; requests read their last results.
SCHEDULED_CHECKS: list[str] = [
    "downloads.health.download_client_check",
    "downloads.health.remote_path_mapping_check",
    "downloads.health.download_client_root_folder_check",
    "radarr.system.checks.system_clock_check",
    "radarr.system.integrity.database_integrity_check",
]
# The slow checks a saved, tested or deleted row of each kind can change, re-run soon after the change
# (as Radarr re-checks on provider and mapping events) so a fixed problem does not wait six hours.
# Indexer checks are all cheap ones computed per request: an indexer change shows at once.
RECHECKS: dict[str, list[str]] = {
    "downloadclient": [
        "downloads.health.download_client_check",
        "downloads.health.remote_path_mapping_check",
        "downloads.health.download_client_root_folder_check",
    ],
    "remotepathmapping": ["downloads.health.remote_path_mapping_check"],
    "rootfolder": ["downloads.health.download_client_root_folder_check"],
}


def _run_one(path: str) -> list[HealthIssue]:
    """A check's issues; a check that itself fails reports that instead of hiding the others."""
    try:
        return list(import_string(path)())
    except Exception as error:  # noqa: BLE001 - one broken check must not hide the rest
        return [HealthIssue(path.rsplit(".", 1)[-1], "error", f"Health check failed: {error}")]


def _run(paths: list[str]) -> list[HealthIssue]:
    return [issue for path in paths for issue in _run_one(path)]


def run_scheduled_checks(paths: list[str] | None = None) -> list[HealthIssue]:
    """Run the slow checks (all, or just `paths`) and keep their results for requests to read,
    replacing what those checks found last time."""
    chosen = SCHEDULED_CHECKS if paths is None else [path for path in paths if path in SCHEDULED_CHECKS]
    found = [(path, issue) for path in chosen for issue in _run_one(path)]
    with transaction.atomic():
        stale = HealthRecord.objects.all()
        (stale if paths is None else stale.filter(check_path__in=chosen)).delete()
        HealthRecord.objects.bulk_create(
            HealthRecord(
                source=i.source, level=i.level, message=i.message, wiki_url=i.wiki_url, check_path=path
            )
            for path, i in found
        )
    return [issue for _, issue in found]


def recheck_health(change: str) -> None:
    """After a `change` (a RECHECKS key) commits, queue the CheckHealth run of the checks it affects.

    Several saves in a row queue one run: an identical command still waiting is not queued again.
    """
    if not RECHECKS.get(change):
        return
    transaction.on_commit(lambda: queue_command("CheckHealth", {"changed": change}))


def current_health() -> list[HealthIssue]:
    """What the instance's health is now: the cheap checks live, the slow ones as last checked."""
    stored = [HealthIssue(r.source, r.level, r.message, r.wiki_url) for r in HealthRecord.objects.all()]
    return _run(CHECKS) + stored
