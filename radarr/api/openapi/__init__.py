"""Our own OpenAPI 3 document of the v3 API: Radarr's resource shapes plus our extensions, each marked
with `x-radarr-django-extension`. Served without a key at /docs/v3/openapi.json, where Radarr serves its own:
it holds no secrets, and tools read it before they know the key."""

from functools import cache
from typing import Any

import orjson
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from radarr.api.openapi.notation import EXTENSION, parameters, ref, schema_of
from radarr.api.openapi.operations import OPERATIONS, PATH_TYPES, Op
from radarr.api.openapi.schemas import component_schemas

_DEFAULT_STATUS = {"GET": 200, "POST": 201, "PUT": 202, "DELETE": 200}
_ERROR = {"application/json": {"schema": ref("ErrorResource")}}
_BAD_REQUEST = {
    "application/json": {
        "schema": {"oneOf": [ref("ErrorResource"), schema_of("[ValidationFailureResource]")]}
    }
}
_SECURITY_SCHEMES = {
    "X-Api-Key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
    "apikey": {"type": "apiKey", "in": "query", "name": "apikey"},
}


def _path_parameters(op: Op) -> list[dict[str, Any]]:
    types = PATH_TYPES | dict(pair.split(":", 1) for pair in op.path_types.split())
    names = [part[1:-1] for part in op.path.split("/") if part.startswith("{")]
    return parameters("path", " ".join(f"{name}:{types[name]}" for name in names))


def _request_body(op: Op) -> dict[str, Any]:
    if op.body == "multipart":
        content = {"multipart/form-data": {"schema": ref("BackupUploadResource")}}
    else:
        content = {"application/json": {"schema": schema_of(op.body)}}
    return {"required": True, "content": content}


def _responses(op: Op, has_path_parameters: bool) -> dict[str, Any]:
    success: dict[str, Any] = {"description": "Done"}
    if op.returns:
        success["content"] = {op.media_type: {"schema": schema_of(op.returns)}}
    responses: dict[str, Any] = {str(op.status or _DEFAULT_STATUS[op.method]): success}
    if op.query or op.body:
        responses["400"] = {"description": "Invalid input", "content": _BAD_REQUEST}
    responses["401"] = {"description": "The API key is missing or wrong", "content": _ERROR}
    if has_path_parameters:
        responses["404"] = {"description": "No such resource", "content": _ERROR}
    if op.body:
        responses["413"] = {"description": "The body is larger than the server accepts", "content": _ERROR}
    return responses


def _operation(op: Op) -> dict[str, Any]:
    path_parameters = _path_parameters(op)
    operation: dict[str, Any] = {"tags": [op.tag], "summary": op.summary}
    if all_parameters := path_parameters + parameters("query", op.query):
        operation["parameters"] = all_parameters
    if op.body:
        operation["requestBody"] = _request_body(op)
    operation["responses"] = _responses(op, bool(path_parameters))
    if op.extension:
        operation[EXTENSION] = True
    return operation


@cache
def openapi_document(url_base: str = "") -> dict[str, Any]:
    """The whole document; `url_base` is RADARR_URL_BASE, the server every path is relative to."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Radarr v3 API (radarr-django)",
            "version": settings.RADARR_COMPAT_VERSION,
            "description": "Radarr's v3 API as this server answers it. Properties, parameters, operations "
            f"and resources that Radarr does not have are marked `{EXTENSION}: true`.",
        },
        "servers": [{"url": url_base or "/"}],
        "security": [{"X-Api-Key": []}, {"apikey": []}],
        "tags": [{"name": name} for name in sorted({op.tag for op in OPERATIONS})],
        "paths": paths,
        "components": {"schemas": component_schemas(), "securitySchemes": _SECURITY_SCHEMES},
    }


@login_not_required
@require_GET
def openapi_json(request: HttpRequest) -> HttpResponse:
    body = orjson.dumps(openapi_document(settings.URL_BASE))
    return HttpResponse(body, content_type="application/json; charset=utf-8")
