"""/api/v3/movie/lookup and its tmdb/imdb forms, against TMDB answers from the fake server."""

import pytest

from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def test_overseerrs_tmdb_term_gives_the_movie_first_with_id_zero(api_client, fake_tmdb):
    (movie,) = api_client.get("/api/v3/movie/lookup?term=tmdb:603").json()

    assert movie["id"] == 0 and movie["tmdbId"] == 603
    assert movie["title"] == "The Matrix" and movie["year"] == 1999
    assert movie["folder"] == "The Matrix (1999)"
    assert movie["remotePoster"].endswith("/matrix-poster.jpg")
    assert movie["titleSlug"] == "603"


def test_a_movie_in_the_library_comes_back_with_its_real_id(api_client, fake_tmdb):
    existing = MovieFactory(tmdb_id=603, monitored=False)

    (movie,) = api_client.get("/api/v3/movie/lookup?term=tmdb:603").json()

    assert movie["id"] == existing.pk
    assert movie["monitored"] is False and movie["hasFile"] is False
    assert movie["path"] == existing.path


def test_words_search_tmdb(api_client, fake_tmdb):
    results = api_client.get("/api/v3/movie/lookup?term=the matrix").json()

    assert results[0]["tmdbId"] == 603
    assert all(result["id"] == 0 for result in results)


def test_an_unknown_tmdb_id_is_an_empty_list(api_client, fake_tmdb):
    assert api_client.get("/api/v3/movie/lookup?term=tmdb:999999").json() == []


def test_lookup_by_tmdb_id_gives_one_movie(api_client, fake_tmdb):
    movie = api_client.get("/api/v3/movie/lookup/tmdb?tmdbId=603").json()

    assert movie["imdbId"] == "tt0133093"


def test_lookup_by_imdb_id_finds_then_fetches(api_client, fake_tmdb):
    movie = api_client.get("/api/v3/movie/lookup/imdb?imdbId=tt0133093").json()

    assert movie["tmdbId"] == 603


def test_lookup_by_an_unknown_tmdb_id_is_a_404(api_client, fake_tmdb):
    assert api_client.get("/api/v3/movie/lookup/tmdb?tmdbId=999999").status_code == 404


def test_a_missing_key_is_a_503_json_error(api_client, settings):
    settings.RADARR_TMDB_API_KEY = ""

    response = api_client.get("/api/v3/movie/lookup?term=matrix")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json") and response.json()["message"]


def test_tmdb_unreachable_is_a_503_json_error(api_client, settings):
    settings.RADARR_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"

    response = api_client.get("/api/v3/movie/lookup?term=tmdb:603")

    assert response.status_code == 503 and "message" in response.json()


def test_an_empty_term_is_an_empty_list(api_client):
    assert api_client.get("/api/v3/movie/lookup?term=").json() == []


def test_a_words_search_reads_the_folder_format_once_whatever_the_number_of_results(api_client, fake_tmdb):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def naming_reads(term: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            results = api_client.get(f"/api/v3/movie/lookup?term={term}").json()
        return len(results), sum("namingconfig" in query["sql"].lower() for query in queries)

    naming_reads("tmdb:603")  # the first read also creates the settings row
    one, reads_for_one = naming_reads("tmdb:603")
    many, reads_for_many = naming_reads("the matrix")

    assert one == 1 and many > 1
    assert reads_for_many == reads_for_one == 1
