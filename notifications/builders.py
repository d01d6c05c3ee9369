"""Turning an event into what is sent: the webhook payload (Radarr's shapes) and a title + text.

This is the one module of notifications that reads other apps' rows. It runs in the worker, after
the change committed, and loads rows by the ids the event carries; the imports are inside the
functions so notifications stays left of releases/movies/downloads in the import chain.
Event helpers for callers (`grab_event`, `movie_delete_event`, `file_delete_event`) build the
plain-data events from rows the caller already holds.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from notifications import events as ev

logger = logging.getLogger(__name__)

TITLES = {
    "Grab": "Movie Grabbed",
    "Download": "Movie Downloaded",
    "Upgrade": "Movie Upgraded",
    "Rename": "Movie Renamed",
    "MovieAdded": "Movie Added",
    "MovieDelete": "Movie Deleted",
    "MovieFileDelete": "Movie File Deleted",
    "Health": "Health Check Failure",
    "HealthRestored": "Health Check Restored",
    "ManualInteractionRequired": "Manual Interaction Required",
    "ApplicationUpdate": "Application Updated",
    "Test": "Test Notification",
}


@dataclass
class Notice:
    """An event made ready to send: every implementation picks what it needs."""

    event: ev.Event
    title: str
    message: str
    payload: dict[str, Any]  # the webhook body
    movie_id: int = 0
    tag_ids: frozenset[int] = frozenset()
    folder_path: str = ""  # the movie's folder (media servers refresh it)
    file_paths: tuple[str, ...] = ()
    poster_url: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # quality, size, group... for rich messages

    @property
    def event_type(self) -> str:
        return self.event.event_type

    @property
    def is_upgrade(self) -> bool:
        return bool(getattr(self.event, "is_upgrade", False))


# ---- helpers for callers: plain-data events from rows they hold


def grab_event(history_row: Any) -> ev.GrabEvent:
    return ev.GrabEvent(movie_id=history_row.movie_id, history_id=history_row.pk)


def download_event(
    movie_file: Any,
    replaced: list[Any] | tuple[Any, ...] = (),
    *,
    download_id: str = "",
    download_client: str = "",
    source_path: str = "",
) -> ev.DownloadEvent:
    """The Download event of an import, with the replaced files captured while their rows exist."""
    movie_path = movie_file.movie.path
    return ev.DownloadEvent(
        movie_id=movie_file.movie_id,
        movie_file_id=movie_file.pk,
        is_upgrade=bool(replaced),
        deleted_file_ids=tuple(row.pk for row in replaced),
        download_id=download_id,
        download_client=download_client,
        source_path=source_path,
        deleted_files=tuple(movie_file_payload(row, movie_path=movie_path) for row in replaced),
    )


def manual_interaction_event(
    tracked: Any, messages: list[str] | tuple[str, ...]
) -> ev.ManualInteractionRequiredEvent:
    """ManualInteractionRequired for a tracked download (a TrackedDownload) whose import is blocked."""
    grab = getattr(tracked, "grab", None)
    return ev.ManualInteractionRequiredEvent(
        download_id=tracked.download_id,
        download_client=tracked.client.name if tracked.client_id else "",
        title=tracked.title,
        movie_id=tracked.movie_id or 0,
        messages=tuple(messages),
        size=tracked.total_size,
        quality=_quality_name(grab.quality_id) if grab is not None else "",
    )


def movie_added_event(movie: Any) -> ev.MovieAddedEvent:
    method = (movie.add_options or {}).get("addMethod") or "manual"
    return ev.MovieAddedEvent(movie_id=movie.pk, add_method=method)


def movie_delete_event(movie: Any, *, deleted_files: bool) -> ev.MovieDeleteEvent:
    tags = list(movie.tags.all())
    release = _release_date(movie)
    return ev.MovieDeleteEvent(
        movie_id=movie.pk,
        title=movie.title,
        year=movie.year,
        path=movie.path,
        tmdb_id=movie.tmdb_id,
        imdb_id=movie.imdb_id,
        folder_path=movie.path,
        deleted_files=deleted_files,
        size_on_disk=movie.size_on_disk,
        tags=tuple(sorted(tag.label for tag in tags)),
        tag_ids=tuple(tag.pk for tag in tags),
        original_language=_language(movie.original_language_id)["name"],
        genres=tuple(movie.genres or ()),
        release_date=release,
        overview=movie.overview,
    )


def file_delete_event(movie_file: Any, reason: str, *, for_upgrade: bool = False) -> ev.MovieFileDeleteEvent:
    movie = movie_file.movie
    return ev.MovieFileDeleteEvent(
        movie_id=movie.pk,
        movie_file_id=movie_file.pk,
        relative_path=movie_file.relative_path,
        path=posixpath.join(movie.path, movie_file.relative_path),
        size=movie_file.size,
        reason=reason,
        for_upgrade=for_upgrade,
        quality=_quality_name(movie_file.quality_id),
        quality_version=(movie_file.revision or {}).get("version", 1),
        release_group=movie_file.release_group,
        scene_name=movie_file.scene_name,
        date_added=_timestamp(movie_file.date_added),
    )


# ---- shared sub-objects


def _quality_name(quality_id: int) -> str:
    from releases.qualities import QUALITIES_BY_ID

    quality = QUALITIES_BY_ID.get(quality_id)
    return quality.name if quality else "Unknown"


def _language(language_id: int) -> dict[str, Any]:
    from releases.languages import language_by_id

    try:
        language = language_by_id(language_id)
    except (KeyError, ValueError):
        return {"id": language_id, "name": "Unknown"}
    return {"id": language.id, "name": language.name}


def flag_names(flags: int) -> list[str]:
    from releases.customformats.specifications import INDEXER_FLAGS  # Radarr's IndexerFlags bits

    return [name for bit, name in INDEXER_FLAGS.items() if flags & bit]


def flags_text(flags: int) -> str:
    """.NET's text of a [Flags] enum: names joined by ", ", or "0" when none is set."""
    return ", ".join(flag_names(flags)) or "0"


