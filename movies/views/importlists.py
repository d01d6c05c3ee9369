"""Settings → Import Lists: the lists, Sync now, and the clean-library options. Adding, editing,
testing and deleting a list are the shared provider pages for IMPORT_LISTS."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from movies import library
from movies.discover import discover_movies
from movies.importlistediting import IMPORT_LISTS, import_list_config_resource, save_import_list_config
from movies.models import ImportList, ImportListConfig, ListSyncLevel
from radarr.api.errors import ValidationFailed
from radarr.api.params import int_or_none
from radarr.commands import queue_command
from radarr.models import Tag
from radarr.providerpages import (
    delete_provider,
    edit_provider,
    new_provider,
    test_all_providers,
    test_provider_form,
)

_LEVEL_LABELS = {
    ListSyncLevel.DISABLED: "Disabled",
    ListSyncLevel.LOG_ONLY: "Log only",
    ListSyncLevel.KEEP_AND_UNMONITOR: "Keep and unmonitor",
    ListSyncLevel.REMOVE_AND_KEEP: "Remove movie and keep files",
    ListSyncLevel.REMOVE_AND_DELETE: "Remove movie and delete files",
}


@require_http_methods(["GET", "POST"])
def import_lists(request: HttpRequest) -> HttpResponse:
    """The lists and the options (posted here); `action=sync` queues ImportListSync."""
    status = 200
    if request.method == "POST" and request.POST.get("action") == "sync":
        queue_command("ImportListSync", user_agent=request.headers.get("User-Agent", ""))
        messages.success(request, "Import list sync queued: see System → Tasks.")
        return redirect("movies:importlists")
    if request.method == "POST":
        body = {
            "listSyncLevel": request.POST.get("list_sync_level", ""),
            "listSyncTag": int_or_none(request.POST.get("list_sync_tag", ""), minimum=0) or 0,
        }
        try:
            save_import_list_config(body)
        except ValidationFailed as error:
            messages.error(request, error.failures[0].message)
            status = 400
        else:
            messages.success(request, "Import list options saved.")
            return redirect("movies:importlists")
    context = {
        "rows": ImportList.objects.for_resource(),
        "config": import_list_config_resource(ImportListConfig.load()),
        "levels": list(_LEVEL_LABELS.items()),
        "tags": Tag.objects.order_by("label"),
    }
    return render(request, "movies/importlists.html", context, status=status)


@require_http_methods(["GET", "POST"])
def discover(request: HttpRequest) -> HttpResponse:
    """Discover: what the lists named at their last sync that the library lacks; each is added through
    the Add Movie page (found by its TMDB id) or excluded from the lists here."""
    if request.method == "POST":
        tmdb_id = int_or_none(request.POST.get("tmdb_id", ""), minimum=1)
        if tmdb_id is None:
            messages.error(request, "No movie to exclude.")
            return redirect("movies:discover")
        title = request.POST.get("title", "")[:500]
        library.add_exclusion(tmdb_id, title, int_or_none(request.POST.get("year", ""), minimum=0) or 0)
        messages.success(request, f"{title or tmdb_id} will not be added from lists.")
        return redirect("movies:discover")
    names = dict(ImportList.objects.values_list("pk", "name"))
    items = [
        {**item, "list_names": [names.get(list_id, "") for list_id in item["lists"]]}
        for item in discover_movies()
        if not item["isExisting"] and not item["isExcluded"] or request.GET.get("excluded")
    ]
    return render(
        request, "movies/discover.html", {"items": items, "show_excluded": bool(request.GET.get("excluded"))}
    )


PAGES = {"family": IMPORT_LISTS}

urlpatterns = [
    path("discover", discover, name="discover"),
    path("settings/importlists", import_lists, name="importlists"),
    path("settings/importlists/new", new_provider, PAGES, name="importlist-new"),
    path("settings/importlists/test", test_provider_form, PAGES, name="importlist-test"),
    path("settings/importlists/testall", test_all_providers, PAGES, name="importlist-testall"),
    path("settings/importlists/<int:pk>", edit_provider, PAGES, name="importlist-edit"),
    path("settings/importlists/<int:pk>/delete", delete_provider, PAGES, name="importlist-delete"),
]
