"""v3 auto tagging: `/autotagging` CRUD and `/autotagging/schema` (Radarr's AutoTaggingController)."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path

from movies.autotagging import CONDITION_KINDS, CONDITIONS, ConditionField, ConditionKind
from movies.autotagrules import delete_auto_tag, rule_input, save_auto_tag
from movies.models import AutoTag
from radarr.api.auth import api_view
from radarr.api.errors import invalid
from radarr.api.identity import resource_id, row_or_404
from radarr.api.params import InsensitiveDict
from radarr.api.responses import json_response, read_json_object


def field_resource(field: ConditionField, value: Any) -> dict[str, Any]:
    """One field in Radarr's Field shape (None-valued keys are dropped on the way out)."""
    options = field.select_options()
    return {
        "order": field.order,
        "name": field.name,
        "label": field.label,
        "unit": field.unit,
        "value": value,
        "type": field.type,
        "advanced": False,
        "selectOptions": [
            {"value": option.value, "name": option.name, "order": option.order} for option in options
        ]
        if options
        else None,
        "privacy": "normal",
        "isFloat": False,
    }


def _specification_resource(kind: ConditionKind, specification: dict[str, Any]) -> dict[str, Any]:
    values = specification.get("fields") or {}
    return {
        "id": 0,  # conditions have no id of their own (Radarr declares one, as for custom formats)
        "name": specification.get("name"),
        "implementation": kind.implementation,
        "implementationName": kind.implementation_name,
        "negate": bool(specification.get("negate")),
        "required": bool(specification.get("required")),
        "fields": [field_resource(field, values.get(field.name, field.default)) for field in kind.fields],
    }


def auto_tag_resource(auto_tag: AutoTag) -> dict[str, Any]:
    """An AutoTag in Radarr's AutoTaggingResource shape; reads `tags` (prefetch them for lists)."""
    return {
        "id": auto_tag.pk,
        "name": auto_tag.name,
        "removeTagsAutomatically": auto_tag.remove_tags_automatically,
        "tags": sorted(tag.pk for tag in auto_tag.tags.all()),
        "specifications": [
            _specification_resource(CONDITIONS[spec["implementation"]], spec)
            for spec in auto_tag.specifications
            if spec.get("implementation") in CONDITIONS
        ],
    }


def _rules() -> QuerySet[AutoTag]:
    return AutoTag.objects.prefetch_related("tags")


def _save(request: HttpRequest, existing: AutoTag | None) -> AutoTag:
    body = InsensitiveDict(read_json_object(request))
    specifications = body.get("specifications")
    if specifications is not None and not isinstance(specifications, list):
        raise invalid("Specifications", "'Specifications' must be a list", specifications)
    tags = body.get("tags")
    if tags is not None and not isinstance(tags, list):
        raise invalid("Tags", "'Tags' must be a list of tag ids", tags)
    rule = rule_input(body.get("name"), body.get("removeTagsAutomatically"), tags, specifications)
    return save_auto_tag(rule, existing)


def _update(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    auto_tag = row_or_404(_rules(), "AutoTag", resource_id(path_id, body))
    saved = _save(request, auto_tag)
    return json_response(auto_tag_resource(saved), status=202)


@api_view("GET", "POST", "PUT")
def auto_tag_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        created = _save(request, None)
        return json_response(auto_tag_resource(created), status=201)
    if request.method == "PUT":  # pyarr-style clients PUT without an id in the path
        return _update(request, None)
    return json_response([auto_tag_resource(auto_tag) for auto_tag in _rules()])


@api_view("GET", "PUT", "DELETE")
def auto_tag_item(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update(request, id)
    auto_tag = row_or_404(_rules(), "AutoTag", id)
    if request.method == "DELETE":
        delete_auto_tag(auto_tag)
        return HttpResponse(status=200)
    return json_response(auto_tag_resource(auto_tag))


def _template_resource(kind: ConditionKind) -> dict[str, Any]:
    return {
        "id": 0,
        "implementation": kind.implementation,
        "implementationName": kind.implementation_name,
        "negate": False,
        "required": False,
        "fields": [field_resource(field, field.default) for field in kind.fields],
    }


@api_view("GET")
def auto_tag_schema(request: HttpRequest) -> HttpResponse:
    kinds = sorted(CONDITION_KINDS, key=lambda kind: kind.order)  # stable: the catalogue's order within one
    return json_response([_template_resource(kind) for kind in kinds])


api_v3 = [
    path("autotagging", auto_tag_collection),
    path("autotagging/schema", auto_tag_schema),
    path("autotagging/<int:id>", auto_tag_item),
]
