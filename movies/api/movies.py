"""v3 endpoints: /movie (list, add, update), /movie/{id}, /movie/editor, /movie/import.

Bodies are read as Radarr binds them: names ignoring case, unknown properties ignored, Overseerr's
`profileId` beside `qualityProfileId`, enums as names or numbers. The list is written straight from
movie_resources_json (the database writes most of the JSON) so 10,000 movies cost one pass.
"""

from datetime import date
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies import adding, deleting, editing
from movies.api.lookup import call_tmdb
from movies.libraryimport import AddedMovie, ImportRequest, import_movies
from movies.metadata import CollectionRef, MovieMetadata
from movies.models import Movie, VersionTemplate
from movies.resourcecache import library_json
from movies.resources import movie_resource, movie_resources, movie_resources_json
from movies.rootfolders import configured_root_folders, path_failure, root_folder_failure
from movies.versions import apply_template
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, Failure, NotFound, ValidationFailed, invalid
from radarr.api.identity import resource_id, row_or_404
from radarr.api.params import InsensitiveDict, id_list, optional_bool, optional_text, optional_whole_number
from radarr.api.responses import read_json, read_json_object, request_body
from radarr.memory import release_memory

_JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_OMIT_MICROSECONDS | orjson.OPT_NAIVE_UTC
# Radarr's MovieStatusType numbers; TBA counts as announced, as Radarr treats it for availability
_AVAILABILITY_NUMBERS = {0: "announced", 1: "announced", 2: "inCinemas", 3: "released"}
_AVAILABILITY_NAMES = {"tba": "announced", "announced": "announced", "incinemas": "inCinemas"}
_AVAILABILITY_NAMES |= {"released": "released", "predb": "released"}  # preDB: Radarr 3's extra step
_MONITOR_NAMES = {"movieonly": "movieOnly", "movieandcollection": "movieAndCollection", "none": "none"}
_APPLY_TAGS_NUMBERS = {0: "add", 1: "remove", 2: "replace"}


def movies_response(body: bytes, status: int = 200) -> HttpResponse:
    """movie_resources_json's bytes as they are: built without nulls, nothing to strip or re-encode."""
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def movies_by_id_response(ids: list[int], status: int = 200) -> HttpResponse:
    """The movies with these ids; none is `[]` (movie_resources_json fails on an empty `pk__in`)."""
    if not ids:
        return movies_response(b"[]", status=status)
    return movies_response(library_json(ids), status=status)  # cached JSON: 20,000 after an edit


def resource_response(movie: Movie, status: int = 200) -> HttpResponse:
    body = orjson.dumps(movie_resource(movie), option=_JSON_OPTIONS)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


# ---- reading bodies


def minimum_availability(value: Any, default: str = "released") -> str:
    if value is None or value == "":
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        return _AVAILABILITY_NUMBERS.get(value, str(value))
    if not isinstance(value, str):
        raise invalid("MinimumAvailability", "'Minimum Availability' is not valid", value)
    return _AVAILABILITY_NAMES.get(value.lower(), value)


def _int(body: InsensitiveDict, name: str, default: int | None = None) -> int | None:
    number = optional_whole_number(name, body.get(name))
    return default if number is None else number


def path_text(body: InsensitiveDict, name: str) -> str:
    """A path property (`path`, `rootFolderPath`) as text, "" when absent or null: anything but a JSON
    string is refused, never coerced (str([..]) would be stored as a folder name)."""
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        property_name = name[0].upper() + name[1:]
        raise invalid(property_name, f"'{property_name}' must be a string", value)
    return value


def _tag_ids(value: Any) -> list[int]:
    return [] if value is None else id_list("Tags", value)


def _text(body: InsensitiveDict, name: str) -> str:
    return optional_text(name, body.get(name)) or ""


def _add_options(body: InsensitiveDict) -> InsensitiveDict:
    options = body.get("addOptions")
    if options is not None and not isinstance(options, dict):
        raise invalid("AddOptions", "'Add Options' must be an object", options)
    return InsensitiveDict(options or {})


def add_arguments(body: InsensitiveDict) -> dict[str, Any]:
    """adding.add_movie's options from a POST /movie body (Overseerr, pyarr or the UI)."""
    options = _add_options(body)
    monitor = _text(options, "monitor") or "movieOnly"
    return {
        "quality_profile_id": _int(body, "qualityProfileId") or _int(body, "profileId"),
        "root_folder_path": path_text(body, "rootFolderPath"),
        "path": path_text(body, "path") or None,
        "monitored": optional_bool("monitored", body.get("monitored")) is not False,
        "minimum_availability": minimum_availability(body.get("minimumAvailability")),
        "tag_ids": _tag_ids(body.get("tags")),
        "monitor": _MONITOR_NAMES.get(monitor.lower(), monitor),
        "search_for_movie": bool(optional_bool("searchForMovie", options.get("searchForMovie"))),
        "add_method": _text(options, "addMethod") or "manual",
    }


