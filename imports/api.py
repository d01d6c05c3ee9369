"""v3 manual import: `GET /manualimport` lists a folder's or download's files as an import would decide
them; `POST` (and pyarr's `PUT`) re-decides the given items with the user's overrides. The import itself
is the ManualImport command."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from imports.manual import manual_import_items, reprocess
from imports.resources import NO_SUCH_VERSION, manual_file_from_resource, manual_import_resource
from radarr.api.auth import api_view
from radarr.api.errors import invalid
from radarr.api.params import QueryParams
from radarr.api.responses import json_response, read_json


@api_view("GET", "POST", "PUT")
def manual_import(request: HttpRequest) -> HttpResponse:
    if request.method in ("POST", "PUT"):
        return _reprocess(request)
    query: QueryParams = request.query  # type: ignore[attr-defined]
    folder = query.get("folder") or ""
    download_id = query.get("downloadId") or ""
    if not folder and not download_id:
        raise invalid("folder", "Either a folder or a download id is required")
    items = manual_import_items(
        folder=folder,
        download_id=download_id,
        movie_id=query.get_int("movieId"),
        filter_existing_files=query.get_bool("filterExistingFiles", True),
    )
    movies: dict = {}
    versions: dict = {}
    return json_response([manual_import_resource(item, movies, versions) for item in items])


def _reprocess(request: HttpRequest) -> HttpResponse:
    body = read_json(request)
    entries = body if isinstance(body, list) else [body]
    files = [manual_file_from_resource(entry) for entry in entries]
    if any(file is None for file in files):
        raise invalid("path", "Every item needs the path of its file")
    if any(file.version_id == NO_SUCH_VERSION for file in files if file):
        raise invalid("versionId", "versionId must be the id of one of the movie's versions (0: primary)")
    movies: dict = {}
    versions: dict = {}
    return json_response(
        [manual_import_resource(reprocess(file), movies, versions) for file in files if file]
    )


api_v3 = [path("manualimport", manual_import)]
