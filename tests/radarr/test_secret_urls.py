"""URLs that carry secrets (webhooks, Apprise URLs, user:password@, ?passkey=) read back as ********
in the API and on pages like passwords, a masked value sent back keeps the stored one, and error
texts never show them."""

import pytest
from django.urls import reverse

from indexers.models import Indexer
from notifications.implementations import IMPLEMENTATIONS
from radarr.api.secrets import MASK, carries_credentials
from tests.indexers.factories import IndexerFactory
from tests.notifications.helpers import make_notification

pytestmark = pytest.mark.django_db

DISCORD = "https://discord.com/api/webhooks/1234/discord-token-abc"
FEED = "https://tracker.example/rss?cat=5&passkey=feed-passkey-abc"


@pytest.mark.parametrize(
    ("value", "secret"),
    [
        ("http://bob:hunter2@nas.lan:8080/", True),
        ("https://tracker.example/rss?passkey=abc", True),
        ("https://indexer.example/api?t=search&apikey=abc", True),
        ("https://iptorrents.com/t.rss?u=1234;tp=abc;download", True),  # IPTorrents' feed URL
        ("https://example.org/feed?X-Api-Key=abc", True),
        ("https://example.org/feed?access_token=abc", True),
        ("ntfys://user:pass@ntfy.example/topic tgram://bottoken/chat", True),  # several, Apprise style
        ("http://bob@nas.lan:8080/", False),  # a user name alone
        ("https://tracker.example/rss?cat=5&keywords=remux", False),
        ("http://localhost:9696/1/", False),
        ("localhost", False),
        ("http://[broken", False),
        (42, False),
    ],
)
def test_a_url_carries_credentials_when_it_holds_a_password_or_a_secret_parameter(value, secret):
    assert carries_credentials(value) is secret


def field(resource: dict, name: str) -> object:
    return next(item["value"] for item in resource["fields"] if item["name"] == name)


@pytest.mark.parametrize(
    ("implementation", "name", "value", "others"),
    [
        ("Discord", "webHookUrl", DISCORD, {}),
        ("Webhook", "url", "https://hooks.slack.com/services/T000/B000/slack-token-abc", {}),
        ("Apprise", "statelessUrls", "discord://1234/discord-token-abc", {}),
        ("Apprise", "serverUrl", "http://bob:apprise-pass@apprise.lan:8000", {}),
        ("Ntfy", "serverUrl", "https://ntfy.example/?auth=ntfy-token-abc", {"topics": ["radarr"]}),
    ],
)
def test_notification_urls_with_secrets_are_masked_and_kept_when_sent_back(
    api_client, implementation, name, value, others
):
    row = make_notification(implementation, **{name: value}, **others)

    body = api_client.get(f"/api/v3/notification/{row.pk}").json()
    saved = api_client.put(
        f"/api/v3/notification/{row.pk}?forceSave=true", body, content_type="application/json"
    )

    assert field(body, name) == MASK
    assert saved.status_code == 202 and field(saved.json(), name) == MASK
    row.refresh_from_db()
    assert row.settings[name] == value


def test_a_new_webhook_url_replaces_the_stored_one(api_client):
    row = make_notification("Discord", webHookUrl=DISCORD)
    body = api_client.get(f"/api/v3/notification/{row.pk}").json()
    for item in body["fields"]:
        if item["name"] == "webHookUrl":
            item["value"] = "https://discord.com/api/webhooks/99/new-token"

    api_client.put(f"/api/v3/notification/{row.pk}?forceSave=true", body, content_type="application/json")

    row.refresh_from_db()
    assert row.settings["webHookUrl"] == "https://discord.com/api/webhooks/99/new-token"


def test_the_notification_page_masks_the_webhook_and_keeps_it_on_save(admin_client):
    row = make_notification("Discord", name="Discord", webHookUrl=DISCORD)
    url = reverse("notifications:edit", args=[row.pk])

    page = admin_client.get(url).content.decode()
    saved = admin_client.post(
        url,
        {
            "implementation": "Discord",
            "name": "Discord",
            "on_grab": "on",
            "field-webHookUrl": MASK,
            "force": "on",
        },
    )

    assert "discord-token-abc" not in page and f'value="{MASK}"' in page
    assert saved.status_code == 302
    row.refresh_from_db()
    assert row.settings["webHookUrl"] == DISCORD


def test_a_feed_url_with_a_passkey_is_masked_in_the_indexer_api_and_kept(api_client):
    indexer = IndexerFactory(implementation="TorrentRssIndexer", settings={"baseUrl": FEED})

    body = api_client.get(f"/api/v3/indexer/{indexer.pk}").json()
    saved = api_client.put(
        f"/api/v3/indexer/{indexer.pk}?forceSave=true", body, content_type="application/json"
    )

    assert field(body, "baseUrl") == MASK
    assert saved.status_code == 202
    assert Indexer.objects.get().settings["baseUrl"] == FEED


def test_a_feed_url_with_a_passkey_is_masked_on_the_indexer_page_and_kept(admin_client):
    indexer = IndexerFactory(implementation="TorrentRssIndexer", settings={"baseUrl": FEED})
    post = {"name": indexer.name, "enable_rss": "on", "priority": "25", "force": "1", "field-baseUrl": MASK}

    page = admin_client.get(f"/settings/indexers/{indexer.pk}").content.decode()
    admin_client.post(f"/settings/indexers/{indexer.pk}", post)

    assert "feed-passkey-abc" not in page and f'value="{MASK}"' in page
    assert Indexer.objects.get().settings["baseUrl"] == FEED


def test_a_failing_webhook_never_shows_its_token_in_the_error(settings):
    """requests names the path in its connection errors; the Discord token is in that path."""
    row = make_notification("Discord", webHookUrl="http://127.0.0.1:9/api/webhooks/1234/discord-token-abc")

    failures = IMPLEMENTATIONS["Discord"](row).test()

    assert failures and "Unable to" in failures[0].message
    assert "discord-token-abc" not in failures[0].message


def test_a_password_in_a_server_url_never_shows_in_the_error():
    row = make_notification("Ntfy", serverUrl="http://bob:ntfy-pass@127.0.0.1:9", topics=["radarr"])

    failures = IMPLEMENTATIONS["Ntfy"](row).test()

    assert failures and "ntfy-pass" not in failures[0].message
