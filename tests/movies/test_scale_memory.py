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
