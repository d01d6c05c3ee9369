"""/api/v3/indexer and /config/indexer, with Prowlarr's application sync replayed in order."""

import pytest
from django.conf import settings

from indexers.models import Indexer, IndexerConfig
from tests.indexers.conftest import FIXTURES
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db

PROWLARR_KEY = "p" * 32
CATEGORIES = [2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060, 2070, 2080, 2090]


def _serve_prowlarr(fake_server) -> None:
    fake_server.add("/0/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})
    fake_server.add("/0/api", file=FIXTURES / "newznab_movies.xml", content_type="application/rss+xml")
    fake_server.add("/5/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})
    fake_server.add("/5/api", file=FIXTURES / "newznab_movies.xml", content_type="application/rss+xml")


def _payload(schema: list[dict], name: str, base_url: str) -> dict:
    """What Prowlarr builds from our schema: the Newznab template with its own values filled in."""
    template = next(item for item in schema if item["implementation"] == "Newznab")
    values = {"baseUrl": base_url, "apiPath": "/api", "apiKey": PROWLARR_KEY, "categories": CATEGORIES}
    fields = [{"name": f["name"], "value": values.get(f["name"], f.get("value"))} for f in template["fields"]]
    return {
        "name": name,
        "enableRss": True,
        "enableAutomaticSearch": True,
        "enableInteractiveSearch": True,
        "priority": 25,
        "implementation": "Newznab",
        "configContract": template["configContract"],
        "fields": fields,
        "tags": [],
    }


def _field(resource: dict, name: str):
    return next(f.get("value") for f in resource["fields"] if f["name"] == name)


def test_prowlarr_sync_replayed_in_order(api_client, fake_server):
    _serve_prowlarr(fake_server)
    prowlarr = f"{fake_server.url}"

    status = api_client.get("/api/v3/system/status")
    schema = api_client.get("/api/v3/indexer/schema").json()
    test = api_client.post(
        "/api/v3/indexer/test", _payload(schema, "Test", f"{prowlarr}/0/"), content_type="application/json"
    )
    created = api_client.post(
        "/api/v3/indexer",
        _payload(schema, "Orchard (Prowlarr)", f"{prowlarr}/5/"),
        content_type="application/json",
    )
    listed = api_client.get("/api/v3/indexer").json()
    indexer_id = created.json()["id"]
    one = api_client.get(f"/api/v3/indexer/{indexer_id}").json()
    one["priority"] = 10
    updated = api_client.put(f"/api/v3/indexer/{indexer_id}", one, content_type="application/json")

    assert status.status_code == 200
    assert test.status_code == 200 and test["X-Application-Version"] == settings.RADARR_COMPAT_VERSION
    assert created.status_code == 201 and indexer_id > 0
    assert _field(listed[0], "baseUrl") == f"{prowlarr}/5/"
    assert _field(listed[0], "categories") == CATEGORIES
    assert _field(listed[0], "apiKey") == "********"
    assert updated.status_code == 202 and updated.json()["priority"] == 10
    assert Indexer.objects.get().settings["apiKey"] == PROWLARR_KEY  # the masked key kept the stored one
    caps_requests = [r for r in fake_server.requests if r.query.get("t") == ["caps"]]
    assert caps_requests and caps_requests[0].query["apikey"] == [PROWLARR_KEY]


def test_prowlarr_retries_an_unreachable_indexer_with_force_save(api_client):
    schema = api_client.get("/api/v3/indexer/schema").json()
    payload = _payload(schema, "Down (Prowlarr)", "http://127.0.0.1:9/7/")

    refused = api_client.post("/api/v3/indexer", payload, content_type="application/json")
    forced = api_client.post("/api/v3/indexer?forceSave=true", payload, content_type="application/json")
    deleted = api_client.delete(f"/api/v3/indexer/{forced.json()['id']}")

    assert refused.status_code == 400
    assert "Unable to connect" in refused.json()[0]["errorMessage"]
    assert forced.status_code == 201
    assert deleted.status_code == 200 and not Indexer.objects.exists()


def test_schema_has_a_template_per_implementation_with_radarr_field_names(api_client):
    schema = api_client.get("/api/v3/indexer/schema").json()

    by_name = {item["implementation"]: item for item in schema}
    assert {"Newznab", "Torznab", "HDBits", "TorrentRssIndexer", "IPTorrents", "Nyaa"} <= set(by_name)
    torznab = by_name["Torznab"]
    names = [f["name"] for f in torznab["fields"]]
    for name in (
        "baseUrl",
        "apiPath",
        "apiKey",
        "categories",
        "additionalParameters",
        "multiLanguages",
        "removeYear",
        "minimumSeeders",
        "seedCriteria.seedRatio",
        "seedCriteria.seedTime",
        "rejectBlocklistedTorrentHashesWhileGrabbing",
        "requiredFlags",
        "failDownloads",
    ):
        assert name in names
    assert torznab["protocol"] == "torrent" and torznab["priority"] == 25 and torznab["presets"] == []
    assert torznab["configContract"] == "TorznabSettings"
    assert by_name["TorrentRssIndexer"]["implementationName"] == "Torrent RSS Feed"
    assert by_name["TorrentRssIndexer"]["supportsSearch"] is False


def test_invalid_indexer_is_a_400_in_radarrs_shape(api_client):
    body = {
        "name": "",
        "implementation": "Newznab",
        "priority": 99,
        "fields": [{"name": "baseUrl", "value": "ftp://x"}, {"name": "categories", "value": []}],
    }

    response = api_client.post("/api/v3/indexer?forceSave=true", body, content_type="application/json")

    assert response.status_code == 400
    properties = {failure["propertyName"] for failure in response.json()}
    assert {"name", "priority", "baseUrl", "categories"} <= properties


def test_duplicate_name_and_unknown_implementation_are_rejected(api_client):
    IndexerFactory(name="Taken")

    duplicate = api_client.post(
        "/api/v3/indexer?forceSave=true",
        {
            "name": "taken",
            "implementation": "Newznab",
            "fields": [{"name": "baseUrl", "value": "http://x.test"}],
        },
        content_type="application/json",
    )
    unknown = api_client.post(
        "/api/v3/indexer", {"name": "New", "implementation": "Nope"}, content_type="application/json"
    )

    assert duplicate.status_code == 400 and duplicate.json()[0]["errorMessage"] == "Should be unique"
    assert unknown.status_code == 400


def test_missing_indexer_is_404(api_client):
    assert api_client.get("/api/v3/indexer/999").status_code == 404


def test_indexer_list_costs_the_same_queries_for_many_indexers(api_client, django_assert_max_num_queries):
    IndexerFactory.create_batch(15)

    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v3/indexer")

    assert len(response.json()) == 15


def test_test_all_reports_each_indexer(api_client, fake_server):
    _serve_prowlarr(fake_server)
    good = IndexerFactory(settings={"baseUrl": f"{fake_server.url}/0/", "apiKey": "k", "categories": [2000]})
    bad = IndexerFactory(settings={"baseUrl": "http://127.0.0.1:9", "apiKey": "k", "categories": [2000]})

    results = {r["id"]: r for r in api_client.post("/api/v3/indexer/testall").json()}

    assert results[good.pk]["isValid"] is True
    assert results[bad.pk]["isValid"] is False and results[bad.pk]["validationFailures"]


def test_bulk_edit_changes_only_what_is_given_and_bulk_delete_removes(api_client):
    first, second = IndexerFactory(priority=5), IndexerFactory(priority=6, enable_rss=False)

    edited = api_client.put(
        "/api/v3/indexer/bulk",
        {"ids": [first.pk, second.pk], "enableRss": True},
        content_type="application/json",
    )
    deleted = api_client.delete("/api/v3/indexer/bulk", {"ids": [first.pk]}, content_type="application/json")

    assert edited.status_code == 202
    assert [(r["enableRss"], r["priority"]) for r in edited.json()] == [(True, 5), (True, 6)]
    assert deleted.status_code == 200 and list(Indexer.objects.values_list("pk", flat=True)) == [second.pk]


def test_indexer_options_read_and_save_with_or_without_id(api_client):
    body = api_client.get("/api/v3/config/indexer").json()
    body.update(minimumAge=15, rssSyncInterval=60, availabilityDelay=-2)

    saved = api_client.put("/api/v3/config/indexer", body, content_type="application/json")
    again = api_client.put(
        "/api/v3/config/indexer/1", {**body, "retention": 1500}, content_type="application/json"
    )

    assert saved.status_code == 202 and saved.json()["minimumAge"] == 15
    assert again.status_code == 202
    config = IndexerConfig.load()
    assert (config.rss_sync_interval, config.availability_delay, config.retention) == (60, -2, 1500)
    assert set(body) == {
        "id",
        "minimumAge",
        "maximumSize",
        "retention",
        "rssSyncInterval",
        "preferIndexerFlags",
        "availabilityDelay",
        "allowHardcodedSubs",
        "whitelistedHardcodedSubs",
    }


@pytest.mark.parametrize("interval", [5, 121, -1])
def test_rss_sync_interval_must_be_zero_or_10_to_120(api_client, interval):
    response = api_client.put(
        "/api/v3/config/indexer", {"rssSyncInterval": interval}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "rssSyncInterval"