def _timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    value = value.astimezone(timezone.UTC) if timezone.is_aware(value) else value
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _release_date(movie: Any) -> str:
    """Radarr's webhook releaseDate: physical, else cinema + 90 days, else 9999-12-31."""
    when: date | None = movie.physical_release
    if when is None and movie.in_cinemas:
        when = movie.in_cinemas + timedelta(days=90)
    return when.isoformat() if when else "9999-12-31"


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _drop_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_drop_nulls(item) for item in value]
    return value


def _base_url() -> str:
    return getattr(settings, "RADARR_APPLICATION_URL", "") or ""


def movie_payload(movie: Any, *, file_path: str | None = None) -> dict[str, Any]:
    images = []
    for image in movie.images or []:
        cover = str(image.get("coverType", "")).lower()
        images.append(
            {
                "coverType": cover,
                "url": f"/MediaCover/{movie.pk}/{cover}.jpg",
                "remoteUrl": image.get("remoteUrl"),
            }
        )
    return {
        "id": movie.pk,
        "title": movie.title,
        "year": movie.year,
        "releaseDate": _release_date(movie),
        "folderPath": movie.path,
        "filePath": file_path,
        "tmdbId": movie.tmdb_id,
        "imdbId": movie.imdb_id or None,
        "overview": movie.overview or None,
        "genres": list(movie.genres or []),
        "images": images,
        "tags": sorted(tag.label for tag in movie.tags.all()),
        "originalLanguage": _language(movie.original_language_id),
    }


def remote_movie_payload(movie: Any) -> dict[str, Any]:
    return {
        "tmdbId": movie.tmdb_id,
        "imdbId": movie.imdb_id or None,
        "title": movie.title,
        "year": movie.year,
    }


