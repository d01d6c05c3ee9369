"""Collections: which of their movies are missing, monitoring that adds them, and their settings."""

import pytest

from movies.models import Collection, Movie, RootFolder
from releases.models import QualityProfile
from tests.movies.factories import CollectionFactory, ImportExclusionFactory, MovieFactory

pytestmark = pytest.mark.django_db

PARTS = [
    {"tmdbId": 603, "title": "The Matrix", "year": 1999, "status": "released"},
    {"tmdbId": 604, "title": "The Matrix Reloaded", "year": 2003, "status": "released"},
    {"tmdbId": 605, "title": "The Matrix Revolutions", "year": 2003, "status": "released"},
    {"tmdbId": 624860, "title": "The Matrix Resurrections", "year": 2021, "status": "released"},
]


@pytest.fixture
def matrix(tmp_path) -> Collection:
    RootFolder.objects.create(path=str(tmp_path))
    profile = QualityProfile.objects.get(name="HD-1080p")
    collection = CollectionFactory(
        tmdb_id=2344,
        title="The Matrix Collection",
        parts=PARTS,
        quality_profile=profile,
        root_folder_path=str(tmp_path),
        minimum_availability="inCinemas",
    )
    MovieFactory(tmdb_id=603, title="The Matrix", year=1999, collection=collection)
    return collection


def test_each_collection_shows_its_movies_in_library_and_missing(admin_client, matrix):
    ImportExclusionFactory(tmdb_id=624860)

    body = admin_client.get("/collections").content.decode()

    assert "The Matrix Collection" in body
    assert "1 in library · 3 missing" in body
    assert '<a href="/movie/603">The Matrix</a>' in body
    assert "excluded" in body  # Resurrections


def test_monitoring_adds_the_missing_movies_with_the_collections_settings(admin_client, matrix, tmp_path):
    ImportExclusionFactory(tmdb_id=624860)

    response = admin_client.post(
        f"/collections/{matrix.pk}/monitor", {"monitored": "true"}, headers={"HX-Request": "true"}
    )

    added = Movie.objects.filter(tmdb_id__in=[604, 605])
    assert sorted(added.values_list("title", flat=True)) == ["The Matrix Reloaded", "The Matrix Revolutions"]
    assert {movie.quality_profile.name for movie in added} == {"HD-1080p"}
    assert {movie.minimum_availability for movie in added} == {"inCinemas"}
    assert all(movie.path.startswith(str(tmp_path)) for movie in added)
    assert not Movie.objects.filter(tmdb_id=624860).exists()  # excluded stays out
    body = response.content.decode()
    assert "3 in library · 1 missing" in body and "<html" not in body


def test_unmonitoring_keeps_the_movies(admin_client, matrix):
    matrix.monitored = True
    matrix.save()

    admin_client.post(f"/collections/{matrix.pk}/monitor", {"monitored": "false"})

    matrix.refresh_from_db()
    assert matrix.monitored is False
    assert Movie.objects.filter(tmdb_id=603).exists()


def test_settings_used_for_added_movies_are_editable(admin_client, matrix):
    profile = QualityProfile.objects.get(name="Ultra-HD")

    admin_client.post(
        f"/collections/{matrix.pk}/settings",
        {
            "quality_profile": profile.pk,
            "root_folder_path": matrix.root_folder_path,
            "minimum_availability": "released",
            "search_on_add": "on",
        },
    )

    matrix.refresh_from_db()
    assert matrix.quality_profile == profile
    assert matrix.minimum_availability == "released" and matrix.search_on_add is True


def test_the_page_costs_the_same_queries_for_many_collections(admin_client, django_assert_max_num_queries):
    for number in range(30):
        collection = CollectionFactory(parts=[{"tmdbId": 7000 + number, "title": "Part", "year": 2000}])
        MovieFactory(tmdb_id=7000 + number, collection=collection)
    admin_client.get("/collections")

    # session, user, count, collections, their movies, in library, excluded, profiles and root folders
    with django_assert_max_num_queries(12):
        response = admin_client.get("/collections")

    assert response.content.decode().count('class="collection"') == 30


def test_no_collections_explains_where_they_come_from(admin_client):
    body = admin_client.get("/collections").content.decode()

    assert "No collections yet" in body
