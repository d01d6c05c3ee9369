import json

import pytest

from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db


def test_language_list_is_radarrs_with_any_and_original_last(api_client):
    body = api_client.get("/api/v3/language").json()

    assert body[0] == {"id": 0, "name": "Unknown", "nameLower": "unknown"}
    assert body[1] == {"id": 1, "name": "English", "nameLower": "english"}
    assert body[-2:] == [
        {"id": -1, "name": "Any", "nameLower": "any"},
        {"id": -2, "name": "Original", "nameLower": "original"},
    ]
    assert len({language["id"] for language in body}) == len(body)


def test_one_language_by_id(api_client):
    body = api_client.get("/api/v3/language/30").json()

    assert body == {"id": 30, "name": "Portuguese (Brazil)", "nameLower": "portuguese (brazil)"}


def test_negative_ids_name_any_and_original(api_client):
    assert api_client.get("/api/v3/language/-2").json()["name"] == "Original"
    assert api_client.get("/api/v3/language/-1").json()["name"] == "Any"


def test_an_unknown_language_is_a_404(api_client):
    assert api_client.get("/api/v3/language/999").status_code == 404


def test_languages_need_the_api_key(client):
    assert client.get("/api/v3/language").status_code == 401


@requires_shared
def test_language_uses_the_openapi_property_names(api_client):
    schemas = json.loads((SHARED_FIXTURES.parent / "radarr-api" / "openapi.json").read_text())

    body = api_client.get("/api/v3/language/1").json()

    assert set(body) == set(schemas["components"]["schemas"]["LanguageResource"]["properties"])
