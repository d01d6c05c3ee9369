"""A quality profile's upgrade stops as clients and the editor see them: `upgradeWindowDays` and
`cutoffFormatId` in the v3 JSON (ours), kept by clients that do not know them, and the editor's fields."""

import json
from typing import Any

import pytest

from releases.models import CustomFormat, QualityProfile
from tests.releases.test_profile_pages import blank_items, editor_post

pytestmark = pytest.mark.django_db


def send(api_client, method: str, path: str, body: object):
    return getattr(api_client, method)(path, json.dumps(body), content_type="application/json")


def hd_profile(**changes: Any) -> QualityProfile:
    profile = QualityProfile.objects.get(name="HD-1080p")
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def test_the_profile_json_shows_both_stops(api_client):
    remux = CustomFormat.objects.create(name="Remux")
    profile = hd_profile(upgrade_window_days=14, cutoff_format=remux)

    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()

    assert (body["upgradeWindowDays"], body["cutoffFormatId"]) == (14, remux.pk)


def test_a_profile_without_stops_leaves_the_fields_out_as_nulls_are(api_client):
    body = api_client.get("/api/v3/qualityprofile/schema").json()

    assert "upgradeWindowDays" not in body and "cutoffFormatId" not in body


def test_a_put_that_sends_them_stores_them(api_client):
    remux = CustomFormat.objects.create(name="Remux")
    profile = hd_profile()
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()
    body |= {"upgradeWindowDays": 30, "cutoffFormatId": remux.pk}

    response = send(api_client, "put", f"/api/v3/qualityprofile/{profile.pk}", body)

    assert response.status_code == 202, response.content
    profile.refresh_from_db()
    assert (profile.upgrade_window_days, profile.cutoff_format_id) == (30, remux.pk)


def test_a_put_from_a_client_that_does_not_know_them_keeps_them(api_client):
    remux = CustomFormat.objects.create(name="Remux")
    profile = hd_profile(upgrade_window_days=30, cutoff_format=remux)
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()
    del body["upgradeWindowDays"], body["cutoffFormatId"]  # Recyclarr, pyarr, Radarr's UI
    body["minUpgradeFormatScore"] = 5

    response = send(api_client, "put", f"/api/v3/qualityprofile/{profile.pk}", body)

    assert response.status_code == 202
    profile.refresh_from_db()
    assert (profile.upgrade_window_days, profile.cutoff_format_id) == (30, remux.pk)
    assert profile.min_upgrade_format_score == 5


@pytest.mark.parametrize("none", [None, 0])
def test_null_clears_them(api_client, none):
    remux = CustomFormat.objects.create(name="Remux")
    profile = hd_profile(upgrade_window_days=30, cutoff_format=remux)
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()
    body |= {"upgradeWindowDays": None, "cutoffFormatId": none}

    response = send(api_client, "put", f"/api/v3/qualityprofile/{profile.pk}", body)

    assert response.status_code == 202
    profile.refresh_from_db()
    assert (profile.upgrade_window_days, profile.cutoff_format_id) == (None, None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("upgradeWindowDays", -1),
        ("upgradeWindowDays", 36501),
        ("upgradeWindowDays", "soon"),
        ("upgradeWindowDays", 2.5),
        ("cutoffFormatId", 999_999),
        ("cutoffFormatId", "Remux"),
        ("cutoffFormatId", [1]),
    ],
)
def test_bad_values_are_a_400_naming_the_field_and_nothing_is_saved(api_client, field, value):
    profile = hd_profile(upgrade_window_days=7)
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json() | {field: value}

    response = send(api_client, "put", f"/api/v3/qualityprofile/{profile.pk}", body)

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == [field]
    profile.refresh_from_db()
    assert (profile.upgrade_window_days, profile.cutoff_format_id) == (7, None)


def test_deleting_the_cutoff_format_clears_it_from_the_profile(api_client):
    remux = CustomFormat.objects.create(name="Remux")
    profile = hd_profile(cutoff_format=remux)

    assert api_client.delete(f"/api/v3/customformat/{remux.pk}").status_code == 200

    profile.refresh_from_db()
    assert profile.cutoff_format_id is None


def test_the_editor_saves_both_stops(admin_client):
    remux = CustomFormat.objects.create(name="Remux")
    post = editor_post(
        blank_items("Bluray-1080p"),
        upgrade_window_days="21",
        cutoff_format=str(remux.pk),
        **{f"score_{remux.pk}": "0"},
    )

    response = admin_client.post("/settings/profiles/new", post)

    assert response.status_code == 302
    profile = QualityProfile.objects.get(name="Editor")
    assert (profile.upgrade_window_days, profile.cutoff_format_id) == (21, remux.pk)


def test_the_editor_shows_the_stored_stops(admin_client):
    remux = CustomFormat.objects.create(name="Remux")
    profile = hd_profile(upgrade_window_days=21, cutoff_format=remux)

    body = admin_client.get(f"/settings/profiles/{profile.pk}").content.decode()

    assert 'name="upgrade_window_days" value="21"' in body
    assert f'<option value="{remux.pk}" selected>Remux</option>' in body


def test_the_editor_refuses_a_negative_window(admin_client):
    response = admin_client.post(
        "/settings/profiles/new", editor_post(blank_items("Bluray-1080p"), upgrade_window_days="-3")
    )

    assert response.status_code == 400
    assert not QualityProfile.objects.filter(name="Editor").exists()


def test_an_editor_post_without_the_fields_keeps_them(admin_client):
    profile = hd_profile(upgrade_window_days=21)
    post = editor_post(profile.items, name=profile.name, cutoff=str(profile.cutoff))

    response = admin_client.post(f"/settings/profiles/{profile.pk}", post)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.upgrade_window_days == 21


def test_the_profile_list_says_when_upgrades_stop(admin_client, django_assert_max_num_queries):
    remux = CustomFormat.objects.create(name="Remux")
    hd_profile(upgrade_window_days=1, cutoff_format=remux)

    with django_assert_max_num_queries(8):
        body = admin_client.get("/settings/profiles").content.decode()

    assert "For 1 day after the first import" in body and "Or until a file has Remux" in body
