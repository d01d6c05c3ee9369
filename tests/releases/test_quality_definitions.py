import json

import pytest

from releases.models import QualityDefinition
from releases.qualities import QUALITIES_BY_NAME
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db


def definition(name: str) -> QualityDefinition:
    return QualityDefinition.objects.get(quality_id=QUALITIES_BY_NAME[name].id)


def put(api_client, path: str, body: object):
    return api_client.put(path, json.dumps(body), content_type="application/json")


def schema_properties(name: str) -> set[str]:
    schemas = json.loads((SHARED_FIXTURES.parent / "radarr-api" / "openapi.json").read_text())
    return set(schemas["components"]["schemas"][name]["properties"])


def test_list_runs_by_weight_from_unknown_to_raw_hd(api_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = api_client.get("/api/v3/qualitydefinition")

    body = response.json()
    assert len(body) == 30
    assert body[0]["quality"]["name"] == "Unknown" and body[-1]["quality"]["name"] == "Raw-HD"
    assert [entry["weight"] for entry in body] == sorted(entry["weight"] for entry in body)


def test_a_definition_carries_radarrs_quality_with_enum_strings(api_client):
    remux = definition("Remux-1080p")

    body = api_client.get(f"/api/v3/qualitydefinition/{remux.pk}").json()

    assert body["quality"] == {
        "id": 30,
        "name": "Remux-1080p",
        "source": "bluray",
        "resolution": 1080,
        "modifier": "remux",
    }
    assert body["title"] == "Remux-1080p" and body["minSize"] == 0


def test_unlimited_sizes_are_left_out_of_the_json(api_client):
    bluray = definition("Bluray-1080p")

    body = api_client.get(f"/api/v3/qualitydefinition/{bluray.pk}").json()

    assert "maxSize" not in body and "preferredSize" not in body


@requires_shared
def test_definition_and_quality_use_only_the_openapi_property_names(api_client):
    body = api_client.get("/api/v3/qualitydefinition").json()[5]

    assert set(body) <= schema_properties("QualityDefinitionResource")
    assert set(body["quality"]) == schema_properties("Quality")


def test_unknown_definition_is_a_404(api_client):
    response = api_client.get("/api/v3/qualitydefinition/9999")

    assert response.status_code == 404


def test_put_by_id_saves_title_and_sizes(api_client):
    hdtv = definition("HDTV-720p")
    body = {"id": hdtv.pk, "title": "HDTV 720", "minSize": 17.1, "preferredSize": 1999, "maxSize": 2000}

    response = put(api_client, f"/api/v3/qualitydefinition/{hdtv.pk}", body)

    assert response.status_code == 202
    assert response.json()["title"] == "HDTV 720"
    hdtv.refresh_from_db()
    assert (hdtv.min_size, hdtv.preferred_size, hdtv.max_size) == (17.1, 1999, 2000)


def test_put_without_an_id_in_the_path_takes_it_from_the_body(api_client):
    dvd = definition("DVD")

    response = put(api_client, "/api/v3/qualitydefinition", {"id": dvd.pk, "minSize": 3, "maxSize": 50})

    assert response.status_code == 202
    dvd.refresh_from_db()
    assert (dvd.min_size, dvd.max_size) == (3, 50)


def test_null_or_absent_max_and_preferred_mean_unlimited(api_client):
    dvd = definition("DVD")

    put(api_client, f"/api/v3/qualitydefinition/{dvd.pk}", {"minSize": 1, "maxSize": None})

    dvd.refresh_from_db()
    assert dvd.max_size is None and dvd.preferred_size is None


def test_put_for_a_missing_definition_is_a_404(api_client):
    response = put(api_client, "/api/v3/qualitydefinition/9999", {"minSize": 1})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("sizes", "property_name", "message"),
    [
        ({"minSize": -1}, "minSize", "Must be 0 or more"),
        ({"minSize": 0, "maxSize": 2001}, "maxSize", "Must not be more than 2000"),
        ({"minSize": 0, "preferredSize": 2500}, "preferredSize", "Must not be more than 2000"),
        (
            {"minSize": 50, "preferredSize": 40, "maxSize": 60},
            "minSize",
            "Must not be more than the preferred size",
        ),
        ({"minSize": 50, "maxSize": 40}, "minSize", "Must not be more than the maximum size"),
        (
            {"minSize": 1, "preferredSize": 70, "maxSize": 60},
            "preferredSize",
            "Must not be more than the maximum size",
        ),
        ({"minSize": 1, "title": "  "}, "title", "Title must not be empty"),
    ],
)
def test_sizes_that_break_radarrs_rules_are_refused(api_client, sizes, property_name, message):
    dvd = definition("DVD")

    response = put(api_client, f"/api/v3/qualitydefinition/{dvd.pk}", sizes)

    assert response.status_code == 400
    failures = response.json()
    assert {"propertyName": property_name, "errorMessage": message} in [
        {"propertyName": f["propertyName"], "errorMessage": f["errorMessage"]} for f in failures
    ]
    dvd.refresh_from_db()
    assert dvd.min_size == 0  # nothing saved


def test_bulk_update_saves_every_definition_and_answers_all_of_them(api_client):
    sizes = {"WEBDL-1080p": 12.5, "Bluray-1080p": 50.8}
    body = [
        {"id": definition(name).pk, "minSize": minimum, "preferredSize": 1999, "maxSize": 2000}
        for name, minimum in sizes.items()
    ]

    response = put(api_client, "/api/v3/qualitydefinition/update", body)

    assert response.status_code == 202
    assert len(response.json()) == 30
    assert definition("WEBDL-1080p").min_size == 12.5 and definition("Bluray-1080p").max_size == 2000


def test_bulk_update_with_one_bad_entry_saves_nothing(api_client):
    body = [
        {"id": definition("DVD").pk, "minSize": 5, "maxSize": 100},
        {"id": definition("SDTV").pk, "minSize": 5, "maxSize": 3000},
    ]

    response = put(api_client, "/api/v3/qualitydefinition/update", body)

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "[1].maxSize"
    assert definition("DVD").min_size == 0


def test_bulk_update_refuses_an_unknown_id(api_client):
    response = put(api_client, "/api/v3/qualitydefinition/update", [{"id": 9999, "minSize": 1}, {"id": 1}])

    assert response.status_code == 400
    assert response.json()[0]["errorMessage"] == "Quality definition with ID 9999 does not exist"


def test_bulk_update_needs_an_array(api_client):
    response = put(api_client, "/api/v3/qualitydefinition/update", {"id": 1})

    assert response.status_code == 400


def test_limits_are_zero_to_two_thousand(api_client):
    response = api_client.get("/api/v3/qualitydefinition/limits")

    assert response.json() == {"min": 0, "max": 2000}


def test_quality_definition_path_is_case_insensitive(api_client):
    response = api_client.get("/api/v3/qualityDefinition/")

    assert response.status_code == 200 and len(response.json()) == 30
