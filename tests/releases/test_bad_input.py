"""Custom formats with wrong JSON types are refused and not saved (issue 14, item 4)."""

import orjson
import pytest

from releases.models import CustomFormat, DelayProfile, QualityProfile
from tests.factories import TagFactory

pytestmark = pytest.mark.django_db

_CONDITION = {
    "name": "x265",
    "implementation": "ReleaseTitleSpecification",
    "negate": False,
    "required": False,
}


@pytest.mark.parametrize(
    "specifications",
    [
        [{**_CONDITION, "fields": [{"name": {}, "value": "x265"}]}],  # was a 500: a dict as a field name
        [{**_CONDITION, "fields": {"value": "x265"}}, 5],  # was saved without the 5
        [{**_CONDITION, "fields": {"value": "x265"}, "negate": "yes"}],  # was saved as negate: true
    ],
)
def test_a_custom_format_whose_conditions_have_wrong_types_is_refused(api_client, specifications):
    body = {"name": "HEVC", "specifications": specifications}

    response = api_client.post("/api/v3/customformat", orjson.dumps(body), content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"].startswith("specifications")
    assert not CustomFormat.objects.exists()


def _send(api_client, method, path, body):
    return api_client.generic(method, path, orjson.dumps(body), content_type="application/json")


@pytest.fixture
def delay_body() -> dict:
    return {"enableUsenet": True, "enableTorrent": True, "preferredProtocol": "usenet", "usenetDelay": 60,
            "tags": [TagFactory().pk]}  # fmt: skip


@pytest.fixture
def profile_body(api_client) -> dict:
    return {**api_client.get("/api/v3/qualityprofile").json()[0], "id": 0, "name": "Fuzzed"}


@pytest.mark.parametrize("change", [{}, {"usenetDelay": 2**31}, {"enableTorrent": "no"}])
def test_a_delay_profile_past_int32_or_with_wrong_types_is_refused(api_client, delay_body, change):
    response = _send(api_client, "POST", "/api/v3/delayprofile", {**delay_body, **change})

    assert response.status_code == (201 if not change else 400)  # 2^31 overflowed PostgreSQL's column
    assert DelayProfile.objects.filter(tags__isnull=False).exists() == (not change)


@pytest.mark.parametrize("change", [{}, {"upgradeAllowed": "yes"}, {"name": ["x"]}])
def test_a_quality_profile_with_wrong_types_is_refused(api_client, profile_body, change):
    response = _send(api_client, "POST", "/api/v3/qualityprofile", {**profile_body, **change})

    assert response.status_code == (201 if not change else 400)
    assert QualityProfile.objects.filter(name="Fuzzed").exists() == (not change)
