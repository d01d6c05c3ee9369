"""The header's movie search: the library's best matches as you type, and TMDB for anything else."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from movies.indexquery import search_library

SHOWN = 8


@require_GET
def header_search(request: HttpRequest) -> HttpResponse:
    term = request.GET.get("search", "").strip()[:200]
    movies = search_library(term, SHOWN) if term else []
    return render(request, "movies/header_search_results.html", {"term": term, "movies": movies})


urlpatterns = [path("movies/search", header_search, name="header-search")]
