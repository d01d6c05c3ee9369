"""/api/v3/alttitle (a movie's other titles) and /api/v3/movie/{id}/folder (the folder name it would get).

Our Movie row holds its TMDB metadata, so Radarr's movieMetadataId is the movie's id.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from movies.folders import new_movie_folder_name
from movies.models import AlternativeTitle, Movie
from radarr.api.auth import api_view
from radarr.api.identity import row_or_404
from radarr.api.responses import json_response


def alternative_title_resource(title: AlternativeTitle) -> dict:
    return {
        "id": title.pk,
        "sourceType": title.source_type,
        "movieMetadataId": title.movie_id,
        "title": title.title,
        "cleanTitle": title.clean_title,
    }


@api_view("GET")
def alternative_title_collection(request: HttpRequest) -> HttpResponse:
    """Every title, or one movie's (movieMetadataId first, then movieId, as Radarr reads them)."""
    titles = AlternativeTitle.objects.order_by("pk")
    movie_id = request.query.get_int("movieMetadataId") or request.query.get_int("movieId")  # type: ignore[attr-defined]
    if movie_id is not None:
        titles = titles.filter(movie_id=movie_id)
    return json_response([alternative_title_resource(title) for title in titles])


@api_view("GET")
def alternative_title_item(request: HttpRequest, id: int) -> HttpResponse:
    return json_response(alternative_title_resource(row_or_404(AlternativeTitle.objects.all(), "Title", id)))


@api_view("GET")
def movie_folder(request: HttpRequest, id: int) -> HttpResponse:
    """The folder name the Movie Folder Format gives this movie (the edit dialog proposes it)."""
    movie = row_or_404(Movie.objects.all(), "Movie", id)
    return json_response({"folder": new_movie_folder_name(movie)})


api_v3 = [
    path("alttitle", alternative_title_collection),
    path("alttitle/<int:id>", alternative_title_item),
    path("movie/<int:id>/folder", movie_folder),
]
