import json

import pytest

from releases.models import DelayProfile, ReleaseProfile
from releases.profiles import DEFAULT_DELAY_ORDER, compile_term
from tests.factories import TagFactory
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db


def schema_properties(name: str) -> set[str]:
    schemas = json.loads((SHARED_FIXTURES.parent / "radarr-api" / "openapi.json").read_text())
    return set(schemas["components"]["schemas"][name]["properties"])


def send(api_client, method: str, path: str, body: object):
    return getattr(api_client, method)(path, json.dumps(body), content_type="application/json")


def failures_of(response) -> list[tuple[str, str]]:
    assert response.status_code == 400
    return [(failure["propertyName"], failure["errorMessage"]) for failure in response.json()]


def delay_body(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "enableUsenet": True,
        "enableTorrent": True,
        "preferredProtocol": "torrent",
        "usenetDelay": 60,
        "torrentDelay": 120,
        "tags": [TagFactory().pk],
    }
    return body | changes


def create_delay(api_client, **changes: object) -> dict[str, object]:
    response = send(api_client, "post", "/api/v3/delayprofile", delay_body(**changes))
    assert response.status_code == 201
    return response.json()


# ---- delay profiles


def test_the_default_delay_profile_always_exists(api_client):
    body = api_client.get("/api/v3/delayprofile").json()

    assert len(body) == 1
    assert body[0]["order"] == DEFAULT_DELAY_ORDER and body[0]["tags"] == []
    assert body[0]["preferredProtocol"] == "usenet" and body[0]["enableTorrent"] is True


@requires_shared
def test_delay_profile_uses_only_the_openapi_property_names(api_client):
    body = api_client.get("/api/v3/delayprofile").json()[0]

    assert set(body) == schema_properties("DelayProfileResource")


def test_create_answers_201_and_sorts_before_the_default(api_client):
    created = create_delay(api_client)

    body = api_client.get("/api/v3/delayprofile").json()

    assert [profile["id"] for profile in body] == [created["id"], body[-1]["id"]]
    assert created["order"] == 1 and created["torrentDelay"] == 120
    assert created["preferredProtocol"] == "torrent"


def test_protocol_may_be_sent_as_radarrs_number(api_client):
    created = create_delay(api_client, preferredProtocol=2)

    assert created["preferredProtocol"] == "torrent"


def test_list_costs_the_same_queries_for_many_profiles(api_client, django_assert_max_num_queries):
    for _ in range(10):
        create_delay(api_client)

    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v3/delayprofile")

    assert len(response.json()) == 11


def test_update_keeps_the_order_and_replaces_tags(api_client):
    created = create_delay(api_client)
    other = TagFactory()

    response = send(api_client, "put", "/api/v3/delayprofile", created | {"tags": [other.pk], "order": 99})

    assert response.status_code == 202
    assert response.json()["tags"] == [other.pk] and response.json()["order"] == 1


def test_tags_must_exist(api_client):
    response = send(api_client, "post", "/api/v3/delayprofile", delay_body(tags=[404]))

    assert ("tags", "Tag with ID 404 does not exist") in failures_of(response)


def test_a_tagged_profile_needs_a_tag(api_client):
    response = send(api_client, "post", "/api/v3/delayprofile", delay_body(tags=[]))

    assert ("tags", "'Tags' must not be empty.") in failures_of(response)


def test_the_default_profile_takes_no_tags(api_client):
    default = api_client.get("/api/v3/delayprofile").json()[0]

    response = send(
        api_client, "put", f"/api/v3/delayprofile/{default['id']}", default | {"tags": [TagFactory().pk]}
    )

    assert failures_of(response)[0][0] == "tags"


def test_the_default_profile_can_change_its_delays(api_client):
    default = api_client.get("/api/v3/delayprofile").json()[0]

    response = send(api_client, "put", f"/api/v3/delayprofile/{default['id']}", default | {"usenetDelay": 30})

    assert response.status_code == 202 and response.json()["order"] == DEFAULT_DELAY_ORDER


def test_delays_may_not_be_negative(api_client):
    response = send(api_client, "post", "/api/v3/delayprofile", delay_body(torrentDelay=-5))

    assert ("torrentDelay", "Must be 0 or more") in failures_of(response)


def test_one_protocol_must_be_enabled(api_client):
    response = send(
        api_client, "post", "/api/v3/delayprofile", delay_body(enableUsenet=False, enableTorrent=False)
    )

    assert ("enableUsenet", "Either Usenet or Torrent should be enabled") in failures_of(response)


def test_the_default_profile_cannot_be_deleted(api_client):
    default = api_client.get("/api/v3/delayprofile").json()[0]

    response = api_client.delete(f"/api/v3/delayprofile/{default['id']}")

    assert response.status_code == 405
    assert response.json()["message"] == "Cannot delete global delay profile"


