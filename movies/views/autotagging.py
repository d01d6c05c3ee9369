"""Pages: Settings > Tags (every tag with what uses it) and its Auto Tagging rules (list, edit, delete).

The rule editor is one plain form, as the custom format editor: adding or removing a condition is a
submit button that re-renders the form (with HTMX only the form is swapped), so it works without
JavaScript. Tag-type fields (genres, keywords, studios) are typed comma-separated.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from movies.autotagging import CONDITION_KINDS, CONDITIONS, ConditionField, ConditionKind, text_list
from movies.autotagrules import AutoTagInput, delete_auto_tag, save_auto_tag
from movies.library import create_tag, delete_tag
from movies.models import AutoTag, RootFolder
from movies.tagusage import tag_usages
from radarr.api.errors import ApiError, Failure, ValidationFailed
from radarr.api.params import int_or_none
from radarr.conditionforms import failures_by_field, posted_conditions
from radarr.models import Tag
from releases.models import QualityProfile


@dataclass
class FieldRow:
    definition: ConditionField
    value: Any
    input_name: str
    errors: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The value as the text input shows it (lists comma-separated)."""
        if isinstance(self.value, list):
            return ", ".join(str(item) for item in self.value)
        return "" if self.value is None else str(self.value)


@dataclass
class ConditionRow:
    index: int
    kind: ConditionKind | None
    implementation: str
    name: str
    negate: bool
    required: bool
    fields: list[FieldRow]
    errors: list[str] = field(default_factory=list)


def _posted_value(definition: ConditionField, raw: str) -> Any:
    """A posted field in the JSON type the API stores: lists for tag fields, whole numbers for ids."""
    raw = raw.strip()
    if definition.type == "tag":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if definition.type == "rootFolder":
        return raw
    number = int_or_none(raw)
    return number if number is not None else raw


def conditions_from_post(data: QueryDict) -> list[dict[str, Any]]:
    """The posted condition rows (`spec-<n>-<field>`) in the stored shape, in row order."""
    return posted_conditions(data, CONDITIONS, lambda definition, raw: _posted_value(definition, raw or ""))


def condition_rows(conditions: list[dict[str, Any]], failures: list[Failure]) -> list[ConditionRow]:
    located = failures_by_field(failures)
    rows = []
    for index, condition in enumerate(conditions):
        kind = CONDITIONS.get(condition.get("implementation", ""))
        values = condition.get("fields") or {}
        fields = [
            FieldRow(
                definition,
                values.get(definition.name, definition.default),
                f"spec-{index}-{definition.name}",
                located.pop((index, definition.name), []),
            )
            for definition in (kind.fields if kind else ())
        ]
        errors = [text for (row, _), texts in located.items() if row == index for text in texts]
        rows.append(
            ConditionRow(
                index,
                kind,
                condition.get("implementation", ""),
                condition.get("name", ""),
                bool(condition.get("negate")),
                bool(condition.get("required")),
                fields,
                errors,
            )
        )
    return rows


def _editor(
    request: HttpRequest,
    rule: AutoTagInput,
    auto_tag: AutoTag | None,
    failures: list[Failure] | None = None,
) -> HttpResponse:
    failures = failures or []
    context = {
        "rule": rule,
        "auto_tag": auto_tag,
        "rows": condition_rows(rule.specifications, failures),
        "errors": {f.property_name: f.message for f in failures if f.property_name in ("Name", "Tags")},
        "general_errors": [
            f.message for f in failures if not f.property_name.startswith(("specifications[", "Name", "Tags"))
        ],
        "kinds": sorted(CONDITION_KINDS, key=lambda kind: kind.order),
        "tags": Tag.objects.order_by("label"),
        "profiles": QualityProfile.objects.order_by("name"),
        "root_folders": RootFolder.objects.all(),
        "action_url": request.path,
    }
    template = "movies/autotag_form.html#editor" if request.htmx else "movies/autotag_form.html"
    return render(request, template, context, status=400 if failures else 200)


def _rule_from_post(post: QueryDict) -> AutoTagInput:
    return AutoTagInput(
        name=post.get("name", "").strip(),
        remove_tags_automatically="remove_tags_automatically" in post,
        tag_ids=sorted({pk for value in post.getlist("tags") if (pk := int_or_none(value)) is not None}),
        specifications=conditions_from_post(post),
    )


