"""Pages: the movie index (posters, table, overview) with filters, search as you type and paging."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from movies.indexquery import FILTERS, SORTS, VIEWS, IndexQuery, index_page
from movies.models import MinimumAvailability, MovieStatus, RootFolder
from movies.savedfilters import INDEX_FILTER_TYPE, save_index_filter, saved_index_filters
from radarr.models import CustomFilter, Tag

VIEW_COOKIE = "movies_view"  # the last view chosen, so the index opens the way the user left it


@require_GET
@vary_on_headers("HX-Request", "HX-Target")  # the page, the list, or the next page
def movie_index(request: HttpRequest) -> HttpResponse:
    query = IndexQuery.from_params(request.GET, default_view=request.COOKIES.get(VIEW_COOKIE, "posters"))
    page = index_page(query)
    context = {
        "page": page,
        "query": query,
        "filters": FILTERS,
        "sorts": SORTS,
        "statuses": MovieStatus.choices,
        "view_links": [(view, query.params(view=view, page=1)) for view in VIEWS],
        "sort_links": _sort_links(query),
        "select_link": query.params(select=not query.select, page=1),
        "clear_link": IndexQuery(view=query.view, select=query.select).params(),
        "current_params": query.params(page=1),
    }
    if request.htmx and request.GET.get("more"):
        template = "movies/index.html#more"  # the next page, appended below the last one
    elif request.htmx and request.htmx.target == "movies":
        template = "movies/index.html#movies"
    else:
        template = "movies/index.html"
        context |= {
            "tags": Tag.objects.all(),
            "root_folders": RootFolder.objects.all(),
            "availabilities": MinimumAvailability.choices,
            "saved_filters": saved_index_filters(query.view),
        }
    response = render(request, template, context)
    if "view" in request.GET:
        response.set_cookie(VIEW_COOKIE, query.view, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def _sort_links(query: IndexQuery) -> dict[str, str]:
    """Each column's header link: sorts by it, or flips the direction when it is the current sort."""
    return {
        key: query.params(sort=key, descending=not query.descending if key == query.sort else False, page=1)
        for key in SORTS
    }


@require_POST
def save_filter(request: HttpRequest) -> HttpResponse:
    """Save the filters the index shows (posted as its query string) under a name."""
    query = IndexQuery.from_params(QueryDict(request.POST.get("params", "")))
    if save_index_filter(request.POST.get("label", ""), query) is None:
        messages.error(request, "Give the filter a name, and filter or search the list first.")
    return redirect(f"{reverse('movies:index')}?{query.params(page=1)}")


@require_POST
def delete_filter(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(CustomFilter, pk=pk, type=INDEX_FILTER_TYPE).delete()
    return redirect("movies:index")


urlpatterns = [
    path("", movie_index, name="index"),
    path("movies/filters", save_filter, name="save-filter"),
    path("movies/filters/<int:pk>/delete", delete_filter, name="delete-filter"),
]
