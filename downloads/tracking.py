"""Tracked downloads: Radarr's state machine over what the download clients report.

`refresh_monitored_downloads` (the RefreshMonitoredDownloads job, every minute) polls each enabled
client once, brings each TrackedDownload row up to date (writing only rows that changed, so a quiet
minute costs a few queries per client) and moves states on:

    downloading ─ completed ─▶ importPending ─▶ importing ─▶ imported
         │                     (imports #7)            └─▶ importBlocked
         ├─ failed/encrypted/stalled ─▶ failedPending ─▶ failed (history, blocklist, redownload)
         └─ removed by the user without blocklisting ─▶ ignored

Rows live in the database, so a restart of us or of the client resumes where it was; a row lost or a
download never seen before is rebuilt from its grab in history (the download id links the client's item,
the grab and the movie), including its outcome (imported, failed, ignored).
"""

import logging
import posixpath
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PureWindowsPath
from typing import Any

from django.db import transaction
from django.utils import timezone

from downloads.clients import record_client_failure, run_client
from downloads.events import manual_interaction_event
from downloads.failing import fail_download
from downloads.history import ReleaseFacts, latest_grab, outcomes, record_event, revision_dict
from downloads.implementations.base import DownloadItem, ItemStatus
from downloads.models import (
    DownloadClient,
    DownloadClientConfig,
    History,
    HistoryEventType,
    TrackedDownload,
    TrackedDownloadState,
    TrackedDownloadStatus,
)
from downloads.queueids import queue_id
from movies.models import AlternativeTitle, Movie, MovieFile
from movies.titles import clean_title
from notifications.events import notify
from radarr.providers import ProviderError, safe_message
from releases.parser import parse_movie_title

logger = logging.getLogger(__name__)

State = TrackedDownloadState
NO_SEEDS_GRACE = timedelta(minutes=30)  # "no seeds" without a stall timeout set waits this long
OUTCOME_STATES = {
    HistoryEventType.DOWNLOAD_FOLDER_IMPORTED: State.IMPORTED,
    HistoryEventType.DOWNLOAD_FAILED: State.FAILED,
    HistoryEventType.DOWNLOAD_IGNORED: State.IGNORED,
}


@dataclass(slots=True)
class RefreshSummary:
    clients: int = 0
    unavailable: int = 0
    items: int = 0
    changed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.items} downloads in {self.clients} clients ({self.unavailable} unavailable), "
            f"{self.changed} changed"
        )


def refresh_monitored_downloads() -> str:
    """Poll every enabled download client and move each tracked download on (one poll per client)."""
    config = DownloadClientConfig.load()
    summary = RefreshSummary()
    now = timezone.now()
    for client in DownloadClient.objects.enabled():
        summary.clients += 1
        items = _poll(client, now)
        if items is None:
            summary.unavailable += 1
            continue
        summary.items += len(items)
        summary.changed += sync_client(client, items, config, now)
    return str(summary)


def _poll(client: DownloadClient, now: datetime) -> list[DownloadItem] | None:
    """The client's items, or None when it cannot be asked (its downloads then say why in the queue)."""
    if client.is_backed_off(now):
        _mark_unavailable(client, f"{client.name} is unavailable: {client.last_error or 'backing off'}")
        return None
    try:
        return run_client(client, lambda provider: provider.items())
    except ProviderError as error:
        _mark_unavailable(client, f"{client.name} is unavailable: {safe_message(error.message)}")
    except Exception as error:  # a client answering garbage must not stop the others from being polled
        logger.exception("Polling %s failed", client.name)
        message = f"{client.name} answered something we could not read: {type(error).__name__}: {error}"
        record_client_failure(client, ProviderError(message[:500]))
        _mark_unavailable(client, message[:500])
    return None


def _mark_unavailable(client: DownloadClient, message: str) -> None:
    rows = TrackedDownload.objects.filter(client=client).exclude(state__in=_terminal())
    rows.exclude(client_unavailable=message).update(client_unavailable=message, updated=timezone.now())


def _terminal() -> list[str]:
    return [State.IMPORTED, State.FAILED, State.IGNORED]


# ---- bringing rows up to date


