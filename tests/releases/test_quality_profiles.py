import json
from typing import Any

import pytest

from radarr.api.errors import ApiError
from releases import profiles
from releases.models import CustomFormat, ProfileFormatScore, QualityProfile
from releases.profiles import delete_quality_profile, profile_in_use_reason
from tests.movies.factories import CollectionFactory, MovieFactory
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db


def schema_properties(name: str) -> set[str]:
    schemas = json.loads((SHARED_FIXTURES.parent / "radarr-api" / "openapi.json").read_text())
    return set(schemas["components"]["schemas"][name]["properties"])


def send(api_client, method: str, path: str, body: object):
    return getattr(api_client, method)(path, json.dumps(body), content_type="application/json")


def new_profile(
    api_client, name: str = "Movies", allowed: tuple[str, ...] = ("Bluray-1080p",)
) -> dict[str, Any]:
    """The schema, named, with `allowed` qualities (or groups) allowed and the first as cutoff."""
    body = api_client.get("/api/v3/qualityprofile/schema").json()
    body["name"] = name
    for item in body["items"]:
        label = item.get("name") or item["quality"]["name"]
        if label in allowed:
            item["allowed"] = True
            if label == allowed[0]:
                body["cutoff"] = item.get("id") or item["quality"]["id"]
    return body


def failures_of(response) -> list[tuple[str, str]]:
    assert response.status_code == 400
    return [(failure["propertyName"], failure["errorMessage"]) for failure in response.json()]


def test_list_shows_the_six_default_profiles_lowest_quality_first(api_client):
    body = api_client.get("/api/v3/qualityprofile").json()

    assert [profile["name"] for profile in body][:2] == ["Any", "SD"]
    hd = next(profile for profile in body if profile["name"] == "HD-1080p")
    assert hd["items"][0] == {
        "quality": {"id": 0, "name": "Unknown", "source": "unknown", "resolution": 0, "modifier": "none"},
        "items": [],
        "allowed": False,
    }
    assert hd["items"][-1]["quality"]["name"] == "Raw-HD"
    assert hd["language"] == {"id": 1, "name": "English"}


def test_a_group_lists_its_qualities_as_items(api_client):
    hd = next(p for p in api_client.get("/api/v3/qualityprofile").json() if p["name"] == "HD-1080p")

    web = next(item for item in hd["items"] if item.get("name") == "WEB 1080p")

    assert web["id"] >= 1000 and web["allowed"] is True and "quality" not in web
    assert [member["quality"]["name"] for member in web["items"]] == ["WEBDL-1080p", "WEBRip-1080p"]


def test_list_costs_the_same_queries_for_many_profiles(api_client, django_assert_max_num_queries):
    CustomFormat.objects.create(name="x265")
    for n in range(20):
        api_client.post(
            "/api/v3/qualityprofile", json.dumps(new_profile(api_client, f"P{n}")), "application/json"
        )

    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v3/qualityprofile")

    assert len(response.json()) == 26


def test_every_custom_format_is_listed_with_its_score(api_client):
    x265 = CustomFormat.objects.create(name="x265")
    hdr = CustomFormat.objects.create(name="HDR")
    hd = QualityProfile.objects.get(name="HD-1080p")
    ProfileFormatScore.objects.create(profile=hd, custom_format=hdr, score=500)

    body = api_client.get(f"/api/v3/qualityprofile/{hd.pk}").json()

    assert body["formatItems"] == [
        {"format": x265.pk, "name": "x265", "score": 0},
        {"format": hdr.pk, "name": "HDR", "score": 500},
    ]


def test_schema_is_a_blank_template_with_every_format_at_zero(api_client):
    x265 = CustomFormat.objects.create(name="x265")

    body = api_client.get("/api/v3/qualityprofile/schema").json()

    assert not any(item["allowed"] for item in body["items"])
    names = [item.get("name") or item["quality"]["name"] for item in body["items"]]
    assert names[:3] == ["Unknown", "WORKPRINT", "CAM"] and "WEB 1080p" in names and len(names) == 26
    assert body["formatItems"] == [{"format": x265.pk, "name": "x265", "score": 0}]
    assert body["language"] == {"id": 1, "name": "English"} and body["minUpgradeFormatScore"] == 1


@requires_shared
def test_profile_uses_only_the_openapi_property_names(api_client):
    CustomFormat.objects.create(name="x265")

    body = api_client.get("/api/v3/qualityprofile").json()[3]

    assert set(body) == schema_properties("QualityProfileResource") | {"sceneGroupReputationPoints"}
    item_names = schema_properties("QualityProfileQualityItemResource")
    assert all(set(item) <= item_names for item in body["items"])
    assert set(body["formatItems"][0]) <= schema_properties("ProfileFormatItemResource")
    assert set(body["language"]) == schema_properties("Language")