def test_delete_closes_the_gap_in_the_order(api_client):
    first, second, third = (create_delay(api_client) for _ in range(3))

    response = api_client.delete(f"/api/v3/delayprofile/{first['id']}")

    assert response.status_code == 200
    orders = dict(DelayProfile.objects.values_list("pk", "order"))
    assert (orders[second["id"]], orders[third["id"]]) == (1, 2)


def test_reorder_moves_a_profile_after_another_and_answers_the_new_order(api_client):
    first, second, third = (create_delay(api_client) for _ in range(3))

    response = api_client.put(f"/api/v3/delayprofile/reorder/{first['id']}?after={third['id']}")

    ids = [profile["id"] for profile in response.json()]
    assert ids[:3] == [second["id"], third["id"], first["id"]]
    assert [profile["order"] for profile in response.json()] == [1, 2, 3, DEFAULT_DELAY_ORDER]


def test_reorder_without_after_moves_a_profile_to_the_top(api_client):
    first, second = (create_delay(api_client) for _ in range(2))

    response = api_client.put(f"/api/v3/delayprofile/reorder/{second['id']}")

    assert [profile["id"] for profile in response.json()][:2] == [second["id"], first["id"]]


def test_the_default_profile_stays_last_when_asked_to_move(api_client):
    first = create_delay(api_client)
    default = DelayProfile.objects.get(order=DEFAULT_DELAY_ORDER)

    response = api_client.put(f"/api/v3/delayprofile/reorder/{default.pk}?after={first['id']}")

    assert response.json()[-1]["id"] == default.pk and response.json()[-1]["order"] == DEFAULT_DELAY_ORDER


def test_reorder_of_a_missing_profile_is_a_404(api_client):
    assert api_client.put("/api/v3/delayprofile/reorder/999").status_code == 404


# ---- release profiles


def release_body(**changes: object) -> dict[str, object]:
    return {
        "name": "No x265",
        "enabled": True,
        "required": [],
        "ignored": ["x265", "/\\bHEVC\\b/i"],
    } | changes


def test_release_profile_round_trips_its_terms(api_client):
    tag = TagFactory()

    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(tags=[tag.pk]))

    assert response.status_code == 201
    body = api_client.get(f"/api/v3/releaseprofile/{response.json()['id']}").json()
    assert body["ignored"] == ["x265", "/\\bHEVC\\b/i"] and body["required"] == []
    assert body["tags"] == [tag.pk] and body["indexerId"] == 0 and body["enabled"] is True


@requires_shared
def test_release_profile_uses_only_the_openapi_property_names(api_client):
    created = send(api_client, "post", "/api/v3/releaseprofile", release_body()).json()

    assert set(created) == schema_properties("ReleaseProfileResource")


def test_a_comma_separated_string_of_terms_is_accepted(api_client):
    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(required="1080p, 2160p ,"))

    assert response.json()["required"] == ["1080p", "2160p"]


def test_an_invalid_regex_term_is_refused_with_the_error(api_client):
    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(ignored=["/(unclosed/"]))

    (property_name, message), *_ = failures_of(response)
    assert property_name == "ignored"
    assert message.startswith("Invalid regular expression /(unclosed/: ")


def test_a_regex_with_an_unknown_modifier_is_refused(api_client):
    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(ignored=["/x265/q"]))

    assert "unsupported modifier 'q'" in failures_of(response)[0][1]


def test_a_release_profile_needs_some_term(api_client):
    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(ignored=[], required=[" "]))

    assert ("required", "'Must contain' or 'Must not contain' is required") in failures_of(response)


def test_indexer_id_may_not_be_negative(api_client):
    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(indexerId=-1))

    assert ("indexerId", "Must be 0 or more") in failures_of(response)


def test_release_profile_tags_must_exist(api_client):
    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(tags=[77]))

    assert ("tags", "Tag with ID 77 does not exist") in failures_of(response)


def test_terms_that_are_not_strings_are_refused(api_client):
    response = send(api_client, "post", "/api/v3/releaseprofile", release_body(ignored=[1, 2]))

    assert failures_of(response) == [("ignored", "Must be a list of terms")]


def test_release_profile_update_and_delete(api_client):
    created = send(api_client, "post", "/api/v3/releaseprofile", release_body()).json()

    updated = send(api_client, "put", "/api/v3/releaseprofile", created | {"enabled": False})
    deleted = api_client.delete(f"/api/v3/releaseprofile/{created['id']}")

    assert updated.status_code == 202 and updated.json()["enabled"] is False
    assert deleted.status_code == 200 and not ReleaseProfile.objects.exists()


def test_release_profile_list_costs_the_same_queries_for_many(api_client, django_assert_max_num_queries):
    for n in range(10):
        send(api_client, "post", "/api/v3/releaseprofile", release_body(name=f"P{n}", tags=[TagFactory().pk]))

    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v3/releaseprofile")

    assert len(response.json()) == 10


def test_a_regex_term_compiles_with_its_modifiers_and_a_plain_term_does_not():
    pattern = compile_term("/hevc/i")

    assert pattern is not None and pattern.search("Movie.2020.HEVC") is not None
    assert compile_term("x265") is None
