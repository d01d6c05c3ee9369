"""v3 endpoints: /qualitydefinition (list, one, update one or many, size limits)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from radarr.api.auth import api_view
from radarr.api.errors import ApiError, NotFound
from radarr.api.identity import resource_id, row_or_404
from radarr.api.responses import json_response, read_json, read_json_object
from releases.models import QualityDefinition
from releases.qualities import SIZE_LIMIT_MAX, SIZE_LIMIT_MIN
from releases.qualitydefinitions import update_definition, update_definitions
from releases.resources import definition_input, quality_definition_resource


def _update_one(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    definition_id = resource_id(path_id, body)
    if not QualityDefinition.objects.filter(pk=definition_id).exists():
        raise NotFound("QualityDefinition", definition_id)
    definition = update_definition(definition_input(body, definition_id))
    return json_response(quality_definition_resource(definition), status=202)


@api_view("GET", "PUT")
def definition_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "PUT":  # Radarr's PUT without an id in the path takes it from the body
        return _update_one(request, None)
    return json_response([quality_definition_resource(d) for d in QualityDefinition.objects.all()])


@api_view("GET", "PUT")
def definition_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update_one(request, id)
    definition = row_or_404(QualityDefinition.objects.all(), "QualityDefinition", id)
    return json_response(quality_definition_resource(definition))


@api_view("PUT")
def definition_bulk_update(request: HttpRequest) -> HttpResponse:
    """Recyclarr's quality-size sync: an array of definitions, answered with all of them."""
    body = read_json(request)
    if not isinstance(body, list) or not all(isinstance(entry, dict) for entry in body):
        raise ApiError(400, "Request body must be a JSON array of quality definitions")
    changes = [definition_input(entry, resource_id(None, entry)) for entry in body]
    definitions = update_definitions(changes)
    return json_response([quality_definition_resource(d) for d in definitions], status=202)


@api_view("GET")
def definition_limits(request: HttpRequest) -> HttpResponse:
    return json_response({"min": SIZE_LIMIT_MIN, "max": SIZE_LIMIT_MAX})


api_v3: list[URLPattern] = [
    path("qualitydefinition", definition_collection),
    path("qualitydefinition/update", definition_bulk_update),
    path("qualitydefinition/limits", definition_limits),
    path("qualitydefinition/<int:id>", definition_detail),
]
