"""v3 endpoints of a version template's virtual instance (radarr.instanceurls routes them): the library
is the movies having the template's version, each shown as that version (movies.versionresources).

What a client does there lands on the version, never on the primary one: adding a movie adds the
version (and the movie, unwanted in the main instance, when it is new), editing edits the version,
searching searches it. Profiles, tags, indexers and the rest are the main instance's, as they are shared.
"""

import posixpath
from datetime import timedelta
from typing import Any

import orjson
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from movies import adding, editing
from movies.api.calendar import query_day
from movies.api.lookup import call_tmdb
from movies.api.movies import add_arguments, update_changes
from movies.availability import availability_delay_days, is_available_on
from movies.calendar import UnknownTag, tag_ids_from
from movies.cutoff import unmet_keys
from movies.folders import new_movie_folder_namer
from movies.lookupresources import movie_lookup_resource
from movies.metadata import MovieMetadata
from movies.models import Movie, MovieFile, MovieVersion, RootFolder, VersionTemplate
from movies.resources import root_folder_resource
from movies.rootfolders import configured_root_folder, configured_root_folders, root_folder_failure
from movies.versioninstance import instance_calendar_movies, instance_template
from movies.versionresources import instance_resource, instance_resources, instance_versions
from movies.versions import add_version, template_fields, update_version
from movies.wanted import DEFAULT_SORT, SORT_FIELDS, sorted_movies
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, NotFound, ValidationFailed, invalid
from radarr.api.identity import resource_id
from radarr.api.paging import read_paging
from radarr.api.params import InsensitiveDict, QueryParams, optional_whole_number
from radarr.api.responses import json_response, read_json_object
from radarr.commands import queue_command
from radarr.idsets import in_ids
from radarr.jobs import find_job
from radarr.models import Command
from radarr.system import api as system_api
from radarr.system.resources import command_resource
from radarr.system.status import system_status


def _template(request: HttpRequest) -> VersionTemplate:
    template = instance_template(request)
    if template is None:  # routed here only through radarr.instanceurls
        raise ApiError(404, "NotFound", "Not a version's instance")
    return template


def _resource_or_404(template: VersionTemplate, movie_id: int) -> dict[str, Any]:
    resource = instance_resource(template, movie_id)
    if resource is None:
        raise NotFound("Movie", movie_id)
    return resource


def _answer(resource: Any, status: int = 200) -> HttpResponse:
    return json_response(resource, status=status)


def _movies_answer(resources: list[dict[str, Any]]) -> HttpResponse:
    """Movie resources as they are: built from null-free cached JSON, nothing to strip (json_response's
    walk through 10,000 movies would cost more than building them)."""
    return HttpResponse(orjson.dumps(resources), content_type="application/json; charset=utf-8")


# ---- searching the version


def search_versions(versions: list[MovieVersion], user_agent: str = "") -> Command:
    """A MoviesSearch of these versions only: `versionIds` (ours) names them, `movieIds` their movies."""
    body = {
        "movieIds": sorted({row.movie_id for row in versions}),
        "versionIds": [row.pk for row in versions],
    }
    return queue_command("MoviesSearch", body, user_agent=user_agent)


# ---- adding: a new movie, or the version of a movie the main instance has


def _roots_of_new_movie(template: VersionTemplate, asked_root: str) -> tuple[str, str]:
    """(the movie's root folder, the version's root folder; "" = the movie's folder) for a movie the
    instance adds: the version goes where the client asked, the movie (its primary version, left
    unwanted) into another configured root folder, or both share one folder when there is no other."""
    if not template.root_folder_path:
        return asked_root, ""
    version_root = configured_root_folder(asked_root) or asked_root
    others = [root for root in configured_root_folders() if root != version_root]
    return (others[0], version_root) if others else (version_root, "")


def _version_fields(template: VersionTemplate, arguments: dict[str, Any], root: str) -> dict[str, Any]:
    return template_fields(template) | {
        "quality_profile_id": arguments["quality_profile_id"] or template.quality_profile_id,
        "minimum_availability": arguments["minimum_availability"],
        "monitored": arguments["monitored"],
        "root_folder_path": root,
    }


