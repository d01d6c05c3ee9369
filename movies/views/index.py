"""Pages: the movie index (posters, table, overview) with filters, search as you type and paging."""

from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from movies.indexconditions import FIELDS, OPERATORS, Condition
from movies.indexquery import FILTERS, JUMP_LETTERS, SORTS, VIEWS, IndexQuery, index_page, jump_page
from movies.models import MinimumAvailability, MovieStatus, RootFolder, VersionTemplate
from movies.savedfilters import INDEX_FILTER_TYPE, save_index_filter, saved_index_filters
from radarr.models import CustomFilter, Tag

# the table's optional columns (Title always shows), keyed as the cells' data-col
TABLE_COLUMNS = (
    ("year", "Year"), ("status", "Status"), ("profile", "Quality profile"), ("quality", "Quality"),
    ("inCinemas", "In cinemas"), ("digital", "Digital release"), ("physical", "Physical release"),
    ("added", "Added"), ("size", "Size on disk"), ("rating", "Rating"), ("versions", "Versions"),
)  # fmt: skip
VIEW_COOKIE = "movies_view"  # the last view chosen, so the index opens the way the user left it


@require_GET
@vary_on_headers("HX-Request", "HX-Target")  # the page, the list, or the next page
def movie_index(request: HttpRequest) -> HttpResponse:
    query = IndexQuery.from_params(request.GET, default_view=request.COOKIES.get(VIEW_COOKIE, "posters"))
    if request.GET.get("jump"):  # the jump bar: the page where that letter starts, titles A to Z
        query = replace(query, sort="title", descending=False)
        query = replace(query, page=jump_page(query, request.GET["jump"]))
        return redirect(f"{reverse('movies:index')}?{query.params()}")
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
        "previous_params": query.params(page=query.page - 1) if query.page > 1 else "",
        "jump_letters": JUMP_LETTERS,
        "table_columns": TABLE_COLUMNS,
        "condition_rows": [*query.conditions, Condition("", "", "")],  # and a blank row to fill
        "condition_fields": FIELDS,
        "condition_operators": OPERATORS,
        "jump_params": query.params(page=1, sort="title", descending=False),
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
            "version_templates": VersionTemplate.objects.order_by("name") if query.select else (),
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
