"""The Manual Import page: a folder's or download's files with what an import would decide, the user's
overrides (movie, version, quality), and a button that queues the ManualImport command."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from imports.manual import item_id, manual_import_items
from movies.models import Movie
from movies.versions import versions_by_movie
from radarr.commands import queue_command
from releases.qualities import QUALITIES_BY_ID


@require_http_methods(["GET", "POST"])
def manual_import(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _start_import(request)
    folder = request.GET.get("folder", "").strip()
    download_id = request.GET.get("downloadId", "").strip()
    items = manual_import_items(folder=folder, download_id=download_id) if folder or download_id else []
    versions = versions_by_movie({item.movie.pk: item.movie for item in items if item.movie}.values())
    context = {
        "folder": folder,
        "download_id": download_id,
        "items": [
            (item_id(item.path), item, versions.get(item.movie.pk, []) if item.movie else [])
            for item in items
        ],
        "movies": Movie.objects.order_by("sort_title").only("id", "title", "year"),
        "qualities": sorted(QUALITIES_BY_ID.values(), key=lambda quality: quality.name),
    }
    return render(request, "imports/manualimport.html", context)


def _start_import(request: HttpRequest) -> HttpResponse:
    files = []
    for key in request.POST.getlist("item"):
        path_value = request.POST.get(f"path-{key}", "")
        movie_id = request.POST.get(f"movie-{key}", "")
        quality_id = request.POST.get(f"quality-{key}", "")
        version_id = request.POST.get(f"version-{key}", "")
        entry = {"path": path_value, "downloadId": request.POST.get("downloadId", "")}
        if movie_id.isdigit():
            entry["movieId"] = int(movie_id)
        if version_id.isdigit():
            entry["versionId"] = int(version_id)
        if quality_id.isdigit():
            entry["quality"] = {"quality": {"id": int(quality_id)}, "revision": {"version": 1, "real": 0}}
        files.append(entry)
    mode = request.POST.get("importMode", "auto")
    if files:
        queue_command("ManualImport", {"files": files, "importMode": mode})
        messages.success(request, f"Importing {len(files)} file(s); see System → Tasks for the outcome")
    else:
        messages.warning(request, "Choose at least one file to import")
    return redirect("downloads:queue")


urlpatterns = [path("activity/manualimport", manual_import, name="manual-import")]
