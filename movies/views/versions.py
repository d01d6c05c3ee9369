"""Pages: the movie page's Versions section — each version with its file, its own monitoring and
searches; add a version (from a template or by hand), edit one.

The primary version is the movie itself: its row edits and monitors the movie as before. Removing an
extra version is imports.views_versions' page (its file goes through the recycle bin).
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from movies.models import MinimumAvailability, Movie, MovieFile, MovieVersion, RootFolder, VersionTemplate
from movies.versions import Version, add_version, template_fields, update_version, versions_of
from movies.views.addmovie import show_failures
from radarr.api.errors import ValidationFailed
from radarr.commands import queue_command
from releases.languages import LANGUAGES_BY_ID
from releases.models import QualityProfile
from releases.qualities import QUALITIES_BY_ID

EDITIONS = ("Theatrical", "Extended", "Director's Cut", "IMAX", "Unrated")  # suggested; any text will do
VERSION_FIELDS = {  # property names of movies.versions' failures → form fields
    "name": "name",
    "qualityProfileId": "quality_profile",
    "rootFolderPath": "root_folder_path",
    "minimumAvailability": "minimum_availability",
    "edition": "edition",
}


class VersionForm(forms.Form):
    """The wishes of one version, as a version and a template share them (the rules: movies.versions)."""

    name = forms.CharField(max_length=100, help_text="Shown on the movie page, the queue and the calendar")
    quality_profile = forms.ModelChoiceField(QualityProfile.objects.all(), empty_label=None)
    root_folder_path = forms.CharField(
        label="Root folder",
        required=False,
        max_length=1000,
        help_text="Empty: the file goes in the movie's own folder, its name ending with the version's name",
    )
    minimum_availability = forms.ChoiceField(
        choices=MinimumAvailability.choices, initial=MinimumAvailability.RELEASED
    )
    monitored = forms.BooleanField(required=False, initial=True)
    edition = forms.CharField(
        required=False, max_length=200, help_text="Empty: any edition; else the one wished for"
    )

    def version_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "quality_profile_id": data["quality_profile"].pk,
            "root_folder_path": data["root_folder_path"].strip(),
            "minimum_availability": data["minimum_availability"],
            "monitored": data["monitored"],
            "edition": data["edition"],
        }


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One line of the Versions section."""

    version: Version
    profile: str
    availability: str
    file: MovieFile | None
    quality: str
    languages: list[str]


def _file_of(version: Version, files: list[MovieFile]) -> MovieFile | None:
    if version.is_primary:
        return next((movie_file for movie_file in files if movie_file.is_primary), None)
    return next((movie_file for movie_file in files if movie_file.version_id == version.id), None)


def version_rows(movie: Movie) -> list[VersionRow]:
    """The movie's versions, primary first, with their files (the page prefetches `files`): one query,
    and one more for the profiles' names when the movie has extra versions."""
    versions = versions_of(movie)
    profiles = {movie.quality_profile_id: movie.quality_profile.name}
    if len(versions) > 1:
        profiles = dict(QualityProfile.objects.values_list("pk", "name"))
    availabilities = dict(MinimumAvailability.choices)
    files = list(movie.files.all())
    rows = []
    for version in versions:
        movie_file = _file_of(version, files)
        quality = QUALITIES_BY_ID.get(movie_file.quality_id) if movie_file else None
        rows.append(
            VersionRow(
                version=version,
                profile=profiles.get(version.quality_profile_id, ""),
                availability=availabilities.get(version.minimum_availability, version.minimum_availability),
                file=movie_file,
                quality=(quality.name if quality else "Unknown") if movie_file else "",
                languages=[
                    LANGUAGES_BY_ID[i].name
                    for i in (movie_file.language_ids if movie_file else [])
                    if i in LANGUAGES_BY_ID
                ],
            )
        )
    return rows


def versions_context(movie: Movie) -> dict[str, Any]:
    """What the movie page's Versions section needs."""
    rows = version_rows(movie)
    having = {row.version.template_id for row in rows if row.version.template_id}
    return {
        "version_rows": rows,
        "version_templates": [t for t in VersionTemplate.objects.order_by("name") if t.pk not in having],
    }


def _movie_url(movie: Movie) -> str:
    return reverse("movies:detail", args=[movie.tmdb_id]) + "#versions"


