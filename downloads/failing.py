"""Failed downloads (Radarr's FailedDownloadService and its DownloadFailed handlers), in one function:
a DownloadFailed history event, the release blocklisted, the item removed from the client when the
client is set to, and the movie searched again when Redownload Failed is on."""

import logging
from dataclasses import dataclass

from django.db import transaction

from downloads.blocklist import blocklist_grab
from downloads.clients import run_client
from downloads.history import ReleaseFacts, latest_grab, record_event
from downloads.models import (
    DownloadClientConfig,
    History,
    HistoryEventType,
    TrackedDownload,
    TrackedDownloadState,
    TrackedDownloadStatus,
)
from indexers.evidence import note_outcome, release_group_of
from radarr.providers import ProviderError
from scenegroups.models import OutcomeKind

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FailureOutcome:
    history: History | None
    blocklisted: bool
    removed_from_client: bool
    search_queued: bool
    search_skipped_reason: str = ""


class NotFailable(Exception):
    pass


def fail_download(
    tracked: TrackedDownload,
    message: str,
    *,
    blocklist: bool = True,
    skip_redownload: bool = False,
    remove_from_client: bool | None = None,
) -> FailureOutcome:
    """Mark a tracked download failed. `remove_from_client` None follows the client's Remove Failed."""
    grab = tracked.grab or latest_grab(tracked.download_id)
    with transaction.atomic():
        tracked.state = TrackedDownloadState.FAILED
        tracked.status = TrackedDownloadStatus.ERROR
        tracked.status_messages = [{"title": tracked.title, "messages": [message]}]
        tracked.save(update_fields=["state", "status", "status_messages", "updated"])
        event = None
        if grab is not None:
            event = _record_failed(grab, message, tracked.client.name)
            if blocklist:
                blocklist_grab(grab, message)
    removed = _remove(tracked, remove_from_client)
    queued, skipped = (False, "not grabbed by Radarr") if grab is None else redownload(grab, skip_redownload)
    logger.warning("Download failed: %s (%s)", tracked.title, message)
    return FailureOutcome(event, blocklist and grab is not None, removed, queued, skipped)


def _record_failed(grab: History, message: str, client_name: str) -> History:
    data = {
        key: grab.data.get(key) for key in ("indexer", "size", "releaseGroup", "downloadClient", "protocol")
    }
    # keyed by the grab: marking a grab failed by hand after its download failed counts once
    note_outcome(
        release_group_of(grab.source_title, grab.data.get("releaseGroup")),
        OutcomeKind.FAILED,
        key=f"history:{grab.pk}",
        movie_id=grab.movie_id or 0,
        title=grab.source_title,
    )
    return record_event(
        grab.movie_id,
        HistoryEventType.DOWNLOAD_FAILED,
        grab.source_title,
        ReleaseFacts.of(grab),
        download_id=grab.download_id,
        data={**data, "downloadClientName": client_name, "message": message},
    )


def _remove(tracked: TrackedDownload, remove_from_client: bool | None) -> bool:
    client = tracked.client
    wanted = client.remove_failed_downloads if remove_from_client is None else remove_from_client
    if not wanted:
        return False
    try:
        run_client(client, lambda provider: provider.remove(tracked.download_id, True))
    except ProviderError as error:
        logger.warning("Could not remove %s from %s: %s", tracked.title, client.name, error.message)
        return False
    return True


def redownload(grab: History, skip: bool = False) -> tuple[bool, str]:
    """Queue MoviesSearch for the grab's movie when the options say so: (queued, why not)."""
    from radarr.commands import queue_command

    config = DownloadClientConfig.load()
    if skip:
        return False, "skipped by request"
    if not config.auto_redownload_failed:
        return False, "Redownload Failed is off"
    interactive = grab.data.get("releaseSource") == "InteractiveSearch"
    if interactive and not config.auto_redownload_failed_from_interactive_search:
        return False, "grabbed from an interactive search"
    queue_command("MoviesSearch", {"movieIds": [grab.movie_id]})
    return True, ""


def mark_history_failed(history_id: int) -> FailureOutcome:
    """POST /history/failed/{id}: a grab marked failed by hand (blocklisted and searched again)."""
    grab = History.objects.filter(pk=history_id, event_type=HistoryEventType.GRABBED).first()
    if grab is None:
        raise NotFailable(f"History item {history_id} is not a grab")
    tracked = TrackedDownload.objects.select_related("client").filter(download_id=grab.download_id).first()
    if tracked is not None and grab.download_id:
        tracked.grab = grab
        return fail_download(tracked, "Manually marked as failed", remove_from_client=False)
    message = "Manually marked as failed"
    with transaction.atomic():
        event = _record_failed(grab, message, grab.data.get("downloadClientName", ""))
        blocklist_grab(grab, message)
    queued, skipped = redownload(grab)
    return FailureOutcome(event, True, False, queued, skipped)
