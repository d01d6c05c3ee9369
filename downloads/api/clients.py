"""v3 download clients: `/downloadclient` CRUD, schema, test, testall and bulk; `/config/downloadclient`;
`/remotepathmapping` CRUD.

Creating or updating an enabled client tests it first, as Radarr does; `?forceSave=true` skips the test
(Prowlarr-style clients retry with it after a 400). Test failures that are only warnings never block.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path

from downloads.clients import test_client
from downloads.editing import (
    build_client,
    bulk_edit_download_clients,
    client_input,
    delete_download_clients,
    save_download_client,
    save_download_client_config,
)
from downloads.implementations import IMPLEMENTATIONS
from downloads.models import DownloadClient, DownloadClientConfig, RemotePathMapping
from downloads.remotepaths import delete_remote_path_mapping, save_remote_path_mapping
from downloads.resources import (
    download_client_config_resource,
    download_client_resource,
    remote_path_mapping_resource,
    template_resource,
)
from radarr.api.auth import api_view
from radarr.api.bulk import (
    bulk_ids,
    force_save_requested,
    provider_test_results,
    raise_test_errors,
    saved_row_for_test,
)
from radarr.api.identity import resource_id, row_or_404
from radarr.api.responses import json_response, read_json_object
from radarr.system.health import recheck_health


def _client(client_id: int) -> DownloadClient:
    return row_or_404(DownloadClient.objects.for_resource(), "DownloadClient", client_id)


def _save(request: HttpRequest, body: dict[str, Any], client: DownloadClient | None) -> DownloadClient:
    force = force_save_requested(request)
    data = client_input(body)
    row = build_client(data, client)
    if row.enable and not force:
        raise_test_errors(test_client(row))
    saved = save_download_client(row, data.tags if data.tags is not None or client else [])
    recheck_health("downloadclient")  # new settings may fix (or cause) what the slow checks found
    return _client(saved.pk)


@api_view("GET", "POST", "PUT")
def download_client_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        created = _save(request, read_json_object(request), None)
        return json_response(download_client_resource(created), status=201)
    if request.method == "PUT":  # pyarr-style clients PUT without an id in the path
        return _update(request, None)
    return json_response(
        [download_client_resource(client) for client in DownloadClient.objects.for_resource()]
    )


def _update(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    client = _client(resource_id(path_id, body))
    return json_response(download_client_resource(_save(request, body, client)), status=202)


@api_view("GET", "PUT", "DELETE")
def download_client_item(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update(request, id)
    client = _client(id)
    if request.method == "DELETE":
        delete_download_clients([client.pk])
        recheck_health("downloadclient")
        return HttpResponse(status=200)
    return json_response(download_client_resource(client))


@api_view("GET")
def download_client_schema(request: HttpRequest) -> HttpResponse:
    return json_response([template_resource(cls) for cls in IMPLEMENTATIONS.values()])


@api_view("POST")
def download_client_test(request: HttpRequest) -> HttpResponse:
    """Test the client described by the body (a saved one's secrets are used when sent masked)."""
    body = read_json_object(request)
    stored = saved_row_for_test(DownloadClient.objects.all(), body)
    row = build_client(client_input(body), stored)
    if stored is not None:  # a saved client that answers again should stop showing as failing
        recheck_health("downloadclient")
    raise_test_errors(test_client(row))
    return json_response({})


@api_view("POST")
def download_client_test_all(request: HttpRequest) -> HttpResponse:
    recheck_health("downloadclient")
    return json_response(provider_test_results(DownloadClient.objects.all(), test_client))


@api_view("PUT", "DELETE")
def download_client_bulk(request: HttpRequest) -> HttpResponse:
    body = read_json_object(request)
    ids = bulk_ids(body)
    recheck_health("downloadclient")
    if request.method == "DELETE":
        delete_download_clients(ids)
        return HttpResponse(status=200)
    clients = bulk_edit_download_clients(ids, body)
    return json_response([download_client_resource(client) for client in clients], status=202)


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
    path("downloadclient", download_client_collection),
    path("downloadclient/schema", download_client_schema),
    path("downloadclient/test", download_client_test),
    path("downloadclient/testall", download_client_test_all),
    path("downloadclient/bulk", download_client_bulk),
    path("downloadclient/<int:id>", download_client_item),
    path("config/downloadclient", download_client_config),
    path("config/downloadclient/<int:id>", download_client_config),
    path("remotepathmapping", remote_path_mapping_collection),
    path("remotepathmapping/<int:id>", remote_path_mapping_item),
]