def test_create_answers_201_with_the_saved_profile(api_client):
    hdr = CustomFormat.objects.create(name="HDR")
    body = new_profile(api_client, "4K", allowed=("Remux-2160p", "WEB 2160p"))
    body["formatItems"][0]["score"] = 1500
    body["language"] = {"id": -2, "name": "Original"}

    response = send(api_client, "post", "/api/v3/qualityprofile", body)

    assert response.status_code == 201
    created = response.json()
    assert created["id"] > 0 and created["name"] == "4K"
    assert created["formatItems"] == [{"format": hdr.pk, "name": "HDR", "score": 1500}]
    assert created["language"] == {"id": -2, "name": "Original"}
    assert QualityProfile.objects.get(name="4K").allowed_quality_ids() == {31, 17, 18}


def test_update_reorders_items_and_changes_scores(api_client):
    hdr = CustomFormat.objects.create(name="HDR")
    created = send(api_client, "post", "/api/v3/qualityprofile", new_profile(api_client)).json()
    created["items"].reverse()
    created["formatItems"] = [{"format": hdr.pk, "score": -10}]

    response = send(api_client, "put", f"/api/v3/qualityprofile/{created['id']}", created)

    assert response.status_code == 202
    saved = QualityProfile.objects.get(pk=created["id"])
    assert saved.items[0] == {"quality": 10, "allowed": False}  # Raw-HD now first
    assert ProfileFormatScore.objects.get(profile=saved).score == -10


def test_update_without_an_id_in_the_path_takes_it_from_the_body(api_client):
    hd = api_client.get("/api/v3/qualityprofile").json()[3]
    hd["upgradeAllowed"] = False

    response = send(api_client, "put", "/api/v3/qualityprofile", hd)

    assert response.status_code == 202
    assert QualityProfile.objects.get(pk=hd["id"]).upgrade_allowed is False


def test_update_of_a_missing_profile_is_a_404(api_client):
    response = send(api_client, "put", "/api/v3/qualityprofile/999", new_profile(api_client))

    assert response.status_code == 404


def test_delete_removes_the_profile(api_client):
    created = send(api_client, "post", "/api/v3/qualityprofile", new_profile(api_client)).json()

    response = api_client.delete(f"/api/v3/qualityprofile/{created['id']}")

    assert response.status_code == 200 and response.content == b""
    assert not QualityProfile.objects.filter(pk=created["id"]).exists()


def test_delete_of_a_profile_in_use_is_refused_with_the_reason(api_client):
    hd = QualityProfile.objects.get(name="HD-1080p")
    MovieFactory(quality_profile=hd)

    response = api_client.delete(f"/api/v3/qualityprofile/{hd.pk}")

    assert response.status_code == 400
    assert response.json()["message"] == "Quality profile 'HD-1080p' is in use by 1 movie"
    assert QualityProfile.objects.filter(pk=hd.pk).exists()


def test_a_profile_its_format_scores_alone_use_can_be_deleted_with_them():
    sd = QualityProfile.objects.get(name="SD")
    ProfileFormatScore.objects.create(profile=sd, custom_format=CustomFormat.objects.create(name="x"))

    delete_quality_profile(sd)

    assert not QualityProfile.objects.filter(pk=sd.pk).exists()
    assert not ProfileFormatScore.objects.exists()


def test_a_profile_a_collection_uses_is_kept_and_movies_are_named_before_collections():
    sd = QualityProfile.objects.get(name="SD")
    CollectionFactory(quality_profile=sd)
    used_by_collection = profile_in_use_reason(sd)
    MovieFactory(quality_profile=sd)

    assert used_by_collection == "Quality profile 'SD' is in use by 1 collection"
    assert profile_in_use_reason(sd) == "Quality profile 'SD' is in use by 1 movie"


def test_a_profile_nothing_uses_has_no_reason_to_stay():
    assert profile_in_use_reason(QualityProfile.objects.get(name="SD")) is None


def test_delete_in_use_counts_every_user_and_raises_for_the_pages_too():
    sd = QualityProfile.objects.get(name="SD")
    MovieFactory.create_batch(2, quality_profile=sd)

    with pytest.raises(ApiError, match="in use by 2 movies"):
        delete_quality_profile(sd)


def test_missing_profile_is_a_404(api_client):
    assert api_client.get("/api/v3/qualityprofile/999").status_code == 404


def test_path_with_capital_letters_works_as_overseerr_calls_it(api_client):
    assert api_client.get("/api/v3/qualityProfile").status_code == 200


