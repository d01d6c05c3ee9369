"""Pages: Wanted → Missing and Cutoff Unmet, paged and sortable, with "search selected" and "search all"."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from movies.wanted import DEFAULT_SORT, SORT_FIELDS, cutoff_unmet_movies, missing_movies, sorted_movies
from radarr.api.params import int_or_none
from radarr.commands import UnknownCommand, queue_command
from releases.qualities import QUALITIES_BY_ID

PAGE_SIZE = 50
LISTS = {
    "missing": ("Missing", "MissingMoviesSearch", "Monitored movies that are out and still missing a file."),
    "cutoff": ("Cutoff Unmet", "CutoffUnmetMoviesSearch", "Files their quality profile would still upgrade."),
}
COLUMNS = [
    ("movieMetadata.sortTitle", "Title"),
    ("movieMetadata.year", "Year"),
    ("movieMetadata.inCinemas", "In cinemas"),
    ("movieMetadata.digitalRelease", "Digital"),
    ("movieMetadata.physicalRelease", "Physical"),
    ("movies.lastSearchTime", "Last searched"),
]


@require_GET
def wanted(request: HttpRequest, kind: str = "missing") -> HttpResponse:
    title, _, description = LISTS[kind]
    sort = request.GET.get("sort") if request.GET.get("sort") in SORT_FIELDS else DEFAULT_SORT
    descending = request.GET.get("dir") == "desc"
    movies = missing_movies() if kind == "missing" else cutoff_unmet_movies()
    page = Paginator(sorted_movies(movies, sort, descending).prefetch_related("files"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for movie in page:
        primary = next((f for f in movie.files.all() if f.is_primary), None)
        movie.quality_name = (
            QUALITIES_BY_ID[primary.quality_id].name
            if primary and primary.quality_id in QUALITIES_BY_ID
            else ""
        )
    context = {
        "kind": kind,
        "title": title,
        "description": description,
        "lists": LISTS,
        "page": page,
        "columns": COLUMNS,
        "sort": sort,
        "descending": descending,
    }
    return render(request, "movies/wanted.html", context)


@require_POST
def search(request: HttpRequest, kind: str) -> HttpResponse:
    """Queue a search of the ticked movies, or of the whole list ("all")."""
    user_agent = request.headers.get("User-Agent", "")
    try:
        if request.POST.get("all"):
            command = queue_command(LISTS[kind][1], {}, user_agent=user_agent)
            messages.success(request, f"Searching every movie of {LISTS[kind][0]} ({command.name} queued).")
        else:
            ids = [pk for value in request.POST.getlist("movie") if (pk := int_or_none(value)) is not None]
            if not ids:
                messages.error(request, "Tick the movies to search first.")
            else:
                queue_command("MoviesSearch", {"movieIds": ids}, user_agent=user_agent)
                messages.success(request, f"Searching {len(ids)} movie(s).")
    except UnknownCommand as error:
        messages.error(request, str(error))
    return redirect("movies:wanted-missing" if kind == "missing" else "movies:wanted-cutoff")


urlpatterns = [
    path("wanted/missing", wanted, {"kind": "missing"}, name="wanted-missing"),
    path("wanted/cutoff", wanted, {"kind": "cutoff"}, name="wanted-cutoff"),
    path("wanted/<str:kind>/search", search, name="wanted-search"),
]