def _add_unwanted_movie(
    template: VersionTemplate, metadata: MovieMetadata, arguments: dict[str, Any], root: str
) -> Movie:
    """The movie a request on the instance brings in: in the main instance it is there, unmonitored
    (only the version is wanted) and never searched, with the profile and tags the request named."""
    options = arguments | {
        "quality_profile_id": arguments["quality_profile_id"] or template.quality_profile_id,
        "root_folder_path": root,
        "path": None,
        "monitored": False,
        "monitor": "movieOnly",  # a collection monitored would add its movies to the main instance
        "search_for_movie": False,
    }
    return adding.add_movie(metadata, **options)


def _add(request: HttpRequest, template: VersionTemplate) -> HttpResponse:
    body = read_json_object(request)
    tmdb_id = optional_whole_number("TmdbId", body.get("tmdbId"))
    if not tmdb_id or tmdb_id <= 0:
        raise invalid("TmdbId", "'Tmdb Id' must be greater than '0'.", tmdb_id)
    arguments = add_arguments(body)
    asked_root = arguments["root_folder_path"] or template.root_folder_path
    if failure := root_folder_failure("RootFolderPath", asked_root):
        raise ValidationFailed([failure])
    movie = Movie.objects.filter(tmdb_id=tmdb_id).first()
    if movie is not None and MovieVersion.objects.filter(movie=movie, template=template).exists():
        raise invalid("TmdbId", "This movie has already been added", tmdb_id)
    if movie is None:
        metadata = call_tmdb(adding.fetch_metadata, tmdb_id)
        movie_root, version_root = _roots_of_new_movie(template, asked_root)
        with transaction.atomic():  # a version refused takes the movie back with it
            movie = _add_unwanted_movie(template, metadata, arguments, movie_root)
            row = add_version(movie, _version_fields(template, arguments, version_root), template)
    else:
        same_root = configured_root_folder(asked_root) == configured_root_folder(movie.root_folder_path)
        row = add_version(
            movie, _version_fields(template, arguments, "" if same_root else asked_root), template
        )
    if arguments["search_for_movie"]:
        search_versions([row], request.headers.get("User-Agent", ""))
    return _answer(_resource_or_404(template, movie.pk), status=201)


# ---- editing and reading one movie


def _version_root(movie: Movie, row: MovieVersion, changes: dict[str, Any]) -> str | None:
    """The version's new root folder from a PUT body's `path` or `rootFolderPath` ("" = the movie's
    folder), or None when the body keeps the one it has (the resource echoed back unchanged)."""
    if "path" in changes:
        path = posixpath.normpath(changes["path"])
        if path == posixpath.normpath(row.path or movie.path):
            return None
        root = "" if path == posixpath.normpath(movie.path) else posixpath.dirname(path)
    elif "root_folder_path" in changes:
        asked = configured_root_folder(changes["root_folder_path"]) or changes["root_folder_path"]
        root = "" if asked == configured_root_folder(movie.root_folder_path) else asked
    else:
        return None
    current = configured_root_folder(row.root_folder_path) if row.root_folder_path else ""
    return None if root == current else root


def _version_changes(movie: Movie, row: MovieVersion, changes: dict[str, Any]) -> dict[str, Any]:
    """movies.versions.update_version's fields from a PUT body's changes (movies.api.movies)."""
    fields = {
        name: changes[name]
        for name in ("monitored", "minimum_availability", "quality_profile_id")
        if name in changes
    }
    if (root := _version_root(movie, row, changes)) is not None:
        fields["root_folder_path"] = root
    return fields


def update(request: HttpRequest, template: VersionTemplate, path_id: int | None) -> HttpResponse:
    """PUT /movie[/{id}]: the version's profile, monitoring, availability and root folder; the body's
    new tags are added to the movie (tags are the movie's, so none is taken off from here)."""
    body = read_json_object(request)
    movie_id = resource_id(path_id, body)
    row = instance_versions(template, [movie_id]).get(movie_id)
    if row is None:
        raise NotFound("Movie", movie_id)
    movie = Movie.objects.get(pk=movie_id)
    changes = update_changes(body)
    with transaction.atomic():
        update_version(row, _version_changes(movie, row, changes))
        tag_ids = set(changes.get("tag_ids", ()))
        have = set(movie.tags.values_list("pk", flat=True))
        if tag_ids - have:
            editing.update_movie(movie, {"tag_ids": sorted(tag_ids | have)})
    return _answer(_resource_or_404(template, movie_id), status=202)


