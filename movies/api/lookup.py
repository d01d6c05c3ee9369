"""v3 endpoints: /movie/lookup (words, `tmdb:603`, `imdb:tt…`, URLs), /movie/lookup/tmdb, /movie/lookup/imdb.

Movies already in the library come back as the library has them (their real id, path, monitored);
others with id 0 and the folder they would get. A TMDB failure is a JSON error with its status (503
when TMDB is unreachable or no key is set), never a stack trace.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies.folders import new_movie_folder_namer
from movies.lookupresources import movie_lookup_resource
from movies.metadata import MovieMetadata
from movies.models import Movie
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, NotFound
from radarr.api.responses import json_response


def call_tmdb[Result](function: Callable[..., Result], *args: object) -> Result:
    """Run a movies.tmdb call, answering its failure as Radarr-shaped JSON with TMDB's status."""
    from movies import tmdb

    try:
        return function(*args)
    except tmdb.TmdbNotFound as error:
        raise NotFound("Movie") from error
    except tmdb.TmdbError as error:
        raise ApiError(error.status, error.message, "TMDB") from error


def lookup_resources(results: list[MovieMetadata]) -> list[dict]:
    existing = {
        movie.tmdb_id: movie for movie in Movie.objects.filter(tmdb_id__in=[r.tmdb_id for r in results])
    }
    namer = new_movie_folder_namer()  # the folder format is read once for every result
    return [movie_lookup_resource(result, existing.get(result.tmdb_id), namer) for result in results]


@api_view("GET")
def movie_lookup(request: HttpRequest) -> HttpResponse:
    from movies import tmdb

    term = (request.query.get("term") or "").strip()
    if not term:
        return json_response([])
    return json_response(lookup_resources(call_tmdb(tmdb.search_movies, term)))


def _single(metadata: MovieMetadata) -> HttpResponse:
    return json_response(lookup_resources([metadata])[0])


@api_view("GET")
def movie_lookup_tmdb(request: HttpRequest) -> HttpResponse:
    from movies import tmdb

    tmdb_id = request.query.get_int("tmdbId")
    if not tmdb_id or tmdb_id <= 0:
        raise NotFound("Movie", tmdb_id)
    return _single(call_tmdb(tmdb.fetch_movie, tmdb_id))


@api_view("GET")
def movie_lookup_imdb(request: HttpRequest) -> HttpResponse:
    from movies import tmdb

    imdb_id = (request.query.get("imdbId") or "").strip()
    if not imdb_id:
        raise NotFound("Movie")
    return _single(call_tmdb(tmdb.fetch_movie_by_imdb, imdb_id))


api_v3: list[URLPattern] = [
    path("movie/lookup", movie_lookup),
    path("movie/lookup/tmdb", movie_lookup_tmdb),
    path("movie/lookup/imdb", movie_lookup_imdb),
]
