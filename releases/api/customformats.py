"""v3 custom formats: `/customformat` CRUD, `/customformat/schema` and the bulk edit and delete.

Input `fields` may be Radarr's `[{name, value}]` array or the export/TRaSH object map; values are stored
in the JSON types given and returned in them (Recyclarr compares them to decide what to update).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path

from radarr.api.auth import api_view
from radarr.api.bulk import bulk_ids
from radarr.api.errors import Failure, NotFound, ValidationFailed, invalid
from radarr.api.identity import resource_id, row_or_404
from radarr.api.params import InsensitiveDict, optional_bool, optional_text
from radarr.api.responses import json_response, read_json_object
from releases.customformats import (
    SPECIFICATION_TYPES,
    SPECIFICATIONS,
    delete_custom_formats,
    save_custom_format,
    specifications_from_input,
    validate_custom_format,
)
from releases.customformats.editing import stored_field_values
from releases.customformats.specifications import INFO_LINK, FieldDefinition, SpecificationType
from releases.models import CustomFormat


def field_resource(field: FieldDefinition, value: Any) -> dict[str, Any]:
    """One field in Radarr's Field shape (None-valued keys are dropped on the way out)."""
    options = field.select_options()
    return {
        "order": field.order,
        "name": field.name,
        "label": field.label,
        "unit": field.unit,
        "helpText": field.help_text,
        "value": value,
        "type": field.type,
        "advanced": False,
        "selectOptions": [
            {"value": option.value, "name": option.name, "order": order}
            for order, option in enumerate(options)
        ]
        if options
        else None,
        "privacy": "normal",
        "isFloat": field.is_float,
    }


def specification_resource(specification: dict[str, Any]) -> dict[str, Any]:
    kind = SPECIFICATIONS.get(specification.get("implementation") or "")
    values = stored_field_values(specification)
    return {
        "name": specification.get("name", ""),
        "implementation": specification.get("implementation", ""),
        "implementationName": kind.implementation_name if kind else None,
        "infoLink": INFO_LINK,
        "negate": bool(specification.get("negate")),
        "required": bool(specification.get("required")),
        "fields": [field_resource(field, values.get(field.name)) for field in kind.fields] if kind else [],
    }


def custom_format_resource(custom_format: CustomFormat) -> dict[str, Any]:
    """A CustomFormat in Radarr's CustomFormatResource shape."""
    return {
        "id": custom_format.pk,
        "name": custom_format.name,
        "includeCustomFormatWhenRenaming": custom_format.include_custom_format_when_renaming,
        "specifications": [specification_resource(spec) for spec in custom_format.specifications],
    }


def template_resource(kind: SpecificationType) -> dict[str, Any]:
    return {
        "implementation": kind.implementation,
        "implementationName": kind.implementation_name,
        "infoLink": INFO_LINK,
        "negate": False,
        "required": False,
        "fields": [field_resource(field, field.default) for field in kind.fields],
        "presets": [],
    }


def _get_format(format_id: int) -> CustomFormat:
    return row_or_404(CustomFormat.objects.all(), "CustomFormat", format_id)


def _specification_failures(index: int, item: Any) -> list[Failure]:
    where = f"specifications[{index}]"
    if not isinstance(item, dict):
        return [Failure(where, "Each condition must be an object", item)]
    body = InsensitiveDict(item)
    failures = [
        Failure(f"{where}.{key}", f"'{key}' must be {kind}", body.get(key))
        for key, kind, types in (("name", "text", str), ("implementation", "text", str))
        + (("negate", "true or false", bool), ("required", "true or false", bool))
        if body.get(key) is not None and not isinstance(body.get(key), types)
    ]
    fields = body.get("fields")
    named = isinstance(fields, list) and all(
        isinstance(field, dict) and isinstance(InsensitiveDict(field).get("name"), str) for field in fields
    )
    if fields is not None and not named and not isinstance(fields, dict):
        failures.append(Failure(f"{where}.fields", "Fields must be a list of {name, value}", fields))
    return failures


def _specifications(raw: Any) -> list[dict[str, Any]]:
    """Conditions as sent, in the stored shape; a wrong type anywhere is a 400 saying where."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise invalid("specifications", "'Specifications' must be a list", raw)
    if failures := [
        failure for index, item in enumerate(raw) for failure in _specification_failures(index, item)
    ]:
        raise ValidationFailed(failures)
    return specifications_from_input(raw)


def format_from_body(body: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """A client's custom format (name and conditions) checked as a save checks it, without saving (a
    preview of the change weighs it); ValidationFailed when it could not be saved."""
    name = (optional_text("name", body.get("name")) or "").strip()
    specifications = _specifications(body.get("specifications"))
    if failures := validate_custom_format(name, specifications):
        raise ValidationFailed(failures)
    return name, specifications


def _save_from_body(body: dict[str, Any], custom_format: CustomFormat | None) -> CustomFormat:
    """POST and PUT replace the whole format; a missing renaming flag means false, as in Radarr."""
    return save_custom_format(
        optional_text("name", body.get("name")) or "",
        bool(optional_bool("includeCustomFormatWhenRenaming", body.get("includeCustomFormatWhenRenaming"))),
        _specifications(body.get("specifications")),
        custom_format=custom_format,
    )


@api_view("GET", "POST", "PUT")
def custom_format_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        created = _save_from_body(read_json_object(request), None)
        return json_response(custom_format_resource(created), status=201)
    if request.method == "PUT":  # pyarr-style clients PUT without an id in the path
        return _update(request, None)
    return json_response([custom_format_resource(fmt) for fmt in CustomFormat.objects.all()])


def _update(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    updated = _save_from_body(body, _get_format(resource_id(path_id, body)))
    return json_response(custom_format_resource(updated), status=202)


@api_view("GET", "PUT", "DELETE")
def custom_format_item(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _update(request, id)
    custom_format = _get_format(id)
    if request.method == "DELETE":
        delete_custom_formats([custom_format.pk])
        return HttpResponse(status=200)
    return json_response(custom_format_resource(custom_format))


@api_view("GET")
def custom_format_schema(request: HttpRequest) -> HttpResponse:
    return json_response(
        [template_resource(kind) for kind in sorted(SPECIFICATION_TYPES, key=lambda k: k.order)]
    )


@api_view("PUT", "DELETE")
def custom_format_bulk(request: HttpRequest) -> HttpResponse:
    body = read_json_object(request)
    ids = bulk_ids(body)
    if request.method == "DELETE":
        delete_custom_formats(ids)
        return json_response({})
    formats = {fmt.pk: fmt for fmt in CustomFormat.objects.filter(pk__in=ids)}
    if missing := [format_id for format_id in ids if format_id not in formats]:
        raise NotFound("CustomFormat", missing[0])
    include = optional_bool("includeCustomFormatWhenRenaming", body.get("includeCustomFormatWhenRenaming"))
    if include is not None:
        CustomFormat.objects.filter(pk__in=ids).update(include_custom_format_when_renaming=bool(include))
        for custom_format in formats.values():
            custom_format.include_custom_format_when_renaming = bool(include)
    return json_response([custom_format_resource(formats[format_id]) for format_id in ids], status=202)


api_v3 = [
    path("customformat", custom_format_collection),
    path("customformat/schema", custom_format_schema),
    path("customformat/bulk", custom_format_bulk),
    path("customformat/<int:id>", custom_format_item),
]
