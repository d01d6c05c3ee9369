"""v3 endpoints: /rootfolder (list with free space and unmapped folders, add) and /rootfolder/{id}."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies import library
from movies.models import RootFolder
from movies.resources import root_folder_resource
from radarr.api.auth import api_view
from radarr.api.identity import row_or_404
from radarr.api.responses import json_response, read_json_object
from radarr.system.health import recheck_health


@api_view("GET", "POST")
def root_folder_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        folder = library.add_root_folder(str(read_json_object(request).get("path") or ""))
        recheck_health("rootfolder")  # a client may download into the new root folder
        return json_response(root_folder_resource(folder), status=201)
    return json_response([root_folder_resource(folder) for folder in RootFolder.objects.all()])


@api_view("GET", "DELETE")
def root_folder_detail(request: HttpRequest, id: int) -> HttpResponse:
    folder = row_or_404(RootFolder.objects.all(), "RootFolder", id)
    if request.method == "DELETE":
        library.remove_root_folder(folder)
        recheck_health("rootfolder")
        return HttpResponse(status=200)
    return json_response(root_folder_resource(folder))


api_v3: list[URLPattern] = [
    path("rootfolder", root_folder_collection),
    path("rootfolder/<int:id>", root_folder_detail),
]
