"""v3 /notification: CRUD (a create tests first unless forceSave), schema, test, testall, bulk."""

import json

import pytest

from notifications.models import Notification
from radarr.models import Tag
from tests.notifications.helpers import make_notification

pytestmark = pytest.mark.django_db


def webhook_body(url: str, **overrides):
    body = {
        "name": "Hook",
        "implementation": "Webhook",
        "configContract": "WebhookSettings",
        "onGrab": True,
        "onDownload": True,
        "onUpgrade": False,
        "onHealthIssue": True,
        "includeHealthWarnings": False,
        "fields": [
            {"name": "url", "value": url},
            {"name": "method", "value": 1},
            {"name": "username", "value": "me"},
            {"name": "password", "value": "hunter2"},
        ],
        "tags": [],
    }
    return {**body, **overrides}


def test_schema_lists_every_implementation_with_support_flags_and_fields(api_client):
    schema = api_client.get("/api/v3/notification/schema").json()
    by_name = {item["implementation"]: item for item in schema}
    assert set(by_name) >= {
        "Webhook", "Discord", "Apprise", "Email", "Telegram", "Ntfy", "Gotify", "Pushover", "CustomScript",
        "PlexServer", "MediaBrowser", "Xbmc",
    }  # fmt: skip
    webhook = by_name["Webhook"]
    assert webhook["configContract"] == "WebhookSettings"
    assert [field["name"] for field in webhook["fields"]] == [
        "url",
        "method",
        "username",
        "password",
        "headers",
    ]
    assert webhook["supportsOnGrab"] is True and webhook["onGrab"] is False
    plex = by_name["PlexServer"]
    assert plex["supportsOnGrab"] is False and plex["supportsOnDownload"] is True
    assert plex["supportsOnHealthIssue"] is False


def test_create_tests_the_notification_and_answers_201_with_secrets_masked(api_client, fake_server):
    fake_server.add("/hook", method="POST")
    response = api_client.post(
        "/api/v3/notification", webhook_body(f"{fake_server.url}/hook"), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["onGrab"] is True and body["onUpgrade"] is False
    fields = {field["name"]: field["value"] for field in body["fields"]}
    assert fields["password"] == "********"
    assert json.loads(fake_server.requests[-1].body)["eventType"] == "Test"
    assert Notification.objects.get().settings["password"] == "hunter2"


def test_a_failing_test_refuses_the_create_unless_force_save(api_client):
    body = webhook_body("http://127.0.0.1:9/hook")
    refused = api_client.post("/api/v3/notification", body, content_type="application/json")
    forced = api_client.post("/api/v3/notification?forceSave=true", body, content_type="application/json")
    assert refused.status_code == 400
    assert "Unable to send test message" in refused.json()[0]["errorMessage"]
    assert forced.status_code == 201


def test_update_keeps_a_masked_secret_and_switches_off_unsupported_triggers(api_client):
    row = make_notification("PlexServer", host="127.0.0.1", port=9, authToken="plex-secret")
    body = api_client.get(f"/api/v3/notification/{row.pk}").json()
    body["name"] = "Plex"
    body["onGrab"] = True  # Plex does not support grabs
    response = api_client.put(
        f"/api/v3/notification/{row.pk}?forceSave=true", body, content_type="application/json"
    )
    assert response.status_code == 202
    assert response.json()["onGrab"] is False
    row.refresh_from_db()
    assert row.name == "Plex" and row.settings["authToken"] == "plex-secret"


def test_put_on_the_collection_takes_the_id_from_the_body(api_client):
    row = make_notification("Webhook", url="http://127.0.0.1:9/")
    body = api_client.get(f"/api/v3/notification/{row.pk}").json()
    body["onGrab"] = False
    response = api_client.put("/api/v3/notification?forceSave=true", body, content_type="application/json")
    assert response.status_code == 202
    row.refresh_from_db()
    assert row.on_grab is False


def test_names_must_be_unique_and_present(api_client):
    make_notification("Webhook", name="Hook", url="http://127.0.0.1:9/")
    taken = api_client.post(
        "/api/v3/notification?forceSave=true", webhook_body("http://x"), content_type="application/json"
    )
    empty = api_client.post(
        "/api/v3/notification?forceSave=true",
        webhook_body("http://x", name=""),
        content_type="application/json",
    )
    assert taken.status_code == 400 and taken.json()[0]["propertyName"] == "name"
    assert empty.status_code == 400


def test_delete_answers_200_and_a_missing_one_404(api_client):
    row = make_notification("Webhook", url="http://127.0.0.1:9/")
    assert api_client.delete(f"/api/v3/notification/{row.pk}").status_code == 200
    assert api_client.get(f"/api/v3/notification/{row.pk}").status_code == 404


def test_test_endpoint_uses_the_stored_secret_when_sent_masked(api_client, fake_server):
    fake_server.add("/hook", method="POST")
    row = make_notification("Webhook", url=f"{fake_server.url}/hook", username="me", password="stored")
    body = api_client.get(f"/api/v3/notification/{row.pk}").json()
    assert (
        api_client.post("/api/v3/notification/test", body, content_type="application/json").status_code == 200
    )
    assert fake_server.requests[-1].headers["Authorization"] == "Basic bWU6c3RvcmVk"


def test_testall_reports_each_notification(api_client, fake_server):
    fake_server.add("/hook", method="POST")
    good = make_notification("Webhook", name="good", url=f"{fake_server.url}/hook")
    bad = make_notification("Webhook", name="bad", url="http://127.0.0.1:9/hook")
    results = {item["id"]: item for item in api_client.post("/api/v3/notification/testall").json()}
    assert results[good.pk]["isValid"] is True
    assert results[bad.pk]["isValid"] is False
    assert results[bad.pk]["validationFailures"][0]["errorMessage"].startswith("Unable to send test message")


def test_bulk_sets_tags_and_deletes(api_client):
    first = make_notification("Webhook", name="a", url="http://x")
    second = make_notification("Webhook", name="b", url="http://x")
    tag = Tag.objects.create(label="kids")
    body = {"ids": [first.pk, second.pk], "tags": [tag.pk], "applyTags": "add"}
    edited = api_client.put("/api/v3/notification/bulk", body, content_type="application/json")
    assert edited.status_code == 202
    assert [item["tags"] for item in edited.json()] == [[tag.pk], [tag.pk]]
    deleted = api_client.delete(
        "/api/v3/notification/bulk", {"ids": [first.pk]}, content_type="application/json"
    )
    assert deleted.status_code == 200
    assert list(Notification.objects.values_list("name", flat=True)) == ["b"]


def test_list_costs_the_same_queries_for_many_notifications(api_client, django_assert_max_num_queries):
    tag = Tag.objects.create(label="t")
    for number in range(5):
        make_notification("Webhook", name=f"n{number}", url="http://x").tags.add(tag)
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v3/notification")
    assert len(response.json()) == 5
    assert response.json()[0]["tags"] == [tag.pk]
