"""The library in Radarr's v3 shapes: movie, movie file, collection, root folder, tag, tag detail,
exclusion, and lookup results built from TMDB metadata.

`movie_resources_json` is the fast path behind GET /api/v3/movie: one query per table whatever the
number of movies (movies, tags, alternative titles, files, profiles), rows read straight from the cursor
(dates as text, no model instances, no per-value converters), each movie written as JSON bytes from one
template with its strings escaped by orjson and its JSON columns passed through as stored. Nothing is
ever null, so no null-stripping walk is needed. `movie_resources` parses that same output, so a single
movie and the list never differ.
"""

import gc
import os
import posixpath
import shutil
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date
from typing import Any

import orjson
from django.conf import settings
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from movies.availability import CINEMA_TO_RELEASE, available_date, release_date
from movies.folders import movie_folder_name, new_movie_folder_name
from movies.mediacover import cover_url
from movies.metadata import MovieMetadata
from movies.models import AlternativeTitle, Collection, ImportExclusion, Movie, MovieFile, RootFolder
from movies.titles import clean_title
from radarr.models import Tag
from releases.languages import LANGUAGES_BY_ID, UNKNOWN
from releases.models import QualityProfile
from releases.parse_resources import quality_resource
from releases.qualities import QUALITIES_BY_ID
from releases.qualities import UNKNOWN as UNKNOWN_QUALITY

_EPOCH_TEXT = "0001-01-01T00:00:00Z"  # what Radarr writes for a lookup result's `added`
_COVER_TYPES = frozenset({"unknown", "poster", "banner", "fanart", "screenshot", "headshot", "clearlogo"})
_ADD_OPTION_VALUES = {
    "monitor": {"movieOnly", "movieAndCollection", "none"},
    "addMethod": {"manual", "list", "collection"},
}

# ---- value conversions that work on SQLite's text and PostgreSQL's typed values alike


def _json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def _date_text(value: Any) -> str | None:
    """Radarr writes release dates as midnight UTC datetimes: `2015-01-01T00:00:00Z`."""
    if value is None:
        return None
    text = value[:10] if isinstance(value, str) else value.isoformat()
    return f"{text}T00:00:00Z"


def _datetime_text(value: Any) -> str | None:
    """Whole-second UTC with a Z; SQLite stores UTC as `2024-05-01 12:34:56.789`."""
    if value is None:
        return None
    if isinstance(value, str):
        return f"{value[:10]}T{value[11:19]}Z"
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_BOOLEAN = {True: b"true", False: b"false"}
_dumps = orjson.dumps


def _datetime_bytes(value: Any) -> bytes:
    return _datetime_text(value).encode()


# ---- small resources


_LANGUAGE_RESOURCES = {
    language.id: {"id": language.id, "name": language.name} for language in LANGUAGES_BY_ID.values()
}
_QUALITY_RESOURCES = {
    quality_id: quality_resource(quality) for quality_id, quality in QUALITIES_BY_ID.items()
}


def language_resource(language_id: int) -> dict[str, Any]:
    return _LANGUAGE_RESOURCES.get(language_id) or _LANGUAGE_RESOURCES[UNKNOWN.id]


def _quality_model(quality_id: int, revision: dict[str, Any]) -> dict[str, Any]:
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
        cover_type = cover_type if cover_type in _COVER_TYPES else "unknown"
        remote = image.get("remoteUrl") or image.get("url") or ""
        url = cover_url(movie_id, cover_type, images=images) if local and movie_id else remote
        resources.append({"coverType": cover_type, "url": url, "remoteUrl": remote})
    return resources


def tag_resource(tag: Tag) -> dict[str, Any]:
    return {"id": tag.pk, "label": tag.label}


def exclusion_resource(exclusion: ImportExclusion) -> dict[str, Any]:
    return {
        "id": exclusion.pk,
        "tmdbId": exclusion.tmdb_id,
        "movieTitle": exclusion.movie_title,
        "movieYear": exclusion.movie_year,
    }


# ---- availability


