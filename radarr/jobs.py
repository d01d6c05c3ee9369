"""JOBS: the one list of scheduled and on-demand tasks, named as Radarr names its commands."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Schedule

from radarr.models import Command

SCHEDULED_FUNC = "radarr.commands.run_scheduled"


@dataclass(frozen=True, slots=True)
class Job:
    name: str  # Radarr's command name: also what POST /api/v3/command accepts
    function: str  # dotted path of a plain function returning a one-line summary
    title: str  # what System → Tasks shows
    every: timedelta | None = None  # None: on demand only
    # dotted path of a function giving the interval the user chose, in minutes (0 turns the job off)
    interval_setting: str | None = None

    @property
    def interval_text(self) -> str:
        return interval_text(int(self.every.total_seconds() // 60) if self.every else 0)


def interval_text(minutes: int) -> str:
    """`every 6 hours`, `every day`: how System → Tasks says an interval (0: on demand)."""
    if minutes <= 0:
        return "on demand"
    for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes % size == 0:
            count = minutes // size
            return f"every {unit}" if count == 1 else f"every {count} {unit}s"
    return f"every {minutes} minutes"


JOBS: list[Job] = [
    Job("CheckHealth", "radarr.system.tasks.check_health", "Check Health", every=timedelta(hours=6)),
    Job("Housekeeping", "radarr.system.tasks.housekeeping", "Housekeeping", every=timedelta(hours=24)),
    Job("RefreshMovie", "movies.tasks.refresh_movies", "Refresh Movie", every=timedelta(hours=24)),
    Job("RescanMovie", "movies.tasks.rescan_movies", "Rescan Movie"),
    # ours: after a library import wrote its rows, media info, extras, metadata files and covers
    Job("FinishLibraryImport", "imports.tasks.finish_library_import", "Finish Library Import"),
    # every 5 minutes; each list is fetched only once its own minimum refresh interval has passed
    Job(
        "ImportListSync",
        "movies.importlistsync.sync_import_lists",
        "Import List Sync",
        every=timedelta(minutes=5),
    ),
    # ours: files matched against custom formats that changed since (queued at once by such a change)
    Job(
        "RefreshFileCustomFormats",
        "movies.fileformats.refresh_file_formats",
        "Match Files to Custom Formats",
        every=timedelta(minutes=15),
    ),
    # ours: the library weighed again after a quality profile or custom format changed (queued by it)
    Job("ReevaluateLibrary", "movies.reevaluation.reevaluate_library", "Re-evaluate Library"),
    Job("BulkMoveMovie", "movies.tasks.bulk_move_movies", "Move Movies"),
    Job(
        "RssSync",
        "downloads.tasks.rss_sync",
        "RSS Sync",
        every=timedelta(minutes=30),
        interval_setting="indexers.options.rss_sync_minutes",
    ),
    Job("MoviesSearch", "downloads.tasks.search_movies", "Movie Search"),
    Job("MissingMoviesSearch", "downloads.tasks.search_missing_movies", "Missing Movies Search"),
    Job(
        "CutoffUnmetMoviesSearch",
        "downloads.tasks.search_cutoff_unmet_movies",
        "Cutoff Unmet Movies Search",
    ),
    Job("BacklogSearch", "downloads.tasks.backlog_search", "Backlog Search", every=timedelta(minutes=15)),
    Job(
        "RefreshMonitoredDownloads",
        "imports.tasks.track_downloads",
        "Refresh Monitored Downloads",
        every=timedelta(minutes=1),
    ),
    Job("ClearBlocklist", "downloads.tasks.clear_blocklist", "Clear Blocklist"),
    Job("ClearLog", "radarr.system.tasks.clear_logs", "Clear Log"),
    Job("ResetApiKey", "radarr.hostconfig.reset_api_key", "Reset API Key"),
    Job("DeleteLogFiles", "radarr.system.tasks.clear_logs", "Delete Log Files"),
    Job("DownloadedMoviesScan", "imports.tasks.downloaded_movies_scan", "Downloaded Movies Scan"),
    Job("ManualImport", "imports.tasks.manual_import", "Manual Import"),
    Job(
        "CleanUpRecycleBin",
        "imports.tasks.clean_up_recycle_bin",
        "Clean Up Recycle Bin",
        every=timedelta(hours=24),
    ),
    Job("EmptyRecycleBin", "imports.tasks.empty_the_recycle_bin", "Empty Recycle Bin"),
    # ours: moving in from another Radarr (Settings → Migrate from Radarr), one run at a time
    Job("ImportRadarr", "imports.tasks.import_from_radarr", "Move In From Radarr"),
    Job("RenameFiles", "imports.renaming.rename_files", "Rename Files"),
    Job("RenameMovie", "imports.renaming.rename_movies", "Rename Movie"),
    Job("RenameMovieFolder", "imports.renaming.rename_movie_folders", "Rename Movie Folder"),
    Job("MoveMovie", "imports.renaming.move_movie", "Move Movie"),
    Job(
        "RecomputeSceneGroups",
        "scenegroups.tasks.recompute_reputations",
        "Recompute Scene Groups",
        every=timedelta(hours=6),
    ),
    Job(
        "Backup",
        "radarr.system.tasks.backup",
        "Backup",
        every=timedelta(days=7),
        interval_setting="radarr.system.backups.backup_interval_minutes",
    ),
]


def find_job(name: str) -> Job | None:
    """Command names match ignoring case, as Radarr's do."""
    return next((job for job in JOBS if job.name.lower() == name.lower()), None)