def edit(template: VersionTemplate, movie_ids: list[int], body: InsensitiveDict) -> HttpResponse:
    """PUT /movie/editor: the same choices on the version of each movie named (tags, being the
    movie's, are edited in the main instance). Answers the versions as they are now."""
    changes = update_changes(
        InsensitiveDict({key: value for key, value in body.items() if key.lower() != "path"})
    )
    rows = instance_versions(template, movie_ids)
    movies = Movie.objects.in_bulk(list(rows))
    with transaction.atomic():
        for movie_id, row in rows.items():
            update_version(row, _version_changes(movies[movie_id], row, changes))
    return _answer(instance_resources(template, movie_ids), status=202)


def read(template: VersionTemplate, movie_id: int) -> HttpResponse:
    return _answer(_resource_or_404(template, movie_id))


# ---- views


@api_view("GET", "POST", "PUT")
def movie_collection(request: HttpRequest) -> HttpResponse:
    template = _template(request)
    if request.method == "POST":
        return _add(request, template)
    if request.method == "PUT":
        return update(request, template, None)
    query: QueryParams = request.query  # type: ignore[attr-defined]
    local_covers = not query.get_bool("excludeLocalCovers")
    if tmdb_id := query.get_int("tmdbId"):
        ids = Movie.objects.filter(tmdb_id=tmdb_id).values_list("pk", flat=True)
        return _movies_answer(instance_resources(template, list(ids), local_covers=local_covers))
    return _movies_answer(instance_resources(template, local_covers=local_covers))


def _lookup_resources(template: VersionTemplate, results: list[MovieMetadata]) -> list[dict[str, Any]]:
    """Search results as the instance has them: a movie with the version as that version (its id),
    any other with id 0, so a client adds it here (adding the version to a movie already there)."""
    ids = dict(Movie.objects.filter(tmdb_id__in=[r.tmdb_id for r in results]).values_list("tmdb_id", "pk"))
    mine = {resource["tmdbId"]: resource for resource in instance_resources(template, ids.values())}
    namer = new_movie_folder_namer()
    found = []
    for result in results:
        resource = mine.get(result.tmdb_id) or movie_lookup_resource(result, None, namer)
        if result.tmdb_id in mine:
            poster = next((i["remoteUrl"] for i in result.images if i.get("coverType") == "poster"), None)
            resource = resource | ({"remotePoster": poster} if poster else {})
        found.append(resource)
    return found


@api_view("GET")
def movie_lookup(request: HttpRequest) -> HttpResponse:
    from movies import tmdb

    term = (request.query.get("term") or "").strip()  # type: ignore[attr-defined]
    if not term:
        return _answer([])
    return _answer(_lookup_resources(_template(request), call_tmdb(tmdb.search_movies, term)))


@api_view("GET")
def movie_lookup_tmdb(request: HttpRequest) -> HttpResponse:
    from movies import tmdb

    tmdb_id = request.query.get_int("tmdbId")  # type: ignore[attr-defined]
    if not tmdb_id or tmdb_id <= 0:
        raise NotFound("Movie", tmdb_id)
    return _answer(_lookup_resources(_template(request), [call_tmdb(tmdb.fetch_movie, tmdb_id)])[0])


@api_view("GET")
def movie_lookup_imdb(request: HttpRequest) -> HttpResponse:
    from movies import tmdb

    imdb_id = (request.query.get("imdbId") or "").strip()  # type: ignore[attr-defined]
    if not imdb_id:
        raise NotFound("Movie")
    return _answer(_lookup_resources(_template(request), [call_tmdb(tmdb.fetch_movie_by_imdb, imdb_id)])[0])


@api_view("GET", "POST")
def root_folder_collection(request: HttpRequest) -> HttpResponse:
    """The template's own root folder; the main list when its version shares the movie's folder."""
    template = _template(request)
    if request.method == "POST":
        raise ApiError(405, "Root folders are added in the main instance")
    folders = RootFolder.objects.all()
    if template.root_folder_path:
        root = configured_root_folder(template.root_folder_path)
        folders = [folder for folder in folders if posixpath.normpath(folder.path) == root]
    return _answer([root_folder_resource(folder) for folder in folders])


