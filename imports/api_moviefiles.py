"""v3 endpoints: /api/v3/moviefile (list by movie or ids, one, edit or delete one or many)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from imports.filedeletion import FileDeletionError, delete_movie_file
from imports.fileproperties import body_properties, edit_movie_files, file_properties
from movies.fileresources import movie_file_resource, movie_file_resources
from movies.models import MovieFile
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, invalid
from radarr.api.identity import row_or_404
from radarr.api.params import whole_number
from radarr.api.responses import json_response, read_json, read_json_object


@api_view("GET")
def movie_file_collection(request: HttpRequest) -> HttpResponse:
    files = MovieFile.objects.select_related("movie", "version").order_by("pk")
    movie_id = request.query.get_int("movieId")
    file_ids = request.query.get_int_list("movieFileIds")
    if movie_id:
        files = files.filter(movie_id=movie_id)
    elif file_ids:
        files = files.filter(pk__in=file_ids)
    else:
        raise invalid("movieId", "movieId or movieFileIds must be given")
    return json_response(movie_file_resources(files))


@api_view("GET", "PUT", "DELETE")
def movie_file_item(request: HttpRequest, id: int) -> HttpResponse:
    movie_file = row_or_404(MovieFile.objects.select_related("movie", "version"), "Movie file", id)
    if request.method == "PUT":
        edit_movie_files({movie_file.pk: file_properties(read_json_object(request))})
        return json_response(
            movie_file_resource(row_or_404(MovieFile.objects.all(), "Movie file", id)), status=202
        )
    if request.method == "DELETE":
        _delete([movie_file])
        return HttpResponse(status=200)
    return json_response(movie_file_resource(movie_file))


def _edited_response(changes: dict) -> HttpResponse:
    files = edit_movie_files(changes)
    return json_response(movie_file_resources(MovieFile.objects.select_related("movie", "version").filter(
        pk__in=[movie_file.pk for movie_file in files]).order_by("pk")), status=202)  # fmt: skip


@api_view("PUT")
def movie_file_editor(request: HttpRequest) -> HttpResponse:
    """The same changes to several files: `{movieFileIds, quality, languages, edition, ...}`."""
    body = read_json_object(request)
    ids = body.get("movieFileIds")
    if not isinstance(ids, list) or not ids:
        raise invalid("movieFileIds", "A list of movie file ids is required", ids)
    properties = file_properties(body)
    return _edited_response({whole_number("movieFileIds", pk, minimum=1): properties for pk in ids})


@api_view("PUT", "DELETE")
def movie_file_bulk(request: HttpRequest) -> HttpResponse:
    body = read_json(request)
    if request.method == "PUT":  # each file's own changes: a list of MovieFileResource
        if not isinstance(body, list):
            raise invalid("", "A list of movie files is required", body)
        entries = [body_properties(entry) for entry in body]
        return _edited_response(
            {whole_number("id", entry.get("id"), minimum=1): file_properties(entry) for entry in entries}
        )
    ids = body.get("movieFileIds") if isinstance(body, dict) else body
    if not isinstance(ids, list) or not all(isinstance(value, int) for value in ids):
        raise invalid("movieFileIds", "A list of movie file ids is required", ids)
    _delete(list(MovieFile.objects.select_related("movie", "version").filter(pk__in=ids)))
    return HttpResponse(status=200)


def _delete(files: list[MovieFile]) -> None:
    for movie_file in files:
        try:
            delete_movie_file(movie_file)
        except FileDeletionError as error:
            raise ApiError(409, f"Could not delete {movie_file.relative_path}", str(error)) from error


api_v3 = [
    path("moviefile", movie_file_collection),
    path("moviefile/bulk", movie_file_bulk),
    path("moviefile/editor", movie_file_editor),
    path("moviefile/<int:id>", movie_file_item),
]
