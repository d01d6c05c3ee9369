"""v3 import lists: `/importlist` (the shared provider views: CRUD, schema, test, testall, bulk,
action), `config/importlist`, and `importlist/movie` (Discover: what the lists name that the library
lacks, and adding some of them)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path

from movies import adding
from movies.api.lookup import call_tmdb
from movies.api.movies import add_arguments, movies_by_id_response
from movies.discover import discover_movies
from movies.importlistediting import IMPORT_LISTS, import_list_config_resource, save_import_list_config
from movies.importlistsync import preview_clean
from movies.models import ImportListConfig, ListSyncLevel, Movie
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, ValidationFailed, invalid
from radarr.api.params import InsensitiveDict, optional_whole_number
from radarr.api.providers import provider_api_urls
from radarr.api.responses import json_response, read_json, read_json_object


@api_view("GET", "PUT")
def import_list_config(request: HttpRequest, id: str | None = None) -> HttpResponse:
    """config/importlist and config/importlist/{id}: one object (id 1); a PUT answers 202."""
    if request.method == "PUT":
        config = save_import_list_config(read_json_object(request))
        return json_response(import_list_config_resource(config), status=202)
    return json_response(import_list_config_resource(ImportListConfig.load()))


@api_view("GET")
def import_list_clean_preview(request: HttpRequest) -> HttpResponse:
    """Ours: what clean library would do now (a dry run) at the saved level, or at `listSyncLevel` and
    `listSyncTag` when given (to see a choice before saving it). Nothing is changed."""
    level = request.query.get("listSyncLevel") or None
    if level is not None and level not in ListSyncLevel.values:
        raise invalid("listSyncLevel", f"'{level}' is not a valid clean library level", level)
    tag = request.query.get_int("listSyncTag", minimum=0)
    return json_response(preview_clean(level, tag).as_resource())


def _add_from_list(item: Any) -> Movie | None:
    """One movie of a POST importlist/movie; one already in the library is skipped, as Radarr."""
    if not isinstance(item, dict):
        raise ApiError(400, "Each movie to add must be a JSON object")
    body = InsensitiveDict(item)
    tmdb_id = optional_whole_number("tmdbId", body.get("tmdbId"))
    if not tmdb_id or tmdb_id <= 0:
        raise invalid("TmdbId", "'Tmdb Id' must be greater than '0'.", tmdb_id)
    if Movie.objects.filter(tmdb_id=tmdb_id).exists():
        return None
    arguments = {**add_arguments(body), "add_method": "list"}
    return adding.add_movie(call_tmdb(adding.fetch_metadata, tmdb_id), **arguments)


@api_view("GET", "POST")
def import_list_movies(request: HttpRequest) -> HttpResponse:
    """GET: what the lists named at their last sync, with TMDB's recommended, trending and popular
    movies when asked (Discover);
    POST: add the movies sent (MovieResource array), answering those added."""
    if request.method == "POST":
        items = read_json(request)
        if not isinstance(items, list):
            raise ApiError(400, "Request body must be a JSON array of movies")
        added: list[int] = []
        failures = []
        for item in items:
            try:
                movie = _add_from_list(item)
            except ValidationFailed as error:
                failures.extend(error.failures)
                continue
            if movie is not None:
                added.append(movie.pk)
        if failures and not added:
            raise ValidationFailed(failures)
        return movies_by_id_response(added)
    return json_response(
        discover_movies(
            recommendations=request.query.get_bool("includeRecommendations"),
            trending=request.query.get_bool("includeTrending"),
            popular=request.query.get_bool("includePopular"),
        )
    )


api_v3 = [
    path("importlist/movie", import_list_movies),
    *provider_api_urls(IMPORT_LISTS, "importlist"),
    path("config/importlist/preview", import_list_clean_preview),
    re_path(r"^config/importlist(?:/(?P<id>[0-9]+))?$", import_list_config),
]