def movie_file_payload(movie_file: Any, *, movie_path: str) -> dict[str, Any]:
    payload = {
        "id": movie_file.pk,
        "relativePath": movie_file.relative_path,
        "path": posixpath.join(movie_path, movie_file.relative_path),
        "quality": _quality_name(movie_file.quality_id),
        "qualityVersion": (movie_file.revision or {}).get("version", 1),
        "releaseGroup": movie_file.release_group or None,
        "sceneName": movie_file.scene_name or None,
        "indexerFlags": flags_text(movie_file.indexer_flags),
        "size": movie_file.size,
        "dateAdded": _timestamp(movie_file.date_added),
        "languages": [_language(language_id) for language_id in movie_file.language_ids or []],
    }
    media = movie_file.media_info or {}
    if media:
        payload["mediaInfo"] = {
            "audioChannels": media.get("audioChannels"),
            "audioCodec": media.get("audioCodec"),
            "audioLanguages": media.get("audioLanguages") or [],
            "height": media.get("height"),
            "width": media.get("width"),
            "subtitles": media.get("subtitles") or [],
            "videoCodec": media.get("videoCodec"),
            "videoDynamicRange": media.get("videoDynamicRange"),
            "videoDynamicRangeType": media.get("videoDynamicRangeType"),
        }
    return payload


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024:
            return f"{value:.1f} {unit}" if unit != "B" else f"{int(value)} B"
        value /= 1024
    return f"{value:.2f} TiB"


def _envelope(event_type: str) -> dict[str, Any]:
    envelope: dict[str, Any] = {"eventType": event_type, "instanceName": settings_instance_name()}
    if _base_url() and event_type != "HealthRestored":
        envelope["applicationUrl"] = _base_url()
    return envelope


def settings_instance_name() -> str:
    return getattr(settings, "RADARR_INSTANCE_NAME", "") or "Radarr"


def _movie_label(movie: Any) -> str:
    return _label(movie.title, movie.year)


def _label(title: str, year: int) -> str:
    return f"{title} ({year})" if year else title


def _poster(movie: Any) -> str:
    for image in movie.images or []:
        if str(image.get("coverType", "")).lower() == "poster" and image.get("remoteUrl"):
            return image["remoteUrl"]
    return ""


def _movie_notice(event: ev.Event, movie: Any, payload: dict[str, Any], message: str) -> Notice:
    return Notice(
        event=event,
        title=TITLES.get(event.event_type, event.event_type),
        message=message,
        payload=_drop_nulls(payload),
        movie_id=movie.pk,
        tag_ids=frozenset(tag.pk for tag in movie.tags.all()),
        folder_path=movie.path,
        poster_url=_poster(movie),
    )


# ---- one builder per event


def build_notice(event: ev.Event) -> Notice | None:
    """What to send for `event`, or None when its rows are gone (nothing left to say)."""
    builder = BUILDERS.get(type(event))
    if builder is None:
        return None
    return builder(event)


def _movie(movie_id: int) -> Any:
    from movies.models import Movie

    return Movie.objects.filter(pk=movie_id).prefetch_related("tags").first()


def _client_names(grab: Any) -> tuple[str, str]:
    """(client name, client kind as the UI names it, e.g. "qBittorrent") from a Grabbed History row."""
    from downloads.models import DownloadClient

    grab_data = (grab.data or {}) if grab is not None else {}
    name = grab_data.get("downloadClientName") or ""
    kind = grab_data.get("downloadClient") or ""
    client = DownloadClient.objects.filter(name=name).first() if name else None
    if client is not None:
        try:
            kind = client.provider().implementation_name
        except KeyError:
            kind = client.implementation
    return name, kind


