"""What the decision engine's second stage reads from downloads: the queue, the grabs and the blocklist
of a batch's movies, in three queries whatever the number of releases or versions.

The queue and the grabs are kept per version (the primary version's by movie id, an extra version's
by its id): a 4K download in the queue does not stop a 1080p grab. The blocklist is per movie."""

from collections.abc import Iterable
from dataclasses import replace

from downloads.history import ReleaseFacts
from downloads.models import Blocklist, DownloadClientConfig, History, HistoryEventType, TrackedDownload
from releases.decisions.context import BlockedRelease, DownloadFacts, GrabbedRelease, QueuedRelease


def _format_ids(custom_formats: list[dict]) -> frozenset[int]:
    return frozenset(entry["id"] for entry in custom_formats if isinstance(entry.get("id"), int))


def queue_and_history_facts(movie_ids: Iterable[int]) -> DownloadFacts:
    """Set the result on the batch's context: `context.downloads = queue_and_history_facts(ids)`."""
    ids = list(set(movie_ids))
    facts = DownloadFacts(
        completed_download_handling=DownloadClientConfig.load().enable_completed_download_handling
    )
    for row in TrackedDownload.objects.in_queue().filter(movie_id__in=ids):
        queued = QueuedRelease(row.title, ReleaseFacts.of(row).quality, _format_ids(row.custom_formats))
        if row.version_id is None:
            facts.queued.setdefault(row.movie_id, []).append(queued)
        else:
            facts.version_queued.setdefault(row.version_id, []).append(queued)
    events = History.objects.filter(
        movie_id__in=ids,
        event_type__in=[HistoryEventType.GRABBED, HistoryEventType.DOWNLOAD_FOLDER_IMPORTED],
    ).order_by("-date", "-pk")
    imported = set()
    grabs = []
    for event in events:
        if event.event_type == HistoryEventType.DOWNLOAD_FOLDER_IMPORTED:
            imported.add(event.download_id)
        else:
            grabs.append(event)
    for grab in grabs:
        grabbed = GrabbedRelease(
            title=grab.source_title,
            quality=ReleaseFacts.of(grab).quality,
            date=grab.date,
            format_ids=_format_ids(grab.custom_formats),
            download_id=grab.download_id,
            imported=bool(grab.download_id) and grab.download_id in imported,
        )
        if grab.version_id is None and (grab.data or {}).get("version"):
            pass  # for an extra version since removed: not the primary's (it still counts movie-wide)
        elif grab.version_id is None:
            facts.grabs.setdefault(grab.movie_id, []).append(grabbed)
        else:
            grabbed = replace(
                grabbed, version_key=grab.version_id, version_name=str((grab.data or {}).get("version") or "")
            )
            facts.version_grabs.setdefault(grab.version_id, []).append(grabbed)
        facts.movie_grabs.setdefault(grab.movie_id, []).append(grabbed)
    for row in Blocklist.objects.filter(movie_id__in=ids):
        facts.blocklist.setdefault(row.movie_id, []).append(
            BlockedRelease(
                title=row.source_title,
                protocol=row.protocol,
                indexer=row.indexer,
                info_hash=row.torrent_info_hash,
                guid=row.guid,
                published_date=row.published_date,
                size=row.size,
            )
        )
    return facts
