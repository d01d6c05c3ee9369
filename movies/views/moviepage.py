"""Pages: one movie (metadata, files, monitored toggle, edit, refresh-and-scan, search, delete).

The page's address is `/movie/<TMDB id>`, as in Radarr, whose `titleSlug` is the TMDB id: Overseerr and
Jellyseerr link `{radarr}/movie/{titleSlug}`. A TMDB id not in the library opens Add Movie on it.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from movies.deleting import delete_movie
from movies.editing import update_movie
from movies.mediacover import cover_url
from movies.models import Credit, MinimumAvailability, Movie
from movies.views.addmovie import create_tags, show_failures
from movies.views.versions import versions_context
from radarr.api.errors import ApiError, ValidationFailed
from radarr.api.params import int_or_none
from radarr.commands import queue_command
from radarr.formfields import TagChoiceField
from radarr.models import Tag
from releases.models import QualityProfile

CREDITS_SHOWN = 20  # of each of cast and crew, in billing and listing order

RATING_SOURCES = {
    "tmdb": "TMDB",
    "imdb": "IMDb",
    "rottenTomatoes": "Rotten Tomatoes",
    "metacritic": "Metacritic",
}


def _ratings(movie: Movie) -> list[tuple[str, Any, Any]]:
    """(source, value, votes) for each rating TMDB gave, in a fixed order."""
    ratings = movie.ratings or {}
    return [
        (label, ratings[key].get("value"), ratings[key].get("votes"))
        for key, label in RATING_SOURCES.items()
        if isinstance(ratings.get(key), dict) and ratings[key].get("value")
    ]


def _movies() -> QuerySet[Movie]:
    """The movie with what its page shows (its files and history sections load their own rows)."""
    return Movie.objects.select_related("quality_profile", "collection").prefetch_related("tags", "files")


def _movie(tmdb_id: int) -> Movie:
    return get_object_or_404(_movies(), tmdb_id=tmdb_id)


def movie_url(movie: Movie) -> str:
    return reverse("movies:detail", args=[movie.tmdb_id])


@require_GET
def movie_detail(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    movie = _movies().filter(tmdb_id=tmdb_id).first()
    if movie is None:  # a link from Overseerr to a movie not (or no longer) here: offer to add it
        return redirect(f"{reverse('movies:add')}?term=tmdb:{tmdb_id}")
    context = {
        "movie": movie,
        "poster": cover_url(movie.pk, "poster", size=500),
        "fanart": cover_url(movie.pk, "fanart"),
        "ratings": _ratings(movie),
        "alternative_titles": movie.alternative_titles.order_by("title"),
        "collection_parts": _collection_parts(movie),
        **_credits(movie),
        **versions_context(movie),
    }
    return render(request, "movies/movie.html", context)


@dataclass(frozen=True, slots=True)
class CollectionPart:
    tmdb_id: int
    title: str
    year: int | None
    in_library: bool
    is_this: bool


def _collection_parts(movie: Movie) -> list[CollectionPart]:
    """The movies of this one's TMDB collection in release order, each marked when it is in the library."""
    if movie.collection is None:
        return []
    parts = [part for part in movie.collection.parts or [] if isinstance(part, dict) and part.get("tmdbId")]
    owned = set(
        Movie.objects.filter(tmdb_id__in=[part["tmdbId"] for part in parts]).values_list("tmdb_id", flat=True)
    )
    rows = [
        CollectionPart(
            part["tmdbId"],
            part.get("title", ""),
            part.get("year") or None,
            part["tmdbId"] in owned,
            part["tmdbId"] == movie.tmdb_id,
        )
        for part in parts
    ]
    return sorted(rows, key=lambda part: (part.year or 9999, part.title))


def _credits(movie: Movie) -> dict[str, list[Credit]]:
    """The first cast and crew members, in one query (a movie has a few hundred credits at most)."""
    credits = list(movie.credits.only("name", "type", "character", "job"))
    return {
        kind: [credit for credit in credits if credit.type == value][:CREDITS_SHOWN]
        for kind, value in (("cast", Credit.Type.CAST), ("crew", Credit.Type.CREW))
    }


@require_GET
def movie_by_slug(request: HttpRequest, slug: str) -> HttpResponse:
    """Radarr 3's slugs ended in the TMDB id (`the-matrix-603`); anything else becomes a search."""
    tmdb_id = int_or_none(slug.rsplit("-", 1)[-1], minimum=0)
    if tmdb_id is not None:
        return redirect("movies:detail", tmdb_id)
    return redirect(f"{reverse('movies:add')}?{urlencode({'term': slug.replace('-', ' ')})}")


MONITOR_TOGGLES = ("movie-monitor", "primary-version-monitor")  # the ids of the movie's two toggles


