"""The library in Radarr's v3 shapes: movie, tag, tag detail, exclusion and root folder. Movie files are
in movies.fileresources, lookup results in movies.lookupresources, collections in
movies.collectionresources, and what they all share in movies.resourcevalues.

`movie_resources_json` is the fast path behind GET /api/v3/movie: one query per table whatever the
number of movies (movies, tags, alternative titles, files, extra versions, profiles), rows read straight
from the cursor (dates as text, no model instances, no per-value converters), each movie written as JSON
bytes from one template with its strings escaped by orjson and its JSON columns passed through as
stored. Nothing is ever null, so no null-stripping walk is needed. `movie_resources` parses that same
output, so a single movie and the list never differ.
"""

import gc
import os
import posixpath
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import Any, NamedTuple

import orjson
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from movies.availability import CINEMA_TO_RELEASE, availability_delay_days, is_available_on
from movies.fileresources import FILE_COLUMNS, FileContext, FileRow, file_json
from movies.models import AlternativeTitle, ImportExclusion, Movie, MovieFile, MovieVersion, RootFolder
from movies.resourcevalues import (
    BOOLEAN,
    IMAGE_TYPES,
    LANGUAGE_RESOURCES,
    datetime_bytes,
    datetime_value,
    dumps,
    json_value,
)
from movies.versionentries import VERSION_COLUMNS, VERSION_ORDER, PrimaryVersion, VersionRow, versions_json
from radarr.models import Tag
from radarr.snapshots import read_snapshot

_ADD_OPTION_VALUES = {
    "monitor": {"movieOnly", "movieAndCollection", "none"},
    "addMethod": {"manual", "list", "collection"},
}

# ---- small resources


def tag_resource(tag: Tag) -> dict[str, Any]:
    return {"id": tag.pk, "label": tag.label}


# Radarr's ImportListExclusionResource is declared as a provider resource: these provider keys are
# part of its shape though an exclusion has no implementation (clients generated from the document
# expect them)
_EXCLUSION_PROVIDER_KEYS: dict[str, Any] = {
    "name": "",
    "fields": [],
    "implementationName": "",
    "implementation": "",
    "configContract": "",
    "infoLink": "",
    "message": {"message": "", "type": "info"},
    "tags": [],
    "presets": [],
}


def exclusion_resource(exclusion: ImportExclusion) -> dict[str, Any]:
    return {
        "id": exclusion.pk,
        **_EXCLUSION_PROVIDER_KEYS,
        "tmdbId": exclusion.tmdb_id,
        "movieTitle": exclusion.movie_title,
        "movieYear": exclusion.movie_year,
    }


# ---- reading rows

# Dates and datetimes are read as text: SQLite's driver would otherwise parse each one into a Python
# object (a third of the list's time at 10,000 movies) only for us to format it back.
_AS_TEXT = frozenset(
    {
        "in_cinemas",
        "digital_release",
        "physical_release",
        "added",
        "last_search_time",
        "date_added",
        "first_imported",
    }
)