def interval_minutes(job: Job) -> int:
    """How often a periodic job runs, in minutes; 0 when the user turned it off."""
    if job.interval_setting:
        return int(import_string(job.interval_setting)())
    return max(1, int(job.every.total_seconds() // 60)) if job.every else 0


@transaction.atomic
def sync_schedules() -> None:
    """Keep one django-q2 Schedule per periodic job; drop those of jobs no longer listed or turned off.

    An existing schedule keeps its next run, so restarting never makes every task run at once.
    Called at every start and whenever a setting that drives an interval is saved.
    """
    minutes_by_job = {job.name: interval_minutes(job) for job in JOBS if job.every}
    periodic = {job.name: job for job in JOBS if minutes_by_job.get(job.name)}
    Schedule.objects.filter(func=SCHEDULED_FUNC).exclude(name__in=periodic).delete()
    existing = {schedule.name: schedule for schedule in Schedule.objects.filter(func=SCHEDULED_FUNC)}
    for name in periodic:
        minutes = minutes_by_job[name]
        schedule = existing.get(name) or Schedule(name=name, func=SCHEDULED_FUNC, next_run=timezone.now())
        schedule.args = repr(name)  # django-q2 evaluates args as a Python literal
        schedule.schedule_type = Schedule.MINUTES
        schedule.minutes = minutes
        schedule.repeats = -1
        schedule.save()


@dataclass(frozen=True, slots=True)
class ScheduledTask:
    """A row of System → Tasks and of GET /api/v3/system/task."""

    id: int
    job: Job
    minutes: int  # as scheduled, which may be the user's setting rather than the job's default
    next_run: datetime | None
    last_started: datetime | None
    last_ended: datetime | None

    @property
    def interval_text(self) -> str:
        return interval_text(self.minutes)

    @property
    def last_duration(self) -> timedelta | None:
        if self.last_started and self.last_ended and self.last_ended >= self.last_started:
            return self.last_ended - self.last_started
        return None


def scheduled_tasks() -> list[ScheduledTask]:
    """Every periodic job with its schedule and its last finished run, in one query."""
    finished = Command.objects.filter(name=OuterRef("name"), ended__isnull=False).order_by("-ended")
    schedules = Schedule.objects.filter(func=SCHEDULED_FUNC).annotate(
        last_started=Subquery(finished.values("started")[:1]),
        last_ended=Subquery(finished.values("ended")[:1]),
    )
    by_name = {schedule.name: schedule for schedule in schedules}
    rows = []
    for job in JOBS:
        schedule = by_name.get(job.name)
        if schedule:
            rows.append(
                ScheduledTask(
                    schedule.pk,
                    job,
                    schedule.minutes,
                    schedule.next_run,
                    schedule.last_started,
                    schedule.last_ended,
                )
            )
    return rows
