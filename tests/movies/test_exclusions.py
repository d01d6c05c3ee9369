"""/api/v3/exclusions: list, add, bulk, Radarr's paged list."""

import json

import pytest

from movies.models import ImportExclusion
from tests.movies.factories import ImportExclusionFactory

pytestmark = pytest.mark.django_db


def test_adding_an_exclusion_answers_201_in_radarrs_shape(api_client):
    body = {"tmdbId": 603, "movieTitle": "The Matrix", "movieYear": 1999}

    response = api_client.post("/api/v3/exclusions", json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    assert response.json() | body == response.json()
    # the provider keys Radarr's document declares for an exclusion, empty
    assert response.json()["fields"] == [] and response.json()["implementation"] == ""


def test_adding_the_same_movie_twice_keeps_one_exclusion(api_client):
    body = json.dumps({"tmdbId": 603, "movieTitle": "The Matrix", "movieYear": 1999})

    api_client.post("/api/v3/exclusions", body, content_type="application/json")
    api_client.post("/api/v3/exclusions", body, content_type="application/json")

    assert ImportExclusion.objects.count() == 1


def test_a_tmdb_id_is_required(api_client):
    response = api_client.post(
        "/api/v3/exclusions", json.dumps({"movieTitle": "x"}), content_type="application/json"
    )

    assert response.status_code == 400


def test_the_paged_list_sorts_and_counts(api_client):
    ImportExclusionFactory(movie_title="B")
    ImportExclusionFactory(movie_title="A")
    ImportExclusionFactory(movie_title="C")

    body = api_client.get(
        "/api/v3/exclusions/paged?page=1&pageSize=2&sortKey=movieTitle&sortDirection=ascending"
    ).json()

    assert body["totalRecords"] == 3
    assert [record["movieTitle"] for record in body["records"]] == ["A", "B"]


def test_bulk_add_and_bulk_delete(api_client):
    items = [{"tmdbId": 1, "movieTitle": "One"}, {"tmdbId": 2, "movieTitle": "Two"}]

    added = api_client.post(
        "/api/v3/exclusions/bulk", json.dumps(items), content_type="application/json"
    ).json()
    api_client.delete(
        "/api/v3/exclusions/bulk", json.dumps({"ids": [added[0]["id"]]}), content_type="application/json"
    )

    assert list(ImportExclusion.objects.values_list("tmdb_id", flat=True)) == [2]


def test_delete_one_exclusion(api_client):
    exclusion = ImportExclusionFactory()

    assert api_client.delete(f"/api/v3/exclusions/{exclusion.pk}").status_code == 200
    assert api_client.get(f"/api/v3/exclusions/{exclusion.pk}").status_code == 404
