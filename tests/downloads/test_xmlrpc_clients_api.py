"""rTorrent, Aria2 and Flood through the v3 API and the settings page: Radarr's implementation names and
field names (so Prowlarr and buildarr round-trip them), secrets masked, the test run on save."""

from collections.abc import Iterator

import pytest

from tests.downloads import daemons, services

pytestmark = pytest.mark.django_db

RADARR_FIELDS = {
    "RTorrent": [
        "host", "port", "useSsl", "urlBase", "username", "password", "movieCategory", "movieImportedCategory",
        "movieDirectory", "recentMoviePriority", "olderMoviePriority", "addStopped",
    ],
    "Aria2": ["host", "port", "rpcPath", "useSsl", "secretToken", "directory"],
    "Flood": [
        "host", "port", "useSsl", "urlBase", "username", "password", "destination", "tags", "postImportTags",
        "additionalTags", "addPaused",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def aria2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Service]:
    yield from services.running(daemons.start_aria2, tmp_path_factory.mktemp("aria2-api"))


def test_the_schema_has_each_kind_with_radarr_names_and_defaults(api_client):
    schema = {item["implementation"]: item for item in api_client.get("/api/v3/downloadclient/schema").json()}

    for implementation, names in RADARR_FIELDS.items():
        resource = schema[implementation]
        assert resource["protocol"] == "torrent"
        assert resource["configContract"] == f"{implementation}Settings"
        assert [field["name"] for field in resource["fields"]] == names
    rtorrent = {field["name"]: field for field in schema["RTorrent"]["fields"]}
    assert (rtorrent["port"]["value"], rtorrent["urlBase"]["value"]) == (8080, "RPC2")
    assert rtorrent["movieCategory"]["value"] == "radarr"
    assert rtorrent["olderMoviePriority"]["value"] == 2
    assert [option["value"] for option in rtorrent["olderMoviePriority"]["selectOptions"]] == [0, 1, 2, 3]
    aria2 = {field["name"]: field for field in schema["Aria2"]["fields"]}
    assert (aria2["port"]["value"], aria2["rpcPath"]["value"]) == (6800, "/rpc")
    assert aria2["secretToken"]["privacy"] == "password"
    flood = {field["name"]: field for field in schema["Flood"]["fields"]}
    assert (flood["port"]["value"], flood["tags"]["value"]) == (3000, ["radarr"])
    assert flood["tags"]["type"] == "tag"
    assert len(flood["additionalTags"]["selectOptions"]) == 7


def aria2_body(service: services.Service, token: str) -> dict:
    return {
        "name": "aria2",
        "implementation": "Aria2",
        "configContract": "Aria2Settings",
        "enable": True,
        "priority": 1,
        "fields": [
            {"name": "host", "value": "127.0.0.1"},
            {"name": "port", "value": service.port},
            {"name": "secretToken", "value": token},
        ],
        "tags": [],
    }


def test_saving_runs_the_test_against_the_real_aria2_and_masks_the_token(api_client, aria2):
    refused = api_client.post(
        "/api/v3/downloadclient", aria2_body(aria2, "wrong"), content_type="application/json"
    )
    assert refused.status_code == 400
    assert [(error["propertyName"], error["errorMessage"]) for error in refused.json()] == [
        ("secretToken", "Authentication failed: check the secret token")
    ]

    created = api_client.post(
        "/api/v3/downloadclient", aria2_body(aria2, daemons.SECRET), content_type="application/json"
    )
    assert created.status_code == 201
    fields = {field["name"]: field["value"] for field in created.json()["fields"]}
    assert fields["secretToken"] == "********"
    listed = api_client.get("/api/v3/downloadclient").json()
    assert daemons.SECRET not in str(listed)


@pytest.mark.parametrize("implementation", sorted(RADARR_FIELDS))
def test_the_settings_page_shows_each_kind_with_its_fields(admin_client, implementation):
    body = admin_client.get(f"/settings/downloadclients/new?implementation={implementation}").content.decode()

    for name in RADARR_FIELDS[implementation]:
        assert f'name="field-{name}"' in body
