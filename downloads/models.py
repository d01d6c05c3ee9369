"""Download clients, the global download-client options and remote path mappings."""

from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from radarr.models import ProviderDefinition, SingletonModel, Tag
from releases.qualities import QUALITIES_BY_ID

if TYPE_CHECKING:
    from downloads.implementations.base import BaseDownloadClient


class Protocol(models.TextChoices):
    USENET = "usenet"
    TORRENT = "torrent"


class DownloadClientQuerySet(models.QuerySet["DownloadClient"]):
    def enabled(self) -> "DownloadClientQuerySet":
        return self.filter(enable=True)

    def for_resource(self) -> "DownloadClientQuerySet":
        """What the v3 resource and the settings page read: tags in one extra query."""
        return self.prefetch_related("tags")


class DownloadClient(ProviderDefinition):
    """A configured download client; `implementation` names its class (Radarr's names: "QBittorrent")."""

    enable = models.BooleanField(default=True)
    protocol = models.CharField(max_length=10, choices=Protocol.choices)  # set from the implementation
    # 1 is tried first; clients of equal priority take turns (Radarr's round-robin)
    priority = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    remove_completed_downloads = models.BooleanField(default=True)
    remove_failed_downloads = models.BooleanField(default=True)
    tags = models.ManyToManyField(Tag, related_name="download_clients", blank=True)

    objects = DownloadClientQuerySet.as_manager()

    class Meta(ProviderDefinition.Meta):
        ordering = ["pk"]

    @property
    def is_enabled(self) -> bool:
        return self.enable

    def provider(self) -> "BaseDownloadClient":
        """The implementation object for this row (raises KeyError for an unknown implementation)."""
        from downloads.implementations import IMPLEMENTATIONS  # implementations read mappings from here

        return IMPLEMENTATIONS[self.implementation](self)


class DownloadClientConfig(SingletonModel):
    """Radarr's config/downloadclient: one row (pk 1), created with Radarr's defaults on first read."""

    download_client_working_folders = models.CharField(max_length=500, default="_UNPACK_|_FAILED_")
    enable_completed_download_handling = models.BooleanField(default=True)
    check_for_finished_download_interval = models.PositiveIntegerField(default=1)  # minutes
    auto_redownload_failed = models.BooleanField(default=True)
    auto_redownload_failed_from_interactive_search = models.BooleanField(default=True)
    # Ours, for the stalled-download handling to come: 0 minutes means never call a download stalled
    stalled_after_minutes = models.PositiveIntegerField(default=0)
    stalled_when_no_seeds = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "Download client options"


