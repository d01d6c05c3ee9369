"""Turning an event into what is sent: the webhook payload (Radarr's shapes) and a title + text.

It runs in the worker, after the change committed, and formats only what the event carries (the
snapshots of notifications.snapshots): no row of another app is read here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from notifications import events as ev
from notifications.snapshots import (
    LanguageSnapshot,
    MovieFileSnapshot,
    MovieSnapshot,
    ReleaseSnapshot,
)

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


# ---- shared sub-objects


def _language(language: LanguageSnapshot) -> dict[str, Any]:
    return {"id": language.id, "name": language.name}


def flags_text(flags: tuple[str, ...]) -> str:
    """.NET's text of a [Flags] enum: names joined by ", ", or "0" when none is set."""
    return ", ".join(flags) or "0"


def _timestamp(value: str | None) -> str | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    moment = moment.astimezone(timezone.UTC) if timezone.is_aware(moment) else moment
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _release_date(movie: MovieSnapshot) -> str:
    """Radarr's webhook releaseDate: physical, else cinema + 90 days, else 9999-12-31."""
    if movie.physical_release:
        return movie.physical_release
    if movie.in_cinemas:
        return (date.fromisoformat(movie.in_cinemas) + timedelta(days=90)).isoformat()
    return "9999-12-31"


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _drop_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_drop_nulls(item) for item in value]
    return value


def _base_url() -> str:
    return getattr(settings, "RADARR_APPLICATION_URL", "") or ""


def movie_payload(movie: MovieSnapshot, *, file_path: str | None = None) -> dict[str, Any]:
    images = []
    for image in movie.images:
        cover = str(image.cover_type).lower()
        images.append(
            {"coverType": cover, "url": f"/MediaCover/{movie.id}/{cover}.jpg", "remoteUrl": image.remote_url}
        )
    return {
        "id": movie.id,
        "title": movie.title,
        "year": movie.year,
        "releaseDate": _release_date(movie),
        "folderPath": movie.path,
        "filePath": file_path,
        "tmdbId": movie.tmdb_id,
        "imdbId": movie.imdb_id or None,
        "overview": movie.overview or None,
        "genres": list(movie.genres),
        "images": images,
        "tags": list(movie.tags),
        "originalLanguage": _language(movie.original_language),
    }


def remote_movie_payload(movie: MovieSnapshot) -> dict[str, Any]:
    return {
        "tmdbId": movie.tmdb_id,
        "imdbId": movie.imdb_id or None,
        "title": movie.title,
        "year": movie.year,
    }


MEDIA_INFO_KEYS = (
    "audioChannels",
    "audioCodec",
    "audioLanguages",
    "height",
    "width",
    "subtitles",
    "videoCodec",
    "videoDynamicRange",
    "videoDynamicRangeType",
)
_MEDIA_INFO_LISTS = ("audioLanguages", "subtitles")


def movie_file_payload(movie_file: MovieFileSnapshot) -> dict[str, Any]:
    payload = {
        "id": movie_file.id,
        "relativePath": movie_file.relative_path,
        "path": movie_file.path,
        "quality": movie_file.quality,
        "qualityVersion": movie_file.quality_version,
        "releaseGroup": movie_file.release_group or None,
        "sceneName": movie_file.scene_name or None,
        "indexerFlags": flags_text(movie_file.indexer_flags),
        "size": movie_file.size,
        "dateAdded": _timestamp(movie_file.date_added),
        "languages": [_language(language) for language in movie_file.languages],
    }
    media = movie_file.media_info
    if media:
        payload["mediaInfo"] = {key: _media_value(media, key) for key in MEDIA_INFO_KEYS}
    return payload


def _media_value(media: dict[str, Any], key: str) -> Any:
    return (media.get(key) or []) if key in _MEDIA_INFO_LISTS else media.get(key)


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


def _movie_label(movie: MovieSnapshot) -> str:
    return _label(movie.title, movie.year)


