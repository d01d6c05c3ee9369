"""Settings → Metadata: the consumers (Kodi, Emby, Roksbox, WDTV...) with their switch and files, and
the certification country. Editing, testing and deleting are the shared provider pages for METADATA."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from imports.metadataediting import (
    CERTIFICATION_COUNTRIES,
    METADATA,
    metadata_config_resource,
    save_metadata_config,
)
from imports.models import Metadata
from movies.models import MetadataConfig
from radarr.api.errors import ValidationFailed
from radarr.providerpages import (
    delete_provider,
    edit_provider,
    new_provider,
    test_all_providers,
    test_provider_form,
)


@require_http_methods(["GET", "POST"])
def metadata(request: HttpRequest) -> HttpResponse:
    """The consumers and the certification country (posted here)."""
    status = 200
    if request.method == "POST":
        try:
            save_metadata_config({"certificationCountry": request.POST.get("certification_country", "")})
        except ValidationFailed as error:
            messages.error(request, error.failures[0].message)
            status = 400
        else:
            messages.success(request, "Metadata settings saved.")
            return redirect("imports:metadata")
    context = {
        "rows": Metadata.objects.for_resource(),
        "implementations": METADATA.implementations,
        "config": metadata_config_resource(MetadataConfig.load()),
        "countries": CERTIFICATION_COUNTRIES,
    }
    return render(request, "imports/metadata.html", context, status=status)


METADATA_PAGES = {"family": METADATA}

urlpatterns = [
    path("settings/metadata", metadata, name="metadata"),
    path("settings/metadata/new", new_provider, METADATA_PAGES, name="metadata-new"),
    path("settings/metadata/test", test_provider_form, METADATA_PAGES, name="metadata-test"),
    path("settings/metadata/testall", test_all_providers, METADATA_PAGES, name="metadata-testall"),
    path("settings/metadata/<int:pk>", edit_provider, METADATA_PAGES, name="metadata-edit"),
    path("settings/metadata/<int:pk>/delete", delete_provider, METADATA_PAGES, name="metadata-delete"),
]