class RemotePathMapping(models.Model):
    """A client on another host (or in a container) reports `remote_path`; we read it at `local_path`.

    Both paths are stored ending with their separator, as Radarr stores them.
    """

    host = models.CharField(max_length=300)
    remote_path = models.CharField(max_length=1000)
    local_path = models.CharField(max_length=1000)

    class Meta:
        ordering = ["host", "remote_path"]
        constraints = [
            models.UniqueConstraint(fields=["host", "remote_path"], name="remote_path_mapping_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.host}:{self.remote_path} → {self.local_path}"


# ---- activity: history, blocklist, pending releases and tracked downloads


class HistoryEventType(models.IntegerChoices):
    """Radarr's MovieHistoryEventType numbers; the API writes their camelCase names."""

    UNKNOWN = 0, "unknown"
    GRABBED = 1, "grabbed"
    DOWNLOAD_FOLDER_IMPORTED = 3, "downloadFolderImported"
    DOWNLOAD_FAILED = 4, "downloadFailed"
    MOVIE_FILE_DELETED = 6, "movieFileDeleted"
    MOVIE_FOLDER_IMPORTED = 7, "movieFolderImported"
    MOVIE_FILE_RENAMED = 8, "movieFileRenamed"
    DOWNLOAD_IGNORED = 9, "downloadIgnored"


class HistoryQuerySet(models.QuerySet["History"]):
    def grabs(self) -> "HistoryQuerySet":
        return self.filter(event_type=HistoryEventType.GRABBED)


class History(models.Model):
    """One event in a movie's history (Radarr's MovieHistory). `data` holds Radarr's string facts by
    camelCase name (indexer, downloadClient, guid, message...)."""

    movie = models.ForeignKey("movies.Movie", on_delete=models.CASCADE, related_name="history")
    # the extra version the event was for (None: the primary version); `data["version"]` keeps its name
    version = models.ForeignKey(
        "movies.MovieVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="history"
    )
    event_type = models.PositiveSmallIntegerField(choices=HistoryEventType.choices)
    date = models.DateTimeField(db_index=True)
    source_title = models.CharField(max_length=1000)
    quality_id = models.IntegerField(default=0)
    revision = models.JSONField(default=dict)  # {"version", "real", "isRepack"}
    language_ids = models.JSONField(default=list)
    custom_formats = models.JSONField(default=list)  # [{"id", "name"}] as they matched at the time
    custom_format_score = models.IntegerField(default=0)
    download_id = models.CharField(max_length=200, blank=True, db_index=True)
    data = models.JSONField(default=dict)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["movie", "event_type", "-date"], name="history_movie_event_date")]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()}: {self.source_title}"

    @property
    def quality_name(self) -> str:
        quality = QUALITIES_BY_ID.get(self.quality_id)
        return quality.name if quality else "Unknown"


class Blocklist(models.Model):
    """A release that failed for a movie: it is never grabbed again for that movie."""

    movie = models.ForeignKey("movies.Movie", on_delete=models.CASCADE, related_name="blocklist")
    source_title = models.CharField(max_length=1000)
    quality_id = models.IntegerField(default=0)
    revision = models.JSONField(default=dict)
    language_ids = models.JSONField(default=list)
    custom_formats = models.JSONField(default=list)
    date = models.DateTimeField(db_index=True)
    published_date = models.DateTimeField(null=True, blank=True)
    size = models.BigIntegerField(default=0)
    protocol = models.CharField(max_length=10, choices=Protocol.choices)
    indexer = models.CharField(max_length=200, blank=True)
    indexer_flags = models.IntegerField(default=0)
    message = models.TextField(blank=True)
    torrent_info_hash = models.CharField(max_length=64, blank=True, db_index=True)  # upper-case hex
    guid = models.CharField(max_length=1000, blank=True)

    def __str__(self) -> str:
        return self.source_title

    @property
    def quality_name(self) -> str:
        quality = QUALITIES_BY_ID.get(self.quality_id)
        return quality.name if quality else "Unknown"