def sync_client(
    client: DownloadClient, items: list[DownloadItem], config: DownloadClientConfig, now: datetime
) -> int:
    """Update the client's tracked downloads from its items; the number of rows written."""
    by_id = {item.download_id: item for item in items if item.download_id}
    rows = {
        row.download_id: row for row in TrackedDownload.objects.filter(client=client).select_related("grab")
    }
    changed = 0
    gone = [row.pk for download_id, row in rows.items() if download_id not in by_id]
    if gone:  # removed from the client (by us, the user or its own rules): no longer tracked
        TrackedDownload.objects.filter(pk__in=gone).delete()
        changed += len(gone)
    new_ids = [download_id for download_id in by_id if download_id not in rows]
    if new_ids:
        changed += len(new_ids)
        rows.update(_start_tracking(client, [by_id[d] for d in new_ids]))
    for download_id, item in by_id.items():
        row = rows[download_id]
        if _apply_item(row, item, config, now):
            row.save()
            changed += 1
        changed += _advance(row, item, client, config, now)
    return changed


def _start_tracking(client: DownloadClient, items: list[DownloadItem]) -> dict[str, TrackedDownload]:
    """New rows for items first seen: from their grab in history when we sent them, else by title."""
    ids = [item.download_id for item in items]
    grabs: dict[str, History] = {}
    for grab in History.objects.grabs().filter(download_id__in=ids).order_by("date", "pk"):
        grabs[grab.download_id] = grab
    finished = outcomes(ids)
    created = {}
    for item in items:
        grab = grabs.get(item.download_id)
        row = _row_from_grab(client, item, grab) if grab else _row_from_title(client, item)
        row.state = OUTCOME_STATES.get(finished.get(item.download_id), State.DOWNLOADING)
        row.save()
        created[item.download_id] = row
    return created


def _row_from_grab(client: DownloadClient, item: DownloadItem, grab: History) -> TrackedDownload:
    return TrackedDownload(
        client=client,
        download_id=item.download_id,
        queue_id=queue_id(client.pk, item.download_id),
        movie_id=grab.movie_id,
        grab=grab,
        title=grab.source_title,
        protocol=client.protocol,
        indexer=grab.data.get("indexer", ""),
        added=grab.date,
        custom_format_score=grab.custom_format_score,
        **ReleaseFacts.of(grab).columns(),
    )


def _row_from_title(client: DownloadClient, item: DownloadItem) -> TrackedDownload:
    parsed = parse_movie_title(item.title)
    movie = match_movie(parsed.movie_titles, parsed.year) if parsed else None
    quality = parsed.quality if parsed else None
    return TrackedDownload(
        client=client,
        download_id=item.download_id,
        queue_id=queue_id(client.pk, item.download_id),
        movie=movie,
        title=item.title,
        protocol=client.protocol,
        quality_id=quality.quality.id if quality else 0,
        revision=revision_dict(quality.revision) if quality else {},
        language_ids=[language.id for language in parsed.languages] if parsed else [],
    )


def match_movie(titles: list[str], year: int | None) -> Movie | None:
    """The library movie a parsed title names (title or alternative title, and the year when known)."""
    cleaned = [clean_title(title) for title in titles if title]
    if not cleaned:
        return None
    movies = Movie.objects.filter(clean_title__in=cleaned)
    alternative_ids = AlternativeTitle.objects.filter(clean_title__in=cleaned).values("movie_id")
    candidates = list(movies) or list(Movie.objects.filter(pk__in=alternative_ids))
    if year:
        candidates = [movie for movie in candidates if year in (movie.year, movie.secondary_year)]
    return candidates[0] if len(candidates) == 1 else None


def _snapshot(item: DownloadItem) -> dict[str, Any]:
    remaining = item.remaining_time
    return {
        "item_status": str(item.status),
        "category": item.category[:200],
        "total_size": item.total_size,
        "remaining_size": item.remaining_size,
        "remaining_seconds": int(remaining.total_seconds()) if remaining is not None else None,
        "output_path": item.output_path[:2000],
        "client_message": item.message,
        "can_be_removed": item.can_be_removed,
        "can_move_files": item.can_move_files,
        "is_encrypted": item.is_encrypted,
        "seeders": item.seeders,
        "client_unavailable": "",
    }


def _apply_item(
    row: TrackedDownload, item: DownloadItem, config: DownloadClientConfig, now: datetime
) -> bool:
    """Copy the client's view onto the row; True when anything changed (the row then needs saving)."""
    snapshot = _snapshot(item)
    if row.progress_at is None or item.remaining_size < row.remaining_size:
        snapshot["progress_at"] = now
    snapshot["stalled_since"] = _stalled_since(row, item, config, now)
    changed = {key: value for key, value in snapshot.items() if getattr(row, key) != value}
    for key, value in changed.items():
        setattr(row, key, value)
    return bool(changed)


