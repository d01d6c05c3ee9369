"""POST /api/v3/{indexer,downloadclient,notification}/action/{name}: a settings field's remote options."""

import orjson
import pytest

from tests.indexers.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def _newznab(base_url: str) -> dict:
    fields = [{"name": "baseUrl", "value": base_url}, {"name": "apiPath", "value": "/api"},
              {"name": "apiKey", "value": "k" * 32}]  # fmt: skip
    return {
        "name": "Orchard",
        "implementation": "Newznab",
        "configContract": "NewznabSettings",
        "fields": fields,
    }


def _action(api_client, family: str, name: str, body: dict):
    return api_client.post(
        f"/api/v3/{family}/action/{name}", orjson.dumps(body), content_type="application/json"
    )


def test_newznab_categories_come_from_the_indexers_caps(api_client, fake_server):
    fake_server.add("/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})

    response = _action(api_client, "indexer", "newznabCategories", _newznab(fake_server.url))

    assert response.status_code == 200
    assert [(o["value"], o["name"], o.get("parentValue")) for o in response.json()["options"]] == [
        (2000, "Movies", None),
        (2040, "HD", 2000),
        (2045, "UHD", 2000),
    ]


def test_newznab_categories_fall_back_to_the_standard_ones_when_the_caps_do_not_answer(
    api_client, fake_server
):
    fake_server.add("/api", body=b"nope", status=500, query={"t": "caps"})

    response = _action(api_client, "indexer", "newznabCategories", _newznab(fake_server.url))

    values = [option["value"] for option in response.json()["options"]]
    assert response.status_code == 200
    assert values == [2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060]


def test_an_action_a_provider_does_not_know_answers_null(api_client):
    response = _action(api_client, "indexer", "somethingElse", _newznab("http://127.0.0.1:9"))

    assert response.status_code == 200 and response.content == b"null"


def test_an_unfinished_form_is_not_refused(api_client, fake_server):
    body = {**_newznab(""), "name": ""}

    response = _action(api_client, "indexer", "newznabCategories", body)

    assert response.status_code == 200
    assert response.json()["options"][0]["value"] == 2000


@pytest.mark.parametrize("family", ["downloadclient", "notification"])
def test_every_provider_family_answers_actions(api_client, family):
    schema = api_client.get(f"/api/v3/{family}/schema").json()[0]

    response = _action(api_client, family, "anything", schema)

    assert response.status_code == 200 and response.content == b"null"


def test_an_unknown_implementation_is_refused(api_client):
    response = _action(api_client, "indexer", "newznabCategories", {"implementation": "Nothing"})

    assert response.status_code == 400
