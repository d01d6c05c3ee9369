"""v3 endpoint: /diskspace (the disks of the root folders and the data folder)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies.diskspace import disk_space_resource, disk_spaces
from radarr.api.auth import api_view
from radarr.api.responses import json_response


@api_view("GET")
def diskspace(request: HttpRequest) -> HttpResponse:
    # Radarr numbers nothing here; an id per disk keeps the resource whole for generated clients
    return json_response(
        [{"id": number, **disk_space_resource(disk)} for number, disk in enumerate(disk_spaces(), start=1)]
    )


api_v3: list[URLPattern] = [
    path("diskspace", diskspace),
]
