"""Movie files in Radarr's MovieFileResource shape, written as JSON bytes by one builder (`file_json`):
the movie list's fast path splices them into each movie, /api/v3/moviefile parses them.

A file's `customFormats` are the ones stored on it (movies.fileformats), its `customFormatScore` what its
movie's profile gives them (its release group's reputation bonus included, as decisions count it), and
`qualityCutoffNotMet` the one cutoff rule (movies.cutoff): the same answer Wanted and the searches give.
"""

import posixpath
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

import orjson

from movies.cutoff import CutoffJudge
from movies.filefolders import folder_of
from movies.models import MovieFile
from movies.resourcevalues import BOOLEAN, datetime_bytes, dumps, json_value, language_resource, quality_model


class FileRow(NamedTuple):
    """The MovieFile columns a file resource reads, by name (read straight from the cursor)."""

    pk: int
    movie_id: int
    relative_path: str
    size: int
    date_added: Any  # SQLite's text or PostgreSQL's datetime
    scene_name: str
    release_group: str
    edition: str
    quality_id: int
    revision: Any  # JSON: text on SQLite, parsed on PostgreSQL
    language_ids: Any
    indexer_flags: int
    media_info: Any
    original_file_path: str
    is_primary: bool
    custom_format_ids: Any


FILE_COLUMNS = FileRow._fields


class FileContext:
    """What file resources read besides their own row, loaded once for a batch of files."""

    def __init__(self, release_groups: Iterable[str] = ()) -> None:
        self.judge = CutoffJudge(release_groups)

    def custom_formats(self, format_ids: Iterable[int]) -> list[dict[str, Any]]:
        """{id, name} of the file's formats, by name as Radarr lists them (deleted formats left out)."""
        names = self.judge.format_names
        found = [(names[format_id], format_id) for format_id in format_ids if format_id in names]
        return [{"id": format_id, "name": name} for name, format_id in sorted(found)]


_FILE_TEMPLATE = (
    b'{"id":%d,"movieId":%d,"relativePath":%s,"path":%s,"size":%d,"dateAdded":"%s"%s%s,"edition":%s,'
    b'"languages":%s,"quality":%s,"customFormats":%s,"customFormatScore":%d,"indexerFlags":%d%s%s,'
    b'"qualityCutoffNotMet":%s}'
)
# by the column's own value: "[1]" → its language resources, built once per process
_LANGUAGES_JSON: dict[Any, bytes] = {}
_QUALITY_JSON: dict[tuple[int, Any], bytes] = {}


def _cache_key(value: Any) -> Any:
    return value if isinstance(value, str | None) else orjson.dumps(value)


def _languages_json(languages: Any) -> bytes:
    key = _cache_key(languages)
    if key not in _LANGUAGES_JSON:
        _LANGUAGES_JSON[key] = dumps(
            [language_resource(language_id) for language_id in json_value(languages) or [0]]
        )
    return _LANGUAGES_JSON[key]


def _quality_json(quality_id: int, revision: Any) -> bytes:
    key = (quality_id, _cache_key(revision))
    if key not in _QUALITY_JSON:
        _QUALITY_JSON[key] = dumps(quality_model(quality_id, json_value(revision) or {}))
    return _QUALITY_JSON[key]


def file_json(
    row: FileRow, movie_path: str, profile_id: int, first_imported: datetime | None, context: FileContext
) -> bytes:
    """One file in Radarr's MovieFileResource shape; `profile_id` is its movie's quality profile and
    `first_imported` its movie's first import."""
    format_ids = json_value(row.custom_format_ids) or []
    score, unmet = context.judge.standing(
        profile_id, row.quality_id, format_ids, row.release_group, first_imported
    )
    media_info = json_value(row.media_info) if row.media_info not in (None, "{}") else None
    return _FILE_TEMPLATE % (
        row.pk, row.movie_id, dumps(row.relative_path), dumps(posixpath.join(movie_path, row.relative_path)),
        row.size, datetime_bytes(row.date_added),
        b',"sceneName":%s' % dumps(row.scene_name) if row.scene_name else b"",
        b',"releaseGroup":%s' % dumps(row.release_group) if row.release_group else b"",
        dumps(row.edition), _languages_json(row.language_ids), _quality_json(row.quality_id, row.revision),
        dumps(context.custom_formats(format_ids)), score, row.indexer_flags,
        b',"mediaInfo":%s' % dumps(_media_info(media_info)) if media_info else b"",
        b',"originalFilePath":%s' % dumps(row.original_file_path) if row.original_file_path else b"",
        BOOLEAN[unmet],
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
    """Files in Radarr's shape (select their movie and version); what they share is read once for all
    of them. A version's file is judged against its version's profile, its path in the version's folder."""
    movie_files = list(movie_files)
    context = FileContext(movie_file.release_group for movie_file in movie_files)
    parts = []
    for movie_file in movie_files:
        owner = movie_file.version if movie_file.version_id else movie_file.movie
        parts.append(
            file_json(
                FileRow(*(getattr(movie_file, column) for column in FILE_COLUMNS)),
                folder_of(movie_file),
                owner.quality_profile_id,
                owner.first_imported,
                context,
            )
        )
    return orjson.loads(b"[" + b",".join(parts) + b"]")