def _stalled_since(row: TrackedDownload, item: DownloadItem, config: DownloadClientConfig, now: datetime):  # noqa: ANN202
    """When the download started to look stalled (no seeds), kept while it stays so; else None."""
    if not config.stalled_when_no_seeds or row.protocol != "torrent":
        return None
    if item.status not in (ItemStatus.DOWNLOADING, ItemStatus.WARNING) or item.seeders != 0:
        return None
    return row.stalled_since or now


# ---- moving states on


def _advance(
    row: TrackedDownload,
    item: DownloadItem,
    client: DownloadClient,
    config: DownloadClientConfig,
    now: datetime,
) -> int:
    """Radarr's processing of one tracked download; 1 when its state changed."""
    if row.state == State.IMPORTED:
        return _remove_imported(row, client)
    if row.is_terminal:
        return 0
    if row.state == State.FAILED_PENDING:
        fail_download(row, _first_message(row) or "The download failed")
        return 1
    if item.status == ItemStatus.FAILED or item.is_encrypted:
        return _failed_in_client(row, item)
    if item.status == ItemStatus.COMPLETED:
        if (
            row.state in (State.DOWNLOADING, State.IMPORT_BLOCKED)
            and config.enable_completed_download_handling
        ):
            return _completed(row)
        return 0
    stalled = stall_message(row, item, config, now)
    if stalled and row.grab_id:
        _set_state(row, State.FAILED_PENDING, TrackedDownloadStatus.ERROR, [stalled])
        fail_download(row, stalled)
        return 1
    return 0


def _first_message(row: TrackedDownload) -> str:
    return next((m for entry in row.status_messages for m in entry.get("messages", [])), "")


def _failed_in_client(row: TrackedDownload, item: DownloadItem) -> int:
    message = "The download is encrypted (password protected)" if item.is_encrypted else item.message
    message = message or "The download client reports the download failed"
    if row.grab_id is None:  # not ours to blocklist: say so and leave it to the user
        return _set_state(row, row.state, TrackedDownloadStatus.ERROR, [message])
    _set_state(row, State.FAILED_PENDING, TrackedDownloadStatus.ERROR, [message])
    fail_download(row, message)
    return 1


def stall_message(
    row: TrackedDownload, item: DownloadItem, config: DownloadClientConfig, now: datetime
) -> str:
    """Why the download counts as stalled under the configured policy, or ""."""
    active = item.status in (ItemStatus.DOWNLOADING, ItemStatus.WARNING)
    minutes = config.stalled_after_minutes
    if active and minutes and row.progress_at and now - row.progress_at >= timedelta(minutes=minutes):
        return f"Stalled: no progress for {minutes} minutes"
    grace = timedelta(minutes=minutes) if minutes else NO_SEEDS_GRACE
    if active and row.stalled_since and now - row.stalled_since >= grace:
        return f"Stalled: no seeds for {int(grace.total_seconds() // 60)} minutes"
    return ""


def _completed(row: TrackedDownload) -> int:
    """A completed download is ready to import when we know its movie and can read its folder."""
    if row.movie_id is None:
        message = "Unknown movie: the title matches no movie in the library. Use Manual Import."
        return _set_state(row, State.IMPORT_BLOCKED, TrackedDownloadStatus.WARNING, [message])
    path = row.output_path
    if not path or not _is_absolute(path):
        message = (
            f"The download client reports no usable output path ({path or 'none'}): "
            "check its settings and the remote path mappings"
        )
        return _set_state(row, State.IMPORT_BLOCKED, TrackedDownloadStatus.WARNING, [message])
    if not Path(path).exists():
        message = (
            f"{path} does not exist here: add a remote path mapping if the client sees its files elsewhere"
        )
        return _set_state(row, State.IMPORT_PENDING, TrackedDownloadStatus.WARNING, [message])
    return _set_state(row, State.IMPORT_PENDING, TrackedDownloadStatus.OK, [])


def _is_absolute(path: str) -> bool:
    return posixpath.isabs(path) or PureWindowsPath(path).is_absolute()


def _set_state(row: TrackedDownload, state: str, status: str, messages: list[str]) -> int:
    status_messages = [{"title": row.title, "messages": messages}] if messages else []
    if (row.state, row.status, row.status_messages) == (state, status, status_messages):
        return 0
    row.state, row.status, row.status_messages = state, status, status_messages
    row.save(update_fields=["state", "status", "status_messages", "updated"])
    return 1


