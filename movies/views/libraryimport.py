"""Pages: Library import — root folders, their folders no movie owns yet, a TMDB match for each (fixable),
then adding the chosen ones with the files already in them.

Matching costs a TMDB request per folder, so the table comes first and each row asks for its own
match as it appears (HTMX `load`), fifty folders a page.
"""

import shutil
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from movies import tmdb
from movies.adding import MONITOR_TYPES
from movies.library import add_root_folder
from movies.libraryimport import ImportRequest, UnmappedFolder, import_movies, match_folder, unmapped_folders
from movies.models import MinimumAvailability, Movie, RootFolder
from movies.views.addmovie import MONITOR_LABELS, show_failures
from radarr.api.errors import ValidationFailed
from radarr.api.params import int_or_none
from radarr.system.health import recheck_health
from releases.models import QualityProfile

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class RootFolderRow:
    folder: RootFolder
    free_space: int | None  # bytes; None when the folder is missing (an unmounted share)
    movies: int


class RootFolderForm(forms.Form):
    path = forms.CharField(
        max_length=1000, label="Folder path", help_text="An absolute path, e.g. /data/movies"
    )


class ImportOptionsForm(forms.Form):
    quality_profile = forms.ModelChoiceField(QualityProfile.objects.all(), empty_label=None)
    minimum_availability = forms.ChoiceField(
        choices=MinimumAvailability.choices, initial=MinimumAvailability.RELEASED
    )
    monitor = forms.ChoiceField(choices=[(key, MONITOR_LABELS[key]) for key in MONITOR_TYPES])
    search_for_movie = forms.BooleanField(required=False, label="Start search for missing movies")


def _free_space(folder_path: str) -> int | None:
    try:
        return shutil.disk_usage(folder_path).free
    except OSError:
        return None


def _root_rows() -> list[RootFolderRow]:
    per_root = Movie.objects.order_by().values("root_folder_path").annotate(movies=Count("pk"))
    counts = {row["root_folder_path"]: row["movies"] for row in per_root}
    return [
        RootFolderRow(folder, _free_space(folder.path), counts.get(folder.path, 0))
        for folder in RootFolder.objects.all()
    ]


@require_GET
def library_import(request: HttpRequest) -> HttpResponse:
    context: dict = {"roots": _root_rows(), "root_form": RootFolderForm()}
    root_id = int_or_none(request.GET.get("root", ""))
    if root_id is not None:
        root = get_object_or_404(RootFolder, pk=root_id)
        page = Paginator(unmapped_folders(root.path), PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {
            "root": root,
            "page": page,
            "rows": [(number, folder) for number, folder in enumerate(page, start=page.start_index())],
            "options": ImportOptionsForm(),
        }
    return render(request, "movies/import.html", context)


@require_POST
def add_root_folder_page(request: HttpRequest) -> HttpResponse:
    form = RootFolderForm(request.POST)
    if form.is_valid():
        try:
            folder = add_root_folder(form.cleaned_data["path"])
        except ValidationFailed as failures:
            show_failures(form, failures, {"Path": "path"})
        else:
            recheck_health("rootfolder")  # a client may download into the new root folder
            messages.success(request, f"Root folder {folder.path} added.")
            return redirect(f"{reverse('movies:import')}?root={folder.pk}")
    return render(request, "movies/import.html", {"roots": _root_rows(), "root_form": form}, status=400)


def _folder(root: RootFolder, folder_path: str) -> UnmappedFolder:
    """The unmapped folder of this root at `folder_path`; 404 for anything else (no arbitrary paths)."""
    for folder in unmapped_folders(root.path):
        if folder.path == folder_path:
            return folder
    raise Http404("No such unmapped folder")


@require_GET
def match_row(request: HttpRequest) -> HttpResponse:
    """One row with its TMDB match: proposed from the folder name, or searched with the user's words."""
    root = get_object_or_404(RootFolder, pk=int(request.GET.get("root", "0") or 0))
    folder = _folder(root, request.GET.get("path", ""))
    term = request.GET.get("term", "").strip()
    match = match_folder(folder)
    if term:
        try:
            match.candidates = tmdb.search_movies(term)
            match.metadata = match.candidates[0] if match.candidates else None
            match.error = "" if match.candidates else f"TMDB found nothing for '{term}'"
        except tmdb.TmdbError as error:
            match.error = error.message
    if match.metadata is not None:
        match.existing = Movie.objects.filter(tmdb_id=match.metadata.tmdb_id).first()
    context = {
        "number": request.GET.get("i", "0"),
        "folder": folder,
        "match": match,
        "root": root,
        "term": term,
    }
    return render(request, "movies/import.html#row", context)


def _requests(request: HttpRequest, root: RootFolder, options: dict) -> tuple[list[ImportRequest], list[str]]:
    """What to import from the ticked rows (their TMDB details fetched several at once); rows whose
    movie TMDB cannot give are reported."""
    folders = {folder.path: folder for folder in unmapped_folders(root.path)}
    ticked: list[tuple[str, int]] = []
    for number in request.POST.getlist("select"):
        folder_path, tmdb_id = request.POST.get(f"path-{number}", ""), request.POST.get(f"tmdb-{number}", "")
        if folder_path not in folders or (tmdb_id := int_or_none(tmdb_id, minimum=1)) is None:
            continue
        ticked.append((folder_path, tmdb_id))
    wanted, problems = [], []
    fetched = tmdb.fetch_many(tmdb.fetch_movie, [tmdb_id for _path, tmdb_id in ticked])
    for (folder_path, _tmdb_id), metadata in zip(ticked, fetched, strict=True):
        if isinstance(metadata, tmdb.TmdbError):
            problems.append(f"{folders[folder_path].name}: {metadata.message}")
            continue
        wanted.append(
            ImportRequest(
                path=folder_path,
                metadata=metadata,
                quality_profile_id=options["quality_profile"].pk,
                minimum_availability=options["minimum_availability"],
                monitored=options["monitor"] != "none",
                monitor=options["monitor"],
                search_for_movie=options["search_for_movie"],
            )
        )
    return wanted, problems


@require_http_methods(["POST"])
def import_folders(request: HttpRequest, root_id: int) -> HttpResponse:
    root = get_object_or_404(RootFolder, pk=root_id)
    options = ImportOptionsForm(request.POST)
    target = f"{reverse('movies:import')}?root={root.pk}"
    if not options.is_valid():
        messages.error(request, "Choose a quality profile, minimum availability and monitoring.")
        return redirect(target)
    # rows are written in batches here; media info and covers follow in FinishLibraryImport
    wanted, problems = _requests(request, root, options.cleaned_data)
    added, failed = import_movies(wanted)
    problems += [f"{item.path}: {message}" for item, message in failed]
    if added:
        with_files = sum(movie.has_file for movie in added)
        messages.success(
            request, f"Imported {len(added)} movie(s), {with_files} with their file already there."
        )
    elif not problems:
        messages.info(request, "Nothing was imported: tick the folders to import.")
    for problem in problems:
        messages.error(request, f"Not imported: {problem}")
    return redirect(target)


urlpatterns = [
    path("import", library_import, name="import"),
    path("import/rootfolder", add_root_folder_page, name="import-rootfolder"),
    path("import/match", match_row, name="import-match"),
    path("import/<int:root_id>", import_folders, name="import-folders"),
]
