"""The notification events of grabs and blocked downloads, and the snapshot of a grabbed release that
import events carry too: taken from the Grabbed history row when the change happens."""

from typing import Any

from downloads.models import DownloadClient, History, HistoryEventType, TrackedDownload
from movies.events import indexer_flag_names, language_snapshot, movie_snapshot, quality_name
from movies.models import Movie
from notifications.events import GrabEvent, ManualInteractionRequiredEvent
from notifications.snapshots import CustomFormatSnapshot, ReleaseSnapshot, VersionSnapshot


def _client_names(data: dict[str, Any], client: DownloadClient | None = None) -> tuple[str, str]:
    """(client name, client kind as the UI names it, e.g. "qBittorrent") from a Grabbed row's data;
    `client` is the row it names when the caller holds it (a grab), saving the query."""
    name = data.get("downloadClientName") or ""
    kind = data.get("downloadClient") or ""
    if client is None or client.name != name:
        client = DownloadClient.objects.filter(name=name).first() if name else None
    if client is not None:
        try:
            kind = client.provider().implementation_name
        except KeyError:
            kind = client.implementation
    return name, kind


def release_snapshot(grab: History, client: DownloadClient | None = None) -> ReleaseSnapshot:
    """A Grabbed history row as notifications describe the release (`client`: the one it went to)."""
    data = grab.data or {}
    client_name, client_type = _client_names(data, client)
    return ReleaseSnapshot(
        title=grab.source_title,
        quality=quality_name(grab.quality_id),
        quality_version=(grab.revision or {}).get("version", 1),
        release_group=data.get("releaseGroup") or "",
        indexer=data.get("indexer") or "",
        size=int(data.get("size") or 0),
        custom_formats=tuple(
            CustomFormatSnapshot(item.get("id"), item.get("name")) for item in grab.custom_formats or ()
        ),
        custom_format_score=grab.custom_format_score,
        languages=tuple(language_snapshot(language_id) for language_id in grab.language_ids or ()),
        indexer_flags=indexer_flag_names(int(data.get("indexerFlags") or 0)),
        download_client=client_name,
        download_client_type=client_type,
        download_id=grab.download_id or "",
    )


def grabbed_release(movie_id: int, download_id: str) -> ReleaseSnapshot | None:
    """The latest grab of `download_id` for the movie, or None (a file dropped in by hand)."""
    if not download_id:
        return None
    grab = (
        History.objects.filter(
            movie_id=movie_id, download_id__iexact=download_id, event_type=HistoryEventType.GRABBED
        )
        .order_by("-date")
        .first()
    )
    return release_snapshot(grab) if grab is not None else None


def grab_event(grab: History, movie: Movie, client: DownloadClient | None = None) -> GrabEvent:
    version = VersionSnapshot(grab.version_id, grab.data.get("version", "")) if grab.version_id else None
    return GrabEvent(movie=movie_snapshot(movie), release=release_snapshot(grab, client), version=version)


def manual_interaction_event(
    tracked: TrackedDownload, messages: list[str] | tuple[str, ...]
) -> ManualInteractionRequiredEvent:
    """ManualInteractionRequired for a tracked download whose import is blocked."""
    grab = tracked.grab if tracked.grab_id else None
    movie = tracked.movie if tracked.movie_id else None
    return ManualInteractionRequiredEvent(
        download_id=tracked.download_id,
        download_client=tracked.client.name if tracked.client_id else "",
        title=tracked.title,
        movie=movie_snapshot(movie) if movie is not None else None,
        messages=tuple(messages),
        size=tracked.total_size,
        quality=quality_name(grab.quality_id) if grab is not None else "",
        release=grabbed_release(movie.pk, tracked.download_id) if movie is not None else None,
    )
