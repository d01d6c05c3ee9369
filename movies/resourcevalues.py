"""What the movie resource modules share: value conversions that read SQLite's text and PostgreSQL's
typed values alike, and the small shapes (language, quality with its revision, images) inside bigger ones.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import orjson
from django.utils import timezone

from movies.mediacover import cover_url
from releases.languages import LANGUAGES_BY_ID, UNKNOWN
from releases.parse_resources import quality_resource
from releases.qualities import QUALITIES_BY_ID
from releases.qualities import UNKNOWN as UNKNOWN_QUALITY

IMAGE_TYPES = frozenset({"unknown", "poster", "banner", "fanart", "screenshot", "headshot", "clearlogo"})

# ---- value conversions that work on SQLite's text and PostgreSQL's typed values alike


def json_value(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def date_text(value: Any) -> str | None:
    """Radarr writes release dates as midnight UTC datetimes: `2015-01-01T00:00:00Z`."""
    if value is None:
        return None
    text = value[:10] if isinstance(value, str) else value.isoformat()
    return f"{text}T00:00:00Z"


def datetime_text(value: Any) -> str | None:
    """Whole-second UTC with a Z; SQLite stores UTC as `2024-05-01 12:34:56.789`."""
    if value is None:
        return None
    if isinstance(value, str):
        return f"{value[:10]}T{value[11:19]}Z"
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def datetime_value(value: Any) -> datetime | None:
    """An aware datetime from a cursor's value (SQLite's UTC text, PostgreSQL's text or datetime)."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


BOOLEAN = {True: b"true", False: b"false"}
dumps = orjson.dumps


def datetime_bytes(value: Any) -> bytes:
    return datetime_text(value).encode()


# ---- small resources


LANGUAGE_RESOURCES = {
    language.id: {"id": language.id, "name": language.name} for language in LANGUAGES_BY_ID.values()
}
_QUALITY_RESOURCES = {
    quality_id: quality_resource(quality) for quality_id, quality in QUALITIES_BY_ID.items()
}


def language_resource(language_id: int) -> dict[str, Any]:
    return LANGUAGE_RESOURCES.get(language_id) or LANGUAGE_RESOURCES[UNKNOWN.id]


def quality_model(quality_id: int, revision: dict[str, Any]) -> dict[str, Any]:
    quality = _QUALITY_RESOURCES.get(quality_id) or _QUALITY_RESOURCES[UNKNOWN_QUALITY.id]
    return {
        "quality": quality,
        "revision": {
            "version": int(revision.get("version", 1)),
            "real": int(revision.get("real", 0)),
            "isRepack": bool(revision.get("isRepack", False)),
        },
    }


def image_resources(
    movie_id: int, images: Iterable[dict[str, Any]], local: bool = True
) -> list[dict[str, Any]]:
    """Each image with our own `url` (the cached, resized copy) beside TMDB's `remoteUrl`."""
    resources = []
    for image in images:
        cover_type = image.get("coverType", "unknown")
        cover_type = cover_type if cover_type in IMAGE_TYPES else "unknown"
        remote = image.get("remoteUrl") or image.get("url") or ""
        url = cover_url(movie_id, cover_type, images=images) if local and movie_id else remote
        resources.append({"coverType": cover_type, "url": url, "remoteUrl": remote})
    return resources
