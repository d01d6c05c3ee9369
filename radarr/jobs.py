"""JOBS: the one list of scheduled and on-demand tasks, named as Radarr names its commands."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django_q.models import Schedule

from radarr.models import Command

SCHEDULED_FUNC = "radarr.commands.run_scheduled"


@dataclass(frozen=True, slots=True)
class Job:
    name: str  # Radarr's command name: also what POST /api/v3/command accepts
    function: str  # dotted path of a plain function returning a one-line summary
    title: str  # what System → Tasks shows
    every: timedelta | None = None  # None: on demand only

    @property
    def interval_text(self) -> str:
        """`every 6 hours`, `every day`: how System → Tasks says the interval."""
        if self.every is None:
            return "on demand"
        minutes = int(self.every.total_seconds() // 60)
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
    Job("BulkMoveMovie", "movies.tasks.bulk_move_movies", "Move Movies"),
]


def find_job(name: str) -> Job | None:
    """Command names match ignoring case, as Radarr's do."""
    return next((job for job in JOBS if job.name.lower() == name.lower()), None)


@transaction.atomic
def sync_schedules() -> None:
    """Keep one django-q2 Schedule per periodic job; drop those of jobs no longer listed.

    An existing schedule keeps its next run, so restarting never makes every task run at once.
    """
    periodic = {job.name: job for job in JOBS if job.every}
    Schedule.objects.filter(func=SCHEDULED_FUNC).exclude(name__in=periodic).delete()
    existing = {schedule.name: schedule for schedule in Schedule.objects.filter(func=SCHEDULED_FUNC)}
    for name, job in periodic.items():
        minutes = max(1, int(job.every.total_seconds() // 60))
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
    next_run: datetime | None
    last_started: datetime | None
    last_ended: datetime | None

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
        if job.every and schedule:
            rows.append(
                ScheduledTask(schedule.pk, job, schedule.next_run, schedule.last_started, schedule.last_ended)
            )
    return rows
