"""The v3 endpoints every provider family answers alike (Radarr's ProviderControllerBase):
`/{family}` list, create and update, `/{family}/{id}`, `/schema`, `/test`, `/testall`, `/bulk` and
`/action/{name}`.

A create or update of an enabled provider tests it first and its errors (not its warnings) refuse the
save; `?forceSave=true` skips the test (Prowlarr retries with it after a 400).
"""

from functools import partial
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from radarr.api.auth import api_view
from radarr.api.bulk import (
    bulk_ids,
    force_save_requested,
    provider_test_results,
    raise_test_errors,
    saved_row_for_test,
)
from radarr.api.errors import ApiError
from radarr.api.identity import row_or_404, row_to_save, saved_status
from radarr.api.responses import json_response, read_json_object
from radarr.providerfamily import (
    ProviderFamily,
    build_provider,
    bulk_edit_providers,
    delete_providers,
    run_provider_test,
    save_provider,
)
from radarr.providers import ProviderError, safe_message
from radarr.system.health import recheck_health


def provider_api_urls(family: ProviderFamily, route: str, *, bulk: bool = True) -> list[URLPattern]:
    """The family's seven routes under `route` ("indexer", "downloadclient", "notification"); six for
    a family Radarr edits one at a time (metadata: `bulk` False)."""
    family_kwargs = {"family": family}
    return [
        path(route, provider_collection, family_kwargs),
        path(f"{route}/schema", provider_schema, family_kwargs),
        path(f"{route}/test", provider_test, family_kwargs),
        path(f"{route}/testall", provider_test_all, family_kwargs),
        *([path(f"{route}/bulk", provider_bulk, family_kwargs)] if bulk else []),
        path(f"{route}/action/<str:name>", provider_action, family_kwargs),
        path(f"{route}/<int:id>", provider_item, family_kwargs),
    ]


def _row(family: ProviderFamily, pk: int) -> Any:
    return row_or_404(family.model.objects.for_resource(), family.resource_name, pk)


def _save(request: HttpRequest, family: ProviderFamily, path_id: int | None) -> HttpResponse:
    force = force_save_requested(request)  # a bad value is a 400 before anything is read
    body = read_json_object(request)
    existing = row_to_save(request, family.model.objects.for_resource(), family.resource_name, path_id, body)
    row, tags = build_provider(family, body, existing)
    save_provider(family, row, tags, force=force)
    return json_response(family.resource(_row(family, row.pk)), status=saved_status(request))


@api_view("GET", "POST", "PUT")  # pyarr-style clients PUT without an id in the path
def provider_collection(request: HttpRequest, family: ProviderFamily) -> HttpResponse:
    if request.method in ("POST", "PUT"):
        return _save(request, family, None)
    return json_response([family.resource(row) for row in family.model.objects.for_resource()])


@api_view("GET", "PUT", "DELETE")
def provider_item(request: HttpRequest, family: ProviderFamily, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _save(request, family, id)
    row = _row(family, id)
    if request.method == "DELETE":
        delete_providers(family, [row.pk])
        return HttpResponse(status=200)
    return json_response(family.resource(row))


@api_view("GET")
def provider_schema(request: HttpRequest, family: ProviderFamily) -> HttpResponse:
    return json_response([family.template(cls) for cls in family.implementations.values()])


@api_view("POST")
def provider_test(request: HttpRequest, family: ProviderFamily) -> HttpResponse:
    """Test the provider the body describes, nothing saved; a saved one's masked secrets come from its row."""
    body = read_json_object(request)
    stored = saved_row_for_test(family.model.objects.all(), body)
    row, _ = build_provider(family, body, stored, for_test=True)
    failures = run_provider_test(family, row)
    if stored is not None:  # a saved provider that answers again should stop showing as failing
        recheck_health(family.health_key)
    raise_test_errors(failures)
    return json_response({})


@api_view("POST")
def provider_test_all(request: HttpRequest, family: ProviderFamily) -> HttpResponse:
    recheck_health(family.health_key)
    rows = family.model.objects.for_resource()
    return json_response(provider_test_results(rows, partial(run_provider_test, family)))


@api_view("PUT", "DELETE")
def provider_bulk(request: HttpRequest, family: ProviderFamily) -> HttpResponse:
    body = read_json_object(request)
    ids = bulk_ids(body)
    if request.method == "DELETE":
        delete_providers(family, ids)
        return HttpResponse(status=200)
    rows = bulk_edit_providers(family, ids, body)
    return json_response([family.resource(row) for row in rows], status=202)


@api_view("POST")
def provider_action(request: HttpRequest, family: ProviderFamily, name: str) -> HttpResponse:
    """Ask the provider the body describes (a saved one's masked secrets from its row) for `name`."""
    body = read_json_object(request)
    stored = saved_row_for_test(family.model.objects.all(), body)
    row, _ = build_provider(family, body, stored, for_test=True, validate=False)
    query = {key: request.GET.get(key, "") for key in request.GET}
    try:
        answer = family.implementations[row.implementation](row).request_action(name, query)
    except ProviderError as error:  # the remote side failed or refused: the caller's to fix, never a 500
        raise ApiError(400, safe_message(error.message)) from None
    return HttpResponse(orjson.dumps(answer), content_type="application/json; charset=utf-8")
