"""Cross-cutting rows: tags, the v3 command log, health results, UI settings, the abstract provider row."""

from datetime import datetime, timedelta
from typing import Self

from django.db import models
from django.utils import timezone


class SingletonModel(models.Model):
    """A settings row of which there is exactly one (pk 1), with the field defaults as Radarr's.

    Every such row is read with `load()`: the saved row, or until the first save an unsaved one
    holding the defaults (pk 1, so that save creates the row). A read never writes: pages, the API
    and jobs read settings inside their own snapshot, and a GET takes no write lock.
    """

    class Meta:
        abstract = True

    @classmethod
    def load(cls) -> Self:
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class Tag(models.Model):
    # Radarr 5 accepted any non-empty label and stored it lower-cased; Overseerr relies on that.
    label = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class CommandStatus(models.TextChoices):
    QUEUED = "queued"
    STARTED = "started"
    COMPLETED = "completed"
    FAILED = "failed"
    ABORTED = "aborted"
    CANCELLED = "cancelled"
    ORPHANED = "orphaned"


class CommandTrigger(models.TextChoices):
    UNSPECIFIED = "unspecified"
    MANUAL = "manual"
    SCHEDULED = "scheduled"


UNFINISHED = [CommandStatus.QUEUED, CommandStatus.STARTED]


class WorkerRun(models.Model):
    """One start of a job worker: the jobs process of roles all and worker, or a small-mode web process.

    Commands carry the run that queued them, then the run whose worker started them. A run is alive while
    it beats (every RADARR_WORKER_HEARTBEAT_SECONDS); one silent for STALE_BEATS beats, or whose process
    is gone from this machine, is dead, and any live worker settles what it left
    (radarr.commands.settle_dead_runs). Several workers may be alive at once, on one machine or many.
    """

    STALE_BEATS = 6

    started = models.DateTimeField(default=timezone.now)
    # the machine, its boot and pid namespace: where `pid` can be checked (empty: a run from before runs
    # beat, dead by now)
    host = models.CharField(max_length=200, blank=True)
    pid = models.IntegerField(null=True, blank=True)  # the job worker's process
    heartbeat = models.DateTimeField(default=timezone.now)
    ended = models.DateTimeField(null=True, blank=True)  # stopped, or found dead by another worker

    def __str__(self) -> str:
        return f"Run {self.pk} started {self.started:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def current_id(cls) -> int | None:
        """The newest run's id; None before any start (tests, `runserver` with a separate qcluster)."""
        return cls.objects.order_by("-pk").values_list("pk", flat=True).first()


class CommandQuerySet(models.QuerySet["Command"]):
    def unfinished(self) -> "CommandQuerySet":
        return self.filter(status__in=UNFINISHED)

    def recent(self) -> "CommandQuerySet":
        """What GET /api/v3/command lists: unfinished ones and those ended in the last few minutes.

        By status, not by a missing end: a cancelled command has no end and must not stay listed.
        """
        since = timezone.now() - timedelta(minutes=5)
        return self.filter(models.Q(status__in=UNFINISHED) | models.Q(ended__gte=since)).order_by("pk")


class Command(models.Model):
    """One run of a job, queued by the API, the UI or the scheduler (Radarr's command resource)."""

    name = models.CharField(max_length=100, db_index=True)
    body = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=CommandStatus.choices, default=CommandStatus.QUEUED)
    trigger = models.CharField(max_length=20, choices=CommandTrigger.choices, default=CommandTrigger.MANUAL)
    message = models.TextField(blank=True)
    exception = models.TextField(blank=True)
    client_user_agent = models.CharField(max_length=300, blank=True)
    queued = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    ended = models.DateTimeField(null=True, blank=True)
    # the run that queued it, then the run whose worker started it: a command of a dead run is dead
    run = models.ForeignKey(
        WorkerRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )

    objects = CommandQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["name", "-ended"], name="command_name_ended"),
            # de-duplication, the worker check and the recovery at start look up queued or started
            # rows, a few among thousands (a partial index would be skipped by SQLite for `status = x`)
            models.Index(fields=["status", "name"], name="command_status_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"

    @property
    def duration(self) -> timedelta | None:
        if self.started and self.ended:
            return self.ended - self.started
        return None


class HealthRecord(models.Model):
    """The last result of a health check too slow to run per request (it talks to other programs)."""

    source = models.CharField(max_length=100)
    # the dotted path of the check that found it: a re-run of some checks replaces only their records
    check_path = models.CharField(max_length=200, blank=True)
    level = models.CharField(max_length=10)
    message = models.TextField()
    wiki_url = models.CharField(max_length=500, blank=True)
    checked = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class UiConfig(SingletonModel):
    """Radarr's config/ui: one row (pk 1) of display preferences, created with Radarr's defaults."""

    # .NET's DayOfWeek, as Radarr's clients send it: 0 is Sunday, 1 Monday ... 6 Saturday
    first_day_of_week = models.PositiveSmallIntegerField(default=0)
    # the remaining formats are moment.js patterns, the values Radarr's own settings page offers
    calendar_week_column_header = models.CharField(max_length=50, default="ddd M/D")
    movie_runtime_format = models.CharField(max_length=20, default="hoursMinutes")
    short_date_format = models.CharField(max_length=50, default="MMM D YYYY")
    long_date_format = models.CharField(max_length=50, default="dddd, MMMM D YYYY")
    time_format = models.CharField(max_length=50, default="h(:mm)a")
    show_relative_dates = models.BooleanField(default=True)
    enable_color_impaired_mode = models.BooleanField(default=False)
    movie_info_language = models.IntegerField(default=1)  # a Radarr language id; 1 is English
    ui_language = models.IntegerField(default=1)
    theme = models.CharField(max_length=20, default="auto")

    class Meta:
        verbose_name = "UI settings"
        verbose_name_plural = "UI settings"

    def __str__(self) -> str:
        return "UI settings"

    @property
    def first_weekday(self) -> int:
        """The first day of the week in Python's numbering (0 is Monday), for calendar arithmetic."""
        return (self.first_day_of_week - 1) % 7


class CustomFilter(models.Model):
    """A saved filter of a list page (Radarr's UI keeps the movie index's here): `type` names the page
    ("movieIndex", "collections"...), `filters` the conditions as the client wrote them."""

    type = models.CharField(max_length=100)
    label = models.CharField(max_length=200)
    filters = models.JSONField(default=list)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label


class ProviderDefinition(models.Model):
    """A configured plugin (an indexer, a download client, a notification): a row naming its class.

    Back-off state lives on the row: consecutive failures escalate the pause (radarr.providers).
    """

    name = models.CharField(max_length=200, unique=True)
    implementation = models.CharField(max_length=100)
    settings = models.JSONField(default=dict, blank=True)  # by v3 field name (camelCase)
    escalation_level = models.PositiveIntegerField(default=0)
    initial_failure = models.DateTimeField(null=True, blank=True)
    most_recent_failure = models.DateTimeField(null=True, blank=True)
    disabled_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # moved in from Radarr, whose API masks secrets: saved disabled until the user types the secret in
    # (radarr.providerfamily.build_provider clears it once every secret setting has a value)
    needs_password = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def is_backed_off(self, now: datetime | None = None) -> bool:
        return self.disabled_until is not None and self.disabled_until > (now or timezone.now())

    @property
    def is_enabled(self) -> bool:
        """Radarr's `Enable`: whether a save tests it first. Families with switches say when it is off."""
        return True


from radarr.system.models_backup import BackupSettings  # noqa: E402, F401 - the Backup settings row