@require_POST
def toggle_monitored(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    update_movie(movie, {"monitored": request.POST.get("monitored") == "true"})
    if request.htmx:  # the toggle clicked, and its twin (the top of the page, the primary's version row)
        clicked = request.htmx.trigger if request.htmx.trigger in MONITOR_TOGGLES else MONITOR_TOGGLES[0]
        twin = next(name for name in MONITOR_TOGGLES if name != clicked)
        toggle = "movies/movie.html#monitor"
        return HttpResponse(
            render_to_string(toggle, {"movie": movie, "monitor_id": clicked}, request)
            + render_to_string(toggle, {"movie": movie, "monitor_id": twin, "oob": True}, request)
        )
    return redirect(movie_url(movie))


def _queue(request: HttpRequest, name: str, movie: Movie, done: str) -> None:
    queue_command(name, {"movieIds": [movie.pk]}, user_agent=request.headers.get("User-Agent", ""))
    messages.success(request, done)


@require_POST
def refresh_movie(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    _queue(
        request,
        "RefreshMovie",
        movie,
        f"Refreshing {movie.title} from TMDB and rescanning {movie.path}; see System → Tasks.",
    )
    return redirect(movie_url(movie))


@require_POST
def search_movie(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    _queue(
        request,
        "MoviesSearch",
        movie,
        f"Searching indexers for {movie.title}.",
    )
    return redirect(movie_url(movie))


EDIT_FIELDS = {
    "QualityProfileId": "quality_profile",
    "MinimumAvailability": "minimum_availability",
    "Path": "path",
}


class EditMovieForm(forms.Form):
    monitored = forms.BooleanField(required=False)
    quality_profile = forms.ModelChoiceField(QualityProfile.objects.all(), empty_label=None)
    minimum_availability = forms.ChoiceField(choices=MinimumAvailability.choices)
    path = forms.CharField(max_length=1000)
    move_files = forms.BooleanField(
        required=False, label="Move files", help_text="Move the folder and its files to the new path"
    )
    tags = TagChoiceField(Tag.objects.all(), required=False)
    new_tags = forms.CharField(required=False, label="New tags", help_text="Comma-separated")


def _initial(movie: Movie) -> dict[str, Any]:
    return {
        "monitored": movie.monitored,
        "quality_profile": movie.quality_profile,
        "minimum_availability": movie.minimum_availability,
        "path": movie.path,
        "tags": list(movie.tags.all()),
    }


@require_http_methods(["GET", "POST"])
def edit_movie(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    movie = _movie(tmdb_id)
    form = EditMovieForm(request.POST if request.method == "POST" else None, initial=_initial(movie))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tag_ids = [tag.pk for tag in data["tags"]] + create_tags(data["new_tags"])
        changes = {
            "monitored": data["monitored"],
            "quality_profile_id": data["quality_profile"].pk,
            "minimum_availability": data["minimum_availability"],
            "path": data["path"].strip(),
            "tag_ids": tag_ids,
        }
        old_path = movie.path
        try:
            update_movie(movie, changes, move_files=data["move_files"])
        except ValidationFailed as failures:
            show_failures(form, failures, EDIT_FIELDS)
        except ApiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _saved_message(movie, old_path, data["move_files"]))
            return redirect(movie_url(movie))
    return render(request, "movies/movie_edit.html", {"movie": movie, "form": form})


def _saved_message(movie: Movie, old_path: str, move_files: bool) -> str:
    if movie.path == old_path:
        return f"Saved {movie.title}."
    if move_files:
        return f"Saved {movie.title}; its folder was moved from {old_path} to {movie.path}."
    return f"Saved {movie.title}; its path is now {movie.path} (nothing was moved: files stay in {old_path})."


class DeleteMovieForm(forms.Form):
    delete_files = forms.BooleanField(required=False, label="Delete the movie folder and its files")
    add_exclusion = forms.BooleanField(
        required=False, label="Add to the import exclusions (lists and collections will not add it again)"
    )


@require_http_methods(["GET", "POST"])
def delete_movie_page(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    movie = _movie(tmdb_id)
    form = DeleteMovieForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        delete_files, exclude = form.cleaned_data["delete_files"], form.cleaned_data["add_exclusion"]
        try:
            delete_movie(movie, delete_files=delete_files, add_exclusion=exclude)
        except ApiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, deleted_message(movie, delete_files, form.cleaned_data["add_exclusion"])
            )
            target = reverse("movies:index")
            return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    context = {"movie": movie, "form": form, "file_count": len(movie.files.all())}
    return render(request, "movies/movie_delete.html", context)


def deleted_message(movie: Movie, delete_files: bool, add_exclusion: bool) -> str:
    """Say exactly what happened on disk, so nobody wonders where the files went."""
    if delete_files:
        text = f"{movie.title} removed, and its folder {movie.path} deleted."
    else:
        text = f"{movie.title} removed; its files were left on disk at {movie.path}."
    if add_exclusion:
        text += " It was added to the import exclusions."
    return text


urlpatterns = [
    path("movie/<int:tmdb_id>", movie_detail, name="detail"),
    path("movie/<int:tmdb_id>/monitor", toggle_monitored, name="monitor"),
    path("movie/<int:tmdb_id>/refresh", refresh_movie, name="refresh"),
    path("movie/<int:tmdb_id>/search", search_movie, name="search"),
    path("movie/<int:tmdb_id>/edit", edit_movie, name="edit"),
    path("movie/<int:tmdb_id>/delete", delete_movie_page, name="delete"),
    path("movie/<str:slug>", movie_by_slug, name="slug"),
]
