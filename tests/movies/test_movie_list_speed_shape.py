"""GET /api/v3/movie costs the same few queries at any library size, and stays JSON without nulls."""

from datetime import date, timedelta

import pytest

from movies.availability import is_available
from movies.management.commands.seed_movies import seed_movies
from tests.factories import TagFactory
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db

# the availability delay, movies, tags, alternative titles, files, extra versions, quality profiles,
# their format scores
LIST_QUERIES = 8
# a cold cache: the cache read, the five above, and the transaction that stores what was built
COLD_LIST_QUERIES = 1 + LIST_QUERIES + 5


@pytest.fixture(autouse=True)
def json_support_known(api_client):
    """Django asks SQLite once per connection whether it has JSON functions: not a cost of the list."""
    api_client.get("/api/v3/movie")


def test_the_list_costs_a_few_queries_cold_and_one_warm(api_client, django_assert_max_num_queries):
    tag = TagFactory()
    MovieFileFactory.create_batch(3, movie__tags=[tag])

    with django_assert_max_num_queries(COLD_LIST_QUERIES):
        response = api_client.get("/api/v3/movie")
    with django_assert_max_num_queries(1):
        again = api_client.get("/api/v3/movie")

    assert len(response.json()) == 3 and again.content == response.content


def test_the_list_costs_the_same_queries_for_hundreds_of_movies(api_client, django_assert_max_num_queries):
    seed_movies(300)

    with django_assert_max_num_queries(COLD_LIST_QUERIES):
        response = api_client.get("/api/v3/movie")

    movies = response.json()
    assert len(movies) == 300
    assert sum(1 for movie in movies if "movieFile" in movie) > 150
    assert any(movie["alternateTitles"] for movie in movies) and any(movie["tags"] for movie in movies)


def test_one_movie_costs_the_same_queries_as_the_list(api_client, django_assert_max_num_queries):
    movie = MovieFileFactory().movie

    with django_assert_max_num_queries(LIST_QUERIES):
        api_client.get(f"/api/v3/movie/{movie.pk}")


def test_the_seeded_list_holds_no_null_anywhere(api_client):
    seed_movies(50)

    assert b"null" not in api_client.get("/api/v3/movie").content


def test_the_list_and_the_single_movie_agree(api_client):
    movie = MovieFileFactory().movie

    (listed,) = api_client.get("/api/v3/movie").json()

    assert listed == api_client.get(f"/api/v3/movie/{movie.pk}").json()


def test_the_list_keeps_radarrs_property_order(api_client):
    MovieFileFactory(movie=MovieFactory(secondary_year=2011))

    (movie,) = api_client.get("/api/v3/movie").json()

    keys = list(movie)
    order = ["id", "title", "originalTitle", "originalLanguage", "alternateTitles", "secondaryYear",
             "secondaryYearSourceId", "sortTitle", "sizeOnDisk", "status", "overview", "inCinemas",
             "physicalRelease", "digitalRelease", "releaseDate", "images", "website", "year",
             "youTubeTrailerId", "studio", "path", "qualityProfileId", "hasFile", "movieFileId", "monitored",
             "minimumAvailability", "isAvailable", "folderName", "runtime", "cleanTitle", "imdbId", "tmdbId",
             "titleSlug", "rootFolderPath", "folder", "certification", "genres", "keywords", "tags", "added",
             "ratings", "movieFile", "popularity", "statistics"]  # fmt: skip
    assert [key for key in keys if key in order] == order


def test_local_cover_urls_match_the_cover_cache(api_client):
    from movies.mediacover import cover_url

    movie = MovieFactory()
    movie.images = [{**movie.images[0], "lastWrite": 1234}]
    movie.save()

    (image,) = api_client.get("/api/v3/movie").json()[0]["images"]

    assert image["url"] == cover_url(movie.pk, "poster", images=movie.images)


def test_quotes_newlines_and_accents_survive_the_hand_built_json(api_client):
    MovieFactory(title='Amélie "Le Fabuleux" \\ Destin', overview="Line one\nLine two\t😀")

    (movie,) = api_client.get("/api/v3/movie").json()

    assert movie["title"] == 'Amélie "Le Fabuleux" \\ Destin'
    assert movie["overview"] == "Line one\nLine two\t😀"


def test_the_list_writes_the_same_movie_file_as_the_file_resource(api_client):
    from movies.fileresources import movie_file_resource

    movie_file = MovieFileFactory(
        scene_name="A.Scene", media_info={"videoCodec": "x265", "audioChannels": None}
    )

    (movie,) = api_client.get("/api/v3/movie").json()

    assert movie["movieFile"] == movie_file_resource(movie_file)
    assert list(movie["movieFile"]) == list(movie_file_resource(movie_file))


@pytest.mark.parametrize("minimum", ["announced", "inCinemas", "released"])
@pytest.mark.parametrize(
    ("cinema", "digital", "physical", "status"),
    [
        (date(2020, 1, 1), None, None, "released"),
        (date(2999, 1, 1), None, None, "announced"),
        (None, date(2020, 5, 1), date(2999, 1, 1), "released"),
        (None, None, date(2020, 5, 1), "released"),
        (None, None, None, "released"),
        (None, None, None, "announced"),
        (date.today() - timedelta(days=30), None, None, "inCinemas"),
        (date.today() - timedelta(days=95), None, None, "released"),
    ],
)
def test_the_lists_availability_agrees_with_movies_availability(
    api_client, minimum, cinema, digital, physical, status
):
    movie = MovieFactory(
        minimum_availability=minimum,
        in_cinemas=cinema,
        digital_release=digital,
        physical_release=physical,
        status=status,
    )

    (listed,) = api_client.get("/api/v3/movie").json()

    assert listed["isAvailable"] is is_available(movie)
