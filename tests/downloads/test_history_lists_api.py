"""v3 history and blocklist lists for one movie or since a date: order, required ids, movies loaded once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.downloads.factories import BlocklistFactory, GrabFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db
_MOVIE_LISTS = ["/api/v3/history/movie", "/api/v3/blocklist/movie", "/api/v3/extrafile"]


def test_history_since_a_date_is_oldest_first(api_client):
    movie = MovieFactory()
    newer = GrabFactory(movie=movie, date=timezone.now() - timedelta(hours=1))
    older = GrabFactory(movie=movie, date=timezone.now() - timedelta(hours=5))
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    recent = api_client.get(f"/api/v3/history/since?date={since}").json()

    assert [r["id"] for r in recent] == [older.pk, newer.pk]


@pytest.mark.parametrize("endpoint", _MOVIE_LISTS)
def test_a_movie_list_without_a_movie_id_is_empty_as_in_radarr(api_client, endpoint):
    movie = MovieFactory()
    GrabFactory(movie=movie)
    BlocklistFactory(movie=movie)

    response = api_client.get(endpoint)

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("endpoint", _MOVIE_LISTS)
def test_a_movie_id_that_is_not_a_number_is_a_validation_error(api_client, endpoint):
    response = api_client.get(endpoint, {"movieId": "abc"})

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "movieId"


def test_history_since_without_a_date_is_all_history(api_client):
    movie = MovieFactory()
    events = [GrabFactory(movie=movie, date=timezone.now() - timedelta(days=days)) for days in (3000, 1)]

    response = api_client.get("/api/v3/history/since")

    assert response.status_code == 200
    assert [record["id"] for record in response.json()] == [event.pk for event in events]


def _queries_for(api_client, url: str) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        body = api_client.get(url).json()
    return len(queries), body


def test_history_of_a_movie_with_its_movie_costs_the_same_queries_for_many_rows(api_client):
    movie = MovieFactory(title="Arrival")
    GrabFactory(movie=movie)
    few, _ = _queries_for(api_client, f"/api/v3/history/movie?movieId={movie.pk}&includeMovie=true")
    GrabFactory.create_batch(12, movie=movie)

    many, body = _queries_for(api_client, f"/api/v3/history/movie?movieId={movie.pk}&includeMovie=true")

    assert many == few
    assert len(body) == 13
    assert {record["movie"]["title"] for record in body} == {"Arrival"}


def test_a_blocklist_page_with_movies_costs_the_same_queries_for_many_rows(api_client):
    movie = MovieFactory(title="Arrival")
    BlocklistFactory(movie=movie)
    few, _ = _queries_for(api_client, "/api/v3/blocklist?includeMovie=true")
    BlocklistFactory.create_batch(12, movie=movie)

    many, body = _queries_for(api_client, "/api/v3/blocklist?includeMovie=true&pageSize=50")

    assert many == few
    assert body["totalRecords"] == 13
    assert {record["movie"]["title"] for record in body["records"]} == {"Arrival"}
    without = api_client.get("/api/v3/blocklist?pageSize=50").json()
    assert all("movie" not in record for record in without["records"])
