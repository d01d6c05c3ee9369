"""Bad input anywhere in the v3 API is a 4xx in Radarr's error shape and saves nothing (issue 14,
item 4): one deterministic case per cause the fuzzer found, so each stays fixed whatever it tries next."""

import orjson
import pytest

from radarr.api.errors import Failure
from radarr.models import Command, Tag

pytestmark = pytest.mark.django_db


def _post(api_client, path, body):
    return api_client.post(path, orjson.dumps(body), content_type="application/json")


@pytest.mark.parametrize("value", ["-99999999999999999999", "99999999999999999999999"])
def test_a_query_number_past_64_bits_is_a_400_that_shows_it_back(api_client, value):
    response = api_client.get(f"/api/v3/history?pageSize={value}")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "pageSize"
    assert response.json()[0]["attemptedValue"] == value


def test_a_number_past_64_bits_is_shown_back_as_text_not_a_crash():
    resource = Failure("movieYear", "must be a year", 2**70).as_resource()

    assert orjson.loads(orjson.dumps(resource))["attemptedValue"] == "a 71-bit number"


def test_a_body_over_the_size_limit_is_a_413_with_a_json_error(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = _post(api_client, "/api/v3/tag", {"label": "x" * 2000})

    assert response.status_code == 413
    assert response.json()["message"] == "Request body is too large"
    assert not Tag.objects.exists()


def test_text_holding_a_nul_character_is_refused_and_nothing_is_saved(api_client):
    response = _post(api_client, "/api/v3/tag", {"label": "4k\x00"})

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "label"
    assert not Tag.objects.exists()


def test_a_nul_character_in_a_query_is_refused(api_client):
    response = api_client.get("/api/v3/history", {"downloadId": "abc\x00"})

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "downloadId"


def test_a_multipart_restore_without_a_boundary_is_a_400(api_client):
    response = api_client.post(
        "/api/v3/system/backup/restore/upload", b"--x--", content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert "multipart" in response.json()["message"]


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        ({"name": "MoviesSearch", "movieIds": "AAA"}, "movieIds"),
        ({"name": "MoviesSearch", "movieIds": [1, "two"]}, "movieIds"),
        ({"name": "RescanMovie", "movieId": True}, "movieId"),
        ({"name": "BulkMoveMovie", "movieIds": [1], "destinationRootFolder": 5}, "destinationRootFolder"),
    ],
)
def test_a_command_whose_body_has_the_wrong_types_is_refused_and_not_queued(api_client, body, wrong):
    response = _post(api_client, "/api/v3/command", body)

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == [wrong]
    assert not Command.objects.exists()


def test_a_command_with_the_right_types_is_still_queued(api_client):
    response = _post(api_client, "/api/v3/command", {"name": "MoviesSearch", "movieIds": [1, 2]})

    assert response.status_code == 201
    assert Command.objects.get().body == {"movieIds": [1, 2]}


@pytest.mark.parametrize(
    "path", ["/api/v3/indexer/test", "/api/v3/downloadclient/test", "/api/v3/notification/test"]
)
@pytest.mark.parametrize("row_id", [[None, None], "seven"])
def test_a_provider_test_whose_id_is_not_an_id_is_a_400(api_client, path, row_id):
    response = _post(api_client, path, {"id": row_id, "name": "x", "implementation": "x", "fields": []})

    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/api/v3/downloadclient", "/api/v3/notification", "/api/v3/indexer"])
@pytest.mark.parametrize("change", [{"fields": "abc"}, {"fields": [1, 2]}, {"tags": 5}, {"tags": ["a"]}])
def test_provider_fields_and_tags_that_are_not_lists_are_refused(api_client, path, change):
    body = {"name": "x", "implementation": "x", "fields": [], **change}

    response = _post(api_client, f"{path}?forceSave=true", body)

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == next(iter(change))


def test_a_nul_character_written_as_its_escape_is_found_deep_in_a_body(api_client):
    body = b'[{"tmdbId": 1, "title": "A", "path": "/movies/x", "tags": [], "images": [{"url": "a\\u0000b"}]}]'

    response = api_client.post("/api/v3/movie/import", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "[0].images[0].url"


def test_a_body_without_the_nul_escape_is_not_walked(api_client, monkeypatch):
    """Only the escape \\u0000 can put a NUL in JSON text (a raw one is invalid JSON): a body without it
    is not walked item by item, which for a whole library made a path string for every value."""
    from radarr.api import responses

    def walked(data):
        raise AssertionError("the body was walked")

    monkeypatch.setattr(responses, "nul_in", walked)

    response = _post(api_client, "/api/v3/tag", {"label": "4k"})

    assert response.status_code in (200, 201)
    assert Tag.objects.get().label == "4k"