def _cursor_rows(queryset: QuerySet, columns: Iterable[Any]) -> list[tuple]:
    """Rows of a values_list query read straight from the cursor: no per-value Python converters."""
    selected = [Cast(column, TextField()) if column in _AS_TEXT else column for column in columns]
    try:
        sql, params = queryset.values_list(*selected).query.sql_with_params()
    except EmptyResultSet:  # `pk__in=[]`, or an id past the column's range: Django knows nothing matches
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def group_rows(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return grouped


_ADD_OPTION_DEFAULTS = {
    "ignoreEpisodesWithFiles": False,
    "ignoreEpisodesWithoutFiles": False,
    "monitor": "movieOnly",
    "searchForMovie": False,
    "addMethod": "manual",
}


def _add_options(value: Any) -> dict[str, Any] | None:
    options = json_value(value)
    if not options:
        return None
    # every option of Radarr's AddMovieOptions (the two episode ones are its shared shape's, always false)
    kept: dict[str, Any] = dict(_ADD_OPTION_DEFAULTS)
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


class MovieRow(NamedTuple):
    """The Movie columns a movie resource reads, by name, in the query's order (read straight from the
    cursor: dates as text, JSON columns as stored)."""

    pk: int
    title: str
    original_title: str
    original_language_id: int
    secondary_year: int | None
    sort_title: str
    size_on_disk: int
    status: str
    overview: str
    in_cinemas: str | None
    physical_release: str | None
    digital_release: str | None
    images: Any
    website: str
    year: int
    youtube_trailer_id: str
    studio: str
    path: str
    quality_profile_id: int
    has_file: bool
    monitored: bool
    minimum_availability: str
    runtime: int
    clean_title: str
    imdb_id: str
    tmdb_id: int
    root_folder_path: str
    certification: str
    genres: Any
    keywords: Any
    added: str
    add_options: Any
    ratings: Any
    collection__tmdb_id: int | None
    collection__title: str | None
    popularity: float
    last_search_time: str | None
    first_imported: str | None


_MOVIE_COLUMNS = MovieRow._fields
# Radarr's MovieResource, its fields in Radarr's order; a `%s` standing alone adds an optional field
_MOVIE_TEMPLATE = (
    # what the movie is
    b'{"id":%d,"title":%s,"originalTitle":%s,"originalLanguage":%s,"alternateTitles":[%s]%s,'
    b'"secondaryYearSourceId":0,"sortTitle":%s,"sizeOnDisk":%d,"status":%s,"overview":%s%s,'
    b'"physicalReleaseNote":"","images":%s,"website":%s%s,"year":%d,"youTubeTrailerId":%s,"studio":%s,'
    # where and how the library keeps it
    b'"path":%s,"qualityProfileId":%d,"hasFile":%s,"movieFileId":%d,"monitored":%s,'
    b'"minimumAvailability":%s,"isAvailable":%s,"folderName":%s,"runtime":%d,"cleanTitle":%s%s,'
    b'"tmdbId":%d,"titleSlug":"%d","rootFolderPath":%s,"folder":%s,'
    # TMDB's facts and the user's additions
    b'"certification":%s,"genres":%s,"keywords":%s,"tags":[%s],"added":"%s"%s,"ratings":%s%s%s,'
    b'"popularity":%s%s,'
    # its files
    b'"statistics":{"movieFileCount":%d,"sizeOnDisk":%d,"releaseGroups":%s}'
    # ours: every version, the primary first (movies.versionentries)
    b"%s}"
)
_ALTERNATIVE_TITLE_COLUMNS = ("movie_id", "pk", "source_type", "title", "clean_title")


def _raw(value: Any, empty: bytes) -> bytes:
    """A JSON column as stored (SQLite gives its text; PostgreSQL's driver a parsed value)."""
    if value is None:
        return empty
    return value.encode() if isinstance(value, str) else dumps(value)


_LANGUAGE_JSON = {language_id: dumps(resource) for language_id, resource in LANGUAGE_RESOURCES.items()}


def _images_json(movie_id: int, images: Any, local_covers: bool, url_base: str) -> bytes:
    images = json_value(images) or []
    # the URL movies.mediacover.cover_url(movie_id, type, images=images) gives, without a call per image
    base = f"{url_base}/MediaCover/{movie_id}/"
    parts = []
    for image in images:
        cover_type = image.get("coverType", "unknown")
        cover_type = cover_type if cover_type in IMAGE_TYPES else "unknown"
        remote = image.get("remoteUrl") or ""
        if local_covers:
            version = image.get("lastWrite")
            url = f"{base}{cover_type}.jpg?lastWrite={version}" if version else f"{base}{cover_type}.jpg"
        else:
            url = remote
        parts.append({"coverType": cover_type, "url": url, "remoteUrl": remote})
    return dumps(parts)


def _remote_poster(images: Any) -> bytes:
    """`,"remotePoster":...`: the poster at TMDB (Radarr's lookup sends it; lists and clients read it)."""
    for image in json_value(images) or []:
        if image.get("coverType") == "poster" and image.get("remoteUrl"):
            return b',"remotePoster":%s' % dumps(image["remoteUrl"])
    return b""


def _release_day(in_cinemas: str | None, digital: str | None, physical: str | None) -> str | None:
    """movies.availability.release_date on ISO day texts (they sort as the days do)."""
    if digital or physical:
        return min(day for day in (digital, physical) if day)[:10]
    if in_cinemas:
        return (date.fromisoformat(in_cinemas[:10]) + CINEMA_TO_RELEASE).isoformat()
    return None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


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
    """The JSON array of every movie of `queryset` in Radarr's MovieResource shape, in six queries."""
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


class MovieBatch(NamedTuple):
    """What each movie's JSON reads besides its own row, loaded once for the batch."""

    tags: dict[int, list[tuple]]  # movie id → (movie id, tag id) rows
    titles: dict[int, list[tuple]]  # movie id → alternative title rows
    files: dict[int, list[tuple[int, FileRow]]]  # movie id → (movie id, file row)
    versions: dict[int, list[VersionRow]]  # movie id → its extra versions
    file_context: FileContext
    available: Callable[..., bool]  # movies.availability.is_available_on for today, with the delay
    local_covers: bool
    url_base: str


def movie_fragments(queryset: QuerySet[Movie], *, local_covers: bool = True) -> list[tuple[int, bytes]]:
    """(id, MovieResource JSON) of each movie of `queryset`, in its order, in six queries.

    The queries read one snapshot: a movie is never built from its row before a change and its files
    after it (a writer committing between two of them would otherwise tear its JSON).
    """
    # the whole library (GET /movie without filters) reads the related tables whole, not by 10,000 ids
    mine = {"movie_id__in": queryset.values("pk")} if queryset.query.has_filters() else {}
    delay = availability_delay_days()  # may write its settings row: not inside the read-only snapshot
    with read_snapshot():
        rows = _cursor_rows(queryset.select_related(None), _MOVIE_COLUMNS)
        if not rows:
            return []
        tags = group_rows(_cursor_rows(Movie.tags.through.objects.filter(**mine), ("movie_id", "tag_id")))
        titles = group_rows(
            _cursor_rows(AlternativeTitle.objects.filter(**mine).order_by("pk"), _ALTERNATIVE_TITLE_COLUMNS)
        )
        file_rows = [
            FileRow(*row)
            for row in _cursor_rows(MovieFile.objects.filter(**mine).order_by("pk"), FILE_COLUMNS)
        ]
        files = group_rows((row.movie_id, row) for row in file_rows)
        extras = MovieVersion.objects.filter(**mine).order_by(*VERSION_ORDER)
        versions = group_rows(map(VersionRow._make, _cursor_rows(extras, VERSION_COLUMNS)))
        file_context = FileContext(row.release_group for row in file_rows)
        available = partial(is_available_on, today=timezone.localdate(), delay_days=delay)
    batch = MovieBatch(
        tags, titles, files, versions, file_context, available, local_covers, settings.URL_BASE
    )
    return [(row[0], _movie_json(MovieRow._make(row), batch)) for row in rows]


def _alternative_titles(rows: list[tuple]) -> bytes:
    return b",".join(
        b'{"id":%d,"sourceType":%s,"movieMetadataId":%d,"title":%s,"cleanTitle":%s}'
        % (pk, dumps(source), movie_id, dumps(title), dumps(clean))
        for movie_id, pk, source, title, clean in rows
    )


def _movie_json(row: MovieRow, batch: MovieBatch) -> bytes:
    """One movie in Radarr's MovieResource shape: each group of values fills the template's group."""
    pk, path, profile_id = row.pk, row.path, row.quality_profile_id
    movie_files = [file_row for _, file_row in batch.files.get(pk, ())]
    primary = next((file_row for file_row in movie_files if file_row.is_primary), None)
    groups = sorted({file_row.release_group for file_row in movie_files if file_row.release_group})
    in_cinemas, digital, physical = row.in_cinemas, row.digital_release, row.physical_release
    released = _release_day(in_cinemas, digital, physical)
    minimum, status = row.minimum_availability, row.status
    is_available = batch.available(minimum, status, _day(in_cinemas), _day(digital), _day(physical))
    options = _add_options(row.add_options) if row.add_options not in (None, "{}") else None
    quoted_path = dumps(path)
    # the optional fields, each with its leading comma or empty
    secondary_year = b',"secondaryYear":%d' % row.secondary_year if row.secondary_year is not None else b""
    imdb_id = b',"imdbId":%s' % dumps(row.imdb_id) if row.imdb_id else b""
    add_options = b',"addOptions":%s' % dumps(options) if options else b""
    # Bazarr decides "has a file" by the presence of the key
    movie_file = (
        b',"movieFile":%s'
        % file_json(primary, path, profile_id, datetime_value(row.first_imported), batch.file_context)
        if primary
        else b""
    )
    collection = (
        b',"collection":%s' % dumps({"title": row.collection__title, "tmdbId": row.collection__tmdb_id})
        if row.collection__tmdb_id
        else b""
    )
    last_search = row.last_search_time
    last_search_time = b',"lastSearchTime":"%s"' % datetime_bytes(last_search) if last_search else b""
    return _MOVIE_TEMPLATE % (
        # what the movie is
        pk, dumps(row.title), dumps(row.original_title),
        _LANGUAGE_JSON.get(row.original_language_id) or _LANGUAGE_JSON[0],
        _alternative_titles(batch.titles.get(pk, ())), secondary_year,
        dumps(row.sort_title), row.size_on_disk, dumps(status), dumps(row.overview),
        _dates_json(in_cinemas, physical, digital, released),
        _images_json(pk, row.images, batch.local_covers, batch.url_base),
        dumps(row.website), _remote_poster(row.images), row.year, dumps(row.youtube_trailer_id),
        dumps(row.studio),
        # where and how the library keeps it
        quoted_path, profile_id, BOOLEAN[bool(row.has_file)], primary.pk if primary else 0,
        BOOLEAN[bool(row.monitored)],
        dumps(minimum), BOOLEAN[is_available], quoted_path, row.runtime, dumps(row.clean_title), imdb_id,
        row.tmdb_id, row.tmdb_id, dumps(row.root_folder_path), dumps(posixpath.basename(path)),
        # TMDB's facts and the user's additions
        dumps(row.certification), _raw(row.genres, b"[]"), _raw(row.keywords, b"[]"),
        b",".join(b"%d" % tag_row[1] for tag_row in batch.tags.get(pk, ())), datetime_bytes(row.added),
        add_options, _raw(row.ratings, b"{}"), movie_file, collection,
        dumps(row.popularity), last_search_time,
        # its files
        len(movie_files), row.size_on_disk, dumps(groups),
        _versions(row, primary, batch),
    )  # fmt: skip


def _versions(row: MovieRow, primary: FileRow | None, batch: MovieBatch) -> bytes:
    """The movie's `versions` array: the primary from its own row, extras from their rows."""
    own = PrimaryVersion(
        row.path, row.root_folder_path, row.quality_profile_id, row.monitored, row.minimum_availability,
        primary.pk if primary else 0, primary.size if primary else 0,
    )  # fmt: skip
    return versions_json(own, batch.versions.get(row.pk, []))


def movie_resources(queryset: QuerySet[Movie], *, local_covers: bool = True) -> list[dict[str, Any]]:
    """Every movie of `queryset` in Radarr's MovieResource shape (movie_resources_json, parsed)."""
    return orjson.loads(movie_resources_json(queryset, local_covers=local_covers))


def movie_resource(movie: Movie, *, local_covers: bool = True) -> dict[str, Any]:
    """One movie in Radarr's MovieResource shape (the same code as the list, so they never differ)."""
    return movie_resources(Movie.objects.filter(pk=movie.pk), local_covers=local_covers)[0]


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
