"""The queue: tracked downloads not yet imported, failed or ignored, plus pending (delayed) releases,
as one list of records (Radarr's QueueService), and what removing a record from it does."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from downloads.clients import run_client
from downloads.failing import fail_download
from downloads.history import ReleaseFacts
from downloads.models import Blocklist, PendingRelease, TrackedDownload, TrackedDownloadState
from downloads.pending import pending_by_queue_id, release_from_json
from downloads.queueids import pending_queue_id
from downloads.tracking import ignore_download
from movies.models import Movie
from releases.languages import LANGUAGES_BY_ID

STATE_LABELS = {
    "downloading": "Downloading",
    "importPending": "Waiting to import",
    "importing": "Importing",
    "importBlocked": "Manual import required",
    "failedPending": "Failing",
}


@dataclass(slots=True)
class QueueRecord:
    id: int
    movie: Movie | None
    title: str
    facts: ReleaseFacts
    size: int
    sizeleft: int
    timeleft: timedelta | None
    added: datetime | None
    status: str  # Radarr's QueueStatus
    state: str  # TrackedDownloadState
    tracked_status: str  # ok, warning, error
    status_messages: list[dict[str, Any]] = field(default_factory=list)
    error_message: str = ""
    download_id: str = ""
    protocol: str = ""
    client_name: str = ""
    has_post_import_category: bool = False
    indexer: str = ""
    output_path: str = ""
    estimated_completion: datetime | None = None
    is_pending: bool = False
    version: str = ""  # the extra version it was grabbed for ("" for the primary: nothing new to show)

    @property
    def movie_id(self) -> int | None:
        return self.movie.pk if self.movie else None

    @property
    def progress(self) -> float:
        """Percent done, for the progress bar and the `progress` sort key."""
        return 100.0 if not self.size else max(0.0, 100.0 * (self.size - self.sizeleft) / self.size)

    @property
    def state_label(self) -> str:
        """What the queue page says: the client's status while downloading, our state after that."""
        if self.is_pending:
            return "Pending"
        if self.state == "downloading":
            return self.status.capitalize()
        return STATE_LABELS.get(self.state, self.state)

    @property
    def quality_name(self) -> str:
        return self.facts.quality.quality.name

    @property
    def language_names(self) -> list[str]:
        return [LANGUAGES_BY_ID[i].name for i in self.facts.language_ids if i in LANGUAGES_BY_ID]


def _tracked_record(row: TrackedDownload, now: datetime) -> QueueRecord:
    timeleft = timedelta(seconds=row.remaining_seconds) if row.remaining_seconds is not None else None
    messages = list(row.status_messages)
    tracked_status = row.status
    if row.client_unavailable:
        messages.append({"title": row.client.name, "messages": [row.client_unavailable]})
        tracked_status = "warning" if tracked_status == "ok" else tracked_status
    error = row.client_message if row.item_status in ("failed", "warning") else ""
    return QueueRecord(
        id=row.queue_id,
        movie=row.movie,
        title=row.title,
        facts=ReleaseFacts.of(row),
        size=row.total_size,
        sizeleft=row.remaining_size,
        timeleft=timeleft,
        added=row.added,
        status=row.item_status,
        state=row.state,
        tracked_status=tracked_status,
        status_messages=messages,
        error_message=error or row.client_unavailable,
        download_id=row.download_id,
        protocol=row.protocol,
        client_name=row.client.name,
        has_post_import_category=bool(row.client.settings.get("movieImportedCategory")),
        indexer=row.indexer,
        output_path=row.output_path,
        estimated_completion=now + timeleft if timeleft is not None else None,
        version=row.version.name if row.version_id else "",
    )


def _pending_record(row: PendingRelease, now: datetime) -> QueueRecord:
    release = release_from_json(row.release)
    timeleft = max(row.release_at - now, timedelta(0)) if row.release_at else None
    return QueueRecord(
        id=pending_queue_id(row.pk, row.movie_id),
        movie=row.movie,
        title=row.title,
        facts=ReleaseFacts.of(row),
        size=release.size,
        sizeleft=release.size,
        timeleft=timeleft,
        added=row.added,
        status="delay",
        state=TrackedDownloadState.DOWNLOADING,
        tracked_status="ok",
        status_messages=[{"title": row.title, "messages": [row.message]}] if row.message else [],
        protocol=release.protocol,
        indexer=release.indexer,
        estimated_completion=row.release_at,
        is_pending=True,
        version=row.version.name if row.version_id else "",
    )


