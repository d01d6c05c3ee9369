"""Movie files in Radarr's MovieFileResource shape: dicts for /api/v3/moviefile, and the same properties
written straight as JSON bytes (`_file_json`) for the movie list's fast path in movies.resources.
"""

import posixpath
from collections.abc import Iterable
from typing import Any

import orjson

from movies.models import MovieFile
from movies.resourcevalues import (
    _BOOLEAN,
    _datetime_bytes,
    _datetime_text,
    _dumps,
    _json,
    _quality_model,
    language_resource,
)
from releases.models import QualityProfile

# ---- movie files


def _profile_cutoffs() -> dict[int, tuple[dict[int, int], int]]:
    """Per profile: rank of each quality id (higher is better) and the cutoff's rank."""
    cutoffs: dict[int, tuple[dict[int, int], int]] = {}
    for profile_id, cutoff, items in QualityProfile.objects.values_list("pk", "cutoff", "items"):
        ranks: dict[int, int] = {}
        cutoff_rank = -1
        for index, item in enumerate(items):
            members = item.get("qualities") or [item.get("quality")]
            for quality_id in members:
                ranks[quality_id] = index
            if item.get("id") == cutoff or item.get("quality") == cutoff:
                cutoff_rank = index
        cutoffs[profile_id] = (ranks, cutoff_rank)
    return cutoffs


_FILE_COLUMNS = (
    "pk", "movie_id", "relative_path", "size", "date_added", "scene_name", "release_group", "edition",
    "quality_id", "revision", "language_ids", "indexer_flags", "media_info", "original_file_path",
    "is_primary",
)  # fmt: skip


def _file_resource(row: tuple, movie_path: str, cutoff: tuple[dict[int, int], int] | None) -> dict[str, Any]:
    (pk, movie_id, relative_path, size, added, scene, group, edition, quality_id, revision, languages, flags,
     media_info, original, _primary) = row  # fmt: skip
    ranks, cutoff_rank = cutoff or ({}, -1)
    resource: dict[str, Any] = {
        "id": pk,
        "movieId": movie_id,
        "relativePath": relative_path,
        "path": posixpath.join(movie_path, relative_path),
        "size": size,
        "dateAdded": _datetime_text(added),
    }
    if scene:
        resource["sceneName"] = scene
    if group:
        resource["releaseGroup"] = group
    resource["edition"] = edition
    resource["languages"] = [language_resource(language_id) for language_id in _json(languages) or [0]]
    resource["quality"] = _quality_model(quality_id, _json(revision) or {})
    resource["customFormats"] = []  # TODO(#4): a file's custom formats come with the decision engine wiring
    resource["customFormatScore"] = 0
    resource["indexerFlags"] = flags
    media_info = _json(media_info)
    if media_info:
        resource["mediaInfo"] = _media_info(media_info)
    if original:
        resource["originalFilePath"] = original
    resource["qualityCutoffNotMet"] = ranks.get(quality_id, -1) < cutoff_rank
    return resource


_FILE_TEMPLATE = (
    b'{"id":%d,"movieId":%d,"relativePath":%s,"path":%s,"size":%d,"dateAdded":"%s"%s%s,"edition":%s,'
    b'"languages":%s,"quality":%s,"customFormats":[],"customFormatScore":0,"indexerFlags":%d%s%s,'
    b'"qualityCutoffNotMet":%s}'
)
_LANGUAGES_JSON: dict[Any, bytes] = {}  # by the column's own text: "[1]" → its resources, built once
_QUALITY_JSON: dict[tuple[int, Any], bytes] = {}


def _cache_key(value: Any) -> Any:
    return value if isinstance(value, str | None) else orjson.dumps(value)


def _file_json(row: tuple, movie_path: str, cutoff: tuple[dict[int, int], int] | None) -> bytes:
    """_file_resource's shape written as bytes directly, for the movie list (the same properties)."""
    (pk, movie_id, relative_path, size, added, scene, group, edition, quality_id, revision, languages, flags,
     media_info, original, _primary) = row  # fmt: skip
    ranks, cutoff_rank = cutoff or ({}, -1)
    language_key = _cache_key(languages)
    if language_key not in _LANGUAGES_JSON:
        ids = _json(languages) or [0]
        _LANGUAGES_JSON[language_key] = _dumps([language_resource(language_id) for language_id in ids])
    quality_key = (quality_id, _cache_key(revision))
    if quality_key not in _QUALITY_JSON:
        _QUALITY_JSON[quality_key] = _dumps(_quality_model(quality_id, _json(revision) or {}))
    info = _json(media_info) if media_info not in (None, "{}") else None
    return _FILE_TEMPLATE % (
        pk, movie_id, _dumps(relative_path), _dumps(posixpath.join(movie_path, relative_path)), size,
        _datetime_bytes(added),
        b',"sceneName":%s' % _dumps(scene) if scene else b"",
        b',"releaseGroup":%s' % _dumps(group) if group else b"",
        _dumps(edition), _LANGUAGES_JSON[language_key], _QUALITY_JSON[quality_key], flags,
        b',"mediaInfo":%s' % _dumps(_media_info(info)) if info else b"",
        b',"originalFilePath":%s' % _dumps(original) if original else b"",
        _BOOLEAN[ranks.get(quality_id, -1) < cutoff_rank],
    )  # fmt: skip


# The fields of Radarr's MediaInfoResource; stored media info also keeps internal keys (for naming)
MEDIA_INFO_KEYS = (
    "audioBitrate", "audioChannels", "audioCodec", "audioLanguages", "audioStreamCount", "videoBitDepth",
    "videoBitrate", "videoCodec", "videoFps", "videoDynamicRange", "videoDynamicRangeType", "resolution",
    "runTime", "scanType", "subtitles",
)  # fmt: skip


def _media_info(stored: dict[str, Any]) -> dict[str, Any]:
    return {key: stored[key] for key in MEDIA_INFO_KEYS if stored.get(key) is not None}


def movie_file_resource(movie_file: MovieFile) -> dict[str, Any]:
    """One file in Radarr's MovieFileResource shape."""
    return movie_file_resources([movie_file])[0]


def movie_file_resources(movie_files: Iterable[MovieFile]) -> list[dict[str, Any]]:
    """Files in Radarr's shape; the profiles' cutoffs are read once for all of them (select the movie)."""
    cutoffs = _profile_cutoffs()
    return [
        _file_resource(
            tuple(getattr(movie_file, column) for column in _FILE_COLUMNS),
            movie_file.movie.path,
            cutoffs.get(movie_file.movie.quality_profile_id),
        )
        for movie_file in movie_files
    ]