def _handle_post(request: HttpRequest, auto_tag: AutoTag | None) -> HttpResponse:
    rule = _rule_from_post(request.POST)
    action = request.POST.get("action", "save")
    if action == "add" and request.POST.get("add-implementation") in CONDITIONS:
        kind = CONDITIONS[request.POST["add-implementation"]]
        fields = {definition.name: definition.default for definition in kind.fields}
        rule.specifications.append(
            {"name": kind.implementation_name, "implementation": kind.implementation, "fields": fields}
        )
        return _editor(request, rule, auto_tag)
    removed = int_or_none(action.removeprefix("remove-"), minimum=0, maximum=len(rule.specifications) - 1)
    if action.startswith("remove-") and removed is not None:
        del rule.specifications[removed]
        return _editor(request, rule, auto_tag)
    try:
        saved = save_auto_tag(rule, auto_tag)
    except ValidationFailed as failed:
        return _editor(request, rule, auto_tag, failed.failures)
    messages.success(request, f"Saved auto tagging rule {saved.name}")
    target = reverse("movies:tags")
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@require_http_methods(["GET"])
def tags(request: HttpRequest) -> HttpResponse:
    usages = tag_usages()
    rules = [(rule, summary(rule)) for rule in AutoTag.objects.prefetch_related("tags")]
    context = {"usages": usages, "unused": sum(not usage.in_use for usage in usages), "rules": rules}
    return render(request, "movies/tags.html", context)


@require_POST
def tag_delete(request: HttpRequest, id: int) -> HttpResponse:
    """Delete one tag nothing uses (a used one would silently change what its movies get)."""
    usage = next((usage for usage in tag_usages() if usage.tag.pk == id), None)
    if usage is None:
        messages.error(request, "That tag no longer exists.")
    elif usage.in_use:
        messages.error(request, f"Tag {usage.tag.label} is in use: remove it from what uses it first.")
    else:
        delete_tag(usage.tag)
        messages.success(request, f"Deleted tag {usage.tag.label}.")
    return redirect("movies:tags")


@require_POST
def tag_new(request: HttpRequest) -> HttpResponse:
    """Create a tag from a form's tag box (static/js/multiselect.js): its id and label, or why not."""
    try:
        tag = create_tag(request.POST.get("label", ""))
    except ApiError as error:
        message = error.failures[0].message if isinstance(error, ValidationFailed) else error.message
        return JsonResponse({"error": message}, status=400)
    return JsonResponse({"id": tag.pk, "label": tag.label})


@require_POST
def tags_delete_unused(request: HttpRequest) -> HttpResponse:
    unused = [usage.tag for usage in tag_usages() if not usage.in_use]
    for tag in unused:
        delete_tag(tag)
    messages.success(request, f"Deleted {len(unused)} unused tag{'s' if len(unused) != 1 else ''}.")
    return redirect("movies:tags")


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def auto_tag_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _handle_post(request, None)
    return _editor(request, AutoTagInput("", False, [], []), None)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def auto_tag_edit(request: HttpRequest, id: int) -> HttpResponse:
    auto_tag = get_object_or_404(AutoTag, pk=id)
    if request.method == "POST":
        return _handle_post(request, auto_tag)
    rule = AutoTagInput(
        auto_tag.name,
        auto_tag.remove_tags_automatically,
        [tag.pk for tag in auto_tag.tags.all()],
        [dict(spec, fields=dict(spec.get("fields") or {})) for spec in auto_tag.specifications],
    )
    return _editor(request, rule, auto_tag)


@require_http_methods(["GET", "POST"])
def auto_tag_delete(request: HttpRequest, id: int) -> HttpResponse:
    auto_tag = get_object_or_404(AutoTag, pk=id)
    if request.method == "POST":
        delete_auto_tag(auto_tag)
        messages.success(request, f"Deleted auto tagging rule {auto_tag.name}")
        return redirect("movies:tags")
    return render(request, "movies/autotag_delete.html", {"auto_tag": auto_tag})


def summary(auto_tag: AutoTag) -> str:
    """One line per rule on the list: its conditions' names and values."""
    parts = []
    for spec in auto_tag.specifications:
        values = [
            ", ".join(text_list(v)) if isinstance(v, list) else str(v)
            for v in (spec.get("fields") or {}).values()
        ]
        parts.append(
            f"{'not ' if spec.get('negate') else ''}{spec.get('name')}: {' – '.join(values)}".rstrip(": ")
        )
    return "; ".join(parts)


urlpatterns = [
    path("settings/tags", tags, name="tags"),
    path("settings/tags/<int:id>/delete", tag_delete, name="tag-delete"),
    path("settings/tags/delete-unused", tags_delete_unused, name="tags-delete-unused"),
    path("settings/tags/new", tag_new, name="tag-new"),
    path("settings/autotagging/new", auto_tag_new, name="autotag-new"),
    path("settings/autotagging/<int:id>", auto_tag_edit, name="autotag-edit"),
    path("settings/autotagging/<int:id>/delete", auto_tag_delete, name="autotag-delete"),
]
