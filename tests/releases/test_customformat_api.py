"""/api/v3/customformat: Radarr's resource shape, CRUD, schema, bulk edits and profile scores."""

import json
from pathlib import Path
from typing import Any

import pytest

from releases.models import CustomFormat, ProfileFormatScore, QualityProfile

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "customformats"
OPENAPI_SPEC_KEYS = {
    "id",
    "name",
    "implementation",
    "implementationName",
    "infoLink",
    "negate",
    "required",
    "fields",
    "presets",
}


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())


def send(api_client, method: str, path: str, body: object):
    return getattr(api_client, method)(path, data=json.dumps(body), content_type="application/json")


def field_values(specification: dict[str, Any]) -> dict[str, Any]:
    return {field["name"]: field["value"] for field in specification["fields"] if "value" in field}


def release_title(name: str, value: object) -> dict[str, Any]:
    return {
        "name": name,
        "implementation": "ReleaseTitleSpecification",
        "negate": False,
        "required": False,
        "fields": [{"name": "value", "value": value}],
    }


def test_create_answers_201_with_radarrs_resource_shape(api_client):
    response = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json"))

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "name", "includeCustomFormatWhenRenaming", "specifications"}
    first = body["specifications"][0]
    assert set(first) <= OPENAPI_SPEC_KEYS
    assert (first["implementation"], first["implementationName"]) == (
        "ReleaseTitleSpecification",
        "Release Title",
    )
    assert first["fields"][0] | {"value": None} == first["fields"][0] | {
        "order": 1,
        "name": "value",
        "label": "Regular Expression",
        "type": "textbox",
        "advanced": False,
        "privacy": "normal",
        "isFloat": False,
        "value": None,
    }


def test_export_shaped_fields_come_back_as_radarrs_field_array(api_client):
    created = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json")).json()

    values = [field_values(spec) for spec in created["specifications"]]

    assert values == [
        {"value": r"\bHDR(\b|\d)"},
        {"value": r"\bSDR\b"},
        {"value": 1, "exceptLanguage": True},
        {"value": 9},
    ]
    assert [spec["negate"] for spec in created["specifications"]] == [False, True, False, False]


def test_field_values_keep_the_json_types_they_were_given(api_client):
    created = send(api_client, "post", "/api/v3/customformat", fixture("size-year-api.json")).json()

    fetched = api_client.get(f"/api/v3/customformat/{created['id']}").json()

    size, year, flag = (field_values(spec) for spec in fetched["specifications"])
    assert size == {"min": 2.5, "max": 40} and isinstance(size["max"], int)
    assert year == {"min": 2010, "max": 2019} and flag == {"value": 1}


def test_select_fields_list_their_options_and_sizes_say_they_are_floats(api_client):
    created = send(api_client, "post", "/api/v3/customformat", fixture("size-year-api.json")).json()

    size_fields = created["specifications"][0]["fields"]
    flag_field = created["specifications"][2]["fields"][0]

    assert [(f["name"], f["unit"], f["isFloat"]) for f in size_fields] == [
        ("min", "GB", True),
        ("max", "GB", True),
    ]
    assert {"value": 1, "name": "G_Freeleech", "order": 0} in flag_field["selectOptions"]


def test_unknown_keys_are_ignored(api_client):
    body = fixture("hdr-export.json") | {"trash_regex": "https://example.invalid", "somethingNew": 1}

    response = send(api_client, "post", "/api/v3/customformat", body)

    assert response.status_code == 201
    assert "trash_id" not in CustomFormat.objects.get().specifications[0]


def test_list_returns_every_format_in_constant_queries(api_client, django_assert_max_num_queries):
    for index in range(12):
        CustomFormat.objects.create(name=f"Format {index}", specifications=[release_title("t", f"x{index}")])

    with django_assert_max_num_queries(1):
        response = api_client.get("/api/v3/customformat")

    assert [item["name"] for item in response.json()][:2] == ["Format 0", "Format 1"]
    assert len(response.json()) == 12


def test_a_missing_format_is_a_404(api_client):
    assert api_client.get("/api/v3/customformat/999").status_code == 404


def test_put_replaces_the_format_and_answers_202(api_client):
    created = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json")).json()
    created["name"] = "HDR renamed"
    created["specifications"] = [release_title("DV", r"\bDV\b")]

    response = send(api_client, "put", f"/api/v3/customformat/{created['id']}", created)

    assert response.status_code == 202
    stored = CustomFormat.objects.get(pk=created["id"])
    assert stored.name == "HDR renamed" and stored.specifications[0]["fields"] == {"value": r"\bDV\b"}


def test_put_without_an_id_in_the_path_uses_the_bodys_id(api_client):
    created = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json")).json()

    response = send(api_client, "put", "/api/v3/customformat", created | {"name": "From the body"})

    assert response.status_code == 202
    assert CustomFormat.objects.get(pk=created["id"]).name == "From the body"


