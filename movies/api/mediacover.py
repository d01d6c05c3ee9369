"""v3 endpoints: GET /api/v3/mediacover/{movieId}/{filename} (`poster.jpg`, `fanart-360.jpg`, ...)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies.mediacover import find_cover
from movies.views.mediacover import cover_response
from radarr.api.auth import api_view
from radarr.api.errors import NotFound


@api_view("GET")
def media_cover(request: HttpRequest, movie_id: int, filename: str) -> HttpResponse:
    cover = find_cover(movie_id, filename)
    if cover is None:
        raise NotFound("MediaCover", filename)
    return cover_response(request, cover)


api_v3: list[URLPattern] = [
    path("mediacover/<int:movie_id>/<str:filename>", media_cover, name="mediacover"),
]
