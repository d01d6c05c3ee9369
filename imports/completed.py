"""Completed Download Handling: import what the download clients finished, and say why when we can't.

Each importPending download is marked importing, imported through the pipeline, then marked imported
(history, post-import category, removal) or sent back: to importPending while it must wait (archives
not extracted yet, still unpacking, not enough free space) or to importBlocked with the reasons.
A download left importing by a crash is picked up again after a while.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from downloads.models import DownloadClientConfig, TrackedDownload, TrackedDownloadState
from downloads.tracking import (
    completed_downloads,
    grab_of,
    mark_import_failed,
    mark_import_pending,
    mark_imported,
    mark_importing,
)
from imports.pipeline import ImportResult, import_download
from indexers.evidence import note_outcome, release_group_of
from movies.filefolders import path_of
from scenegroups.models import OutcomeKind

logger = logging.getLogger(__name__)

STUCK_IMPORTING = timedelta(minutes=30)


def _stuck_importing() -> list[TrackedDownload]:
    stale = timezone.now() - STUCK_IMPORTING
    rows = TrackedDownload.objects.filter(state=TrackedDownloadState.IMPORTING, updated__lt=stale)
    return list(rows.select_related("client", "movie", "grab").order_by("pk"))


def import_completed_downloads() -> str:
    """Import every completed download waiting for it; a one-line summary."""
    if not DownloadClientConfig.load().enable_completed_download_handling:
        return "Completed Download Handling is off"
    rows = completed_downloads() + _stuck_importing()
    imported = blocked = waiting = 0
    for row in rows:
        outcome = import_tracked(row)
        imported += outcome == "imported"
        blocked += outcome == "blocked"
        waiting += outcome == "waiting"
    return f"{len(rows)} completed download(s): {imported} imported, {waiting} waiting, {blocked} blocked"


def import_tracked(row: TrackedDownload) -> str:
    """Import one tracked download: "imported", "waiting" or "blocked"."""
    mark_importing(row.download_id, client_id=row.client_id)
    try:
        result = import_download(row)
    except Exception as error:  # an unexpected bug must leave the download visible, not stuck
        logger.exception("Import of %s failed", row.title)
        mark_import_failed(row.download_id, [f"Import failed: {error}"], client_id=row.client_id)
        return "blocked"
    return _finish(row, result)


def _finish(row: TrackedDownload, result: ImportResult) -> str:
    if result.imported:
        first = result.imported[0]
        mark_imported(
            row.download_id,
            client_id=row.client_id,
            imported_path=path_of(first.movie_file),
            dropped_path=str(first.facts.path),
            movie_file=first.movie_file,
        )
        return "imported"
    temporary = result.waiting or (
        result.rejected
        and all(not rejection.permanent for facts in result.rejected for rejection in facts.rejections)
    )
    if temporary and not result.blocked:
        mark_import_pending(row.download_id, result.messages, client_id=row.client_id)
        return "waiting"
    messages = result.messages or ["No files found are eligible for import"]
    mark_import_failed(row.download_id, messages, client_id=row.client_id)
    _note_rejected(row)
    return "blocked"


def _note_rejected(row: TrackedDownload) -> None:
    """Evidence against the download's group, once per download however often it is looked at."""
    grab = grab_of(row)
    note_outcome(
        release_group_of(row.title, grab.data.get("releaseGroup") if grab is not None else None),
        OutcomeKind.REJECTED,
        key=f"download:{row.client_id}:{row.download_id}",
        movie_id=row.movie_id or 0,
        title=row.title,
    )
