"""Pages: Settings → Quality, the size limits (MB per minute) and titles of every quality."""

import re

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from radarr.api.errors import ValidationFailed
from releases.models import QualityDefinition
from releases.qualities import QUALITIES_BY_ID, SIZE_LIMIT_MAX, SIZE_LIMIT_MIN
from releases.qualitydefinitions import DefinitionInput, update_definitions

_FIELDS = {"title": "title", "minSize": "min_size", "preferredSize": "preferred_size", "maxSize": "max_size"}
_BULK_PROPERTY = re.compile(r"^\[(?P<index>\d+)\]\.(?P<name>\w+)$")


class DefinitionForm(forms.Form):
    """One row of the table; an empty preferred or maximum size means unlimited."""

    title = forms.CharField(max_length=100)
    min_size = forms.FloatField()
    preferred_size = forms.FloatField(required=False)
    max_size = forms.FloatField(required=False)


def _row_forms(definitions: list[QualityDefinition], data: dict | None = None) -> list[DefinitionForm]:
    return [
        DefinitionForm(
            data,
            prefix=f"d{definition.pk}",
            initial={
                "title": definition.title,
                "min_size": definition.min_size,
                "preferred_size": definition.preferred_size,
                "max_size": definition.max_size,
            },
        )
        for definition in definitions
    ]


def show_failures(rows: list[DefinitionForm], failures: ValidationFailed) -> None:
    for failure in failures.failures:
        match = _BULK_PROPERTY.match(failure.property_name)
        index, name = (int(match["index"]), match["name"]) if match else (0, failure.property_name)
        rows[index].add_error(_FIELDS.get(name), failure.message)


@require_http_methods(["GET", "POST"])
def quality(request: HttpRequest) -> HttpResponse:
    definitions = list(QualityDefinition.objects.all())
    rows = _row_forms(definitions, request.POST if request.method == "POST" else None)
    if request.method == "POST" and all(row.is_valid() for row in rows):
        changes = [
            DefinitionInput(definition.pk, **row.cleaned_data)
            for definition, row in zip(definitions, rows, strict=True)
        ]
        try:
            update_definitions(changes)
        except ValidationFailed as failures:
            show_failures(rows, failures)
        else:
            messages.success(request, "Quality definitions saved.")
            return redirect("releases:quality")
    context = {
        "rows": [
            (definition, QUALITIES_BY_ID[definition.quality_id].name, row)
            for definition, row in zip(definitions, rows, strict=True)
        ],
        "limit_min": SIZE_LIMIT_MIN,
        "limit_max": SIZE_LIMIT_MAX,
    }
    return render(request, "releases/quality.html", context, status=400 if request.method == "POST" else 200)


urlpatterns: list[URLPattern] = [
    path("quality", quality, name="quality"),
]
