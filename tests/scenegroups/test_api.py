"""v3 scene groups: the list, one group with its factors, pinning and unpinning by PUT."""

from datetime import UTC, datetime

import pytest

from scenegroups.models import SceneGroup
from tests.scenegroups.factories import SceneGroupFactory, factors

pytestmark = pytest.mark.django_db


def test_the_list_gives_each_group_in_the_issues_shape_best_first(api_client):
    SceneGroupFactory(
        name="FraMeSToR",
        score=91.24,
        confidence="high",
        releases=120,
        indexers=["BeyondHD", "Blutopia"],
        last_seen=datetime(2026, 3, 1, 12, 30, tzinfo=UTC),
    )
    SceneGroupFactory(name="YIFY", score=20.0, confidence="low")

    response = api_client.get("/api/v3/scenegroup")

    assert response.status_code == 200
    first, second = response.json()
    assert first == {
        "name": "FraMeSToR",
        "score": 91.2,
        "confidence": "high",
        "releases": 120,
        "indexers": ["BeyondHD", "Blutopia"],
        "lastSeen": "2026-03-01T12:30:00Z",
        "pinned": False,
    }
    assert second["name"] == "YIFY"


def test_the_list_orders_by_effective_score_then_name(api_client):
    SceneGroupFactory(name="Alpha", score=70.0)
    SceneGroupFactory(name="Beta", score=90.0)
    SceneGroupFactory(name="Gamma", score=10.0, pinned_score=95)
    SceneGroupFactory(name="Aardvark", score=70.0)

    names = [group["name"] for group in api_client.get("/api/v3/scenegroup").json()]

    assert names == ["Gamma", "Beta", "Aardvark", "Alpha"]


def test_a_pinned_group_lists_its_pin_as_score(api_client):
    SceneGroupFactory(name="SPARKS", score=40.0, pinned_score=80)

    group = api_client.get("/api/v3/scenegroup").json()[0]

    assert (group["score"], group["pinned"]) == (80.0, True)


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_costs_the_same_queries_for_5_or_50_groups(api_client, django_assert_num_queries, count):
    SceneGroupFactory.create_batch(count)

    with django_assert_num_queries(1):
        response = api_client.get("/api/v3/scenegroup")

    assert len(response.json()) == count


def test_the_detail_adds_learned_score_pin_note_and_factors(api_client):
    SceneGroupFactory(
        name="FraMeSToR", score=62.35, pinned_score=85, pin_note="Trusted remuxes", factors=factors(70.0)
    )

    body = api_client.get("/api/v3/scenegroup/FraMeSToR").json()

    assert (body["score"], body["learnedScore"], body["pinned"]) == (85.0, 62.4, True)
    assert body["pinNote"] == "Trusted remuxes"
    assert len(body["factors"]) == 8
    assert body["factors"][0] == {
        "name": "Seeder health",
        "score": 70.0,
        "weight": 25,
        "evidence": "Evidence for Seeder health.",
    }


def test_a_factor_without_evidence_leaves_its_score_out(api_client):
    stored = factors()
    stored[1]["score"] = None
    SceneGroupFactory(name="NTb", factors=stored)

    factor = api_client.get("/api/v3/scenegroup/ntb").json()["factors"][1]

    assert factor["name"] == "Internal ratio"
    assert "score" not in factor


def test_the_detail_finds_the_group_whatever_the_case(api_client):
    SceneGroupFactory(name="FraMeSToR")

    response = api_client.get("/api/v3/scenegroup/FRAMESTOR")

    assert response.status_code == 200
    assert response.json()["name"] == "FraMeSToR"


def test_an_unknown_group_is_a_404_in_radarrs_error_shape(api_client):
    response = api_client.get("/api/v3/scenegroup/nobody")

    assert response.status_code == 404
    assert response.json() == {"message": "Scene group 'nobody' does not exist", "description": "NotFound"}