def _grab(event: ev.GrabEvent) -> Notice | None:
    from downloads.models import History

    history = History.objects.filter(pk=event.history_id).first()
    movie = _movie(event.movie_id)
    if history is None or movie is None:
        return None
    data = history.data or {}
    formats = list(history.custom_formats or [])
    client_name, client_type = _client_names(history)
    quality = _quality_name(history.quality_id)
    size = int(data.get("size") or 0)
    release = {
        "quality": quality,
        "qualityVersion": (history.revision or {}).get("version", 1),
        "releaseGroup": data.get("releaseGroup") or None,
        "releaseTitle": history.source_title,
        "indexer": data.get("indexer") or None,
        "size": size,
        "customFormatScore": history.custom_format_score,
        "customFormats": [item.get("name") for item in formats],
        "languages": [_language(language_id) for language_id in history.language_ids or []],
        "indexerFlags": flag_names(int(data.get("indexerFlags") or 0)),
    }
    payload = {
        **_envelope("Grab"),
        "movie": movie_payload(movie),
        "remoteMovie": remote_movie_payload(movie),
        "release": release,
        "downloadClient": client_name or None,
        "downloadClientType": client_type or None,
        "downloadId": history.download_id or None,
        "customFormatInfo": _custom_format_info(history),
    }
    notice = _movie_notice(event, movie, payload, f"{_movie_label(movie)} [{quality}]")
    notice.message = f"{history.source_title}"
    notice.fields = {
        "Movie": _movie_label(movie),
        "Quality": quality,
        "Size": _size(size),
        "Group": data.get("releaseGroup") or "",
        "Indexer": data.get("indexer") or "",
        "Download Client": client_name,
        "Custom Formats": ", ".join(release["customFormats"]),
        "Custom Format Score": str(history.custom_format_score),
    }
    return notice


def _custom_format_info(grab: Any) -> dict[str, Any]:
    """The webhook's customFormatInfo from a Grabbed History row; empty when there is none."""
    formats = list(grab.custom_formats or []) if grab is not None else []
    return {
        "customFormats": [{"id": item.get("id"), "name": item.get("name")} for item in formats],
        "customFormatScore": grab.custom_format_score if grab is not None else 0,
    }


def _grabbed_release(movie_id: int, download_id: str) -> tuple[dict[str, Any] | None, Any]:
    from downloads.models import History, HistoryEventType

    if not download_id:
        return None, None
    grab = (
        History.objects.filter(
            movie_id=movie_id, download_id__iexact=download_id, event_type=HistoryEventType.GRABBED
        )
        .order_by("-date")
        .first()
    )
    if grab is None:
        return None, None
    data = grab.data or {}
    release = {
        "releaseTitle": grab.source_title,
        "indexer": data.get("indexer") or None,
        "size": int(data.get("size") or 0),
        "indexerFlags": flag_names(int(data.get("indexerFlags") or 0)),
    }
    return release, grab


def _download(event: ev.DownloadEvent) -> Notice | None:
    from movies.models import MovieFile

    movie = _movie(event.movie_id)
    movie_file = MovieFile.objects.filter(pk=event.movie_file_id).first()
    if movie is None or movie_file is None:
        return None
    file_payload = movie_file_payload(movie_file, movie_path=movie.path)
    if event.source_path:
        file_payload["sourcePath"] = event.source_path
    release, grab = _grabbed_release(movie.pk, event.download_id)
    client_name, client_type = _client_names(grab)
    payload: dict[str, Any] = {
        **_envelope("Download"),
        "movie": movie_payload(movie, file_path=file_payload["path"]),
        "remoteMovie": remote_movie_payload(movie),
        "movieFile": file_payload,
        "isUpgrade": event.is_upgrade,
        "downloadClient": event.download_client or client_name or None,
        "downloadClientType": client_type or None,
        "downloadId": event.download_id or None,
        "customFormatInfo": _custom_format_info(grab),
        "release": release,
    }
    if event.is_upgrade:
        captured = {item.get("id"): dict(item) for item in event.deleted_files}
        payload["deletedFiles"] = [
            captured.get(file_id) or _deleted_file(file_id, movie.path) for file_id in event.deleted_file_ids
        ]
    quality = file_payload["quality"]
    notice = _movie_notice(event, movie, payload, f"{_movie_label(movie)} [{quality}]")
    if event.is_upgrade:
        notice.title = TITLES["Upgrade"]
    notice.file_paths = (file_payload["path"],)
    notice.fields = {
        "Movie": _movie_label(movie),
        "Quality": quality,
        "Size": _size(movie_file.size),
        "Group": movie_file.release_group,
        "Release": movie_file.scene_name,
    }
    return notice


