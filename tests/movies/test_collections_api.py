"""/api/v3/collection: members marked existing/excluded, monitoring adds the missing ones."""

import json

import pytest

from movies.models import Movie
from tests.movies.factories import CollectionFactory, ImportExclusionFactory, MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db

PARTS = [
    {"tmdbId": 603, "title": "The Matrix", "year": 1999, "status": "released"},
    {"tmdbId": 604, "title": "The Matrix Reloaded", "year": 2003, "status": "released"},
    {"tmdbId": 605, "title": "The Matrix Revolutions", "year": 2003, "status": "released"},
]


def test_members_are_marked_existing_or_excluded_and_counted_missing(api_client):
    collection = CollectionFactory(tmdb_id=2344, parts=PARTS)
    MovieFactory(tmdb_id=603, collection=collection)
    ImportExclusionFactory(tmdb_id=605)

    (body,) = api_client.get("/api/v3/collection").json()

    flags = [(movie["tmdbId"], movie["isExisting"], movie["isExcluded"]) for movie in body["movies"]]
    assert flags == [(603, True, False), (604, False, False), (605, False, True)]
    assert body["missingMovies"] == 1
    assert body["movies"][1]["folder"] == "The Matrix Reloaded (2003)"


def test_the_tmdb_id_filter_picks_one_collection(api_client):
    CollectionFactory(tmdb_id=1)
    CollectionFactory(tmdb_id=2344)

    body = api_client.get("/api/v3/collection?tmdbId=2344").json()

    assert [collection["tmdbId"] for collection in body] == [2344]


def test_monitoring_through_put_adds_the_missing_movies(api_client, tmp_path):
    RootFolderFactory(path=str(tmp_path))
    collection = CollectionFactory(parts=PARTS, root_folder_path=str(tmp_path))
    resource = api_client.get(f"/api/v3/collection/{collection.pk}").json()

    response = api_client.put(
        f"/api/v3/collection/{collection.pk}",
        json.dumps({**resource, "monitored": True}),
        content_type="application/json",
    )

    assert response.status_code == 202
    assert set(Movie.objects.values_list("tmdb_id", flat=True)) == {603, 604, 605}
    assert all(movie["isExisting"] for movie in response.json()["movies"])


def test_bulk_put_without_id_changes_each_collection(api_client, tmp_path):
    RootFolderFactory(path=str(tmp_path))
    collections = CollectionFactory.create_batch(2)
    body = {
        "collectionIds": [c.pk for c in collections],
        "searchOnAdd": True,
        "rootFolderPath": str(tmp_path),
    }

    response = api_client.put("/api/v3/collection", json.dumps(body), content_type="application/json")

    assert response.status_code == 202
    assert all(item["searchOnAdd"] and item["rootFolderPath"] == str(tmp_path) for item in response.json())


def test_an_unknown_collection_is_a_404(api_client):
    assert api_client.get("/api/v3/collection/42").status_code == 404
