"""Settings → Import Lists: the lists, Sync now, and the clean-library options. Adding, editing,
testing and deleting a list are the shared provider pages for IMPORT_LISTS."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from movies import library
from movies.discover import add_discovered, discover_artwork, discover_movies
from movies.importlistediting import (
    IMPORT_LISTS,
    delete_confirmation_failure,
    import_list_config_resource,
    save_import_list_config,
)
from movies.importlistsync import preview_clean
from movies.models import ImportList, ImportListConfig, ListSyncLevel
from movies.tmdb import TmdbError
from movies.views import exclusions, importlistsignin
from movies.views.addmovie import DEFAULTS_KEY
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import int_or_none
from radarr.commands import queue_command
from radarr.models import Tag
from radarr.providerpages import (
    delete_provider,
    edit_provider,
    manage_providers,
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
        refused = delete_confirmation_failure(
            body["listSyncLevel"], request.POST.get("delete_confirmation", "")
        )
        if refused:
            affected = len(preview_clean(body["listSyncLevel"], body["listSyncTag"]).affected)
            refused += f" Now that would be {affected} movie{'' if affected == 1 else 's'}."
        try:
            if refused:
                raise ValidationFailed([Failure("listSyncLevel", refused, body["listSyncLevel"])])
            save_import_list_config(body, confirmed=True)
        except ValidationFailed as error:
            messages.error(request, error.failures[0].message)
            status = 400
        else:
            messages.success(request, "Import list options saved.")
            return redirect("movies:importlists")
    config = import_list_config_resource(ImportListConfig.load())
    preview = None
    if request.method == "GET" and request.GET.get("preview"):
        # the options as chosen in the form (not yet saved), else the saved ones
        level = request.GET.get("list_sync_level", config["listSyncLevel"])
        level = level if level in ListSyncLevel.values else config["listSyncLevel"]
        tag = int_or_none(request.GET.get("list_sync_tag", ""), minimum=0)
        tag = config["listSyncTag"] if tag is None else tag
        preview = preview_clean(level, tag)
        config = {**config, "listSyncLevel": level, "listSyncTag": tag}
    context = {
        "rows": ImportList.objects.for_resource(),
        "config": config,
        "preview": preview,
        "preview_label": _LEVEL_LABELS.get(ListSyncLevel(preview.level)) if preview else "",
        "levels": list(_LEVEL_LABELS.items()),
        "tags": Tag.objects.order_by("label"),
    }
    return render(request, "movies/importlists.html", context, status=status)


DISCOVER_PAGE_SIZE = 60  # cards per page; the next page loads as the last card scrolls into view
# Discover's source filter: which of GET importlist/movie's sources are asked, and which flag shows them
DISCOVER_SOURCES = {
    "all": ("All", None),
    "lists": ("Lists", "lists"),
    "recommended": ("Recommended", "isRecommendation"),
    "trending": ("Trending", "isTrending"),
    "popular": ("Popular", "isPopular"),
}


@require_http_methods(["GET", "POST"])
def discover(request: HttpRequest) -> HttpResponse:
    """Discover: what the lists named at their last sync, TMDB's recommendations for the library, the
    trending and the popular movies that the library lacks; each added in one click (with the list's
    options) or excluded from the lists here."""
    if request.method == "POST":
        tmdb_id = int_or_none(request.POST.get("tmdb_id", ""), minimum=1)
        if tmdb_id is None:
            messages.error(request, "No movie to exclude.")
            return redirect("movies:discover")
        title = request.POST.get("title", "")[:500]
        library.add_exclusion(tmdb_id, title, int_or_none(request.POST.get("year", ""), minimum=0) or 0)
        if request.htmx:
            return render(request, "movies/discover.html#done", {"tmdb_id": tmdb_id, "note": "Excluded"})
        messages.success(request, f"{title or tmdb_id} will not be added from lists.")
        return redirect("movies:discover")
    source = request.GET.get("source", "all")
    source = source if source in DISCOVER_SOURCES else "all"
    show_excluded = bool(request.GET.get("excluded"))
    flag = DISCOVER_SOURCES[source][1]
    found = discover_movies(
        recommendations=source in ("all", "recommended"),
        trending=source in ("all", "trending"),
        popular=source in ("all", "popular"),
    )
    names = dict(ImportList.objects.values_list("pk", "name"))
    items = [
        {**item, "list_names": [names.get(list_id, "") for list_id in item["lists"]]}
        for item in found
        if not item["isExisting"]
        and (show_excluded or not item["isExcluded"])
        and (flag is None or bool(item[flag]))
    ]
    page = int_or_none(request.GET.get("page", ""), minimum=1) or 1
    start = (page - 1) * DISCOVER_PAGE_SIZE
    shown = items[start : start + DISCOVER_PAGE_SIZE]
    more = len(items) > start + DISCOVER_PAGE_SIZE
    query = request.GET.copy()
    query["page"] = str(page + 1)
    context = {
        "items": shown,
        "next_params": query.urlencode() if more else "",
        "source": source,
        "sources": [(key, label) for key, (label, _) in DISCOVER_SOURCES.items()],
        "show_excluded": show_excluded,
    }
    if request.htmx and page > 1:  # the next cards, in place of the "load more" item
        return render(request, "movies/discover.html#cards", context)
    return render(request, "movies/discover.html", context)


@require_GET
def discover_poster(request: HttpRequest, tmdb_id: int) -> HttpResponse:
    """A list's movie's poster and rating, loaded as its card scrolls into view: lists name only ids
    and titles, so TMDB's details (cached) supply them; TMDB failing leaves the empty box."""
    poster, rating = discover_artwork(tmdb_id)
    context = {"tmdb_id": tmdb_id, "poster": poster, "rating": rating}
    return render(request, "movies/discover.html#poster", context)


