"""v3 download clients: `/downloadclient` CRUD, schema, test, testall and bulk (the shared provider
views, `radarr.api.providers`); `/config/downloadclient`; `/remotepathmapping` CRUD.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path

from downloads.editing import DOWNLOAD_CLIENTS, save_download_client_config
from downloads.models import DownloadClientConfig, RemotePathMapping
from downloads.remotepaths import delete_remote_path_mapping, save_remote_path_mapping
from downloads.resources import download_client_config_resource, remote_path_mapping_resource
from radarr.api.auth import api_view
from radarr.api.identity import resource_id, row_or_404
from radarr.api.providers import provider_api_urls
from radarr.api.responses import json_response, read_json_object


@api_view("GET", "PUT")
def download_client_config(request: HttpRequest, id: int | None = None) -> HttpResponse:
    if request.method == "PUT":
        config = save_download_client_config(read_json_object(request))
        return json_response(download_client_config_resource(config), status=202)
    return json_response(download_client_config_resource(DownloadClientConfig.load()))


def _mapping(mapping_id: int) -> RemotePathMapping:
    return row_or_404(RemotePathMapping.objects.all(), "RemotePathMapping", mapping_id)


def _save_mapping(body: dict[str, Any], mapping: RemotePathMapping | None) -> RemotePathMapping:
    def text(key: str) -> str:
        value = body.get(key)
        return value if isinstance(value, str) else ""

    return save_remote_path_mapping(text("host"), text("remotePath"), text("localPath"), mapping)


@api_view("GET", "POST", "PUT")
def remote_path_mapping_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        created = _save_mapping(read_json_object(request), None)
        return json_response(remote_path_mapping_resource(created), status=201)
    if request.method == "PUT":
        return _update_mapping(request, None)
    return json_response([remote_path_mapping_resource(m) for m in RemotePathMapping.objects.all()])


def _update_mapping(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    mapping = _save_mapping(body, _mapping(resource_id(path_id, body)))
    return json_response(remote_path_mapping_resource(mapping), status=202)


@api_view("GET", "PUT", "DELETE")
def remote_path_mapping_item(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update_mapping(request, id)
    mapping = _mapping(id)
    if request.method == "DELETE":
        delete_remote_path_mapping(mapping)
        return HttpResponse(status=200)
    return json_response(remote_path_mapping_resource(mapping))


api_v3 = [
    *provider_api_urls(DOWNLOAD_CLIENTS, "downloadclient"),
    path("config/downloadclient", download_client_config),
    path("config/downloadclient/<int:id>", download_client_config),
    path("remotepathmapping", remote_path_mapping_collection),
    path("remotepathmapping/<int:id>", remote_path_mapping_item),
]