def _label(title: str, year: int) -> str:
    return f"{title} ({year})" if year else title


def _poster(movie: MovieSnapshot) -> str:
    for image in movie.images:
        if str(image.cover_type).lower() == "poster" and image.remote_url:
            return image.remote_url
    return ""


def _movie_notice(event: ev.Event, movie: MovieSnapshot, payload: dict[str, Any], message: str) -> Notice:
    return Notice(
        event=event,
        title=TITLES.get(event.event_type, event.event_type),
        message=message,
        payload=_drop_nulls(payload),
        movie_id=movie.id,
        tag_ids=frozenset(movie.tag_ids),
        folder_path=movie.path,
        poster_url=_poster(movie),
    )


# ---- one builder per event


def build_notice(event: ev.Event) -> Notice | None:
    """What to send for `event`, or None for an event nothing is sent for."""
    builder = BUILDERS.get(type(event))
    if builder is None:
        return None
    return builder(event)


def _custom_format_info(release: ReleaseSnapshot | None) -> dict[str, Any]:
    """The webhook's customFormatInfo of a grabbed release; empty when there is none."""
    formats = release.custom_formats if release is not None else ()
    return {
        "customFormats": [{"id": item.id, "name": item.name} for item in formats],
        "customFormatScore": release.custom_format_score if release is not None else 0,
    }


def _grabbed_release(release: ReleaseSnapshot | None) -> dict[str, Any] | None:
    """The `release` object of the Download and ManualInteractionRequired payloads."""
    if release is None:
        return None
    return {
        "releaseTitle": release.title,
        "indexer": release.indexer or None,
        "size": release.size,
        "indexerFlags": list(release.indexer_flags),
    }


def _grab(event: ev.GrabEvent) -> Notice:
    movie, grab = event.movie, event.release
    release = {
        "quality": grab.quality,
        "qualityVersion": grab.quality_version,
        "releaseGroup": grab.release_group or None,
        "releaseTitle": grab.title,
        "indexer": grab.indexer or None,
        "size": grab.size,
        "customFormatScore": grab.custom_format_score,
        "customFormats": [item.name for item in grab.custom_formats],
        "languages": [_language(language) for language in grab.languages],
        "indexerFlags": list(grab.indexer_flags),
    }
    payload = {
        **_envelope("Grab"),
        "movie": movie_payload(movie),
        "remoteMovie": remote_movie_payload(movie),
        "release": release,
        "downloadClient": grab.download_client or None,
        "downloadClientType": grab.download_client_type or None,
        "downloadId": grab.download_id or None,
        "customFormatInfo": _custom_format_info(grab),
    }
    notice = _movie_notice(event, movie, payload, f"{_movie_label(movie)} [{grab.quality}]")
    notice.message = f"{grab.title}"
    notice.fields = {
        "Movie": _movie_label(movie),
        "Quality": grab.quality,
        "Size": _size(grab.size),
        "Group": grab.release_group,
        "Indexer": grab.indexer,
        "Download Client": grab.download_client,
        "Custom Formats": ", ".join(release["customFormats"]),
        "Custom Format Score": str(grab.custom_format_score),
    }
    return notice


def _download(event: ev.DownloadEvent) -> Notice:
    movie, movie_file, grab = event.movie, event.movie_file, event.release
    file_payload = movie_file_payload(movie_file)
    if event.source_path:
        file_payload["sourcePath"] = event.source_path
    payload: dict[str, Any] = {
        **_envelope("Download"),
        "movie": movie_payload(movie, file_path=file_payload["path"]),
        "remoteMovie": remote_movie_payload(movie),
        "movieFile": file_payload,
        "isUpgrade": event.is_upgrade,
        "downloadClient": event.download_client or (grab.download_client if grab else "") or None,
        "downloadClientType": (grab.download_client_type if grab else "") or None,
        "downloadId": event.download_id or None,
        "customFormatInfo": _custom_format_info(grab),
        "release": _grabbed_release(grab),
    }
    if event.is_upgrade:
        payload["deletedFiles"] = [movie_file_payload(deleted) for deleted in event.deleted_files]
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


