"""Saved filters of list pages (/api/v3/customfilter, Radarr's CustomFilterController): the UI stores
the movie index's named filters here and reads them back; the conditions are kept as sent."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from radarr.api.auth import api_view
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.identity import row_or_404
from radarr.api.params import InsensitiveDict
from radarr.api.responses import json_response, read_json_object
from radarr.models import CustomFilter

_TEXT_LIMITS = {"type": 100, "label": 200}


def custom_filter_resource(custom_filter: CustomFilter) -> dict[str, Any]:
    return {
        "id": custom_filter.pk,
        "type": custom_filter.type,
        "label": custom_filter.label,
        "filters": custom_filter.filters,
    }


def save_custom_filter(body: InsensitiveDict, custom_filter: CustomFilter) -> CustomFilter:
    """Fill the row from a CustomFilterResource body and save it; a 400 listing every problem."""
    failures = []
    for name, limit in _TEXT_LIMITS.items():
        value = body.get(name, getattr(custom_filter, name))
        if not isinstance(value, str) or not value.strip():
            failures.append(Failure(name, f"'{name.title()}' must not be empty", value))
        elif len(value) > limit:
            failures.append(Failure(name, f"'{name.title()}' must be {limit} characters or fewer", value))
        else:
            setattr(custom_filter, name, value)
    filters = body.get("filters", custom_filter.filters)
    if not isinstance(filters, list) or not all(isinstance(item, dict) for item in filters):
        failures.append(Failure("filters", "'Filters' must be a list of objects", filters))
    else:
        custom_filter.filters = filters
    if failures:
        raise ValidationFailed(failures)
    custom_filter.save()
    return custom_filter


@api_view("GET", "POST")
def custom_filter_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        saved = save_custom_filter(read_json_object(request), CustomFilter(filters=[]))
        return json_response(custom_filter_resource(saved), status=201)
    return json_response([custom_filter_resource(row) for row in CustomFilter.objects.all()])


@api_view("GET", "PUT", "DELETE")
def custom_filter_item(request: HttpRequest, id: int) -> HttpResponse:
    custom_filter = row_or_404(CustomFilter.objects.all(), "Custom filter", id)
    if request.method == "PUT":
        saved = save_custom_filter(read_json_object(request), custom_filter)
        return json_response(custom_filter_resource(saved), status=202)
    if request.method == "DELETE":
        custom_filter.delete()
        return HttpResponse(status=200)
    return json_response(custom_filter_resource(custom_filter))
