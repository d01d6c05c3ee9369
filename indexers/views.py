"""Pages: Settings → Indexers (list with status, add, edit, delete, test, test all) and the options.

The add/edit form is generated from the implementation's Settings dataclass (the same declaration
that drives the v3 fields), and saving goes through `indexers.definitions`, so the page validates
and tests exactly as the API does. Secrets show as ******** and stay unchanged when sent back.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indexers.definitions import IndexerInput, build_indexer, delete_indexers, save_indexer, test_indexer
from indexers.implementations import IMPLEMENTATIONS
from indexers.implementations.base import BaseIndexer
from indexers.models import Indexer, IndexerConfig
from indexers.options import IndexerOptions, save_indexer_options
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.secrets import MASK
from radarr.models import Tag
from radarr.providerediting import posted_tags
from radarr.providers import setting_fields


def _kind(cls: type[BaseIndexer]) -> dict[str, Any]:
    """An implementation's facts for templates (which would call a class instead of reading it)."""
    return {
        "implementation": cls.implementation,
        "implementation_name": cls.implementation_name,
        "info_link": cls.info_link,
        "protocol": cls.protocol,
        "supports_rss": cls.supports_rss,
        "supports_search": cls.supports_search,
    }


def _form_fields(cls: type[BaseIndexer], stored: dict[str, Any], posted: QueryDict | None) -> list[dict]:
    """Each setting as the template draws it: input type, current value(s), options, advanced flag."""
    rows = []
    for field in setting_fields(cls.Settings):
        meta = field.metadata
        value = stored.get(field.name, field.default)
        if posted is not None:
            value = _posted_value(field, posted)
        if field.hides(value):  # a secret, or a URL carrying credentials (a feed's passkey)
            value = MASK
        options = meta["select_options"]
        multiple = isinstance(field.default, list)
        chosen = {str(item) for item in value} if multiple and isinstance(value, list) else {str(value)}
        rows.append(
            {
                "name": field.name,
                "label": meta["label"],
                "help_text": meta["help_text"],
                "unit": meta["unit"],
                "advanced": meta["advanced"],
                "kind": "select"
                if options
                else "checkbox"
                if isinstance(field.default, bool)
                else "password"
                if field.is_secret
                else "number"
                if meta["type"] == "number"
                else "text",
                "multiple": multiple,
                "value": "" if value is None else value,
                "options": [(str(v), label, str(v) in chosen) for v, label in options],
            }
        )
    return rows


def _posted_value(field: Any, posted: QueryDict) -> Any:
    key = f"field-{field.name}"
    if isinstance(field.default, bool):
        return key in posted
    if isinstance(field.default, list):
        return [int(v) if v.lstrip("-").isdigit() else v for v in posted.getlist(key)]
    raw = posted.get(key, "").strip()
    if field.metadata["type"] == "number" or field.name == "seedCriteria.seedRatio":
        if raw == "":
            return None
        try:
            return float(raw) if "." in raw else int(raw)
        except ValueError:
            return raw  # the implementation's validation reports it
    return raw


def _input_from_post(cls: type[BaseIndexer], post: QueryDict) -> IndexerInput:
    fields = {field.name: _posted_value(field, post) for field in setting_fields(cls.Settings)}
    priority = post.get("priority", "25")
    return IndexerInput(
        name=post.get("name", "").strip(),
        implementation=cls.implementation,
        fields=fields,
        enable_rss="enable_rss" in post,
        enable_automatic_search="enable_automatic_search" in post,
        enable_interactive_search="enable_interactive_search" in post,
        priority=int(priority) if priority.lstrip("-").isdigit() else -1,
        download_client_id=int(post.get("download_client_id") or 0),
        tag_ids=posted_tags(post),
    )


def _editor(
    request: HttpRequest, cls: type[BaseIndexer], indexer: Indexer | None, failures: list[Failure] = ()
) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    if posted is not None:
        common = {
            "name": posted.get("name", ""),
            "enable_rss": "enable_rss" in posted,
            "enable_automatic_search": "enable_automatic_search" in posted,
            "enable_interactive_search": "enable_interactive_search" in posted,
            "priority": posted.get("priority"),
            "download_client_id": posted.get("download_client_id"),
            "tags": {int(t) for t in posted.getlist("tags") if t.isdigit()},
        }
    elif indexer is not None:
        common = {
            "name": indexer.name,
            "enable_rss": indexer.enable_rss,
            "enable_automatic_search": indexer.enable_automatic_search,
            "enable_interactive_search": indexer.enable_interactive_search,
            "priority": indexer.priority,
            "download_client_id": indexer.download_client_id,
            "tags": {tag.pk for tag in indexer.tags.all()},
        }
    else:
        common = {
            "name": cls.implementation_name,
            "enable_rss": cls.supports_rss,
            "enable_automatic_search": cls.supports_search,
            "enable_interactive_search": cls.supports_search,
            "priority": 25,
            "download_client_id": 0,
            "tags": set(),
        }
    context = {
        "cls": _kind(cls),
        "indexer": indexer,
        "common": common,
        "fields": _form_fields(cls, indexer.settings if indexer else {}, posted),
        "failures": list(failures),
        "all_tags": Tag.objects.all(),
    }
    return render(request, "indexers/edit.html", context, status=400 if failures else 200)