def _deleted_file(file_id: int, movie_path: str) -> dict[str, Any]:
    """A replaced file: its row may already be gone, so only what is known is sent."""
    from movies.models import MovieFile

    row = MovieFile.objects.filter(pk=file_id).first()
    if row is not None:
        return movie_file_payload(row, movie_path=movie_path)
    return {"id": file_id}


def _rename(event: ev.RenameEvent) -> Notice | None:
    from movies.models import MovieFile

    movie = _movie(event.movie_id)
    if movie is None:
        return None
    rows = MovieFile.objects.in_bulk([file_id for file_id, _, _ in event.renamed])
    renamed = []
    for file_id, previous_relative, previous_path in event.renamed:
        row = rows.get(file_id)
        if row is None:
            continue
        item = movie_file_payload(row, movie_path=movie.path)
        item["previousRelativePath"] = previous_relative
        item["previousPath"] = previous_path
        renamed.append(item)
    payload = {**_envelope("Rename"), "movie": movie_payload(movie), "renamedMovieFiles": renamed}
    notice = _movie_notice(event, movie, payload, _movie_label(movie))
    notice.file_paths = tuple(item["path"] for item in renamed)
    return notice


def _movie_added(event: ev.MovieAddedEvent) -> Notice | None:
    movie = _movie(event.movie_id)
    if movie is None:
        return None
    payload = {**_envelope("MovieAdded"), "movie": movie_payload(movie), "addMethod": event.add_method}
    return _movie_notice(event, movie, payload, f"{_movie_label(movie)} added to the library")


def _movie_delete(event: ev.MovieDeleteEvent) -> Notice:
    movie = {
        "id": event.movie_id,
        "title": event.title,
        "year": event.year,
        "releaseDate": event.release_date or "9999-12-31",
        "folderPath": event.folder_path or event.path,
        "tmdbId": event.tmdb_id,
        "imdbId": event.imdb_id or None,
        "overview": event.overview or None,
        "genres": list(event.genres),
        "images": [],
        "tags": list(event.tags),
        "originalLanguage": {"id": 0, "name": event.original_language} if event.original_language else None,
    }
    payload: dict[str, Any] = {
        **_envelope("MovieDelete"),
        "movie": movie,
        "deletedFiles": event.deleted_files,
    }
    if event.deleted_files and event.size_on_disk:
        payload["movieFolderSize"] = event.size_on_disk
    with_files = " with its files" if event.deleted_files else ""
    message = f"{_label(event.title, event.year)} removed{with_files}"
    return Notice(
        event=event,
        title=TITLES["MovieDelete"],
        message=message,
        payload=_drop_nulls(payload),
        movie_id=event.movie_id,
        tag_ids=frozenset(event.tag_ids),
        folder_path=event.folder_path or event.path,
    )


def _movie_file_delete(event: ev.MovieFileDeleteEvent) -> Notice | None:
    movie = _movie(event.movie_id)
    if movie is None:
        return None
    file_payload = {
        "id": event.movie_file_id,
        "relativePath": event.relative_path,
        "path": event.path,
        "quality": event.quality or None,
        "qualityVersion": event.quality_version,
        "releaseGroup": event.release_group or None,
        "sceneName": event.scene_name or None,
        "indexerFlags": "0",
        "size": event.size,
        "dateAdded": event.date_added or None,
        "languages": [],
        "recycleBinPath": event.recycle_bin_path or None,
    }
    payload = {
        **_envelope("MovieFileDelete"),
        "movie": movie_payload(movie),
        "movieFile": file_payload,
        "deleteReason": event.reason,
    }
    notice = _movie_notice(event, movie, payload, f"{_movie_label(movie)}: {event.relative_path}")
    notice.file_paths = (event.path,)
    notice.fields = {"Reason": event.reason, "Size": _size(event.size)}
    return notice