@require_POST
def discover_add(request: HttpRequest) -> HttpResponse:
    """One-click Add: with the options of the list that named the movie, else Add Movie's defaults."""
    tmdb_id = int_or_none(request.POST.get("tmdb_id", ""), minimum=1)
    list_id = int_or_none(request.POST.get("list_id", ""), minimum=1)
    error, movie = "", None
    if tmdb_id is None:
        error = "No movie to add."
    else:
        try:
            movie = add_discovered(tmdb_id, list_id, request.session.get(DEFAULTS_KEY, {}))
        except ValidationFailed as failures:
            error = "; ".join(failure.message for failure in failures.failures)
        except TmdbError as failure:
            error = failure.message
    if request.htmx:
        context = {"tmdb_id": tmdb_id, "movie": movie, "error": error, "note": "Added" if movie else ""}
        return render(request, "movies/discover.html#done", context, status=200 if movie else 400)
    if movie is None:
        messages.error(request, error)
    else:
        messages.success(request, f"Added {movie.title} ({movie.year}) at {movie.path}.")
    return redirect("movies:discover")


PAGES = {"family": IMPORT_LISTS}
MANAGE = PAGES | {"switches": [("enabled", "Enabled"), ("enableAuto", "Automatic add")], "priority": False}

urlpatterns = [
    path("settings/importlists/manage", manage_providers, MANAGE, name="importlists-manage"),
    path("discover", discover, name="discover"),
    path("discover/add", discover_add, name="discover-add"),
    path("discover/poster/<int:tmdb_id>", discover_poster, name="discover-poster"),
    path("settings/importlists", import_lists, name="importlists"),
    path("settings/importlists/new", new_provider, PAGES, name="importlist-new"),
    path("settings/importlists/test", test_provider_form, PAGES, name="importlist-test"),
    path("settings/importlists/testall", test_all_providers, PAGES, name="importlist-testall"),
    path("settings/importlists/<int:pk>", edit_provider, PAGES, name="importlist-edit"),
    path("settings/importlists/<int:pk>/delete", delete_provider, PAGES, name="importlist-delete"),
    *importlistsignin.urlpatterns,
    *exclusions.urlpatterns,
]