class PendingRelease(models.Model):
    """A release held back for a temporary reason (delay profile, minimum age...); tried again each sync."""

    movie = models.ForeignKey("movies.Movie", on_delete=models.CASCADE, related_name="pending_releases")
    version = models.ForeignKey(
        "movies.MovieVersion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pending_releases",
    )
    guid = models.CharField(max_length=1000)
    title = models.CharField(max_length=1000)
    added = models.DateTimeField()
    release = models.JSONField()  # the ReleaseInfo (downloads.pending.release_to_json)
    reason = models.CharField(max_length=100)  # Radarr's rejection reason code, e.g. "Delay"
    message = models.TextField(blank=True)
    quality_id = models.IntegerField(default=0)
    revision = models.JSONField(default=dict)
    language_ids = models.JSONField(default=list)
    custom_formats = models.JSONField(default=list)
    custom_format_score = models.IntegerField(default=0)
    release_at = models.DateTimeField(null=True, blank=True)  # when the delay ends, if known
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["added"]
        constraints = [
            models.UniqueConstraint(
                fields=["movie", "guid"], condition=Q(version__isnull=True), name="pending_release_unique"
            ),
            models.UniqueConstraint(
                fields=["version", "guid"],
                condition=Q(version__isnull=False),
                name="pending_version_release_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TrackedDownloadState(models.TextChoices):
    DOWNLOADING = "downloading"
    IMPORT_BLOCKED = "importBlocked"
    IMPORT_PENDING = "importPending"
    IMPORTING = "importing"
    IMPORTED = "imported"
    FAILED_PENDING = "failedPending"
    FAILED = "failed"
    IGNORED = "ignored"


TERMINAL_STATES = (TrackedDownloadState.IMPORTED, TrackedDownloadState.FAILED, TrackedDownloadState.IGNORED)


class TrackedDownloadStatus(models.TextChoices):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


_MOVIE_JSON = ("genres", "keywords", "images", "ratings", "add_options")


class TrackedDownloadQuerySet(models.QuerySet["TrackedDownload"]):
    def in_queue(self) -> "TrackedDownloadQuerySet":
        """What the queue shows: everything not yet imported, failed or ignored."""
        # the movie's JSON columns are left out: decoding them for every item cost most
        # of the queue's time (a field read later loads on access)
        return (
            self.exclude(state__in=TERMINAL_STATES)
            .select_related("client", "movie")
            .defer(*(f"movie__{name}" for name in _MOVIE_JSON), "movie__overview")
        )


class TrackedDownload(models.Model):
    """A download we follow: the client's last view of it plus our state (Radarr's TrackedDownload).

    Kept in the database so a restart of us, or of the client, resumes where it was; the download id
    links the client's item, the grab in history and the movie.
    """

    client = models.ForeignKey(DownloadClient, on_delete=models.CASCADE, related_name="tracked_downloads")
    download_id = models.CharField(max_length=200)
    queue_id = models.PositiveIntegerField(db_index=True)  # stable 31-bit id for the v3 queue
    movie = models.ForeignKey(
        "movies.Movie", null=True, blank=True, on_delete=models.SET_NULL, related_name="tracked_downloads"
    )
    # the extra version it was grabbed for (None: the primary version); import routes it there
    version = models.ForeignKey(
        "movies.MovieVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracked_downloads",
    )
    grab = models.ForeignKey(History, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=1000)
    state = models.CharField(
        max_length=20, choices=TrackedDownloadState.choices, default=TrackedDownloadState.DOWNLOADING
    )
    status = models.CharField(
        max_length=10, choices=TrackedDownloadStatus.choices, default=TrackedDownloadStatus.OK
    )
    status_messages = models.JSONField(default=list)  # [{"title", "messages": [...]}]
    # the client's view, as last polled
    item_status = models.CharField(max_length=20, default="queued")  # downloads ItemStatus
    category = models.CharField(max_length=200, blank=True)
    total_size = models.BigIntegerField(default=0)
    remaining_size = models.BigIntegerField(default=0)
    remaining_seconds = models.BigIntegerField(null=True, blank=True)
    output_path = models.CharField(max_length=2000, blank=True)
    client_message = models.TextField(blank=True)
    can_be_removed = models.BooleanField(default=False)
    can_move_files = models.BooleanField(default=False)
    is_encrypted = models.BooleanField(default=False)
    seeders = models.IntegerField(null=True, blank=True)
    # what the grab said (or the parsed title, for downloads we did not grab)
    protocol = models.CharField(max_length=10, choices=Protocol.choices)
    indexer = models.CharField(max_length=200, blank=True)
    quality_id = models.IntegerField(default=0)
    revision = models.JSONField(default=dict)
    language_ids = models.JSONField(default=list)
    custom_formats = models.JSONField(default=list)
    custom_format_score = models.IntegerField(default=0)
    added = models.DateTimeField(null=True, blank=True)  # when it was grabbed
    # bookkeeping
    client_unavailable = models.TextField(blank=True)  # the last poll's error, while the client is down
    progress_at = models.DateTimeField(null=True, blank=True)  # last time remaining_size went down
    stalled_since = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)

    objects = TrackedDownloadQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["client", "download_id"], name="tracked_download_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.state})"

    @property
    def is_terminal(self) -> bool:
        return self.state in TERMINAL_STATES
