"""v3 endpoints of media management: config/naming (+ examples), config/mediamanagement, rename preview
and extra files. The config objects are PUT back whole by Recyclarr, with or without the id."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from imports.extras import extra_file_resource
from imports.mediamanagement import (
    NAMING_NAMES,
    media_management_resource,
    naming_config_resource,
    naming_draft,
    save_media_management_config,
    save_naming_config,
)
from imports.models import ExtraFile, MediaManagementConfig, NamingConfig
from imports.naming import NamingFormatError, naming_examples
from imports.renaming import rename_previews
from movies.models import Movie
from radarr.api.auth import api_view
from radarr.api.errors import NotFound, invalid
from radarr.api.responses import json_response, read_json_object


@api_view("GET", "PUT")
def naming_config(request: HttpRequest, id: int | None = None) -> HttpResponse:
    if request.method == "PUT":
        config = save_naming_config(read_json_object(request))
        return json_response(naming_config_resource(config), status=202)
    return json_response(naming_config_resource(NamingConfig.load()))


@api_view("GET")
def naming_config_examples(request: HttpRequest) -> HttpResponse:
    """Sample names for the formats in the query (the settings page's live examples)."""
    query = request.query  # type: ignore[attr-defined]
    values: dict[str, Any] = {name: query.get(name) for name in NAMING_NAMES if query.get(name) is not None}
    try:
        examples = naming_examples(naming_draft(values))
    except NamingFormatError as error:
        raise invalid("standardMovieFormat", str(error)) from error
    return json_response(examples)


@api_view("GET", "PUT")
def media_management_config(request: HttpRequest, id: int | None = None) -> HttpResponse:
    if request.method == "PUT":
        config = save_media_management_config(read_json_object(request))
        return json_response(media_management_resource(config), status=202)
    return json_response(media_management_resource(MediaManagementConfig.load()))


def _movie(request: HttpRequest) -> Movie:
    raw = request.query.get("movieId")  # type: ignore[attr-defined]
    if raw is None or not str(raw).isdigit():
        raise invalid("movieId", "movieId must be given", raw)
    movie = Movie.objects.filter(pk=int(raw)).first()
    if movie is None:
        raise NotFound("Movie", raw)
    return movie


@api_view("GET")
def rename_preview(request: HttpRequest) -> HttpResponse:
    """`[{movieId, movieFileId, existingPath, newPath}]` for the movie's files that would be renamed."""
    movie = _movie(request)
    return json_response([preview.as_resource() for preview in rename_previews(movie)])


@api_view("GET")
def extra_files(request: HttpRequest) -> HttpResponse:
    """A movie's extras; as in Radarr, no movieId or an unknown one is an empty list, not an error."""
    movie_id = request.query.get_int("movieId", 0)  # type: ignore[attr-defined]
    extras = ExtraFile.objects.filter(movie_id=movie_id).order_by("relative_path")
    return json_response([extra_file_resource(extra) for extra in extras])


api_v3: list[URLPattern] = [
    path("config/naming", naming_config),
    path("config/naming/examples", naming_config_examples),
    path("config/naming/<int:id>", naming_config),
    path("config/mediamanagement", media_management_config),
    path("config/mediamanagement/<int:id>", media_management_config),
    path("rename", rename_preview),
    path("extrafile", extra_files),
]
