"""The whole-library list comes from cached JSON; triggers mark a movie's cache stale when it changes."""

from datetime import date

import orjson
import pytest
from django.utils import timezone

from indexers.models import IndexerConfig
from movies.models import AlternativeTitle, Collection, Movie, MovieResourceCache
from movies.resourcecache import SHAPE, library_json
from movies.resources import movie_resources_json
from radarr.models import Tag
from releases.models import CustomFormat, ProfileFormatScore, QualityProfile
from scenegroups.models import SceneGroup
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def fresh() -> list[dict]:
    return orjson.loads(movie_resources_json(Movie.objects.all()))


def cached() -> list[dict]:
    return orjson.loads(library_json())


def cached_ids() -> set[int]:
    """Movies whose cached JSON is current (a stale row has its generation cleared)."""
    return set(MovieResourceCache.objects.exclude(generation="").values_list("movie_id", flat=True))


@pytest.fixture
def library():
    movies = MovieFactory.create_batch(3)
    MovieFileFactory(movie=movies[0])
    library_json()  # fills the cache
    return movies


def test_the_cached_list_is_exactly_the_freshly_built_one(library):
    assert cached_ids() == {movie.pk for movie in library}
    assert cached() == fresh()


def test_a_warm_list_costs_one_query(library, django_assert_num_queries):
    with django_assert_num_queries(1):
        library_json()


@pytest.mark.parametrize(
    "change",
    [
        "movie",
        "file added",
        "file changed",
        "file removed",
        "alternative title",
        "tag added",
        "tag removed",
        "collection renamed",
        "profile changed",
        "format score changed",
        "custom format renamed",
        "availability delay changed",
        "reputation of its group changed",
    ],
)
def test_every_source_of_a_movies_resource_drops_its_cache(library, change):
    movie = library[0]
    collection = Collection.objects.create(tmdb_id=10, title="Old name")
    Movie.objects.filter(pk=movie.pk).update(collection=collection)
    tag = Tag.objects.create(label="kids")
    movie.tags.add(tag)
    format_ = CustomFormat.objects.create(name="x265")
    ProfileFormatScore.objects.create(profile_id=movie.quality_profile_id, custom_format=format_, score=10)
    IndexerConfig.objects.update_or_create(pk=1, defaults={"availability_delay": 0})
    QualityProfile.objects.filter(pk=movie.quality_profile_id).update(scene_group_points=20)
    SceneGroup.objects.create(key="group", name="GROUP", score=50)  # the factory's files are GROUP's
    library_json()
    assert movie.pk in cached_ids()

    if change == "movie":
        Movie.objects.filter(pk=movie.pk).update(title="Renamed")
    elif change == "file added":
        MovieFileFactory(movie=movie, is_primary=False)
    elif change == "file changed":
        movie.files.update(quality_id=31)
    elif change == "file removed":
        movie.files.all().delete()
    elif change == "alternative title":
        AlternativeTitle.objects.create(movie=movie, title="Another", clean_title="another")
    elif change == "tag added":
        movie.tags.add(Tag.objects.create(label="4k"))
    elif change == "tag removed":
        movie.tags.remove(tag)
    elif change == "collection renamed":
        Collection.objects.filter(pk=collection.pk).update(title="New name")
    elif change == "profile changed":
        QualityProfile.objects.filter(pk=movie.quality_profile_id).update(cutoff=31)
    elif change == "format score changed":
        ProfileFormatScore.objects.filter(profile_id=movie.quality_profile_id).update(score=50)
    elif change == "custom format renamed":
        CustomFormat.objects.update(name="Renamed")
    elif change == "availability delay changed":
        IndexerConfig.objects.filter(pk=1).update(availability_delay=3)
    elif change == "reputation of its group changed":
        SceneGroup.objects.filter(key="group").update(score=90)

    assert movie.pk not in cached_ids()
    assert cached() == fresh()  # rebuilt on the next read, equal to a fresh build


def test_other_movies_keep_their_cache_when_one_changes(library):
    Movie.objects.filter(pk=library[0].pk).update(monitored=False)

    assert cached_ids() == {library[1].pk, library[2].pk}


def test_a_new_day_rebuilds_everything_for_is_available(library, monkeypatch):
    from movies import resourcecache

    monkeypatch.setattr(resourcecache.timezone, "localdate", lambda: date(2099, 1, 1))
    library_json()

    generations = set(MovieResourceCache.objects.values_list("generation", flat=True))
    assert generations == {f"{SHAPE}|2099-01-01|"}


def test_an_added_or_deleted_movie_shows_at_once(library):
    added = MovieFactory()
    library[1].delete()

    ids = [movie["id"] for movie in cached()]

    assert added.pk in ids and library[1].pk not in ids and len(ids) == 3


def test_the_api_serves_the_cached_list(api_client, library):
    response = api_client.get("/api/v3/movie")

    assert orjson.loads(response.content) == fresh()


@pytest.mark.parametrize("shape", ["", f"{SHAPE - 1}|"])  # before shapes were numbered, and the last one
def test_fragments_of_an_older_shape_are_built_again(library, shape):
    library_json()
    old_shape = f"{shape}{timezone.localdate().isoformat()}|"
    MovieResourceCache.objects.update(generation=old_shape, json=b'{"id":0,"stale":true}')

    movies = orjson.loads(library_json())

    assert not any("stale" in movie for movie in movies)
    assert set(MovieResourceCache.objects.values_list("generation", flat=True)) == {
        f"{SHAPE}|{timezone.localdate().isoformat()}|"
    }
