"""The movie resource as a version template's virtual instance shows it: the movie's own JSON (from the
resource cache) with the version's wishes, folder and file in place of the primary version's.

A client of the instance (Overseerr's "4K server") sees a Radarr whose library is the movies having
that version, each as if the version were the movie. A list costs the same few queries whatever its
length: the versions, the cached movie JSON, the versions' files.
"""

import posixpath
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

import orjson
from django.utils import timezone

from movies.availability import availability_delay_days, is_available_on
from movies.fileresources import FILE_COLUMNS, FileContext, FileRow, file_json
from movies.models import Movie, MovieFile, MovieVersion, VersionTemplate
from movies.resourcecache import json_in_order, library_json
from movies.resources import movie_resources_json
from movies.resourcevalues import datetime_text
from radarr.idsets import in_ids


def instance_versions(
    template: VersionTemplate, movie_ids: Iterable[int] | None = None
) -> dict[int, MovieVersion]:
    """The template's version of each movie that has one, by movie id (one query)."""
    rows = MovieVersion.objects.filter(template=template)
    if movie_ids is not None:
        rows = rows.filter(movie_id__in=in_ids(movie_ids))
    return {row.movie_id: row for row in rows}


class VersionFacts(NamedTuple):
    """What a version's resource reads of its row (read as values: a list of 10,000 builds no models)."""

    pk: int
    movie_id: int
    quality_profile_id: int
    minimum_availability: str
    monitored: bool
    path: str
    root_folder_path: str
    has_file: bool
    size_on_disk: int
    added: datetime
    last_search_time: datetime | None
    first_imported: datetime | None


def _version_facts(template: VersionTemplate, movie_ids: Iterable[int] | None) -> dict[int, VersionFacts]:
    rows = MovieVersion.objects.filter(template=template)
    if movie_ids is not None:
        rows = rows.filter(movie_id__in=in_ids(movie_ids))
    return {row.movie_id: row for row in map(VersionFacts._make, rows.values_list(*VersionFacts._fields))}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def project(
    movie: dict[str, Any],
    version: VersionFacts,
    movie_file: dict[str, Any] | None,
    *,
    today: date,
    delay: int,
) -> dict[str, Any]:
    """The movie resource `movie` (Radarr's shape, the primary version's values) as `version` is: its
    profile, monitoring, availability, folder, file and size; everything the movie is stays. `movie`
    is changed in place and returned (it is a freshly parsed resource: copying 10,000 costs time)."""
    path = version.path or movie.get("path", "")
    resource = movie
    resource.pop("movieFile", None)  # absent, never null, when the version has no file (Bazarr)
    resource.pop("lastSearchTime", None)
    resource |= {
        "qualityProfileId": version.quality_profile_id,
        "monitored": version.monitored,
        "minimumAvailability": version.minimum_availability,
        "isAvailable": is_available_on(
            version.minimum_availability,
            movie.get("status", ""),
            _day(movie.get("inCinemas")),
            _day(movie.get("digitalRelease")),
            _day(movie.get("physicalRelease")),
            today,
            delay,
        ),
        "path": path,
        "folderName": path,
        "folder": posixpath.basename(path),
        "rootFolderPath": version.root_folder_path or movie.get("rootFolderPath", ""),
        "hasFile": version.has_file,
        "movieFileId": movie_file["id"] if movie_file else 0,
        "sizeOnDisk": version.size_on_disk,
        "added": datetime_text(version.added),
        "statistics": {
            "movieFileCount": 1 if movie_file else 0,
            "sizeOnDisk": version.size_on_disk,
            "releaseGroups": [movie_file["releaseGroup"]]
            if movie_file and "releaseGroup" in movie_file
            else [],
        },
    }
    if movie_file:
        resource["movieFile"] = movie_file
    if version.last_search_time:
        resource["lastSearchTime"] = datetime_text(version.last_search_time)
    return resource


def _version_files(versions: dict[int, VersionFacts], movies: dict[int, dict[str, Any]]) -> dict[int, dict]:
    """Each version's file in Radarr's MovieFileResource shape, by version id: its path in the
    version's folder, its cutoff judged by the version's profile (one query for all of them)."""
    by_id = {row.pk: row for row in versions.values()}
    rows = list(MovieFile.objects.filter(version__in=in_ids(by_id)).values_list(*FILE_COLUMNS, "version_id"))
    if not rows:
        return {}
    context = FileContext(row[FILE_COLUMNS.index("release_group")] for row in rows)
    files = {}
    for *columns, version_id in rows:
        file_row, version = FileRow(*columns), by_id[version_id]
        folder = version.path or movies.get(version.movie_id, {}).get("path", "")
        body = file_json(file_row, folder, version.quality_profile_id, version.first_imported, context)
        files[version_id] = orjson.loads(body)
    return files


def instance_resources(
    template: VersionTemplate,
    movie_ids: Iterable[int] | None = None,
    *,
    ordered: bool = False,
    local_covers: bool = True,
) -> list[dict[str, Any]]:
    """The instance's movie resources: every movie with the template's version (or those of
    `movie_ids` that have it), by sort title, or in the order of `movie_ids` when `ordered`."""
    wanted = None if movie_ids is None else list(movie_ids)
    versions = _version_facts(template, wanted)
    if not versions:
        return []
    if ordered and wanted is not None:
        body = json_in_order([pk for pk in wanted if pk in versions])
    elif local_covers:
        body = library_json(versions)
    else:
        body = movie_resources_json(Movie.objects.filter(pk__in=in_ids(versions)), local_covers=False)
    movies = {movie["id"]: movie for movie in orjson.loads(body)}
    files = _version_files(versions, movies)
    today, delay = timezone.localdate(), availability_delay_days()
    return [
        project(movie, versions[pk], files.get(versions[pk].pk), today=today, delay=delay)
        for pk, movie in movies.items()
    ]


def instance_resource(template: VersionTemplate, movie_id: int) -> dict[str, Any] | None:
    """One movie as the instance shows it; None when the movie has no version of the template."""
    found = instance_resources(template, [movie_id])
    return found[0] if found else None
