"""Page: remove an extra version of a movie (from the movie page's Versions section).

Here and not with the other version pages because removing a version's file goes through the recycle
bin (imports.versionfiles.delete_version), as the file-delete page next door does. The file is deleted
only when the user ticks it; unticked, nothing on disk changes.
"""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from imports.filedeletion import FileDeletionError
from imports.options import import_options
from imports.versionfiles import delete_version
from movies.models import Movie, MovieFile, MovieVersion


class RemoveVersionForm(forms.Form):
    delete_files = forms.BooleanField(required=False, label="Also delete its file")


@require_http_methods(["GET", "POST"])
def version_remove(request: HttpRequest, tmdb_id: int, version_id: int) -> HttpResponse:
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    row = get_object_or_404(MovieVersion.objects.select_related("movie"), pk=version_id, movie=movie)
    form = RemoveVersionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        delete_files = form.cleaned_data["delete_files"]
        try:
            delete_version(row, delete_files=delete_files)
        except FileDeletionError as error:
            form.add_error(None, f"The file could not be deleted, so the version stays: {error}")
        else:
            messages.success(request, removed_message(movie, row, delete_files))
            return redirect(reverse("movies:detail", args=[movie.tmdb_id]) + "#versions")
    context = {
        "movie": movie,
        "row": row,
        "form": form,
        "movie_file": MovieFile.objects.filter(version=row).first(),
        "recycle_bin": import_options().recycle_bin.strip(),
    }
    return render(request, "imports/version_remove.html", context, status=409 if form.errors else 200)


def removed_message(movie: Movie, row: MovieVersion, delete_files: bool) -> str:
    """Say what happened on disk, so nobody wonders where the file went."""
    text = f"Removed the version {row.name} of {movie.title}"
    if not row.has_file:
        return f"{text}."
    if delete_files:
        return f"{text} and deleted its file."
    if row.path:
        return f"{text}; its file stays on disk in {row.path}."
    return f"{text}; its file stays in the movie's folder, listed with the movie's files."


urlpatterns = [
    path("movie/<int:tmdb_id>/versions/<int:version_id>/remove", version_remove, name="version-remove"),
]