def _rename(event: ev.RenameEvent) -> Notice:
    movie = event.movie
    renamed = []
    for item in event.renamed:
        file_payload = movie_file_payload(item.file)
        file_payload["previousRelativePath"] = item.previous_relative_path
        file_payload["previousPath"] = item.previous_path
        renamed.append(file_payload)
    payload = {**_envelope("Rename"), "movie": movie_payload(movie), "renamedMovieFiles": renamed}
    notice = _movie_notice(event, movie, payload, _movie_label(movie))
    notice.file_paths = tuple(item["path"] for item in renamed)
    return notice


def _movie_added(event: ev.MovieAddedEvent) -> Notice:
    movie = event.movie
    payload = {**_envelope("MovieAdded"), "movie": movie_payload(movie), "addMethod": event.add_method}
    return _movie_notice(event, movie, payload, f"{_movie_label(movie)} added to the library")


def _movie_delete(event: ev.MovieDeleteEvent) -> Notice:
    snapshot = event.movie
    language = snapshot.original_language.name
    movie = {
        "id": snapshot.id,
        "title": snapshot.title,
        "year": snapshot.year,
        "releaseDate": _release_date(snapshot),
        "folderPath": snapshot.path,
        "tmdbId": snapshot.tmdb_id,
        "imdbId": snapshot.imdb_id or None,
        "overview": snapshot.overview or None,
        "genres": list(snapshot.genres),
        "images": [],
        "tags": list(snapshot.tags),
        "originalLanguage": {"id": 0, "name": language} if language else None,
    }
    payload: dict[str, Any] = {
        **_envelope("MovieDelete"),
        "movie": movie,
        "deletedFiles": event.deleted_files,
    }
    if event.deleted_files and snapshot.size_on_disk:
        payload["movieFolderSize"] = snapshot.size_on_disk
    with_files = " with its files" if event.deleted_files else ""
    message = f"{_label(snapshot.title, snapshot.year)} removed{with_files}"
    return Notice(
        event=event,
        title=TITLES["MovieDelete"],
        message=message,
        payload=_drop_nulls(payload),
        movie_id=snapshot.id,
        tag_ids=frozenset(snapshot.tag_ids),
        folder_path=snapshot.path,
    )


def _movie_file_delete(event: ev.MovieFileDeleteEvent) -> Notice:
    movie, movie_file = event.movie, event.movie_file
    file_payload = {
        "id": movie_file.id,
        "relativePath": movie_file.relative_path,
        "path": movie_file.path,
        "quality": movie_file.quality or None,
        "qualityVersion": movie_file.quality_version,
        "releaseGroup": movie_file.release_group or None,
        "sceneName": movie_file.scene_name or None,
        "indexerFlags": "0",
        "size": movie_file.size,
        "dateAdded": _timestamp(movie_file.date_added),
        "languages": [],
        "recycleBinPath": event.recycle_bin_path or None,
    }
    payload = {
        **_envelope("MovieFileDelete"),
        "movie": movie_payload(movie),
        "movieFile": file_payload,
        "deleteReason": event.reason,
    }
    notice = _movie_notice(event, movie, payload, f"{_movie_label(movie)}: {movie_file.relative_path}")
    notice.file_paths = (movie_file.path,)
    notice.fields = {"Reason": event.reason, "Size": _size(movie_file.size)}
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
    movie, grab = event.movie, event.release if event.movie else None
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
        "downloadClientType": (grab.download_client_type if grab else "") or None,
        "downloadId": event.download_id,
        "downloadStatus": "Warning",
        "downloadStatusMessages": [{"title": event.title, "messages": list(event.messages)}],
        "customFormatInfo": _custom_format_info(grab),
        "release": _grabbed_release(grab),
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
