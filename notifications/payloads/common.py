"""The parts of the webhook payloads several events share (Radarr's shapes), formatted from snapshots."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from notifications import events as ev
from notifications.payloads.notice import TITLES, Notice
from notifications.snapshots import (
    LanguageSnapshot,
    MovieFileSnapshot,
    MovieSnapshot,
    ReleaseSnapshot,
    VersionSnapshot,
)
from radarr.hostconfig import host_settings


def language_payload(language: LanguageSnapshot) -> dict[str, Any]:
    return {"id": language.id, "name": language.name}


def flags_text(flags: tuple[str, ...]) -> str:
    """.NET's text of a [Flags] enum: names joined by ", ", or "0" when none is set."""
    return ", ".join(flags) or "0"


def timestamp_text(value: str | None) -> str | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    moment = moment.astimezone(timezone.UTC) if timezone.is_aware(moment) else moment
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def release_date(movie: MovieSnapshot) -> str:
    """Radarr's webhook releaseDate: physical, else cinema + 90 days, else 9999-12-31."""
    if movie.physical_release:
        return movie.physical_release
    if movie.in_cinemas:
        return (date.fromisoformat(movie.in_cinemas) + timedelta(days=90)).isoformat()
    return "9999-12-31"


def drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: drop_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [drop_nulls(item) for item in value]
    return value


def _base_url() -> str:
    """Settings → General's application URL (where others reach Radarr), read when the notice is built."""
    return str(host_settings()["applicationUrl"] or "")


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
        "releaseDate": release_date(movie),
        "folderPath": movie.path,
        "filePath": file_path,
        "tmdbId": movie.tmdb_id,
        "imdbId": movie.imdb_id or None,
        "overview": movie.overview or None,
        "genres": list(movie.genres),
        "images": images,
        "tags": list(movie.tags),
        "originalLanguage": language_payload(movie.original_language),
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
        "dateAdded": timestamp_text(movie_file.date_added),
        "languages": [language_payload(language) for language in movie_file.languages],
    }
    media = movie_file.media_info
    if media:
        payload["mediaInfo"] = {key: _media_value(media, key) for key in MEDIA_INFO_KEYS}
    return payload


def _media_value(media: dict[str, Any], key: str) -> Any:
    return (media.get(key) or []) if key in _MEDIA_INFO_LISTS else media.get(key)


def size_text(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024:
            return f"{value:.1f} {unit}" if unit != "B" else f"{int(value)} B"
        value /= 1024
    return f"{value:.2f} TiB"


def envelope(event_type: str) -> dict[str, Any]:
    envelope: dict[str, Any] = {"eventType": event_type, "instanceName": settings_instance_name()}
    if event_type != "HealthRestored":  # Radarr leaves it unset there only; elsewhere "" when not configured
        envelope["applicationUrl"] = _base_url()
    return envelope


def settings_instance_name() -> str:
    return getattr(settings, "RADARR_INSTANCE_NAME", "") or "Radarr"


def movie_label(movie: MovieSnapshot) -> str:
    return label(movie.title, movie.year)


def version_label(movie: MovieSnapshot, version: VersionSnapshot | None) -> str:
    """The movie as messages name it, with the extra version in brackets: "Arrival (2016) [4K]"."""
    return f"{movie_label(movie)} [{version.name}]" if version is not None else movie_label(movie)


def with_version(payload: dict[str, Any], version: VersionSnapshot | None) -> dict[str, Any]:
    """Our `version` key {id, name} beside Radarr's keys, for an event about an extra version."""
    if version is not None:
        payload["version"] = {"id": version.id, "name": version.name}
    return payload


def label(title: str, year: int) -> str:
    return f"{title} ({year})" if year else title


def _poster(movie: MovieSnapshot) -> str:
    for image in movie.images:
        if str(image.cover_type).lower() == "poster" and image.remote_url:
            return image.remote_url
    return ""


def movie_notice(event: ev.Event, movie: MovieSnapshot, payload: dict[str, Any], message: str) -> Notice:
    return Notice(
        event=event,
        title=TITLES.get(event.event_type, event.event_type),
        message=message,
        payload=drop_nulls(payload),
        movie_id=movie.id,
        tag_ids=frozenset(movie.tag_ids),
        folder_path=movie.path,
        poster_url=_poster(movie),
    )


def custom_format_info(release: ReleaseSnapshot | None) -> dict[str, Any]:
    """The webhook's customFormatInfo of a grabbed release; empty when there is none."""
    formats = release.custom_formats if release is not None else ()
    return {
        "customFormats": [{"id": item.id, "name": item.name} for item in formats],
        "customFormatScore": release.custom_format_score if release is not None else 0,
    }


def grabbed_release_payload(release: ReleaseSnapshot | None) -> dict[str, Any] | None:
    """The `release` object of the Download and ManualInteractionRequired payloads."""
    if release is None:
        return None
    return {
        "releaseTitle": release.title,
        "indexer": release.indexer or None,
        "size": release.size,
        "indexerFlags": list(release.indexer_flags),
    }