@api_view("GET")
def calendar(request: HttpRequest) -> HttpResponse:
    """Movies with the version and a release in the range, unmonitored versions only when asked."""
    template = _template(request)
    query: QueryParams = request.query  # type: ignore[attr-defined]
    today = timezone.localdate()
    start, end = query_day(query, "start", today), query_day(query, "end", today + timedelta(days=2))
    try:
        tags = tag_ids_from(query.get_list("tags"))
    except UnknownTag as error:
        raise invalid("tags", str(error), query.get("tags")) from None
    unmonitored = query.get_bool("unmonitored")
    movies = instance_calendar_movies(request, start, end, include_unmonitored=unmonitored, tag_ids=tags)
    return _movies_answer(
        instance_resources(template, list(movies.values_list("pk", flat=True)), ordered=True)
    )


# ---- wanted: the versions missing a file, or whose file is below the version's cutoff


def _missing_ids(template: VersionTemplate, monitored: bool) -> list[int]:
    rows = MovieVersion.objects.filter(template=template, monitored=monitored, has_file=False).values_list(
        "movie_id",
        "minimum_availability",
        "movie__status",
        "movie__in_cinemas",
        "movie__digital_release",
        "movie__physical_release",
    )
    today, delay = timezone.localdate(), availability_delay_days()
    return [
        movie_id
        for movie_id, minimum, status, cinemas, digital, physical in rows
        if is_available_on(minimum, status, cinemas, digital, physical, today, delay)
    ]


def _cutoff_unmet_ids(template: VersionTemplate, monitored: bool) -> list[int]:
    files = MovieFile.objects.filter(
        version__template=template, version__monitored=monitored, version__has_file=True
    )
    return unmet_keys(files, "movie_id", "version")


def _wanted_page(request: HttpRequest, kind: str) -> HttpResponse:
    template = _template(request)
    query: QueryParams = request.query  # type: ignore[attr-defined]
    monitored = query.get_bool("monitored", True)
    ids = _missing_ids(template, monitored) if kind == "missing" else _cutoff_unmet_ids(template, monitored)
    paging = read_paging(query, list(SORT_FIELDS), DEFAULT_SORT, "ascending")
    movies = sorted_movies(
        Movie.objects.filter(pk__in=in_ids(ids)), paging.sort_key, paging.sort_direction == "descending"
    )
    page = list(movies.values_list("pk", flat=True)[paging.offset : paging.offset + paging.page_size])
    return _answer(paging.envelope(len(ids), instance_resources(template, page, ordered=True)))


@api_view("GET")
def wanted_missing(request: HttpRequest) -> HttpResponse:
    return _wanted_page(request, "missing")


@api_view("GET")
def wanted_cutoff(request: HttpRequest) -> HttpResponse:
    return _wanted_page(request, "cutoff")


# ---- system/status and commands


@api_view("GET")
def instance_status(request: HttpRequest) -> HttpResponse:
    """The main instance's status with the instance's URL base: Overseerr builds its links from it."""
    status = system_status() | {"urlBase": f"{settings.URL_BASE}/{_template(request).url_base}"}
    return _answer(status)


@api_view("GET", "POST")
def command_collection(request: HttpRequest) -> HttpResponse:
    """MoviesSearch searches the version of the movies named; other commands are the main instance's."""
    template = _template(request)
    body = read_json_object(request) if request.method == "POST" else InsensitiveDict({})
    name = body.get("name")
    job = find_job(name) if isinstance(name, str) and name else None
    if job is None or job.name != "MoviesSearch":
        return system_api.command_collection(request)
    movie_ids = body.get("movieIds")
    if not isinstance(movie_ids, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in movie_ids
    ):
        raise invalid("movieIds", "'movieIds' must be a list of whole numbers", movie_ids)
    versions = list(instance_versions(template, movie_ids).values())
    command = search_versions(versions, request.headers.get("User-Agent", ""))
    return _answer(command_resource(command), status=201)
