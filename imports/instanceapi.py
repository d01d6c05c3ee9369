"""v3 `/movie/{id}` of a version template's virtual instance: reading and editing are the version's
(movies.api.versioninstance); deleting removes only the version, never the movie nor the primary
version's files. Here because removing a version's file goes through the recycle bin (imports)."""

from django.http import HttpRequest, HttpResponse

from imports import versionfiles
from imports.filedeletion import FileDeletionError
from movies.api import versioninstance
from movies.models import MovieVersion
from movies.versionresources import instance_versions
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, NotFound, invalid
from radarr.api.params import id_list
from radarr.api.responses import read_json_object


def delete_version(row: MovieVersion, *, delete_files: bool) -> None:
    """Remove the version (its file only when asked, through the recycle bin); a file that cannot go
    answers 409 and the version stays."""
    try:
        versionfiles.delete_version(row, delete_files=delete_files)
    except FileDeletionError as error:
        raise ApiError(409, f"Could not delete the file of the version '{row.name}'", str(error)) from error


@api_view("GET", "PUT", "DELETE")
def movie_detail(request: HttpRequest, id: int) -> HttpResponse:
    template = versioninstance.instance_template(request)
    if template is None:
        raise NotFound("Movie", id)
    if request.method == "GET":
        return versioninstance.read(template, id)
    if request.method == "PUT":
        return versioninstance.update(request, template, id)
    row = instance_versions(template, [id]).get(id)
    if row is None:
        raise NotFound("Movie", id)
    delete_version(row, delete_files=request.query.get_bool("deleteFiles"))  # type: ignore[attr-defined]
    return HttpResponse(status=200)


@api_view("PUT", "DELETE")
def movie_editor(request: HttpRequest) -> HttpResponse:
    """PUT edits the versions of the movies named; DELETE removes those versions, never the movies."""
    template = versioninstance.instance_template(request)
    if template is None:
        raise NotFound("Movie")
    body = read_json_object(request, bulk=True)
    ids = body.get("movieIds")
    if not isinstance(ids, list) or not ids:
        raise invalid("MovieIds", "'Movie Ids' must not be empty.", ids)
    movie_ids = id_list("MovieIds", ids)
    if request.method == "PUT":
        return versioninstance.edit(template, movie_ids, body)
    delete_files = body.get("deleteFiles") is True or request.query.get_bool("deleteFiles")  # type: ignore[attr-defined]
    for row in instance_versions(template, movie_ids).values():  # each as one removal: files go one by one
        delete_version(row, delete_files=delete_files)
    return HttpResponse(status=200)


@api_view("POST")
def movie_import(request: HttpRequest) -> HttpResponse:
    raise ApiError(405, "Library import adds movies to the main instance", "POST it without the URL base")
