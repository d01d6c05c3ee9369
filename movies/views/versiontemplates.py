"""Pages: Settings → Versions, the version templates (list, add, edit, delete).

A template is what the movie page's "Add version", the bulk editor and the API add to movies. A bad
form is shown again with every value as typed and each failure under its field.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from movies.models import MovieVersion, RootFolder, VersionTemplate
from movies.versiontemplates import delete_template, save_template
from movies.views.addmovie import show_failures
from movies.views.versions import EDITIONS, VERSION_FIELDS, VersionForm
from radarr.api.errors import ValidationFailed
from radarr.api.secrets import MASK

# property names of movies.versiontemplates' failures → form fields
TEMPLATE_FIELDS = VERSION_FIELDS | {"urlBase": "url_base", "apiKey": "api_key"}


class VersionTemplateForm(VersionForm):
    """A version's wishes plus the template's virtual instance (the rules: movies.versiontemplates)."""

    url_base = forms.CharField(
        label="URL base",
        required=False,
        max_length=50,
        help_text="e.g. 4k: the API also answers under /4k as a separate Radarr holding only this version",
    )
    api_key = forms.CharField(
        label="API key",
        required=False,
        max_length=64,
        help_text="Empty: the main API key works there. A saved key shows as ********; leave it to keep it",
    )


def _fields(form: VersionTemplateForm) -> dict[str, Any]:
    return form.version_fields() | {
        "url_base": form.cleaned_data["url_base"],
        "api_key": form.cleaned_data["api_key"],
    }


def _initial(template: VersionTemplate) -> dict[str, Any]:
    return {
        "name": template.name,
        "url_base": template.url_base,
        "quality_profile": template.quality_profile_id,
        "root_folder_path": template.root_folder_path,
        "minimum_availability": template.minimum_availability,
        "monitored": template.monitored,
        "edition": template.edition,
        "api_key": MASK if template.api_key else "",  # shown masked; the mask posted back keeps it
    }


@require_GET
def version_templates(request: HttpRequest) -> HttpResponse:
    templates = VersionTemplate.objects.select_related("quality_profile").order_by("name")
    counts = dict(
        MovieVersion.objects.filter(template__isnull=False)
        .values_list("template_id")
        .annotate(count=Count("pk"))
        .values_list("template_id", "count")
    )
    rows = [(template, counts.get(template.pk, 0)) for template in templates]
    return render(request, "movies/versiontemplates.html", {"mode": "list", "rows": rows})


def _editor(request: HttpRequest, template: VersionTemplate | None) -> HttpResponse:
    initial = _initial(template) if template else {}
    form = VersionTemplateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_template(template, _fields(form))
        except ValidationFailed as failures:
            show_failures(form, failures, TEMPLATE_FIELDS)
        else:
            messages.success(request, f"Saved version template {saved.name}.")
            return redirect("movies:versiontemplates")
    context = {
        "mode": "edit",
        "form": form,
        "template": template,
        "editions": EDITIONS,
        "root_folders": RootFolder.objects.order_by("path"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "movies/versiontemplates.html", context, status=status)


@require_http_methods(["GET", "POST"])
def version_template_new(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@require_http_methods(["GET", "POST"])
def version_template_edit(request: HttpRequest, id: int) -> HttpResponse:
    return _editor(request, get_object_or_404(VersionTemplate, pk=id))


@require_http_methods(["GET", "POST"])
def version_template_delete(request: HttpRequest, id: int) -> HttpResponse:
    template = get_object_or_404(VersionTemplate, pk=id)
    if request.method == "POST":
        kept = template.versions.count()
        delete_template(template)
        text = f"Deleted version template {template.name}."
        if kept:
            text += (
                " The version made from it stays" if kept == 1 else f" The {kept} versions made from it stay"
            )
            text += " with its files."
        messages.success(request, text)
        return redirect("movies:versiontemplates")
    context = {"mode": "delete", "template": template, "uses": template.versions.count()}
    return render(request, "movies/versiontemplates.html", context)


urlpatterns = [
    path("settings/versions", version_templates, name="versiontemplates"),
    path("settings/versions/new", version_template_new, name="versiontemplate-new"),
    path("settings/versions/<int:id>", version_template_edit, name="versiontemplate-edit"),
    path("settings/versions/<int:id>/delete", version_template_delete, name="versiontemplate-delete"),
]