def update_changes(body: InsensitiveDict) -> dict[str, Any]:
    """editing.update_movie's changes from a PUT /movie body: only what the body says.

    The path decides where the movie lives; a root folder alone (no path) means "same folder name
    under that root", as the editor does.
    """
    changes: dict[str, Any] = {}
    if (monitored := optional_bool("monitored", body.get("monitored"))) is not None:
        changes["monitored"] = monitored
    if "minimumAvailability" in body:
        changes["minimum_availability"] = minimum_availability(body.get("minimumAvailability"))
    profile_id = _int(body, "qualityProfileId") or _int(body, "profileId")
    if profile_id is not None:
        changes["quality_profile_id"] = profile_id
    path, root_folder_path = path_text(body, "path"), path_text(body, "rootFolderPath")
    if path:
        changes["path"] = path
    elif root_folder_path:
        changes["root_folder_path"] = root_folder_path
    if body.get("tags") is not None:
        changes["tag_ids"] = _tag_ids(body.get("tags"))
    return changes


def _objects(body: InsensitiveDict, name: str) -> list[InsensitiveDict]:
    """A list of objects (alternate titles, images); entries that are not objects are skipped."""
    value = body.get(name)
    if value is not None and not isinstance(value, list):
        raise invalid(name, f"'{name}' must be a list", value)
    return [InsensitiveDict(item) for item in value or [] if isinstance(item, dict)]


