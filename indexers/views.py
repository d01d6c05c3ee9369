"""Pages: Settings → Indexers (the list with status) and the options. Adding, editing, testing and
deleting an indexer are the shared provider pages (`radarr.providerpages`) for INDEXERS."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from indexers.editing import INDEXERS
from indexers.implementations import IMPLEMENTATIONS
from indexers.models import Indexer, IndexerConfig
from indexers.options import IndexerOptions, save_indexer_options
from radarr.api.errors import ValidationFailed
from radarr.providerpages import (
    delete_provider,
    edit_provider,
    manage_providers,
    new_provider,
    test_all_providers,
    test_provider_form,
)


@require_GET
def indexer_list(request: HttpRequest) -> HttpResponse:
    context = {"indexers": Indexer.objects.for_resource(), "implementations": IMPLEMENTATIONS.values()}
    return render(request, "indexers/list.html", context)


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


INDEXER_PAGES = {"family": INDEXERS}
MANAGE = INDEXER_PAGES | {
    "switches": [
        ("enableRss", "RSS"),
        ("enableAutomaticSearch", "Automatic search"),
        ("enableInteractiveSearch", "Interactive search"),
    ],
    "priority": True,
}

urlpatterns: list[URLPattern] = [
    path("indexers/manage", manage_providers, MANAGE, name="manage"),
    path("indexers", indexer_list, name="list"),
    path("indexers/options", indexer_options, name="options"),
    path("indexers/new", new_provider, INDEXER_PAGES, name="new"),
    path("indexers/add/<str:implementation>", new_provider, INDEXER_PAGES, name="add"),  # the list's links
    path("indexers/test", test_provider_form, INDEXER_PAGES, name="test"),
    path("indexers/testall", test_all_providers, INDEXER_PAGES, name="test-all"),
    path("indexers/<int:pk>", edit_provider, INDEXER_PAGES, name="edit"),
    path("indexers/<int:pk>/delete", delete_provider, INDEXER_PAGES, name="delete"),
]