def queue_records(*, include_unknown: bool = True) -> list[QueueRecord]:
    """Every queue record in two queries (tracked downloads with client, movie and version; pending
    releases with movie and version)."""
    now = timezone.now()
    records = [
        _tracked_record(row, now) for row in TrackedDownload.objects.in_queue().select_related("version")
    ]
    pending = PendingRelease.objects.select_related("movie", "version")
    records += [_pending_record(row, now) for row in pending]
    if not include_unknown:
        records = [record for record in records if record.movie is not None]
    return records


_FAR = datetime.max.replace(tzinfo=UTC)
SORT_KEYS: dict[str, Any] = {
    "timeleft": lambda r: (r.timeleft is None, r.timeleft or timedelta(0)),
    "added": lambda r: r.added or _FAR,
    "downloadClient": lambda r: r.client_name.lower(),
    "estimatedCompletionTime": lambda r: r.estimated_completion or _FAR,
    "indexer": lambda r: r.indexer.lower(),
    "languages": lambda r: r.language_names,
    "movies.sortTitle": lambda r: r.movie.sort_title if r.movie else r.title.lower(),
    "progress": lambda r: r.progress,
    "protocol": lambda r: r.protocol,
    "quality": lambda r: r.facts.quality_id,
    "size": lambda r: r.size,
    "status": lambda r: r.status,
    "title": lambda r: r.title.lower(),
    "year": lambda r: r.movie.year if r.movie else 0,
}


def sort_records(records: list[QueueRecord], key: str, descending: bool) -> list[QueueRecord]:
    return sorted(records, key=lambda r: (SORT_KEYS[key](r), r.id), reverse=descending)


def queue_version() -> str:
    """Changes whenever anything the queue shows changed: the Activity page polls against it."""
    tracked = TrackedDownload.objects.aggregate(latest=Max("updated"))["latest"]
    pending = PendingRelease.objects.aggregate(latest=Max("updated"))["latest"]
    counts = (TrackedDownload.objects.count(), PendingRelease.objects.count())
    stamp = max((value for value in (tracked, pending) if value), default=None)
    return f"{stamp.timestamp() if stamp else 0:.6f}-{counts[0]}-{counts[1]}"


# ---- removing


class QueueItemNotFound(Exception):
    pass


def remove_queue_item(
    record_id: int,
    *,
    remove_from_client: bool = True,
    blocklist: bool = False,
    skip_redownload: bool = False,
    change_category: bool = False,
) -> None:
    """Radarr's queue removal: take it out of the client (or move it to the post-import category), and
    either blocklist it (a failure: searched again unless skipped) or just stop tracking it (ignored)."""
    tracked = TrackedDownload.objects.select_related("client", "grab").filter(queue_id=record_id).first()
    if tracked is None:
        pending = pending_by_queue_id(record_id)
        if pending is None:
            raise QueueItemNotFound(f"Queue item {record_id} does not exist")
        _remove_pending(pending, blocklist)
        return
    client = tracked.client
    if change_category:
        run_client(client, lambda provider: provider.mark_imported(tracked.download_id))
    elif remove_from_client:
        run_client(client, lambda provider: provider.remove(tracked.download_id, True))
    if blocklist:
        fail_download(
            tracked,
            "Removed from the queue and blocklisted",
            skip_redownload=skip_redownload,
            remove_from_client=False,
        )
    elif remove_from_client and not change_category:
        tracked.delete()
    else:
        ignore_download(tracked)


def _remove_pending(row: PendingRelease, blocklist: bool) -> None:
    release = release_from_json(row.release)
    with transaction.atomic():
        if blocklist:
            Blocklist.objects.create(
                movie_id=row.movie_id,
                source_title=row.title,
                date=timezone.now(),
                published_date=release.publish_date,
                size=release.size,
                protocol=release.protocol,
                indexer=release.indexer,
                indexer_flags=release.indexer_flags,
                message="Pending release removed and blocklisted",
                torrent_info_hash=release.info_hash.upper(),
                guid=release.guid,
                **ReleaseFacts.of(row).columns(),
            )
        row.delete()
