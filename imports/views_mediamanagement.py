"""Settings → Media Management (naming with live examples, folders, importing, file management,
permissions) and the Organize page of a movie (rename preview, then rename)."""

import posixpath
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from imports.mediamanagement import (
    CHOICES,
    NAMING_NAMES,
    media_management_resource,
    naming_config_resource,
    naming_draft,
    save_media_management_config,
    save_naming_config,
)
from imports.models import MediaManagementConfig, NamingConfig
from imports.naming import NamingFormatError, build_folder_name, naming_examples
from imports.renaming import rename_movie_files, rename_movie_folder, rename_previews
from imports.views_rootfolders import root_folder_context
from movies.files import FolderError
from movies.models import Movie
from radarr.api.errors import ValidationFailed

_LABELS = {
    "colonReplacementFormat": {
        "delete": "Delete",
        "dash": "Replace with Dash",
        "spaceDash": "Replace with Space Dash",
        "spaceDashSpace": "Replace with Space Dash Space",
        "smart": "Smart Replace",
    },
    "downloadPropersAndRepacks": {
        "preferAndUpgrade": "Prefer and Upgrade",
        "doNotUpgrade": "Do not Upgrade Automatically",
        "doNotPrefer": "Do not Prefer",
    },
    "fileDate": {"none": "None", "cinemas": "In Cinemas Date", "release": "Physical Release Date"},
    "rescanAfterRefresh": {"always": "Always", "afterManual": "After Manual Refresh", "never": "Never"},
}

# (section, v3 name, label, help)
_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("Movie Naming", "renameMovies", "Rename Movies", "Off: files keep the release's name."),
    ("Movie Naming", "replaceIllegalCharacters", "Replace Illegal Characters", "Off: they are removed."),
    ("Movie Naming", "colonReplacementFormat", "Colon Replacement", ""),
    ("Movie Naming", "standardMovieFormat", "Standard Movie Format", "e.g. {Movie Title} ({Release Year})"),
    ("Movie Naming", "movieFolderFormat", "Movie Folder Format", "Movie tokens only: title, year, ids."),
    (
        "Movie Naming",
        "versionSuffixFormat",
        "Version Suffix Format",
        "Ends the file name of an extra version kept in the movie's folder, e.g. ' - {Version Name}'.",
    ),
    ("Folders", "createEmptyMovieFolders", "Create Empty Movie Folders", ""),
    ("Folders", "deleteEmptyFolders", "Delete Empty Folders", ""),
    ("Folders", "autoRenameFolders", "Rename Movie Folders Automatically", ""),
    ("Importing", "skipFreeSpaceCheckWhenImporting", "Skip Free Space Check", ""),
    ("Importing", "minimumFreeSpaceWhenImporting", "Minimum Free Space (MB)", "At least 100."),
    ("Importing", "copyUsingHardlinks", "Use Hardlinks instead of Copy", ""),
    ("Importing", "useScriptImport", "Import Using Script", ""),
    ("Importing", "scriptImportPath", "Import Script Path", ""),
    ("Importing", "importExtraFiles", "Import Extra Files", ""),
    ("Importing", "extraFileExtensions", "Extra File Extensions", "Comma separated, e.g. srt,nfo"),
    ("File Management", "autoUnmonitorPreviouslyDownloadedMovies", "Unmonitor Deleted Movies", ""),
    ("File Management", "downloadPropersAndRepacks", "Propers and Repacks", ""),
    ("File Management", "enableMediaInfo", "Analyse Video Files", "Reads codecs and HDR with ffprobe."),
    ("File Management", "rescanAfterRefresh", "Rescan Movie Folder after Refresh", ""),
    ("File Management", "fileDate", "Change File Date", ""),
    ("File Management", "recycleBin", "Recycling Bin", "Empty: files are deleted permanently."),
    ("File Management", "recycleBinCleanupDays", "Recycling Bin Cleanup (days)", "0 turns it off."),
    ("Permissions", "setPermissionsLinux", "Set Permissions", ""),
    ("Permissions", "chmodFolder", "chmod Folder", "Octal; files get it without execute bits."),
    ("Permissions", "chownGroup", "chown Group", ""),
)


# What Radarr's page shows only with "Show advanced settings" on
_ADVANCED = {
    "createEmptyMovieFolders", "deleteEmptyFolders", "autoRenameFolders", "skipFreeSpaceCheckWhenImporting",
    "minimumFreeSpaceWhenImporting", "copyUsingHardlinks", "useScriptImport", "scriptImportPath",
    "enableMediaInfo", "rescanAfterRefresh", "fileDate", "setPermissionsLinux", "chmodFolder", "chownGroup",
}  # fmt: skip


