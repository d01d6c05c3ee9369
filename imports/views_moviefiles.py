"""The movie page's Files section: each file with its quality, languages, edition, group, media info and
size; editing a file's quality and languages; deleting one through the recycle bin (an explicit action).

The movie page (movies app) draws the section with `{% movie_files movie %}` (imports/templatetags), so
it reads what only this app knows (media info, deletion) without the movies app importing it.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from imports.filedeletion import FileDeletionError, delete_movie_file
from imports.fileproperties import FileProperties, edit_movie_files
from imports.mediainfo import media_info_resource
from imports.options import import_options
from movies.models import Movie, MovieFile
from releases.languages import ANY, LANGUAGES, LANGUAGES_BY_ID, ORIGINAL
from releases.models import CustomFormat
from releases.qualities import QUALITIES, QUALITIES_BY_ID, QualityModel, Revision

TEMPLATE = "imports/movie_files.html"


@dataclass(frozen=True, slots=True)
class FileRow:
    """One file as the Files section shows it."""

    file: MovieFile
    quality: str
    languages: list[str]
    formats: list[str]
    media: dict[str, Any] | None  # Radarr's MediaInfoResource, None when the file was never read

    @property
    def video(self) -> str:
        media = self.media or {}
        parts = [media.get("videoCodec"), media.get("resolution"), media.get("videoDynamicRangeType")]
        bits = media.get("videoBitDepth")
        return " · ".join(str(part) for part in [*parts, f"{bits}-bit" if bits else ""] if part)

    @property
    def audio(self) -> str:
        media = self.media or {}
        channels = media.get("audioChannels")
        parts = [media.get("audioCodec"), f"{channels:g}" if channels else "", media.get("audioLanguages")]
        return " · ".join(str(part) for part in parts if part)


def _quality_label(movie_file: MovieFile) -> str:
    quality = QUALITIES_BY_ID.get(movie_file.quality_id)
    name = quality.name if quality else "Unknown"
    version = (movie_file.revision or {}).get("version", 1)
    return f"{name} Proper" if version == 2 else f"{name} v{version}" if version > 2 else name


def file_rows(movie: Movie) -> list[FileRow]:
    """The movie's files, primary first, in two queries whatever their number."""
    files = list(movie.files.all())
    format_ids = {pk for movie_file in files for pk in movie_file.custom_format_ids or []}
    names = (
        dict(CustomFormat.objects.filter(pk__in=format_ids).values_list("pk", "name")) if format_ids else {}
    )
    return [
        FileRow(
            file=movie_file,
            quality=_quality_label(movie_file),
            languages=[LANGUAGES_BY_ID[i].name for i in movie_file.language_ids if i in LANGUAGES_BY_ID],
            formats=[names[pk] for pk in movie_file.custom_format_ids or [] if pk in names],
            media=media_info_resource(movie_file.media_info, movie_file.scene_name),
        )
        for movie_file in files
    ]


FILE_LANGUAGES = [(language.id, language.name) for language in LANGUAGES if language not in (ANY, ORIGINAL)]


class EditFileForm(forms.Form):
    quality = forms.TypedChoiceField(
        coerce=int, choices=[(quality.id, quality.name) for quality in QUALITIES]
    )
    proper = forms.BooleanField(required=False, label="Proper or repack", help_text="Revision 2")
    languages = forms.TypedMultipleChoiceField(coerce=int, choices=FILE_LANGUAGES, required=False)
    edition = forms.CharField(required=False, max_length=200)
    release_group = forms.CharField(required=False, max_length=200, label="Release group")


def _file(tmdb_id: int, file_id: int) -> MovieFile:
    return get_object_or_404(MovieFile.objects.select_related("movie"), pk=file_id, movie__tmdb_id=tmdb_id)


def _back(movie: Movie) -> HttpResponse:
    return redirect(reverse("movies:detail", args=[movie.tmdb_id]) + "#files")


@require_http_methods(["GET", "POST"])
def edit_file(request: HttpRequest, tmdb_id: int, file_id: int) -> HttpResponse:
    movie_file = _file(tmdb_id, file_id)
    initial = {
        "quality": movie_file.quality_id,
        "proper": (movie_file.revision or {}).get("version", 1) > 1,
        "languages": movie_file.language_ids,
        "edition": movie_file.edition,
        "release_group": movie_file.release_group,
    }
    form = EditFileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        quality = QualityModel(QUALITIES_BY_ID[data["quality"]], Revision(version=2 if data["proper"] else 1))
        properties = FileProperties(
            quality=quality,
            language_ids=data["languages"],
            edition=data["edition"].strip(),
            release_group=data["release_group"].strip(),
        )
        edit_movie_files({movie_file.pk: properties})
        messages.success(request, f"Saved {movie_file.relative_path}.")
        return _back(movie_file.movie)
    context = {"movie": movie_file.movie, "movie_file": movie_file, "form": form}
    return render(request, f"{TEMPLATE}#edit", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def delete_file(request: HttpRequest, tmdb_id: int, file_id: int) -> HttpResponse:
    """Ask first; a POST moves the file to the recycle bin (or deletes it when none is set)."""
    movie_file = _file(tmdb_id, file_id)
    recycle_bin = import_options().recycle_bin.strip()
    context: dict[str, Any] = {
        "movie": movie_file.movie,
        "movie_file": movie_file,
        "recycle_bin": recycle_bin,
    }
    if request.method == "POST":
        try:
            delete_movie_file(movie_file)
        except FileDeletionError as error:
            context["error"] = str(error)
            return render(request, f"{TEMPLATE}#delete", context, status=409)
        messages.success(request, f"Deleted {movie_file.relative_path}.")
        return _back(movie_file.movie)
    return render(request, f"{TEMPLATE}#delete", context)


urlpatterns = [
    path("movie/<int:tmdb_id>/files/<int:file_id>/edit", edit_file, name="movie-file-edit"),
    path("movie/<int:tmdb_id>/files/<int:file_id>/delete", delete_file, name="movie-file-delete"),
]