def test_the_endpoints_need_the_api_key(client):
    SceneGroupFactory(name="FraMeSToR")

    assert client.get("/api/v3/scenegroup").status_code == 401
    assert client.get("/api/v3/scenegroup/framestor").status_code == 401
    assert (
        client.put("/api/v3/scenegroup/framestor", {"pinned": False}, "application/json").status_code == 401
    )


def test_put_pins_the_group_without_touching_the_learned_score(api_client):
    SceneGroupFactory(name="FraMeSToR", score=62.5, confidence="medium", releases=40)

    response = api_client.put(
        "/api/v3/scenegroup/framestor",
        {"pinned": True, "score": 80, "pinNote": "Always good"},
        content_type="application/json",
    )

    assert response.status_code == 202
    assert (response.json()["score"], response.json()["learnedScore"]) == (80.0, 62.5)
    group = SceneGroup.objects.get(key="framestor")
    assert (group.pinned_score, group.pin_note) == (80, "Always good")
    assert (group.score, group.confidence, group.releases) == (62.5, "medium", 40)


def test_put_with_pinned_false_unpins(api_client):
    SceneGroupFactory(name="SPARKS", score=40.0, pinned_score=90, pin_note="old")

    response = api_client.put("/api/v3/scenegroup/sparks", {"pinned": False}, content_type="application/json")

    assert response.status_code == 202
    assert (response.json()["score"], response.json()["pinned"]) == (40.0, False)
    group = SceneGroup.objects.get(key="sparks")
    assert (group.pinned_score, group.pin_note) == (None, "")


def test_put_accepts_the_resource_it_read_back(api_client):
    SceneGroupFactory(name="SPARKS", score=40.0)
    resource = api_client.get("/api/v3/scenegroup/sparks").json()

    resource |= {"pinned": True, "score": 75}
    response = api_client.put("/api/v3/scenegroup/sparks", resource, content_type="application/json")

    assert response.status_code == 202
    assert SceneGroup.objects.get(key="sparks").pinned_score == 75


@pytest.mark.parametrize("score", [101, -1, "high", 80.5, None, True])
def test_put_rejects_a_score_outside_0_to_100_in_radarrs_validation_shape(api_client, score):
    SceneGroupFactory(name="SPARKS", score=40.0)

    response = api_client.put(
        "/api/v3/scenegroup/sparks", {"pinned": True, "score": score}, content_type="application/json"
    )

    assert response.status_code == 400
    failure = response.json()[0]
    assert failure["propertyName"] == "score"
    assert failure["errorMessage"] == "Score must be a whole number from 0 to 100"
    assert SceneGroup.objects.get(key="sparks").pinned_score is None


def test_put_without_pinned_is_a_validation_error(api_client):
    SceneGroupFactory(name="SPARKS")

    response = api_client.put("/api/v3/scenegroup/sparks", {"score": 80}, content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "pinned"


def test_put_rejects_a_note_longer_than_300_characters(api_client):
    SceneGroupFactory(name="SPARKS")

    response = api_client.put(
        "/api/v3/scenegroup/sparks",
        {"pinned": True, "score": 80, "pinNote": "x" * 301},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "pinNote"


@pytest.mark.parametrize("note", [{"text": "trusted"}, 5, ["trusted"]])
def test_put_rejects_a_note_that_is_not_text_and_keeps_the_group_as_it_was(api_client, note):
    SceneGroupFactory(name="SPARKS", score=40.0)

    response = api_client.put(
        "/api/v3/scenegroup/sparks",
        {"pinned": True, "score": 80, "pinNote": note},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert [(f["propertyName"], f["errorMessage"]) for f in response.json()] == [
        ("pinNote", "Note must be text")
    ]
    group = SceneGroup.objects.get()
    assert (group.pinned_score, group.pin_note) == (None, "")


def test_put_on_an_unknown_group_is_a_404(api_client):
    response = api_client.put(
        "/api/v3/scenegroup/nobody", {"pinned": True, "score": 80}, content_type="application/json"
    )

    assert response.status_code == 404