class MediaManagementForm(forms.Form):
    """Built from the current values: a checkbox for each flag, a select for each choice."""

    def __init__(self, values: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, initial=values, **kwargs)
        for section, name, label, help_text in _FIELDS:
            value = values[name]
            if name in CHOICES:
                field: forms.Field = forms.ChoiceField(
                    choices=[(choice, _LABELS[name][choice]) for choice in CHOICES[name]]
                )
            elif isinstance(value, bool):
                field = forms.BooleanField(required=False)
            elif isinstance(value, int):
                field = forms.IntegerField()
            else:  # the version suffix keeps its leading space (" - {Version Name}")
                field = forms.CharField(required=False, max_length=1000, strip=name != "versionSuffixFormat")
            field.label, field.help_text = label, help_text
            field.section = section  # type: ignore[attr-defined]
            field.advanced = name in _ADVANCED  # type: ignore[attr-defined]
            if name in (
                "standardMovieFormat",
                "movieFolderFormat",
                "colonReplacementFormat",
                "replaceIllegalCharacters",
            ):
                typed = name.endswith("Format") and name != "colonReplacementFormat"
                field.widget.attrs.update(
                    {
                        "hx-get": reverse("imports:mediamanagement-examples"),
                        "hx-trigger": "input changed delay:300ms" if typed else "change",
                        "hx-target": "#examples",
                        "hx-swap": "outerHTML",
                        "hx-include": "#naming-fields",
                    }
                )
                if typed:
                    field.widget.attrs["size"] = "80"
            self.fields[name] = field

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        grouped: dict[str, list[forms.BoundField]] = {}
        for name, field in self.fields.items():
            grouped.setdefault(field.section, []).append(self[name])  # type: ignore[attr-defined]
        return list(grouped.items())


def _current_values() -> dict[str, Any]:
    values = naming_config_resource(NamingConfig.load())
    values.update(media_management_resource(MediaManagementConfig.load()))
    values.pop("id", None)
    return values


def _examples(values: dict[str, Any]) -> dict[str, str]:
    try:
        return naming_examples(naming_draft(values))
    except NamingFormatError as error:
        return {"movieExample": str(error), "movieFolderExample": ""}


@login_required
@require_http_methods(["GET", "POST"])
def media_management(request: HttpRequest) -> HttpResponse:
    values = _current_values()
    form = MediaManagementForm(values, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        naming = {name: value for name, value in data.items() if name in NAMING_NAMES}
        media = {name: value for name, value in data.items() if name not in NAMING_NAMES}
        try:
            with transaction.atomic():  # both rows or neither
                save_naming_config(naming)
                save_media_management_config(media)
        except ValidationFailed as error:
            for failure in error.failures:
                form.add_error(
                    failure.property_name if failure.property_name in form.fields else None, failure.message
                )
        else:
            messages.success(request, "Media management settings saved.")
            return redirect("imports:mediamanagement")
    shown = {**values, **(form.data.dict() if form.is_bound else {})}
    context = {"form": form, "examples": _examples(shown), **root_folder_context()}
    return render(request, "imports/mediamanagement.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def media_management_examples(request: HttpRequest) -> HttpResponse:
    """The examples fragment for the formats being typed (HTMX)."""
    values = request.GET.dict()
    values.setdefault("replaceIllegalCharacters", "false")  # an unticked checkbox is not sent
    return render(request, "imports/mediamanagement.html#examples", {"examples": _examples(values)})


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def organize(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    """Organize a movie: preview the renames, then apply them."""
    movie = get_object_or_404(Movie, tmdb_id=tmdb_id)
    if request.method == "POST":
        file_ids = [int(value) for value in request.POST.getlist("files") if value.isdigit()]
        try:
            renamed = rename_movie_files(movie, file_ids)
        except FolderError as error:  # the movie's folder is outside every root folder
            messages.error(request, error.message)
            return redirect("movies:detail", tmdb_id=movie.tmdb_id)
        text = f"Renamed {len(renamed)} file(s)."
        if request.POST.get("rename_folder"):
            try:
                if rename_movie_folder(movie):
                    text += f" The folder is now {movie.path}."
            except FolderError as error:
                messages.error(request, error.message)
        messages.success(request, text)
        return redirect("movies:detail", tmdb_id=movie.tmdb_id)
    config = NamingConfig.load()
    folder = posixpath.join(
        movie.root_folder_path or posixpath.dirname(movie.path), build_folder_name(movie, config)
    )
    context = {
        "movie": movie,
        "previews": rename_previews(movie, config),
        "config": config,
        "new_folder": folder if folder != movie.path else "",
    }
    return render(request, "imports/rename.html", context)


urlpatterns: list[URLPattern] = [
    path("settings/mediamanagement", media_management, name="mediamanagement"),
    path("settings/mediamanagement/examples", media_management_examples, name="mediamanagement-examples"),
    path("movie/<int:tmdb_id>/organize", organize, name="organize"),
]