def test_delete_removes_the_format_and_its_profile_scores(api_client):
    created = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json")).json()

    response = api_client.delete(f"/api/v3/customformat/{created['id']}")

    assert response.status_code == 200 and response.content == b""
    assert not CustomFormat.objects.exists() and not ProfileFormatScore.objects.exists()


def test_a_new_format_scores_zero_in_every_quality_profile(api_client):
    created = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json")).json()

    scores = ProfileFormatScore.objects.filter(custom_format_id=created["id"])

    assert QualityProfile.objects.count() == 6
    assert sorted(scores.values_list("score", flat=True)) == [0] * 6


def test_a_duplicate_name_is_a_validation_error(api_client):
    send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json"))

    response = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json"))

    assert response.status_code == 400
    assert response.json()[0] | {"attemptedValue": None} == {
        "propertyName": "name",
        "errorMessage": "Must be unique.",
        "attemptedValue": None,
        "severity": "error",
        "errorCode": "PredicateValidator",
        "isWarning": False,
    }


def test_an_invalid_regex_is_a_validation_error_naming_the_problem(api_client):
    body = {"name": "Broken", "specifications": [release_title("Bad", r"(?<open")]}

    response = send(api_client, "post", "/api/v3/customformat", body)

    assert response.status_code == 400
    failure = response.json()[0]
    assert failure["propertyName"] == "specifications[0].value"
    assert failure["errorMessage"].startswith("Invalid regular expression: ")
    assert failure["attemptedValue"] == r"(?<open"
    assert not CustomFormat.objects.exists()


def test_an_unknown_implementation_is_a_validation_error(api_client):
    body = {
        "name": "Odd",
        "specifications": [{"name": "x", "implementation": "ColourSpecification", "fields": []}],
    }

    response = send(api_client, "post", "/api/v3/customformat", body)

    assert response.status_code == 400
    assert "not a valid specification implementation" in response.json()[0]["errorMessage"]


def test_schema_lists_every_implementation_in_radarrs_order(api_client):
    response = api_client.get("/api/v3/customformat/schema")

    templates = response.json()
    assert [t["implementation"] for t in templates] == [
        "ReleaseTitleSpecification",
        "EditionSpecification",
        "LanguageSpecification",
        "IndexerFlagSpecification",
        "SourceSpecification",
        "ResolutionSpecification",
        "QualityModifierSpecification",
        "SizeSpecification",
        "ReleaseGroupSpecification",
        "YearSpecification",
    ]
    assert all(t["negate"] is False and t["required"] is False and t["presets"] == [] for t in templates)
    assert all(set(t) <= OPENAPI_SPEC_KEYS for t in templates)


def test_schema_fields_carry_types_and_select_options(api_client):
    templates = {t["implementation"]: t for t in api_client.get("/api/v3/customformat/schema").json()}

    language = templates["LanguageSpecification"]["fields"]
    source = templates["SourceSpecification"]["fields"][0]

    assert [(f["name"], f["type"]) for f in language] == [("value", "select"), ("exceptLanguage", "checkbox")]
    assert language[0]["selectOptions"][:2] == [
        {"value": -1, "name": "Any", "order": 0},
        {"value": -2, "name": "Original", "order": 1},
    ]
    assert {"value": 9, "name": "BLURAY", "order": 9} in source["selectOptions"]


def test_bulk_put_sets_the_renaming_flag_and_answers_with_the_formats(api_client):
    first = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json")).json()
    second = send(api_client, "post", "/api/v3/customformat", fixture("size-year-api.json")).json()

    response = send(
        api_client,
        "put",
        "/api/v3/customformat/bulk",
        {"ids": [first["id"], second["id"]], "includeCustomFormatWhenRenaming": False},
    )

    assert response.status_code == 202
    assert [item["includeCustomFormatWhenRenaming"] for item in response.json()] == [False, False]
    assert not CustomFormat.objects.filter(include_custom_format_when_renaming=True).exists()


def test_bulk_put_without_ids_is_a_400(api_client):
    assert send(api_client, "put", "/api/v3/customformat/bulk", {"ids": []}).status_code == 400


def test_bulk_delete_removes_the_listed_formats(api_client):
    first = send(api_client, "post", "/api/v3/customformat", fixture("hdr-export.json")).json()
    kept = send(api_client, "post", "/api/v3/customformat", fixture("size-year-api.json")).json()

    response = send(api_client, "delete", "/api/v3/customformat/bulk", {"ids": [first["id"]]})

    assert response.status_code == 200
    assert list(CustomFormat.objects.values_list("pk", flat=True)) == [kept["id"]]


def test_the_api_key_is_required(client):
    assert client.get("/api/v3/customformat").status_code == 401