def _texts(body: InsensitiveDict, name: str) -> tuple[str, ...]:
    value = body.get(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise invalid(name, f"'{name}' must be a list of texts", value)
    return tuple(value)


def _collection(body: InsensitiveDict) -> CollectionRef | None:
    collection = body.get("collection")
    if collection is None:
        return None
    if not isinstance(collection, dict):
        raise invalid("Collection", "'Collection' must be an object", collection)
    collection = InsensitiveDict(collection)
    tmdb_id = _int(collection, "tmdbId")
    return CollectionRef(tmdb_id, _text(collection, "title")) if tmdb_id else None


def metadata_from_resource(body: InsensitiveDict) -> MovieMetadata:
    """What a movie resource itself says (library import sends lookup results back); refresh completes it."""
    titles = [_text(title, "title") for title in _objects(body, "alternateTitles")]
    images = [
        {"coverType": _text(image, "coverType") or "poster", "remoteUrl": remote}
        for image in _objects(body, "images")
        if (remote := _text(image, "remoteUrl") or _text(image, "url"))
    ]
    return MovieMetadata(
        tmdb_id=_int(body, "tmdbId") or 0,
        title=_text(body, "title"),
        year=_int(body, "year", 0) or 0,
        imdb_id=_text(body, "imdbId"),
        original_title=_text(body, "originalTitle"),
        overview=_text(body, "overview"),
        runtime=_int(body, "runtime") or 0,
        status=minimum_availability(body.get("status"), "announced"),
        genres=_texts(body, "genres"),
        images=tuple(images),
        collection=_collection(body),
        alternative_titles=tuple(title for title in titles if title),
        **_release_facts(body),
    )


def _date(body: InsensitiveDict, name: str) -> date | None:
    """A resource's date (`2019-05-01T00:00:00Z` or `2019-05-01`); None when absent or unreadable."""
    value = body.get(name)
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _release_facts(body: InsensitiveDict) -> dict[str, Any]:
    """What a full movie resource (another Radarr's library, a lookup) adds: dates, ratings, studio...
    Extras only: a value of the wrong type is left out, never a 400 for the movie."""

    def text(name: str) -> str:
        value = body.get(name)
        return value if isinstance(value, str) else ""

    language, ratings, popularity = body.get("originalLanguage"), body.get("ratings"), body.get("popularity")
    keywords, secondary_year = body.get("keywords"), body.get("secondaryYear")
    return {
        "in_cinemas": _date(body, "inCinemas"),
        "digital_release": _date(body, "digitalRelease"),
        "physical_release": _date(body, "physicalRelease"),
        "certification": text("certification"),
        "studio": text("studio"),
        "website": text("website"),
        "youtube_trailer_id": text("youTubeTrailerId"),
        "original_language_id": language["id"]
        if isinstance(language, dict) and isinstance(language.get("id"), int)
        else 1,
        "ratings": ratings if isinstance(ratings, dict) else {},
        "popularity": float(popularity) if isinstance(popularity, int | float) else 0.0,
        "keywords": tuple(k for k in keywords if isinstance(k, str)) if isinstance(keywords, list) else (),
        "secondary_year": secondary_year if isinstance(secondary_year, int) and secondary_year > 0 else None,
    }


def version_templates(
    body: InsensitiveDict, known: dict[int, VersionTemplate] | None = None
) -> list[VersionTemplate]:
    """`versionTemplateIds` of a POST /movie or movie/import item (ours): the templates whose versions
    the movie gets as it is added; an unknown id refuses the item. `known`: every template, read once
    for a whole library import."""
    value = body.get("versionTemplateIds")
    if value is None:
        return []
    ids = id_list("versionTemplateIds", value)
    found = VersionTemplate.objects.in_bulk(ids) if known is None else known
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationFailed([Failure("versionTemplateIds", "Version template does not exist", missing[0])])
    return [found[pk] for pk in dict.fromkeys(ids)]


def version_template(body: InsensitiveDict) -> VersionTemplate | None:
    """The bulk editor's `versionTemplateId` (ours): the template whose version every movie gets."""
    pk = _int(body, "versionTemplateId")
    if pk is None:
        return None
    template = VersionTemplate.objects.filter(pk=pk).first()
    if template is None:
        raise invalid("versionTemplateId", "Version template does not exist", pk)
    return template


# ---- views


def _add(request: HttpRequest) -> HttpResponse:
    body = read_json_object(request)
    tmdb_id = _int(body, "tmdbId")
    if not tmdb_id or tmdb_id <= 0:
        raise invalid("TmdbId", "'Tmdb Id' must be greater than '0'.", tmdb_id)
    arguments = add_arguments(body)
    templates = version_templates(body)
    if Movie.objects.filter(tmdb_id=tmdb_id).exists():
        raise invalid("TmdbId", "This movie has already been added", tmdb_id)
    metadata = call_tmdb(adding.fetch_metadata, tmdb_id)
    movie = adding.add_movie(metadata, **arguments, version_templates=templates)
    return resource_response(movie, status=201)


def _update(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    movie = row_or_404(Movie.objects.all(), "Movie", resource_id(path_id, body))
    movie = editing.update_movie(movie, update_changes(body), move_files=request.query.get_bool("moveFiles"))
    return resource_response(movie, status=202)


@api_view("GET", "POST", "PUT")
def movie_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _add(request)
    if request.method == "PUT":
        return _update(request, None)
    tmdb_id = request.query.get_int("tmdbId")
    local_covers = not request.query.get_bool("excludeLocalCovers")
    if not tmdb_id and local_covers:
        return movies_response(library_json())  # the whole library, from the resource cache
    movies = Movie.objects.filter(tmdb_id=tmdb_id) if tmdb_id else Movie.objects.all()
    return movies_response(movie_resources_json(movies, local_covers=local_covers))


@api_view("GET", "PUT", "DELETE")
def movie_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update(request, id)
    if request.method == "GET":
        found = movie_resources(Movie.objects.filter(pk=id))  # the same queries as the list, no more
        if not found:
            raise NotFound("Movie", id)
        return HttpResponse(orjson.dumps(found[0]), content_type="application/json; charset=utf-8")
    movie = row_or_404(Movie.objects.all(), "Movie", id)
    deleting.delete_movie(
        movie,
        delete_files=request.query.get_bool("deleteFiles"),
        add_exclusion=request.query.get_bool("addImportExclusion"),
    )
    return HttpResponse(status=200)


def _editor_body(request: HttpRequest) -> InsensitiveDict:
    """pyarr sends the DELETE body as JSON; an empty DELETE body falls back to the query string."""
    if request.method == "DELETE" and not request_body(request, bulk=True):
        return InsensitiveDict({})
    return read_json_object(request, bulk=True)


def _movie_ids(body: InsensitiveDict) -> list[int]:
    ids = body.get("movieIds")
    if not isinstance(ids, list) or not ids:
        raise invalid("MovieIds", "'Movie Ids' must not be empty.", ids)
    return id_list("MovieIds", ids)


def _flag(request: HttpRequest, body: InsensitiveDict, name: str) -> bool:
    return bool(optional_bool(name, body.get(name))) or request.query.get_bool(name)


def _apply_tags(value: Any) -> str:
    """add, remove or replace, by name or by Radarr's number; anything else is a 400."""
    if isinstance(value, int) and not isinstance(value, bool) and value in _APPLY_TAGS_NUMBERS:
        return _APPLY_TAGS_NUMBERS[value]
    if isinstance(value, str) and value.lower() in _APPLY_TAGS_NUMBERS.values():
        return value.lower()
    raise invalid("ApplyTags", "'Apply Tags' must be add, remove or replace", value)


@api_view("PUT", "DELETE")
def movie_editor(request: HttpRequest) -> HttpResponse:
    body = _editor_body(request)
    if request.method == "DELETE":
        ids = _movie_ids(body) if body else request.query.get_int_list("movieIds")
        outcome = deleting.delete_movies(
            ids,
            delete_files=_flag(request, body, "deleteFiles"),
            add_exclusion=_flag(request, body, "addImportExclusion"),
        )
        if outcome.refused:  # the others are deleted; these stay, and the client hears why
            message = f"{len(outcome.refused)} movie(s) were not deleted ({outcome.deleted} were)"
            raise ApiError(409, message, " ".join(outcome.refused))
        return HttpResponse(status=200)
    ids = _movie_ids(body)
    editing.edit_movies(
        ids,
        monitored=optional_bool("monitored", body.get("monitored")),
        quality_profile_id=_int(body, "qualityProfileId"),
        minimum_availability=minimum_availability(body.get("minimumAvailability"), None),  # type: ignore[arg-type]
        root_folder_path=path_text(body, "rootFolderPath") or None,
        move_files=bool(optional_bool("moveFiles", body.get("moveFiles"))),
        tag_ids=_tag_ids(body.get("tags")) if body.get("tags") is not None else None,
        apply_tags=_apply_tags(body.get("applyTags") or "add"),
        version_template=version_template(body),
    )
    return movies_by_id_response(ids, status=202)


def _import_request(item: Any, roots: list[str]) -> ImportRequest:
    if not isinstance(item, dict):
        raise ApiError(400, "Each movie to import must be a JSON object")
    body = InsensitiveDict(item)
    arguments = add_arguments(body)
    metadata = metadata_from_resource(body)
    if arguments["path"]:  # before any item is added: bad input, not a skip
        failure = path_failure("Path", arguments["path"], roots)
    elif arguments["root_folder_path"]:  # arrapi: the folder is named in the root folder, as Radarr does
        failure = root_folder_failure("RootFolderPath", arguments["root_folder_path"], roots)
    else:
        raise invalid("Path", "'Path' must not be empty.", body.get("path"))
    if failure:
        raise ValidationFailed([failure])
    if not metadata.title:  # a bare {tmdbId, path}: TMDB supplies the rest
        metadata = call_tmdb(adding.fetch_metadata, metadata.tmdb_id)
    return ImportRequest(
        path=arguments["path"] or "",
        root_folder_path=arguments["root_folder_path"] or "",
        metadata=metadata,
        quality_profile_id=arguments["quality_profile_id"],
        minimum_availability=arguments["minimum_availability"],
        monitored=arguments["monitored"],
        monitor=arguments["monitor"],
        tag_ids=tuple(arguments["tag_ids"]),
        search_for_movie=arguments["search_for_movie"],
    )


@api_view("POST")
def movie_import(request: HttpRequest) -> HttpResponse:
    """Library import: the movies to add with the folders they already have; refused ones are skipped."""
    ids = _import_body(request)
    release_memory()  # the body of a whole library (60 MB at 20,000 movies) is not kept mapped
    return movies_by_id_response(ids)


def _import_body(request: HttpRequest) -> list[int]:
    items = read_json(request, bulk=True)
    if not isinstance(items, list):
        raise ApiError(400, "Request body must be a JSON array of movies")
    roots = configured_root_folders()  # read once: Radarr's UI and Kometa send whole libraries
    known = VersionTemplate.objects.in_bulk()
    requests: list[ImportRequest] = []
    wished: dict[int, list[VersionTemplate]] = {}  # TMDB id → the version templates the item asks for (ours)
    for index, item in enumerate(items):
        items[index] = None  # each item is let go once read: a whole library's dicts are not all kept
        request = _import_request(item, roots)
        if templates := version_templates(InsensitiveDict(item), known):
            wished[request.metadata.tmdb_id] = templates
        requests.append(request)
    del items
    added, _refused = import_movies(requests)
    _add_versions(added, wished)
    return [movie.pk for movie in added]


def _add_versions(added: list[AddedMovie], wished: dict[int, list[VersionTemplate]]) -> None:
    """Each imported movie gets the versions of the templates its item named: one batch per template."""
    by_template: dict[int, tuple[VersionTemplate, list[int]]] = {}
    for movie in added:
        for template in wished.get(movie.tmdb_id, ()):
            by_template.setdefault(template.pk, (template, []))[1].append(movie.pk)
    for template, movie_ids in by_template.values():
        apply_template(movie_ids, template)


api_v3: list[URLPattern] = [
    path("movie", movie_collection),
    path("movie/editor", movie_editor),
    path("movie/import", movie_import),
    path("movie/<int:id>", movie_detail),
]
