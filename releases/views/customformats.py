"""Pages: Settings > Custom Formats (list, edit with conditions, delete, import and export).

The editor is one plain form: adding or removing a condition is a submit button that re-renders the form
(with HTMX only the form is swapped), so every step also works without JavaScript.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import int_or_none
from radarr.conditionforms import failures_by_field, posted_conditions
from releases.customformats import (
    SPECIFICATION_TYPES,
    SPECIFICATIONS,
    delete_custom_formats,
    export_custom_format,
    import_custom_format,
    save_custom_format,
    validate_custom_format,
)
from releases.customformats.editing import stored_field_values
from releases.customformats.specifications import FieldDefinition, FieldType, SpecificationType
from releases.models import CustomFormat


class CustomFormatForm(forms.Form):
    name = forms.CharField(max_length=200)
    include_custom_format_when_renaming = forms.BooleanField(
        required=False, label="Include Custom Format when Renaming"
    )


class ImportForm(forms.Form):
    json = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), label="Custom format JSON")

    def clean_json(self) -> list[Any]:
        try:
            data = json.loads(self.cleaned_data["json"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"This is not valid JSON: {error}") from error
        formats = data if isinstance(data, list) else [data]
        if not formats or not all(isinstance(item, dict) for item in formats):
            raise forms.ValidationError("Paste one custom format object, or a list of them.")
        return formats


@dataclass
class FieldRow:
    definition: FieldDefinition
    value: Any
    input_name: str
    errors: list[str] = field(default_factory=list)


@dataclass
class ConditionRow:
    """One condition as the editor shows it, with the messages that belong next to its inputs."""

    index: int
    kind: SpecificationType | None
    implementation: str
    name: str
    negate: bool
    required: bool
    fields: list[FieldRow]
    errors: list[str] = field(default_factory=list)


def _form_value(definition: FieldDefinition, raw: str | None) -> Any:
    """A posted field in the JSON type the API would store: whole numbers stay ints, flags booleans."""
    if definition.type == FieldType.CHECKBOX:
        return raw is not None
    raw = (raw or "").strip() if definition.type != FieldType.TEXTBOX else (raw or "")
    if definition.type in (FieldType.SELECT, FieldType.NUMBER):
        for convert in (int, float):
            try:
                return convert(raw)
            except ValueError:
                continue
    return raw


def conditions_from_post(data: Any) -> list[dict[str, Any]]:
    """The posted condition rows (`spec-<n>-<field>`) in the stored shape, in row order."""
    return posted_conditions(data, SPECIFICATIONS, _form_value)


def condition_rows(conditions: list[dict[str, Any]], failures: list[Failure]) -> list[ConditionRow]:
    """View rows for the editor; each failure lands on the row and field its property names."""
    located = failures_by_field(failures)
    rows = []
    for index, condition in enumerate(conditions):
        kind = SPECIFICATIONS.get(condition.get("implementation", ""))
        values = stored_field_values(condition)
        fields = [
            FieldRow(definition, values.get(definition.name), f"spec-{index}-{definition.name}")
            for definition in (kind.fields if kind else ())
        ]
        for row_field in fields:
            row_field.errors = located.pop((index, row_field.definition.name), [])
        row_errors = [text for (row, _), texts in located.items() if row == index for text in texts]
        rows.append(
            ConditionRow(
                index=index,
                kind=kind,
                implementation=condition.get("implementation", ""),
                name=condition.get("name", ""),
                negate=bool(condition.get("negate")),
                required=bool(condition.get("required")),
                fields=fields,
                errors=row_errors,
            )
        )
    return rows


def _editor(
    request: HttpRequest,
    form: CustomFormatForm,
    conditions: list[dict[str, Any]],
    custom_format: CustomFormat | None,
    failures: list[Failure] | None = None,
) -> HttpResponse:
    failures = failures or []
    general = [f.message for f in failures if not f.property_name.startswith(("specifications[", "name"))]
    for failure in failures:
        if failure.property_name == "name":
            form.add_error("name", failure.message)
    context = {
        "form": form,
        "rows": condition_rows(conditions, failures),
        "general_errors": general,
        "custom_format": custom_format,
        "kinds": sorted(SPECIFICATION_TYPES, key=lambda kind: kind.order),
        "action_url": request.path,
    }
    template = "releases/customformat_form.html#editor" if request.htmx else "releases/customformat_form.html"
    return render(request, template, context, status=400 if failures else 200)


def posted_format(request: HttpRequest) -> tuple[str, list[dict[str, Any]], list[Failure]]:
    """The editor's unsaved format (a preview posts it): name, conditions, and what a save would refuse."""
    name = request.POST.get("name", "").strip()
    conditions = conditions_from_post(request.POST)
    return name, conditions, validate_custom_format(name, conditions)