@require_GET
def indexer_list(request: HttpRequest) -> HttpResponse:
    context = {
        "indexers": Indexer.objects.for_resource(),
        "implementations": [_kind(cls) for cls in IMPLEMENTATIONS.values()],
        "options": IndexerConfig.load(),
    }
    return render(request, "indexers/list.html", context)


@require_http_methods(["GET", "POST"])
def indexer_add(request: HttpRequest, implementation: str) -> HttpResponse:
    cls = IMPLEMENTATIONS.get(implementation)
    if cls is None:
        messages.error(request, f"Unknown indexer type {implementation}")
        return redirect("indexers:list")
    return _save_from_page(request, cls, None)


@require_http_methods(["GET", "POST"])
def indexer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indexer = get_object_or_404(Indexer.objects.for_resource(), pk=pk)
    return _save_from_page(request, IMPLEMENTATIONS[indexer.implementation], indexer)


def _save_from_page(request: HttpRequest, cls: type[BaseIndexer], indexer: Indexer | None) -> HttpResponse:
    if request.method == "GET":
        return _editor(request, cls, indexer)
    data = _input_from_post(cls, request.POST)
    if "test" in request.POST:
        try:
            failures = test_indexer(build_indexer(data, indexer, check_unique_name=False))
        except ValidationFailed as error:
            failures = error.failures
        if not failures:
            messages.success(request, "Test passed: the indexer answered.")
        return _editor(request, cls, indexer, failures)
    try:
        saved = save_indexer(data, indexer, force="force" in request.POST)
    except ValidationFailed as error:
        if indexer is not None:
            indexer.refresh_from_db()
        return _editor(request, cls, indexer, error.failures)
    messages.success(request, f"Saved {saved.name}.")
    return redirect("indexers:list")


@require_POST
def indexer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indexer = get_object_or_404(Indexer, pk=pk)
    delete_indexers([indexer.pk])
    messages.success(request, f"Deleted {indexer.name}.")
    return redirect("indexers:list")


@require_POST
def indexer_test_all(request: HttpRequest) -> HttpResponse:
    for indexer in Indexer.objects.for_resource():
        failures = test_indexer(indexer)
        if failures:
            messages.error(request, f"{indexer.name}: " + "; ".join(f.message for f in failures))
        else:
            messages.success(request, f"{indexer.name}: test passed.")
    return redirect("indexers:list")


class OptionsForm(forms.Form):
    minimum_age = forms.IntegerField(label="Minimum Age", help_text="Minutes; usenet only")
    retention = forms.IntegerField(label="Retention", help_text="Days; usenet only; 0 is unlimited")
    maximum_size = forms.IntegerField(label="Maximum Size", help_text="MB; 0 is unlimited")
    rss_sync_interval = forms.IntegerField(
        label="RSS Sync Interval", help_text="Minutes; 0 disables, else 10-120"
    )
    availability_delay = forms.IntegerField(
        label="Availability Delay", help_text="Days before or after the availability date to search"
    )
    prefer_indexer_flags = forms.BooleanField(label="Prefer Indexer Flags", required=False)
    allow_hardcoded_subs = forms.BooleanField(label="Allow Hardcoded Subs", required=False)
    whitelisted_hardcoded_subs = forms.CharField(
        label="Whitelisted Subtitle Tags", required=False, help_text="Comma separated, e.g. KORSUB, HC"
    )


_OPTION_FIELDS = {
    "minimumAge": "minimum_age",
    "maximumSize": "maximum_size",
    "retention": "retention",
    "rssSyncInterval": "rss_sync_interval",
}


@require_http_methods(["GET", "POST"])
def indexer_options(request: HttpRequest) -> HttpResponse:
    config = IndexerConfig.load()
    initial = {name: getattr(config, name) for name in IndexerOptions.__dataclass_fields__}
    form = OptionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_indexer_options(IndexerOptions(**form.cleaned_data))
        except ValidationFailed as error:
            for failure in error.failures:
                form.add_error(_OPTION_FIELDS.get(failure.property_name), failure.message)
        else:
            messages.success(request, "Indexer options saved.")
            return redirect("indexers:options")
    return render(request, "indexers/options.html", {"form": form}, status=400 if form.errors else 200)


urlpatterns: list[URLPattern] = [
    path("indexers", indexer_list, name="list"),
    path("indexers/options", indexer_options, name="options"),
    path("indexers/testall", indexer_test_all, name="test-all"),
    path("indexers/add/<str:implementation>", indexer_add, name="add"),
    path("indexers/<int:pk>", indexer_edit, name="edit"),
    path("indexers/<int:pk>/delete", indexer_delete, name="delete"),
]
