"""Settings → Indexers pages: list with status, generated add/edit forms, test, delete, options."""

from datetime import timedelta

import pytest
from django.utils import timezone

from indexers.models import Indexer, IndexerConfig
from tests.indexers.conftest import FIXTURES
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db


def _serve(fake_server) -> None:
    fake_server.add("/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})
    fake_server.add("/api", file=FIXTURES / "newznab_movies.xml", content_type="application/rss+xml")


def _newznab_post(url: str, **extra) -> dict:
    return {
        "name": "My usenet",
        "enable_rss": "on",
        "enable_automatic_search": "on",
        "priority": "20",
        "field-baseUrl": url,
        "field-apiPath": "/api",
        "field-apiKey": "abc123",
        "field-categories": ["2000", "2040"],
        **extra,
    }


def test_list_shows_status_and_last_error(admin_client):
    IndexerFactory(name="Down one", disabled_until=timezone.now() + timedelta(hours=1), last_error="HTTP 503")

    body = admin_client.get("/settings/indexers").content.decode()

    assert "Down one" in body and "Backed off until" in body and "HTTP 503" in body
    assert "Torrent RSS Feed" in body  # the add links, one per implementation


def test_add_form_is_generated_from_the_settings_fields(admin_client):
    body = admin_client.get("/settings/indexers/add/Torznab").content.decode()

    assert 'name="field-baseUrl"' in body and 'name="field-seedCriteria.seedRatio"' in body
    assert '<select name="field-categories" multiple>' in body
    assert 'type="password" name="field-apiKey"' in body


def _field_wrapper(body: str, name: str) -> str:
    start = body.rindex('<div class="provider-field', 0, body.index(f'name="field-{name}"'))
    return body[start : body.index(">", start)]


def test_advanced_fields_hide_behind_the_toggle_unless_they_have_an_error(admin_client):
    body = admin_client.get("/settings/indexers/add/Newznab").content.decode()

    assert "data-advanced-toggle" in body
    assert "advanced" in _field_wrapper(body, "apiPath")  # Radarr's advanced setting
    assert "advanced" not in _field_wrapper(body, "baseUrl")  # an everyday one always shows

    response = admin_client.post("/settings/indexers/add/Newznab", _newznab_post("", **{"field-apiPath": ""}))
    body = response.content.decode()
    assert response.status_code == 400 and "advanced" not in _field_wrapper(body, "apiPath")


def test_saving_a_working_indexer_tests_it_first(admin_client, fake_server):
    _serve(fake_server)

    response = admin_client.post("/settings/indexers/add/Newznab", _newznab_post(fake_server.url))

    assert response.status_code == 302
    indexer = Indexer.objects.get()
    assert indexer.settings["categories"] == [2000, 2040] and indexer.priority == 20
    assert indexer.enable_interactive_search is False


def test_an_unreachable_indexer_shows_the_failure_and_can_be_saved_anyway(admin_client):
    refused = admin_client.post("/settings/indexers/add/Newznab", _newznab_post("http://127.0.0.1:9"))
    forced = admin_client.post(
        "/settings/indexers/add/Newznab", _newznab_post("http://127.0.0.1:9", force="1")
    )

    assert refused.status_code == 400 and "Unable to connect" in refused.content.decode()
    assert "Save anyway" in refused.content.decode()
    assert forced.status_code == 302 and Indexer.objects.count() == 1


def test_test_button_reports_without_saving(admin_client, fake_server):
    _serve(fake_server)

    response = admin_client.post(
        "/settings/indexers/test", _newznab_post(fake_server.url, implementation="Newznab")
    )

    assert response.status_code == 200 and "Test passed" in response.content.decode()
    assert not Indexer.objects.exists()


def test_edit_shows_the_secret_masked_and_keeps_it_when_unchanged(admin_client):
    indexer = IndexerFactory(
        settings={"baseUrl": "http://127.0.0.1:9", "apiKey": "realkey", "categories": [2000]}
    )

    page = admin_client.get(f"/settings/indexers/{indexer.pk}").content.decode()
    post = _newznab_post(
        "http://127.0.0.1:9", **{"field-apiKey": "********", "force": "1", "name": indexer.name}
    )
    admin_client.post(f"/settings/indexers/{indexer.pk}", post)

    assert "realkey" not in page and 'value="********"' in page
    indexer.refresh_from_db()
    assert indexer.settings["apiKey"] == "realkey"


def test_delete_removes_the_indexer(admin_client):
    indexer = IndexerFactory()

    admin_client.post(f"/settings/indexers/{indexer.pk}/delete")

    assert not Indexer.objects.exists()


def test_test_all_reports_each_indexer(admin_client):
    IndexerFactory(name="Nowhere")

    response = admin_client.post("/settings/indexers/testall", follow=True)

    assert "Nowhere: Unable to connect" in response.content.decode()


def test_options_form_validates_the_rss_interval(admin_client):
    post = {
        "minimum_age": "0",
        "retention": "0",
        "maximum_size": "0",
        "rss_sync_interval": "5",
        "availability_delay": "-1",
    }

    bad = admin_client.post("/settings/indexers/options", post)
    good = admin_client.post("/settings/indexers/options", {**post, "rss_sync_interval": "0"})

    assert bad.status_code == 400 and "Must be between 10 and 120 or 0 to disable" in bad.content.decode()
    assert good.status_code == 302
    assert (IndexerConfig.load().rss_sync_interval, IndexerConfig.load().availability_delay) == (0, -1)


def test_pages_need_a_login(client):
    assert client.get("/settings/indexers").status_code == 302


def test_add_form_offers_only_the_switches_the_implementation_supports(admin_client):
    newznab = admin_client.get("/settings/indexers/add/Newznab").content.decode()
    rss_only = admin_client.get("/settings/indexers/add/TorrentRssIndexer").content.decode()

    assert 'name="enable_rss"' in newznab and 'name="enable_interactive_search"' in newznab
    assert 'name="enable_rss"' in rss_only and 'name="enable_interactive_search"' not in rss_only
