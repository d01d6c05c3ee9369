"""Pages: Add Movie — search TMDB as you type, then add a result with its root folder, profile and tags."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from movies.adding import MONITOR_TYPES, add_movie_by_tmdb_id
from movies.folders import new_movie_folder_namer
from movies.metadata import MovieMetadata
from movies.models import MinimumAvailability, Movie, RootFolder
from movies.tmdb import TmdbError, search_movies, tmdb_status
from radarr.api.errors import ValidationFailed
from radarr.formfields import TagChoiceField
from radarr.models import Tag
from releases.models import QualityProfile

MONITOR_LABELS = {"movieOnly": "Movie only", "movieAndCollection": "Movie and collection", "none": "None"}
DEFAULTS_KEY = "add_movie_defaults"  # the last choices, so adding several movies takes one click each

# Radarr's property names → the form's fields; failures on other properties go above the form
FORM_FIELDS = {
    "RootFolderPath": "root_folder_path",
    "QualityProfileId": "quality_profile",
    "MinimumAvailability": "minimum_availability",
    "AddOptions.Monitor": "monitor",
}


def create_tags(text: str) -> list[int]:
    """Ids of the comma-separated labels, created when new; stored lower-case as Radarr 5 did."""
    labels = {label.strip().lower() for label in text.split(",") if label.strip()}
    return [Tag.objects.get_or_create(label=label[:200])[0].pk for label in sorted(labels)]


def show_failures(form: forms.Form, failures: ValidationFailed, fields: dict[str, str]) -> None:
    """Put each of Radarr's failures on the form field it names, the rest above the form."""
    for failure in failures.failures:
        field = fields.get(failure.property_name)
        form.add_error(field if field in form.fields else None, failure.message)


class AddMovieForm(forms.Form):
    tmdb_id = forms.IntegerField(widget=forms.HiddenInput)
    root_folder_path = forms.ChoiceField(label="Root folder")
    quality_profile = forms.ModelChoiceField(QualityProfile.objects.all(), empty_label=None)
    minimum_availability = forms.ChoiceField(
        choices=MinimumAvailability.choices, initial=MinimumAvailability.RELEASED
    )
    monitor = forms.ChoiceField(choices=[(key, MONITOR_LABELS[key]) for key in MONITOR_TYPES])
    tags = TagChoiceField(Tag.objects.all(), required=False)
    new_tags = forms.CharField(required=False, label="New tags", help_text="Comma-separated")
    search_for_movie = forms.BooleanField(required=False, label="Start search for the movie")

    def __init__(self, *args: Any, root_folders: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["root_folder_path"].choices = [(folder, folder) for folder in root_folders]


def _form(tmdb_id: int, root_folders: list[str], initial: dict[str, Any], data: Any = None) -> AddMovieForm:
    # each result has its own form on the page: ids carry the TMDB id so labels stay unique
    return AddMovieForm(
        data,
        root_folders=root_folders,
        initial={**initial, "tmdb_id": tmdb_id},
        auto_id=f"id_%s_{tmdb_id}",
    )


def _poster(metadata: MovieMetadata) -> str:
    """TMDB's poster URL: a search result has no local cover yet."""
    return next((image["remoteUrl"] for image in metadata.images if image.get("coverType") == "poster"), "")


def _results(term: str, request: HttpRequest) -> tuple[list[dict[str, Any]], str]:
    """(one entry per TMDB result with its form or its library movie, the error to show)."""
    try:
        found = search_movies(term)
    except TmdbError as error:
        return [], error.message
    in_library = {
        movie.tmdb_id: movie for movie in Movie.objects.filter(tmdb_id__in=[m.tmdb_id for m in found])
    }
    root_folders = list(RootFolder.objects.values_list("path", flat=True))
    initial = request.session.get(DEFAULTS_KEY, {})
    namer = new_movie_folder_namer()  # the folder format is read once for every result
    return [
        {
            "tmdb_id": metadata.tmdb_id,
            "metadata": metadata,
            "poster": _poster(metadata),
            "movie": in_library.get(metadata.tmdb_id),
            "form": _form(metadata.tmdb_id, root_folders, initial),
            # the folder add_movie will create, so the user sees their Movie Folder Format at work
            "folder": namer(metadata) if metadata.tmdb_id not in in_library else "",
        }
        for metadata in found
    ], ""


@require_GET
@vary_on_headers("HX-Request")
def add_movie_page(request: HttpRequest) -> HttpResponse:
    term = request.GET.get("term", "").strip()
    results, error = _results(term, request) if term else ([], "")
    context = {
        "term": term,
        "results": results,
        "error": error,
        "has_root_folder": RootFolder.objects.exists(),
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "movies/add.html#results", context)
    return render(request, "movies/add.html", context | {"banner": tmdb_status()})


def _remember(request: HttpRequest, data: dict[str, Any]) -> None:
    request.session[DEFAULTS_KEY] = {
        "root_folder_path": data["root_folder_path"],
        "quality_profile": data["quality_profile"].pk,
        "minimum_availability": data["minimum_availability"],
        "monitor": data["monitor"],
    }


@require_POST
def add_movie(request: HttpRequest) -> HttpResponse:
    """Add one search result; the answer replaces that result's form (HTMX) or opens the movie's page."""
    root_folders = list(RootFolder.objects.values_list("path", flat=True))
    tmdb_id = _int(request.POST.get("tmdb_id"))
    form = _form(tmdb_id, root_folders, {}, request.POST)
    movie = _add(request, form) if form.is_valid() else None
    if movie is not None and not request.htmx:
        messages.success(request, f"Added {movie.title} ({movie.year}) at {movie.path}.")
        return redirect("movies:detail", movie.tmdb_id)
    if request.htmx:
        entry = {"tmdb_id": tmdb_id, "movie": movie, "form": form, "just_added": movie is not None}
        return render(request, "movies/add.html#add-form", {"entry": entry})
    # without JavaScript: the whole page again, this result showing its form with the errors
    term = request.POST.get("term", "")
    results, error = _results(term, request) if term else ([], "")
    for entry in results:
        if entry["tmdb_id"] == tmdb_id:
            entry["form"] = form
    context = {"term": term, "results": results, "error": error, "has_root_folder": bool(root_folders)}
    return render(request, "movies/add.html", context, status=400)


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _add(request: HttpRequest, form: AddMovieForm) -> Movie | None:
    data = form.cleaned_data
    try:
        movie = add_movie_by_tmdb_id(
            data["tmdb_id"],
            quality_profile_id=data["quality_profile"].pk,
            root_folder_path=data["root_folder_path"],
            minimum_availability=data["minimum_availability"],
            monitor=data["monitor"],
            monitored=data["monitor"] != "none",
            tag_ids=[tag.pk for tag in data["tags"]] + create_tags(data["new_tags"]),
            search_for_movie=data["search_for_movie"],
        )
    except ValidationFailed as failures:
        show_failures(form, failures, FORM_FIELDS)
        return None
    except TmdbError as error:
        form.add_error(None, error.message)
        return None
    _remember(request, data)
    return movie


urlpatterns = [
    path("add", add_movie_page, name="add"),
    path("add/movie", add_movie, name="add-movie"),
]
