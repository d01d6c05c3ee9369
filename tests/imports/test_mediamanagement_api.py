"""config/naming and config/mediamanagement in Radarr's shapes: defaults, Recyclarr's whole-object
round trip (with and without the id), validation, and the naming examples."""

import json

import pytest

from imports.models import MediaManagementConfig, NamingConfig

pytestmark = pytest.mark.django_db


def _put(api_client, url, body):
    return api_client.put(url, json.dumps(body), content_type="application/json")


def test_naming_config_answers_radarrs_defaults(api_client):
    response = api_client.get("/api/v3/config/naming")
    assert response.status_code == 200
    assert response.json() == {
        "id": 1,
        "renameMovies": False,
        "replaceIllegalCharacters": True,
        "colonReplacementFormat": "smart",
        "standardMovieFormat": "{Movie Title} ({Release Year}) {Quality Full}",
        "movieFolderFormat": "{Movie Title} ({Release Year})",
        "versionSuffixFormat": " - {Version Name}",  # ours (versions sharing the movie's folder)
    }


def test_media_management_config_answers_radarrs_defaults(api_client):
    body = api_client.get("/api/v3/config/mediamanagement").json()
    assert body["id"] == 1
    assert body["recycleBinCleanupDays"] == 7
    assert body["copyUsingHardlinks"] is True
    assert body["minimumFreeSpaceWhenImporting"] == 100
    assert body["downloadPropersAndRepacks"] == "preferAndUpgrade"
    assert body["rescanAfterRefresh"] == "always"
    assert body["fileDate"] == "none"
    assert body["extraFileExtensions"] == "srt"
    assert body["chmodFolder"] == "755"
    assert body["enableMediaInfo"] is True
    assert len(body) == 22  # id + the 21 properties of MediaManagementConfigResource


def test_recyclarr_puts_the_naming_object_back_whole_with_the_id_and_reads_it_as_sent(api_client):
    body = api_client.get("/api/v3/config/naming").json()
    body.update(
        renameMovies=True,
        colonReplacementFormat="spaceDashSpace",
        standardMovieFormat=(
            "{Movie CleanTitle} {(Release Year)} {imdb-{ImdbId}} - {[Quality Full]}{-Release Group}"
        ),
        movieFolderFormat="{Movie CleanTitle} ({Release Year}) {imdb-{ImdbId}}",
    )
    response = _put(api_client, "/api/v3/config/naming/1", body)
    assert response.status_code == 202
    assert response.json() == body
    assert api_client.get("/api/v3/config/naming").json() == body


def test_media_management_put_without_an_id_changes_only_what_it_sends(api_client):
    response = _put(
        api_client,
        "/api/v3/config/mediamanagement",
        {"downloadPropersAndRepacks": "doNotPrefer", "recycleBin": "/bin"},
    )
    assert response.status_code == 202
    config = MediaManagementConfig.load()
    assert config.download_propers_and_repacks == "doNotPrefer"
    assert config.recycle_bin == "/bin"
    assert config.copy_using_hardlinks is True


def test_a_bad_media_management_value_is_a_400_naming_the_property(api_client):
    response = _put(api_client, "/api/v3/config/mediamanagement/1", {"minimumFreeSpaceWhenImporting": 50})
    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "minimumFreeSpaceWhenImporting"
    response = _put(
        api_client, "/api/v3/config/mediamanagement/1", {"downloadPropersAndRepacks": "sometimes"}
    )
    assert response.status_code == 400
    assert MediaManagementConfig.load().minimum_free_space_when_importing == 100


def test_a_format_without_the_movie_title_is_refused(api_client):
    response = _put(
        api_client, "/api/v3/config/naming", {"renameMovies": True, "standardMovieFormat": "{Quality Full}"}
    )
    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "standardMovieFormat"
    response = _put(
        api_client, "/api/v3/config/naming", {"movieFolderFormat": "{Movie Title} {Quality Full}"}
    )
    assert response.status_code == 400
    assert NamingConfig.load().rename_movies is False


def test_naming_examples_render_the_formats_in_the_query(api_client):
    response = api_client.get(
        "/api/v3/config/naming/examples",
        {
            "standardMovieFormat": "{Movie.CleanTitle}.{Release.Year}.{Quality.Full}",
            "movieFolderFormat": "{Movie TitleThe}",
        },
    )
    assert response.status_code == 200
    assert response.json() == {
        "movieExample": "The.Movie.Title.2010.Bluray-1080p.mkv",
        "movieFolderExample": "Movie - Title, The",
    }


def test_the_import_options_read_the_saved_media_management_row(api_client):
    from imports.options import import_options

    _put(
        api_client,
        "/api/v3/config/mediamanagement",
        {"skipFreeSpaceCheckWhenImporting": True, "chmodFolder": "775"},
    )
    options = import_options()
    assert options.skip_free_space_check is True
    assert options.file_chmod == "664"


def test_property_and_query_names_match_ignoring_case(api_client):
    assert _put(api_client, "/api/v3/config/naming/1", {"RenameMovies": True}).status_code == 202
    assert NamingConfig.load().rename_movies is True
    response = api_client.get("/api/v3/config/naming/examples", {"STANDARDMOVIEFORMAT": "{Movie CleanTitle}"})
    assert response.json()["movieExample"] == "The Movie Title.mkv"


def test_the_config_endpoints_need_the_api_key(client):
    assert client.get("/api/v3/config/naming").status_code == 401
    assert client.get("/api/v3/config/mediamanagement").status_code == 401
