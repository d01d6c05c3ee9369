"""Settings → Media Management's Root Folders: each with its free space, movies and unmapped folders
(folders no movie owns yet, which Library Import offers to add); add one with the folder picker; remove
one no movie uses (movies.library refuses the others and says how many movies use it)."""

import shutil
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_POST

from movies.library import add_root_folder, remove_root_folder
from movies.libraryimport import unmapped_folders
from movies.models import Movie, RootFolder
from radarr.api.errors import ApiError, ValidationFailed
from radarr.system.health import recheck_health


@dataclass(frozen=True, slots=True)
class RootFolderRow:
    folder: RootFolder
    free_space: int | None  # bytes; None when the folder is missing (an unmounted share)
    movies: int
    unmapped: int  # sub-folders no movie owns

    @property
    def removable(self) -> bool:
        return self.movies == 0


class RootFolderForm(forms.Form):
    path = forms.CharField(
        max_length=1000, label="Root folder path", help_text="An absolute path, e.g. /data/movies"
    )


def _free_space(folder_path: str) -> int | None:
    try:
        return shutil.disk_usage(folder_path).free
    except OSError:
        return None


def root_folder_rows() -> list[RootFolderRow]:
    """Every root folder with its facts: one query for the counts, a directory listing per folder."""
    per_root = Movie.objects.order_by().values("root_folder_path").annotate(movies=Count("pk"))
    counts = {row["root_folder_path"]: row["movies"] for row in per_root}
    return [
        RootFolderRow(
            folder, _free_space(folder.path), counts.get(folder.path, 0), len(unmapped_folders(folder.path))
        )
        for folder in RootFolder.objects.all()
    ]


def root_folder_context(form: RootFolderForm | None = None) -> dict:
    return {"roots": root_folder_rows(), "root_form": form or RootFolderForm()}


@require_POST
def add_root_folder_page(request: HttpRequest) -> HttpResponse:
    form = RootFolderForm(request.POST)
    if form.is_valid():
        try:
            folder = add_root_folder(form.cleaned_data["path"])
        except ValidationFailed as failures:
            for failure in failures.failures:
                form.add_error("path", failure.message)
        else:
            recheck_health("rootfolder")  # a client may download into the new root folder
            messages.success(request, f"Root folder {folder.path} added.")
            return redirect("imports:mediamanagement")
    template = "imports/mediamanagement.html#rootfolders" if request.htmx else "imports/rootfolders.html"
    return render(request, template, root_folder_context(form), status=400)


@require_POST
def remove_root_folder_page(request: HttpRequest, root_id: int) -> HttpResponse:
    folder = get_object_or_404(RootFolder, pk=root_id)
    try:
        remove_root_folder(folder)
    except ApiError as error:
        messages.error(request, error.message)
    else:
        recheck_health("rootfolder")
        messages.success(request, f"Root folder {folder.path} removed; its folders and files are untouched.")
    return redirect("imports:mediamanagement")


urlpatterns: list[URLPattern] = [
    path("settings/mediamanagement/rootfolders", add_root_folder_page, name="rootfolder-add"),
    path(
        "settings/mediamanagement/rootfolders/<int:root_id>/remove",
        remove_root_folder_page,
        name="rootfolder-remove",
    ),
]
