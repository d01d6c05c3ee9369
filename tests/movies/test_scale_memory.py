"""Large libraries keep nothing per movie in the web process: the movie list's JSON is built a bounded
batch at a time and the cache's rows are read a batch at a time, so a cold whole-library answer holds
one batch of row objects besides its own bytes (the memory figures at 1,000 / 5,000 / 20,000 movies are
bench/scale_bench.py's)."""

import orjson
import pytest

from movies import resourcecache
from movies.models import Movie, MovieResourceCache
from movies.resources import movie_resources_json
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cold_library():
    movies = MovieFactory.create_batch(23)
    for movie in movies[::4]:
        MovieFileFactory(movie=movie)
    MovieResourceCache.objects.update(generation="")  # a new day: every movie's JSON is built again
    return movies


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of a few movies, so 23 make several; every movie_fragments call is recorded."""
    monkeypatch.setattr(resourcecache, "BUILD_BATCH", 5)
    monkeypatch.setattr(resourcecache, "_BATCH", 4)
    sizes: list[int] = []
    build = resourcecache.movie_fragments

    def recording(queryset, **options):
        fragments = build(queryset, **options)
        sizes.append(len(fragments))
        return fragments

    monkeypatch.setattr(resourcecache, "movie_fragments", recording)
    return sizes


def test_a_cold_library_is_built_a_bounded_batch_at_a_time(cold_library, small_batches):
    answer = orjson.loads(resourcecache.library_json())

    assert small_batches == [5, 5, 5, 5, 3]
    assert answer == orjson.loads(movie_resources_json(Movie.objects.all()))
    assert not MovieResourceCache.objects.filter(generation="").exists()  # stored, batch by batch


def test_rows_read_in_batches_answer_a_page_in_its_order(cold_library, small_batches):
    wanted = [movie.pk for movie in reversed(cold_library[2:13])]

    answer = orjson.loads(resourcecache.json_in_order(wanted))

    assert [movie["id"] for movie in answer] == wanted
    assert small_batches == [5, 5, 1]


def test_a_movie_deleted_while_the_list_is_built_is_left_out(cold_library, small_batches, monkeypatch):
    gone = cold_library[7]
    build = resourcecache._build

    def deleting_first(versions):
        Movie.objects.filter(pk=gone.pk).delete()
        return build(versions)

    monkeypatch.setattr(resourcecache, "_build", deleting_first)

    answer = orjson.loads(resourcecache.library_json())

    assert len(answer) == len(cold_library) - 1
    assert gone.pk not in {movie["id"] for movie in answer}
    assert answer == orjson.loads(movie_resources_json(Movie.objects.all()))


def _sqlite_memory() -> int:
    """Bytes SQLite holds in this process (every connection), from the library Python's sqlite3 uses."""
    import ctypes
    import ctypes.util
    import sqlite3

    name = ctypes.util.find_library("sqlite3")
    if name is None:
        pytest.skip("no shared SQLite library to ask")
    library = ctypes.CDLL(name)
    major, minor, patch = sqlite3.sqlite_version_info
    if library.sqlite3_libversion_number() != major * 1_000_000 + minor * 1000 + patch:
        pytest.skip("Python's sqlite3 uses another SQLite than the shared library")
    library.sqlite3_memory_used.restype = ctypes.c_int64
    return library.sqlite3_memory_used()


@pytest.mark.django_db(transaction=True)  # pages written in a test's open transaction stay pinned
def test_a_whole_library_answer_gives_the_threads_sqlite_page_cache_back(api_client, monkeypatch):
    from django.db import connection

    from movies.management.commands.seed_movies import seed_movies
    from radarr.api import middleware

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's caches are the server's, not this process's")
    seed_movies(600)  # over the middleware's 1 MB: a large answer
    given_back = []
    release = middleware.release_database_memory

    def measured() -> None:
        before = _sqlite_memory()
        release()
        given_back.append(before - _sqlite_memory())

    monkeypatch.setattr(middleware, "release_database_memory", measured)

    response = api_client.get("/api/v3/movie")
    api_client.get("/api/v3/movie?tmdbId=1")  # a small answer releases nothing

    assert len(response.content) > middleware.LARGE_RESPONSE
    assert len(given_back) == 1
    assert given_back[0] > 512 * 1024, given_back  # most of the page cache's 1 MB