def _health(event: ev.HealthEvent | ev.HealthRestoredEvent) -> Notice:
    payload = {
        **_envelope(event.event_type),
        "level": event.level,
        "message": event.message,
        "type": event.source,
        "wikiUrl": event.wiki_url or None,
    }
    return Notice(
        event=event, title=TITLES[event.event_type], message=event.message, payload=_drop_nulls(payload)
    )


def _manual(event: ev.ManualInteractionRequiredEvent) -> Notice:
    movie = _movie(event.movie_id) if event.movie_id else None
    release, grab = _grabbed_release(movie.pk, event.download_id) if movie else (None, None)
    payload: dict[str, Any] = {
        **_envelope("ManualInteractionRequired"),
        "movie": movie_payload(movie) if movie else None,
        "downloadInfo": {
            "quality": event.quality or None,
            "qualityVersion": 1,
            "title": event.title,
            "size": event.size,
        },
        "downloadClient": event.download_client or None,
        "downloadClientType": _client_names(grab)[1] or None,
        "downloadId": event.download_id,
        "downloadStatus": "Warning",
        "downloadStatusMessages": [{"title": event.title, "messages": list(event.messages)}],
        "customFormatInfo": _custom_format_info(grab),
        "release": release,
    }
    text = f"{event.title}: " + "; ".join(event.messages) if event.messages else event.title
    if movie is not None:
        return _movie_notice(event, movie, payload, text)
    return Notice(event=event, title=TITLES[event.event_type], message=text, payload=_drop_nulls(payload))


def _application_update(event: ev.ApplicationUpdateEvent) -> Notice:
    payload = {
        **_envelope("ApplicationUpdate"),
        "message": event.message,
        "previousVersion": event.previous_version,
        "newVersion": event.new_version,
    }
    return Notice(event=event, title=TITLES["ApplicationUpdate"], message=event.message, payload=payload)


def notice_for_test() -> Notice:
    """Radarr's Test payload: a Grab-like body with fixed fake values."""
    event = ev.TestEvent()
    payload = {
        **_envelope("Test"),
        "movie": {
            "id": 1,
            "title": "Test Title",
            "year": 1970,
            "releaseDate": "1970-01-01",
            "folderPath": "C:\\testpath",
            "tmdbId": 0,
            "genres": [],
            "images": [],
            "tags": ["test-tag"],
        },
        "remoteMovie": {"tmdbId": 1234, "imdbId": "5678", "title": "Test title", "year": 1970},
        "release": {
            "quality": "Test Quality",
            "qualityVersion": 1,
            "releaseGroup": "Test Group",
            "releaseTitle": "Test Title",
            "indexer": "Test Indexer",
            "size": 9999999,
            "customFormatScore": 0,
            "customFormats": [],
            "languages": [],
            "indexerFlags": [],
        },
    }
    return Notice(
        event=event,
        title=TITLES["Test"],
        message="This is a test message from Radarr",
        payload=payload,
        folder_path="",
    )


BUILDERS = {
    ev.GrabEvent: _grab,
    ev.DownloadEvent: _download,
    ev.RenameEvent: _rename,
    ev.MovieAddedEvent: _movie_added,
    ev.MovieDeleteEvent: _movie_delete,
    ev.MovieFileDeleteEvent: _movie_file_delete,
    ev.HealthEvent: _health,
    ev.HealthRestoredEvent: _health,
    ev.ManualInteractionRequiredEvent: _manual,
    ev.ApplicationUpdateEvent: _application_update,
}