def is_available(
    minimum_availability: str,
    status: str,
    in_cinemas: date | None,
    digital: date | None,
    physical: date | None,
    today: date,
) -> bool:
    """movies.availability's rule on plain values, so the list needs no Movie instances."""
    day = available_date(minimum_availability, in_cinemas, digital, physical)
    if day == date.min:
        return True
    if day is None:
        return status == "released"
    return today >= day  # TODO(#7): Radarr's availability delay (days) from the indexer settings


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


# Dates and datetimes are read as text: SQLite's driver would otherwise parse each one into a Python
# object (a third of the list's time at 10,000 movies) only for us to format it back.
_AS_TEXT = frozenset(
    {"in_cinemas", "digital_release", "physical_release", "added", "last_search_time", "date_added"}
)


def _cursor_rows(queryset: QuerySet, columns: Iterable[Any]) -> list[tuple]:
    """Rows of a values_list query read straight from the cursor: no per-value Python converters."""
    selected = [Cast(column, TextField()) if column in _AS_TEXT else column for column in columns]
    sql, params = queryset.values_list(*selected).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _group(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return grouped


def _add_options(value: Any) -> dict[str, Any] | None:
    options = _json(value)
    if not options:
        return None
    kept = {}
    for key in ("monitor", "searchForMovie", "addMethod"):
        if key in options and (key not in _ADD_OPTION_VALUES or options[key] in _ADD_OPTION_VALUES[key]):
            kept[key] = options[key]
    return kept


# ---- movies: the fast path
#
# Each movie is written as JSON bytes from one template: plain columns go in through orjson (strings
# escaped in C), the computed parts (availability, dates, images, tags, files) are spliced in, and the
# list is never built as Python dicts nor serialized as a whole. (Letting the database write the JSON
# was measured slower: SQLite's JSON_OBJECT costs more per row than orjson.)

_MOVIE_COLUMNS = (
    "pk", "title", "original_title", "original_language_id", "secondary_year", "sort_title", "size_on_disk",
    "status", "overview", "in_cinemas", "physical_release", "digital_release", "images", "website", "year",
    "youtube_trailer_id", "studio", "path", "quality_profile_id", "has_file", "monitored",
    "minimum_availability", "runtime", "clean_title", "imdb_id", "tmdb_id", "root_folder_path",
    "certification", "genres", "keywords", "added", "add_options", "ratings", "collection__tmdb_id",
    "collection__title", "popularity", "last_search_time",
)  # fmt: skip
_MOVIE_TEMPLATE = (
    b'{"id":%d,"title":%s,"originalTitle":%s,"originalLanguage":%s,"alternateTitles":[%s]%s,'
    b'"secondaryYearSourceId":0,"sortTitle":%s,"sizeOnDisk":%d,"status":%s,"overview":%s%s,"images":%s,'
    b'"website":%s,"year":%d,"youTubeTrailerId":%s,"studio":%s,"path":%s,"qualityProfileId":%d,'
    b'"hasFile":%s,"movieFileId":%d,"monitored":%s,"minimumAvailability":%s,"isAvailable":%s,'
    b'"folderName":%s,"runtime":%d,"cleanTitle":%s%s,"tmdbId":%d,"titleSlug":"%d","rootFolderPath":%s,'
    b'"folder":%s,"certification":%s,"genres":%s,"keywords":%s,"tags":[%s],"added":"%s"%s,"ratings":%s%s%s,'
    b'"popularity":%s%s,"statistics":{"movieFileCount":%d,"sizeOnDisk":%d,"releaseGroups":%s}}'
)
_ALTERNATIVE_TITLE_COLUMNS = ("movie_id", "pk", "source_type", "title", "clean_title")


def _raw(value: Any, empty: bytes) -> bytes:
    """A JSON column as stored (SQLite gives its text; PostgreSQL's driver a parsed value)."""
    if value is None:
        return empty
    return value.encode() if isinstance(value, str) else _dumps(value)


_LANGUAGE_JSON = {language_id: _dumps(resource) for language_id, resource in _LANGUAGE_RESOURCES.items()}


def _images_json(movie_id: int, images: Any, local_covers: bool, url_base: str) -> bytes:
    images = _json(images) or []
    # the URL movies.mediacover.cover_url(movie_id, type, images=images) gives, without a call per image
    base = f"{url_base}/MediaCover/{movie_id}/"
    parts = []
    for image in images:
        cover_type = image.get("coverType", "unknown")
        cover_type = cover_type if cover_type in _COVER_TYPES else "unknown"
        remote = image.get("remoteUrl") or ""
        if local_covers:
            version = image.get("lastWrite")
            url = f"{base}{cover_type}.jpg?lastWrite={version}" if version else f"{base}{cover_type}.jpg"
        else:
            url = remote
        parts.append({"coverType": cover_type, "url": url, "remoteUrl": remote})
    return _dumps(parts)


def _release_day(in_cinemas: str | None, digital: str | None, physical: str | None) -> str | None:
    """movies.availability.release_date on ISO day texts (they sort as the days do)."""
    if digital or physical:
        return min(day for day in (digital, physical) if day)[:10]
    if in_cinemas:
        return (date.fromisoformat(in_cinemas[:10]) + CINEMA_TO_RELEASE).isoformat()
    return None


def _is_available_day(
    minimum: str, status: str, in_cinemas: str | None, released: str | None, today: str
) -> bool:
    """movies.availability's rule (see is_available) on ISO day texts, for the list's speed."""
    if minimum == "announced":
        return True
    day = (in_cinemas[:10] if in_cinemas else released) if minimum == "inCinemas" else released
    if day is None:
        return status == "released"
    return today >= day  # TODO(#7): Radarr's availability delay (days)


def _dates_json(
    in_cinemas: str | None, physical: str | None, digital: str | None, released: str | None
) -> bytes:
    text = "".join(
        f',"{name}":"{day[:10]}T00:00:00Z"'
        for name, day in (
            ("inCinemas", in_cinemas), ("physicalRelease", physical), ("digitalRelease", digital),
            ("releaseDate", released),
        )
        if day
    )  # fmt: skip
    return text.encode()


def movie_resources_json(queryset: QuerySet[Movie], *, local_covers: bool = True) -> bytes:
    """The JSON array of every movie of `queryset` in Radarr's MovieResource shape, in five queries."""
    collecting = gc.isenabled()
    # Millions of short-lived objects (row tuples, their values, the pieces), none in a cycle: without
    # this the collector runs again and again over them (+30-70% at 10,000 movies, more at 50,000).
    gc.disable()
    try:
        return _movies_json(queryset, local_covers)
    finally:
        if collecting:
            gc.enable()


def _movies_json(queryset: QuerySet[Movie], local_covers: bool) -> bytes:
    movies = [fragment for _, fragment in movie_fragments(queryset, local_covers=local_covers)]
    if not movies:
        return b"[]"
    movies[0] = b"[" + movies[0]  # brackets on the ends: one copy of the whole, not three
    movies[-1] += b"]"
    return b",".join(movies)


def movie_fragments(queryset: QuerySet[Movie], *, local_covers: bool = True) -> list[tuple[int, bytes]]:
    """(id, MovieResource JSON) of each movie of `queryset`, in its order, in five queries."""
    # the whole library (GET /movie without filters) reads the related tables whole, not by 10,000 ids
    mine = {"movie_id__in": queryset.values("pk")} if queryset.query.has_filters() else {}
    rows = _cursor_rows(queryset.select_related(None), _MOVIE_COLUMNS)
    if not rows:
        return []
    tags = _group(_cursor_rows(Movie.tags.through.objects.filter(**mine), ("movie_id", "tag_id")))
    titles = _group(
        _cursor_rows(AlternativeTitle.objects.filter(**mine).order_by("pk"), _ALTERNATIVE_TITLE_COLUMNS)
    )
    files = _group(
        (row[1], row) for row in _cursor_rows(MovieFile.objects.filter(**mine).order_by("pk"), _FILE_COLUMNS)
    )
    today = timezone.localdate().isoformat()
    context = (tags, titles, files, _profile_cutoffs(), today, local_covers, settings.URL_BASE)
    return [(row[0], _movie_json(row, *context)) for row in rows]


def _alternative_titles(rows: list[tuple]) -> bytes:
    return b",".join(
        b'{"id":%d,"sourceType":%s,"movieMetadataId":%d,"title":%s,"cleanTitle":%s}'
        % (pk, _dumps(source), movie_id, _dumps(title), _dumps(clean))
        for movie_id, pk, source, title, clean in rows
    )


def _movie_json(
    row: tuple,
    tags: dict[int, list[tuple]],
    titles: dict[int, list[tuple]],
    files: dict[int, list[tuple]],
    cutoffs: dict[int, tuple[dict[int, int], int]],
    today: str,
    local_covers: bool,
    url_base: str,
) -> bytes:
    (pk, title, original_title, language_id, secondary_year, sort_title, size_on_disk, status, overview,
     in_cinemas, physical, digital, images, website, year, trailer, studio, path, profile_id, has_file,
     monitored, minimum, runtime, clean, imdb_id, tmdb_id, root_folder_path, certification, genres,
     keywords, added, add_options, ratings, collection_tmdb_id, collection_title, popularity,
     last_search) = row  # fmt: skip
    movie_files = [file_row for _, file_row in files.get(pk, ())]
    primary = None
    for file_row in movie_files:
        if file_row[14]:
            primary = file_row
    released = _release_day(in_cinemas, digital, physical)
    available = _is_available_day(minimum, status, in_cinemas, released, today)
    options = _add_options(add_options) if add_options not in (None, "{}") else None
    groups = sorted({file_row[6] for file_row in movie_files if file_row[6]})
    quoted_path = _dumps(path)
    # Bazarr decides "has a file" by the presence of the key
    movie_file = _file_json(primary, path, cutoffs.get(profile_id)) if primary else None
    return _MOVIE_TEMPLATE % (
        pk, _dumps(title), _dumps(original_title), _LANGUAGE_JSON.get(language_id) or _LANGUAGE_JSON[0],
        _alternative_titles(titles.get(pk, ())),
        b',"secondaryYear":%d' % secondary_year if secondary_year is not None else b"",
        _dumps(sort_title), size_on_disk, _dumps(status), _dumps(overview),
        _dates_json(in_cinemas, physical, digital, released),
        _images_json(pk, images, local_covers, url_base), _dumps(website), year, _dumps(trailer),
        _dumps(studio), quoted_path, profile_id, _BOOLEAN[bool(has_file)], primary[0] if primary else 0,
        _BOOLEAN[bool(monitored)], _dumps(minimum), _BOOLEAN[available],
        quoted_path, runtime, _dumps(clean), b',"imdbId":%s' % _dumps(imdb_id) if imdb_id else b"",
        tmdb_id, tmdb_id, _dumps(root_folder_path),
        _dumps(posixpath.basename(path)), _dumps(certification), _raw(genres, b"[]"), _raw(keywords, b"[]"),
        b",".join(b"%d" % tag_row[1] for tag_row in tags.get(pk, ())), _datetime_bytes(added),
        b',"addOptions":%s' % _dumps(options) if options else b"",
        _raw(ratings, b"{}"),
        b',"movieFile":%s' % movie_file if movie_file else b"",
        b',"collection":%s' % _dumps({"title": collection_title, "tmdbId": collection_tmdb_id})
        if collection_tmdb_id
        else b"",
        _dumps(popularity), b',"lastSearchTime":"%s"' % _datetime_bytes(last_search) if last_search else b"",
        len(movie_files), size_on_disk, _dumps(groups),
    )  # fmt: skip


def movie_resources(queryset: QuerySet[Movie], *, local_covers: bool = True) -> list[dict[str, Any]]:
    """Every movie of `queryset` in Radarr's MovieResource shape (movie_resources_json, parsed)."""
    return orjson.loads(movie_resources_json(queryset, local_covers=local_covers))


def movie_resource(movie: Movie, *, local_covers: bool = True) -> dict[str, Any]:
    """One movie in Radarr's MovieResource shape (the same code as the list, so they never differ)."""
    return movie_resources(Movie.objects.filter(pk=movie.pk), local_covers=local_covers)[0]


# ---- lookup results


def movie_lookup_resource(metadata: MovieMetadata, existing: Movie | None) -> dict[str, Any]:
    """A TMDB search result: the library's own resource (real id) when the movie is there, else id 0."""
    poster = next(
        (image["remoteUrl"] for image in metadata.images if image.get("coverType") == "poster"), None
    )
    if existing is not None:
        resource = movie_resource(existing)
        if poster:
            resource["remotePoster"] = poster
        return resource
    released = release_date(metadata.in_cinemas, metadata.digital_release, metadata.physical_release)
    resource: dict[str, Any] = {
        "id": 0,
        "title": metadata.title,
        "originalTitle": metadata.original_title or metadata.title,
        "originalLanguage": language_resource(metadata.original_language_id),
        "alternateTitles": [
            {"sourceType": "tmdb", "movieMetadataId": 0, "title": title, "cleanTitle": clean_title(title)}
            for title in metadata.alternative_titles
        ],
        "secondaryYear": metadata.secondary_year,
        "secondaryYearSourceId": 0,
        "sortTitle": metadata.sort_title,
        "sizeOnDisk": 0,
        "status": metadata.status,
        "overview": metadata.overview,
        "inCinemas": _date_text(metadata.in_cinemas),
        "physicalRelease": _date_text(metadata.physical_release),
        "digitalRelease": _date_text(metadata.digital_release),
        "releaseDate": _date_text(released),
        "images": image_resources(0, list(metadata.images), local=False),
        "website": metadata.website,
        "remotePoster": poster,
        "year": metadata.year,
        "youTubeTrailerId": metadata.youtube_trailer_id,
        "studio": metadata.studio,
        "qualityProfileId": 0,
        "hasFile": False,
        "movieFileId": 0,
        "monitored": False,
        "minimumAvailability": "released",
        "isAvailable": is_available(
            "released",
            metadata.status,
            metadata.in_cinemas,
            metadata.digital_release,
            metadata.physical_release,
            timezone.localdate(),
        ),
        "runtime": metadata.runtime,
        "cleanTitle": metadata.clean_title,
        "imdbId": metadata.imdb_id or None,
        "tmdbId": metadata.tmdb_id,
        "titleSlug": str(metadata.tmdb_id),
        "folder": new_movie_folder_name(metadata),
        "certification": metadata.certification,
        "genres": list(metadata.genres),
        "keywords": list(metadata.keywords),
        "tags": [],
        "added": _EPOCH_TEXT,
        "ratings": dict(metadata.ratings),
        "collection": (
            {"title": metadata.collection.title, "tmdbId": metadata.collection.tmdb_id}
            if metadata.collection
            else None
        ),
        "popularity": metadata.popularity,
        "statistics": {"movieFileCount": 0, "sizeOnDisk": 0, "releaseGroups": []},
    }
    return {key: value for key, value in resource.items() if value is not None}


# ---- collections


def _part_resource(part: dict[str, Any], existing: set[int], excluded: set[int]) -> dict[str, Any]:
    title = part.get("title") or ""
    tmdb_id = int(part.get("tmdbId") or 0)
    resource = {
        "tmdbId": tmdb_id,
        "imdbId": part.get("imdbId") or None,
        "title": title,
        "cleanTitle": part.get("cleanTitle") or clean_title(title),
        "sortTitle": part.get("sortTitle") or title.lower(),
        "status": part.get("status") or "announced",
        "overview": part.get("overview") or "",
        "runtime": int(part.get("runtime") or 0),
        "images": image_resources(0, part.get("images") or [], local=False),
        "year": int(part.get("year") or 0),
        "ratings": part.get("ratings") or {},
        "genres": part.get("genres") or [],
        "folder": part.get("folder") or movie_folder_name(_part_facts(part)),
        "isExisting": tmdb_id in existing,
        "isExcluded": tmdb_id in excluded,
    }
    return {key: value for key, value in resource.items() if value is not None}


def _part_facts(part: dict[str, Any]) -> Any:
    from movies.folders import FolderFacts

    return FolderFacts(
        title=part.get("title") or "", year=int(part.get("year") or 0), tmdb_id=int(part.get("tmdbId") or 0)
    )


def collection_resources(collections: Iterable[Collection]) -> list[dict[str, Any]]:
    """Collections with their parts marked isExisting/isExcluded, in three queries for the lot."""
    collections = list(collections)
    part_ids = {int(part["tmdbId"]) for c in collections for part in c.parts if part.get("tmdbId")}
    existing = set(Movie.objects.filter(tmdb_id__in=part_ids).values_list("tmdb_id", flat=True))
    excluded = set(ImportExclusion.objects.filter(tmdb_id__in=part_ids).values_list("tmdb_id", flat=True))
    tags = _group(
        Collection.tags.through.objects.filter(collection_id__in=[c.pk for c in collections]).values_list(
            "collection_id", "tag_id"
        )
    )
    return [_collection_resource(c, existing, excluded, tags) for c in collections]


def _collection_resource(
    collection: Collection, existing: set[int], excluded: set[int], tags: dict[int, list[tuple]]
) -> dict[str, Any]:
    parts = [_part_resource(part, existing, excluded) for part in collection.parts if part.get("tmdbId")]
    resource = {
        "id": collection.pk,
        "title": collection.title,
        "sortTitle": collection.sort_title,
        "tmdbId": collection.tmdb_id,
        "images": image_resources(0, collection.images, local=False),
        "overview": collection.overview,
        "monitored": collection.monitored,
        "rootFolderPath": collection.root_folder_path,
        "qualityProfileId": collection.quality_profile_id or 0,
        "searchOnAdd": collection.search_on_add,
        "minimumAvailability": collection.minimum_availability,
        "movies": parts,
        "missingMovies": sum(1 for part in parts if not part["isExisting"] and not part["isExcluded"]),
        "tags": [row[1] for row in tags.get(collection.pk, ())],
    }
    return resource


def collection_resource(collection: Collection) -> dict[str, Any]:
    return collection_resources([collection])[0]


# ---- root folders


def root_folder_resource(folder: RootFolder, *, with_unmapped: bool = True) -> dict[str, Any]:
    """A root folder with its free space and the folders in it that no movie owns yet."""
    from movies.libraryimport import unmapped_folders

    accessible = os.path.isdir(folder.path) and os.access(folder.path, os.R_OK)
    resource: dict[str, Any] = {"id": folder.pk, "path": folder.path, "accessible": accessible}
    if accessible:
        resource["freeSpace"] = shutil.disk_usage(folder.path).free
    if with_unmapped:
        resource["unmappedFolders"] = [
            {"name": unmapped.name, "path": unmapped.path, "relativePath": unmapped.relative_path}
            for unmapped in (unmapped_folders(folder.path) if accessible else [])
        ]
    return resource


# ---- tags


# Which ...Ids list of TagDetailsResource each kind of tagged row fills, by model name.
_TAG_USERS = {
    "delayprofile": "delayProfileIds",
    "importlist": "importListIds",
    "notification": "notificationIds",
    "releaseprofile": "releaseProfileIds",
    "indexer": "indexerIds",
    "downloadclient": "downloadClientIds",
    "autotag": "autoTagIds",
    "movie": "movieIds",
}


def tag_detail_resources(tags: Iterable[Tag]) -> list[dict[str, Any]]:
    """Each tag with the ids of everything that uses it: one query per kind of tagged row."""
    tags = list(tags)
    tag_ids = [tag.pk for tag in tags]
    users: dict[str, dict[int, list[int]]] = {}
    for relation in Tag._meta.related_objects:
        key = _TAG_USERS.get(relation.related_model._meta.model_name)
        if key is None or not relation.many_to_many:
            continue
        through = relation.through
        source = relation.field.m2m_field_name()
        target = relation.field.m2m_reverse_field_name()
        pairs = through.objects.filter(**{f"{target}__in": tag_ids}).values_list(
            f"{target}_id", f"{source}_id"
        )
        grouped: dict[int, list[int]] = defaultdict(list)
        for tag_id, user_id in pairs.order_by(f"{source}_id"):
            grouped[tag_id].append(user_id)
        users[key] = grouped
    return [
        {"id": tag.pk, "label": tag.label}
        | {key: users.get(key, {}).get(tag.pk, []) for key in _TAG_USERS.values()}
        for tag in tags
    ]
