"""Pages: the movie index (posters, table, overview) with filters, search as you type and paging."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from movies.indexquery import FILTERS, SORTS, VIEWS, IndexQuery, index_page
from movies.models import MinimumAvailability, MovieStatus, RootFolder
from radarr.models import Tag

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


urlpatterns = [path("", movie_index, name="index")]
