"""/api/v3/metadata (the shared provider views), config/metadata and Settings → Metadata."""

import json

import pytest

from imports.models import Metadata
from movies.models import MetadataConfig
from tests.shared import SHARED_DIR

pytestmark = pytest.mark.django_db
OPENAPI = SHARED_DIR / "radarr-api" / "openapi.json"


def test_radarrs_consumers_ship_disabled(api_client):
    rows = api_client.get("/api/v3/metadata").json()

    by_implementation = {row["implementation"]: row for row in rows}
    assert set(by_implementation) == {
        "XbmcMetadata",
        "MediaBrowserMetadata",
        "KometaMetadata",
        "RoksboxMetadata",
        "WdtvMetadata",
    }
    kodi = by_implementation["XbmcMetadata"]
    assert kodi["enable"] is False and kodi["name"] == "Kodi (XBMC) / Emby"
    assert kodi["configContract"] == "XbmcMetadataSettings"
    assert [field["name"] for field in kodi["fields"]] == [
        "movieMetadata",
        "useMovieNfo",
        "movieMetadataLanguage",
        "movieMetadataURL",
        "addCollectionName",
        "movieImages",
    ]
    assert by_implementation["KometaMetadata"]["message"]["type"] == "warning"


def test_the_resource_has_radarrs_fields(api_client):
    if not OPENAPI.is_file():
        pytest.skip(f"Radarr's spec {OPENAPI} is absent (a user's clone has none)")
    expected = json.loads(OPENAPI.read_text())["components"]["schemas"]["MetadataResource"]["properties"]

    row = api_client.get("/api/v3/metadata").json()[0]

    assert set(row) <= set(expected) and {"enable", "fields", "implementation", "tags", "id"} <= set(row)


def test_schema_offers_every_consumer_with_its_language_choices(api_client):
    templates = api_client.get("/api/v3/metadata/schema").json()

    kodi = next(template for template in templates if template["implementation"] == "XbmcMetadata")
    language = next(field for field in kodi["fields"] if field["name"] == "movieMetadataLanguage")
    options = {option["value"]: option["name"] for option in language["selectOptions"]}
    assert options[-2] == "Original" and options[1] == "English" and 0 not in options
    assert len(templates) == 5


def test_enabling_kodi_with_put_keeps_the_other_fields(api_client):
    kodi = Metadata.objects.get(implementation="XbmcMetadata")
    body = api_client.get(f"/api/v3/metadata/{kodi.pk}").json()
    body["enable"] = True
    for field in body["fields"]:
        if field["name"] == "useMovieNfo":
            field["value"] = True

    response = api_client.put(f"/api/v3/metadata/{kodi.pk}", body, content_type="application/json")

    assert response.status_code == 202
    kodi.refresh_from_db()
    assert (
        kodi.enable is True and kodi.settings["useMovieNfo"] is True and kodi.settings["movieImages"] is True
    )


def test_a_new_consumer_can_be_added_tested_and_deleted(api_client):
    template = next(
        t for t in api_client.get("/api/v3/metadata/schema").json() if t["implementation"] == "WdtvMetadata"
    )
    body = template | {"name": "Second WDTV", "enable": True}

    created = api_client.post("/api/v3/metadata", body, content_type="application/json")
    tested = api_client.post("/api/v3/metadata/test", body, content_type="application/json")

    assert created.status_code == 201 and tested.status_code == 200
    assert api_client.delete(f"/api/v3/metadata/{created.json()['id']}").status_code == 200
    assert not Metadata.objects.filter(name="Second WDTV").exists()


def test_bad_input_gets_radarrs_validation_list(api_client):
    kodi = Metadata.objects.get(implementation="XbmcMetadata")
    body = api_client.get(f"/api/v3/metadata/{kodi.pk}").json() | {"enable": "yes"}

    response = api_client.put(f"/api/v3/metadata/{kodi.pk}", body, content_type="application/json")
    unknown = api_client.post("/api/v3/metadata", {"implementation": "Plex"}, content_type="application/json")

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "enable"
    assert unknown.status_code == 400 and unknown.json()[0]["propertyName"] == "implementation"
    assert api_client.get("/api/v3/metadata/9999").status_code == 404


@pytest.mark.parametrize(("name", "value"), [("movieMetadata", "yes"), ("movieMetadataLanguage", 999)])
def test_a_field_of_the_wrong_kind_is_refused(api_client, name, value):
    kodi = Metadata.objects.get(implementation="XbmcMetadata")
    body = api_client.get(f"/api/v3/metadata/{kodi.pk}").json()
    body["fields"] = [
        field | {"value": value} if field["name"] == name else field for field in body["fields"]
    ]

    response = api_client.put(f"/api/v3/metadata/{kodi.pk}", body, content_type="application/json")

    assert response.status_code == 400 and response.json()[0]["propertyName"] == name
    kodi.refresh_from_db()
    assert kodi.settings[name] != value


def test_there_is_no_bulk_route_as_in_radarr(api_client):
    assert api_client.put("/api/v3/metadata/bulk", {}, content_type="application/json").status_code in (
        404,
        405,
    )


def test_the_list_costs_the_same_queries_for_many_consumers(api_client, django_assert_max_num_queries):
    for number in range(20):
        Metadata.objects.create(name=f"WDTV {number}", implementation="WdtvMetadata", settings={})

    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v3/metadata")

    assert len(response.json()) == 25


def test_config_metadata_reads_and_saves_the_certification_country(api_client):
    assert api_client.get("/api/v3/config/metadata").json() == {"id": 1, "certificationCountry": "us"}

    response = api_client.put(
        "/api/v3/config/metadata/1", {"certificationCountry": "gb"}, content_type="application/json"
    )
    bad = api_client.put(
        "/api/v3/config/metadata", {"certificationCountry": "xx"}, content_type="application/json"
    )

    assert response.status_code == 202 and response.json()["certificationCountry"] == "gb"
    assert MetadataConfig.load().certification_country == "gb"
    assert bad.status_code == 400 and bad.json()[0]["propertyName"] == "certificationCountry"
    odd = api_client.put(
        "/api/v3/config/metadata", {"certificationCountry": {}}, content_type="application/json"
    )
    assert odd.status_code == 400


def test_settings_page_lists_consumers_and_saves_the_country(admin_client):
    page = admin_client.get("/settings/metadata")
    assert page.status_code == 200 and "Kodi (XBMC) / Emby" in page.content.decode()

    response = admin_client.post("/settings/metadata", {"certification_country": "de"})

    assert response.status_code == 302 and MetadataConfig.load().certification_country == "de"


def test_the_edit_page_switches_kodi_on(admin_client):
    kodi = Metadata.objects.get(implementation="XbmcMetadata")
    form = {
        "name": kodi.name,
        "implementation": "XbmcMetadata",
        "enable": "on",
        "field-movieMetadata": "on",
        "field-movieMetadataLanguage": "1",
        "field-movieImages": "on",
    }

    response = admin_client.post(f"/settings/metadata/{kodi.pk}", form)

    assert response.status_code == 302
    kodi.refresh_from_db()
    assert (
        kodi.enable is True and kodi.settings["useMovieNfo"] is False and kodi.settings["movieImages"] is True
    )