def _handle_editor_post(request: HttpRequest, custom_format: CustomFormat | None) -> HttpResponse:
    form = CustomFormatForm(request.POST)
    conditions = conditions_from_post(request.POST)
    action = request.POST.get("action", "save")
    if action == "add" and request.POST.get("add-implementation") in SPECIFICATIONS:
        kind = SPECIFICATIONS[request.POST["add-implementation"]]
        conditions.append({"name": "", "implementation": kind.implementation, "fields": {}})
        return _editor(request, CustomFormatForm(request.POST), conditions, custom_format)
    removed = int_or_none(action[7:], minimum=0, maximum=len(conditions) - 1)
    if action.startswith("remove-") and removed is not None:
        del conditions[removed]
        return _editor(request, CustomFormatForm(request.POST), conditions, custom_format)
    if not form.is_valid():
        problem = [Failure("form", "Check the highlighted fields")]
        return _editor(request, form, conditions, custom_format, problem)
    try:
        saved = save_custom_format(
            form.cleaned_data["name"],
            form.cleaned_data["include_custom_format_when_renaming"],
            conditions,
            custom_format=custom_format,
        )
    except ValidationFailed as failed:
        return _editor(request, form, conditions, custom_format, failed.failures)
    messages.success(request, f"Saved custom format {saved.name}")
    target = reverse("releases:customformats")
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@require_http_methods(["GET"])
def custom_formats(request: HttpRequest) -> HttpResponse:
    formats = CustomFormat.objects.all()
    cards = [(fmt, len(fmt.specifications)) for fmt in formats]
    return render(request, "releases/customformats.html", {"cards": cards})


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def custom_format_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _handle_editor_post(request, None)
    return _editor(request, CustomFormatForm(), [], None)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def custom_format_edit(request: HttpRequest, id: int) -> HttpResponse:
    custom_format = get_object_or_404(CustomFormat, pk=id)
    if request.method == "POST":
        return _handle_editor_post(request, custom_format)
    initial = {
        "name": custom_format.name,
        "include_custom_format_when_renaming": custom_format.include_custom_format_when_renaming,
    }
    return _editor(request, CustomFormatForm(initial=initial), custom_format.specifications, custom_format)


@require_http_methods(["GET", "POST"])
def custom_format_delete(request: HttpRequest, id: int) -> HttpResponse:
    custom_format = get_object_or_404(CustomFormat, pk=id)
    if request.method == "POST":
        delete_custom_formats([custom_format.pk])
        messages.success(request, f"Deleted custom format {custom_format.name}")
        return redirect("releases:customformats")
    return render(request, "releases/customformat_delete.html", {"custom_format": custom_format})


@require_http_methods(["GET"])
def custom_format_export(request: HttpRequest, id: int) -> HttpResponse:
    custom_format = get_object_or_404(CustomFormat, pk=id)
    text = json.dumps(export_custom_format(custom_format), indent=2, ensure_ascii=False)
    if request.GET.get("download"):
        filename = re.sub(r"[^\w.-]+", "-", custom_format.name).strip("-") or "custom-format"
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    context = {"custom_format": custom_format, "text": text}
    return render(request, "releases/customformat_export.html", context)


@require_http_methods(["GET", "POST"])
def custom_format_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None)
    failures: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a list imports whole or not at all
                results = [import_custom_format(data) for data in form.cleaned_data["json"]]
        except ValidationFailed as failed:
            failures = [f"{failure.property_name}: {failure.message}" for failure in failed.failures]
        else:
            for saved, created in results:
                verb = "Imported" if created else "Updated"
                messages.success(request, f"{verb} custom format {saved.name}")
            return redirect("releases:customformats")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "failures": failures}
    return render(request, "releases/customformat_import.html", context, status=status)


urlpatterns = [
    path("customformats", custom_formats, name="customformats"),
    path("customformats/new", custom_format_new, name="customformat-new"),
    path("customformats/import", custom_format_import, name="customformat-import"),
    path("customformats/<int:id>", custom_format_edit, name="customformat-edit"),
    path("customformats/<int:id>/delete", custom_format_delete, name="customformat-delete"),
    path("customformats/<int:id>/export", custom_format_export, name="customformat-export"),
]
