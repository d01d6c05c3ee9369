"""The rules every provider family now shares through radarr.providerfamily, checked on the three real
families through the v3 API (the copies each family had disagreed on every one of them)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from downloads.models import DownloadClient
from indexers.models import Indexer
from notifications.models import Notification
from tests.indexers.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def _indexer(fake_server, tmp_path):
    fake_server.add("/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})
    fake_server.add("/api", file=FIXTURES / "newznab_movies.xml", content_type="application/rss+xml")
    fields = [{"name": "baseUrl", "value": fake_server.url}, {"name": "apiKey", "value": "key"}]
    return Indexer, "indexer", {"name": "Usenet", "implementation": "Newznab", "fields": fields}


def _download_client(fake_server, tmp_path):
    fields = [
        {"name": "torrentFolder", "value": str(tmp_path)},
        {"name": "watchFolder", "value": str(tmp_path)},
    ]
    return (
        DownloadClient,
        "downloadclient",
        {"name": "Hole", "implementation": "TorrentBlackhole", "fields": fields},
    )


def _notification(fake_server, tmp_path):
    fake_server.add("/hook", method="POST")
    fields = [{"name": "url", "value": f"{fake_server.url}/hook"}]
    return (
        Notification,
        "notification",
        {"name": "Hook", "implementation": "Webhook", "onGrab": True, "fields": fields},
    )


@pytest.fixture(
    params=[_indexer, _download_client, _notification], ids=["indexer", "downloadclient", "notification"]
)
def working(request, fake_server, tmp_path):
    """(model, route, body) of a provider whose test passes against a local fake or a real folder."""
    return request.param(fake_server, tmp_path)


def _create(api_client, route, body) -> int:
    response = api_client.post(f"/api/v3/{route}?forceSave=true", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def _back_off(model, pk) -> None:
    model.objects.filter(pk=pk).update(
        escalation_level=3, last_error="HTTP 503", disabled_until=timezone.now() + timedelta(hours=1)
    )


def test_a_saved_provider_that_passes_its_test_leaves_its_back_off(api_client, working):
    model, route, body = working
    pk = _create(api_client, route, body)
    _back_off(model, pk)

    response = api_client.post(f"/api/v3/{route}/test", {**body, "id": pk}, content_type="application/json")

    assert response.status_code == 200
    row = model.objects.get(pk=pk)
    assert (row.escalation_level, row.last_error, row.disabled_until) == (0, "", None)


def test_a_save_with_new_settings_clears_the_back_off_and_one_without_keeps_it(api_client, working):
    model, route, body = working
    pk = _create(api_client, route, body)
    _back_off(model, pk)
    unchanged = api_client.put(f"/api/v3/{route}/{pk}?forceSave=true", body, content_type="application/json")
    kept = model.objects.get(pk=pk).escalation_level
    fields = [{**body["fields"][0], "value": f"{body['fields'][0]['value']}/other"}, *body["fields"][1:]]

    changed = api_client.put(
        f"/api/v3/{route}/{pk}?forceSave=true", {**body, "fields": fields}, content_type="application/json"
    )

    assert (unchanged.status_code, changed.status_code) == (202, 202)
    assert kept == 3
    assert model.objects.get(pk=pk).escalation_level == 0


def test_a_put_that_leaves_out_the_name_keeps_the_stored_one(api_client, working):
    model, route, body = working
    pk = _create(api_client, route, body)
    without_name = {key: value for key, value in body.items() if key != "name"}

    response = api_client.put(
        f"/api/v3/{route}/{pk}?forceSave=true", without_name, content_type="application/json"
    )

    assert response.status_code == 202
    assert model.objects.get(pk=pk).name == body["name"]


def test_unknown_tags_are_refused_and_nothing_is_saved(api_client, working):
    model, route, body = working

    response = api_client.post(
        f"/api/v3/{route}?forceSave=true", {**body, "tags": [999]}, content_type="application/json"
    )

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == ["tags"]
    assert not model.objects.exists()


def test_a_provider_test_does_not_ask_for_a_name_of_its_own(api_client, working):
    model, route, body = working
    _create(api_client, route, body)

    taken = api_client.post(f"/api/v3/{route}/test", body, content_type="application/json")
    empty = api_client.post(f"/api/v3/{route}/test", {**body, "name": ""}, content_type="application/json")

    assert (taken.status_code, empty.status_code) == (200, 200)