def _remove_imported(row: TrackedDownload, client: DownloadClient) -> int:
    """Imported and done seeding: Radarr removes it from the client when Remove Completed is on."""
    if not (client.remove_completed_downloads and row.can_be_removed):
        return 0
    try:
        run_client(client, lambda provider: provider.remove(row.download_id, True))
    except ProviderError as error:
        logger.warning("Could not remove %s from %s: %s", row.title, client.name, error.message)
        return 0
    row.delete()
    return 1


# ---- the hand-off to imports (#7)


def completed_downloads() -> list[TrackedDownload]:
    """Downloads waiting to be imported (importPending), with their client and movie."""
    rows = TrackedDownload.objects.filter(state=State.IMPORT_PENDING).select_related(
        "client", "movie", "grab"
    )
    return list(rows.order_by("pk"))


def _tracked(download_id: str, client_id: int | None) -> TrackedDownload:
    rows = TrackedDownload.objects.select_related("client", "grab").filter(download_id=download_id)
    if client_id is not None:
        rows = rows.filter(client_id=client_id)
    row = rows.first()
    if row is None:
        raise TrackedDownload.DoesNotExist(f"No tracked download {download_id}")
    return row


def mark_importing(download_id: str, *, client_id: int | None = None) -> TrackedDownload:
    row = _tracked(download_id, client_id)
    _set_state(row, State.IMPORTING, TrackedDownloadStatus.OK, [])
    return row


def mark_imported(
    download_id: str,
    *,
    client_id: int | None = None,
    imported_path: str = "",
    dropped_path: str = "",
    movie_file: MovieFile | None = None,
) -> TrackedDownload:
    """Imports call this once the download's movie file is in place: a DownloadFolderImported event,
    the client's post-import category, and removal when the client is done with it. The event names
    the movie and version `movie_file` (the file imported) is for, when given: in a manual import the
    user may have chosen another version, or another movie, than the one the download was grabbed for."""
    row = _tracked(download_id, client_id)
    movie_id, version_id = row.movie_id, row.version_id
    if movie_file is not None and movie_id is not None:  # without a movie, the import wrote the event
        movie_id, version_id = movie_file.movie_id, movie_file.version_id
    with transaction.atomic():
        _set_state(row, State.IMPORTED, TrackedDownloadStatus.OK, [])
        if movie_id is not None:
            data = {
                "downloadClient": row.client.implementation,
                "downloadClientName": row.client.name,
                "droppedPath": dropped_path or row.output_path,
                "importedPath": imported_path,
            }
            record_event(
                movie_id,
                HistoryEventType.DOWNLOAD_FOLDER_IMPORTED,
                row.title,
                ReleaseFacts.of(row),
                download_id=row.download_id,
                data=data,
                version_id=version_id,
            )
    try:
        run_client(row.client, lambda provider: provider.mark_imported(row.download_id))
    except ProviderError as error:
        logger.warning("Could not set the post-import category of %s: %s", row.title, error.message)
    _remove_imported(row, row.client)
    return row


def mark_import_pending(
    download_id: str, messages: list[str], *, client_id: int | None = None
) -> TrackedDownload:
    """The import must wait (archives not extracted, still unpacking): importPending with the reasons."""
    row = _tracked(download_id, client_id)
    _set_state(row, State.IMPORT_PENDING, TrackedDownloadStatus.WARNING, messages)
    return row


def mark_import_failed(
    download_id: str, messages: list[str], *, client_id: int | None = None
) -> TrackedDownload:
    """The import could not finish: importBlocked with the reasons, until the user steps in."""
    row = _tracked(download_id, client_id)
    was_blocked = row.state == State.IMPORT_BLOCKED
    _set_state(row, State.IMPORT_BLOCKED, TrackedDownloadStatus.WARNING, messages or ["Import failed"])
    if not was_blocked:  # once, on the change: the poller calls this every minute
        notify(manual_interaction_event(row, messages or ["Import failed"]))
    return row


def ignore_download(row: TrackedDownload) -> None:
    """Removed from the queue without blocklisting (Radarr's "ignore"): a DownloadIgnored event."""
    with transaction.atomic():
        _set_state(row, State.IGNORED, TrackedDownloadStatus.OK, [])
        if row.movie_id is not None:
            record_event(
                row.movie_id,
                HistoryEventType.DOWNLOAD_IGNORED,
                row.title,
                ReleaseFacts.of(row),
                download_id=row.download_id,
                data={
                    "downloadClient": row.client.implementation,
                    "downloadClientName": row.client.name,
                    "message": "Removed from the queue without blocklisting",
                },
            )


def grab_of(row: TrackedDownload) -> History | None:
    return row.grab or latest_grab(row.download_id)