def _version(movie: Movie, version_id: int) -> MovieVersion:
    return get_object_or_404(MovieVersion.objects.select_related("movie"), pk=version_id, movie=movie)


def _form_page(
    request: HttpRequest,
    movie: Movie,
    form: VersionForm,
    row: MovieVersion | None,
    template: VersionTemplate | None = None,
) -> HttpResponse:
    context = {
        "movie": movie,
        "form": form,
        "row": row,
        "template": template,
        "start_from": [] if row else versions_context(movie)["version_templates"],
        "editions": EDITIONS,
        "root_folders": RootFolder.objects.order_by("path"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "movies/movie_version.html", context, status=status)


@require_http_methods(["GET", "POST"])
def version_add(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    """Add a version by hand (a form that starts from a template when `?template=` names one)."""
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    template = VersionTemplate.objects.filter(pk=request.GET.get("template") or 0).first()
    initial = (
        _form_initial(template_fields(template))
        if template
        else {"quality_profile": movie.quality_profile_id}
    )
    form = VersionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:  # started from a template: the version is that template's, as if added in one click
            add_version(movie, form.version_fields(), template=template)
        except ValidationFailed as failures:
            show_failures(form, failures, VERSION_FIELDS)
        else:
            messages.success(
                request, f"Added the version {form.cleaned_data['name'].strip()} to {movie.title}."
            )
            return redirect(_movie_url(movie))
    return _form_page(request, movie, form, None, template=template)


def _form_initial(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": fields["name"],
        "quality_profile": fields["quality_profile_id"],
        "root_folder_path": fields["root_folder_path"],
        "minimum_availability": fields["minimum_availability"],
        "monitored": fields["monitored"],
        "edition": fields["edition"],
    }


@require_POST
def version_add_template(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    """Add a template's version to this movie in one click."""
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    template = VersionTemplate.objects.filter(pk=request.POST.get("template") or 0).first()
    if template is None:
        messages.error(request, "Choose a version template first.")
        return redirect(_movie_url(movie))
    try:
        add_version(movie, template_fields(template), template=template)
    except ValidationFailed as failures:
        messages.error(request, "; ".join(failure.message for failure in failures.failures))
    else:
        messages.success(request, f"Added the version {template.name} to {movie.title}.")
    return redirect(_movie_url(movie))


@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, tmdb_id: int, version_id: int) -> HttpResponse:
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    row = _version(movie, version_id)
    initial = _form_initial(
        {
            "name": row.name,
            "quality_profile_id": row.quality_profile_id,
            "root_folder_path": row.root_folder_path,
            "minimum_availability": row.minimum_availability,
            "monitored": row.monitored,
            "edition": row.edition,
        }
    )
    form = VersionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_version(row, form.version_fields())
        except ValidationFailed as failures:
            show_failures(form, failures, VERSION_FIELDS)
        else:
            messages.success(request, f"Saved the version {row.name} of {movie.title}.")
            return redirect(_movie_url(movie))
    return _form_page(request, movie, form, row)


@require_POST
def version_monitor(request: HttpRequest, tmdb_id: int, version_id: int) -> HttpResponse:
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    row = update_version(_version(movie, version_id), {"monitored": request.POST.get("monitored") == "true"})
    if request.htmx:
        return render(request, "movies/movie.html#version-monitor", {"movie": movie, "version": row})
    return redirect(_movie_url(movie))


@require_POST
def version_search(request: HttpRequest, tmdb_id: int, version_id: int) -> HttpResponse:
    """Search indexers for one version (0: the primary), through the MoviesSearch command."""
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    name = _version(movie, version_id).name if version_id else "the primary version"
    body = {"movieIds": [movie.pk], "versionIds": [version_id]}
    queue_command("MoviesSearch", body, user_agent=request.headers.get("User-Agent", ""))
    messages.success(request, f"Searching indexers for {movie.title} ({name}).")
    return redirect(_movie_url(movie))


urlpatterns = [
    path("movie/<int:tmdb_id>/versions/add", version_add, name="version-add"),
    path("movie/<int:tmdb_id>/versions/add-template", version_add_template, name="version-add-template"),
    path("movie/<int:tmdb_id>/versions/<int:version_id>/edit", version_edit, name="version-edit"),
    path("movie/<int:tmdb_id>/versions/<int:version_id>/monitor", version_monitor, name="version-monitor"),
    path("movie/<int:tmdb_id>/versions/<int:version_id>/search", version_search, name="version-search"),
]
