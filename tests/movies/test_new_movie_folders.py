"""A new movie's folder follows the user's Movie Folder Format (Settings → Media Management), wherever the
movie is added from: the API, the Add Movie page (whose preview shows the same name) and collections."""

import json
from pathlib import Path

import pytest

from movies import collectionmonitoring
from movies.models import Movie
from releases.models import QualityProfile
from tests.movies.factories import CollectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

PLEX_FORMAT = "{Movie CleanTitle} ({Release Year}) {tmdb-{TmdbId}}"


def set_folder_format(api_client, folder_format: str, **naming: object) -> None:
    body = {"movieFolderFormat": folder_format, **naming}
    response = api_client.put("/api/v3/config/naming", json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 202), response.content


def add_body(root: Path, **fields: object) -> dict:
    return {
        "tmdbId": 603,
        "title": "The Matrix",
        "qualityProfileId": QualityProfile.objects.first().pk,
        "rootFolderPath": str(root),
        "minimumAvailability": "released",
        "addOptions": {"searchForMovie": False},
        **fields,
    }


def test_post_movie_names_the_folder_with_the_users_folder_format(api_client, fake_tmdb, root):
    set_folder_format(api_client, PLEX_FORMAT)

    response = api_client.post("/api/v3/movie", json.dumps(add_body(root)), content_type="application/json")

    assert response.status_code == 201
    assert response.json()["path"] == f"{root}/The Matrix (1999) {{tmdb-603}}"
    assert Movie.objects.get(tmdb_id=603).path == f"{root}/The Matrix (1999) {{tmdb-603}}"


def test_an_explicit_path_in_the_body_wins_over_the_folder_format(api_client, fake_tmdb, root):
    set_folder_format(api_client, PLEX_FORMAT)
    body = add_body(root, path=f"{root}/Matrix, The")

    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    assert response.json()["path"] == f"{root}/Matrix, The"


def test_the_add_movie_page_previews_the_folder_and_adds_the_movie_there(
    api_client, admin_client, fake_tmdb, root
):
    set_folder_format(api_client, PLEX_FORMAT)

    page = admin_client.get("/add?term=the matrix", headers={"HX-Request": "true", "HX-Target": "results"})
    form = {
        "tmdb_id": 603,
        "root_folder_path": str(root),
        "quality_profile": QualityProfile.objects.first().pk,
        "minimum_availability": "released",
        "monitor": "movieOnly",
    }
    admin_client.post("/add/movie", form, headers={"HX-Request": "true"})

    assert "Folder <code>The Matrix (1999) {tmdb-603}</code>" in page.content.decode()
    assert Movie.objects.get(tmdb_id=603).path == f"{root}/The Matrix (1999) {{tmdb-603}}"


def test_monitoring_a_collection_adds_its_members_in_folders_of_the_format(api_client, root):
    set_folder_format(api_client, "{Movie Title} ({Release Year})", colonReplacementFormat="dash")
    collection = CollectionFactory(
        root_folder_path=str(root),
        parts=[{"tmdbId": 11, "title": "Star Wars: A New Hope", "year": 1977, "status": "released"}],
    )

    (movie,) = collectionmonitoring.set_collection_monitored(collection, True)

    assert movie.path == f"{root}/Star Wars- A New Hope (1977)"


def test_without_a_namer_in_settings_the_default_format_names_the_folder(api_client, root, settings):
    settings.RADARR_MOVIE_FOLDER_NAMER = ""
    set_folder_format(api_client, PLEX_FORMAT)
    collection = CollectionFactory(
        root_folder_path=str(root),
        parts=[{"tmdbId": 11, "title": "Heat", "year": 1995, "status": "released"}],
    )

    (movie,) = collectionmonitoring.set_collection_monitored(collection, True)

    assert movie.path == f"{root}/Heat (1995)"