# ---- validation, one rule per test


def test_name_is_required(api_client):
    body = new_profile(api_client, name="")

    assert ("name", "'Name' must not be empty.") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_name_must_be_unique_ignoring_case(api_client):
    body = new_profile(api_client, name="hd-1080p")

    assert ("name", "A quality profile named 'hd-1080p' already exists") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_a_profile_keeps_its_own_name_on_update(api_client):
    hd = api_client.get("/api/v3/qualityprofile").json()[3]

    assert send(api_client, "put", f"/api/v3/qualityprofile/{hd['id']}", hd).status_code == 202


def test_every_quality_must_be_present(api_client):
    body = new_profile(api_client)
    body["items"] = [item for item in body["items"] if item.get("quality", {}).get("name") != "CAM"]

    assert ("items", "Must contain all qualities") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_a_quality_may_appear_only_once(api_client):
    body = new_profile(api_client)
    body["items"].append(body["items"][0])

    assert ("items", "Qualities can only be used once") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_unknown_quality_ids_are_refused(api_client):
    body = new_profile(api_client)
    body["items"].append({"quality": {"id": 99}, "items": [], "allowed": False})

    assert ("items", "Unknown quality ID 99") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_cutoff_must_be_an_allowed_item(api_client):
    body = new_profile(api_client)
    body["cutoff"] = 31  # Remux-2160p, not allowed

    assert ("cutoff", "Cutoff must be an allowed quality or group") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_a_group_can_be_the_cutoff(api_client):
    body = new_profile(api_client, allowed=("WEB 1080p",))

    response = send(api_client, "post", "/api/v3/qualityprofile", body)

    assert response.status_code == 201 and response.json()["cutoff"] >= 1000


def test_at_least_one_item_must_be_allowed(api_client):
    body = new_profile(api_client, allowed=())

    assert ("items", "Must contain at least one allowed quality") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_group_ids_start_at_1000(api_client):
    body = new_profile(api_client)
    next(item for item in body["items"] if "id" in item)["id"] = 5

    assert ("items", "Group IDs must be 1000 or more") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_group_ids_must_be_unique(api_client):
    body = new_profile(api_client)
    groups = [item for item in body["items"] if "id" in item]
    groups[1]["id"] = groups[0]["id"]

    assert ("items", "Groups must have a unique ID") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_groups_must_have_a_name(api_client):
    body = new_profile(api_client)
    next(item for item in body["items"] if "id" in item)["name"] = " "

    assert ("items", "Groups must have a name") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_groups_must_hold_more_than_one_quality(api_client):
    body = new_profile(api_client)
    group = next(item for item in body["items"] if "id" in item)
    single = group["items"].pop()
    body["items"].append({"quality": single["quality"], "items": [], "allowed": False})

    assert ("items", "Groups must contain multiple qualities") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_single_qualities_may_not_be_named(api_client):
    body = new_profile(api_client)
    body["items"][0]["name"] = "Nothing"

    assert ("items", "Individual qualities should not be named") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_unknown_language_is_refused(api_client):
    body = new_profile(api_client)
    body["language"] = {"id": 999, "name": "Klingon"}

    assert ("language", "Unknown language ID 999") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_format_items_must_list_every_custom_format(api_client):
    CustomFormat.objects.create(name="x265")
    body = new_profile(api_client)
    body["formatItems"] = []

    assert ("formatItems", profiles._FORMATS_MESSAGE) in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_format_items_may_not_name_unknown_formats(api_client):
    body = new_profile(api_client)
    body["formatItems"] = [{"format": 404, "name": "Gone", "score": 10}]

    assert ("formatItems", profiles._FORMATS_MESSAGE) in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_minimum_upgrade_score_is_at_least_one(api_client):
    body = new_profile(api_client)
    body["minUpgradeFormatScore"] = 0

    assert ("minUpgradeFormatScore", "Must be 1 or more") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_a_minimum_score_no_release_can_reach_is_refused(api_client):
    CustomFormat.objects.create(name="x265")
    body = new_profile(api_client)
    body["formatItems"][0]["score"] = 10
    body["minFormatScore"] = 20

    assert ("minFormatScore", "Minimum Custom Format Score can never be satisfied") in failures_of(
        send(api_client, "post", "/api/v3/qualityprofile", body)
    )


def test_a_bad_quality_item_shape_is_a_400_not_a_500(api_client):
    body = new_profile(api_client)
    body["items"][0]["quality"] = "Unknown"

    assert failures_of(send(api_client, "post", "/api/v3/qualityprofile", body)) == [
        ("items[0].quality", "Must be an object")
    ]
