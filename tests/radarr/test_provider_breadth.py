"""Issue 23's breadth figure: the indexer and notification schemas list every kind Radarr has, by the
implementation names in Radarr's source (its IIndexer and NotificationBase classes), which Prowlarr,
buildarr and Recyclarr send back."""

import pytest

pytestmark = pytest.mark.django_db

# src/NzbDrone.Core/Indexers/*/ : every HttpIndexerBase subclass
RADARR_INDEXERS = {
    "FileList",
    "HDBits",
    "IPTorrents",
    "Newznab",
    "Nyaa",
    "PassThePopcorn",
    "TorrentPotato",
    "TorrentRssIndexer",
    "Torznab",
}
# src/NzbDrone.Core/Notifications/*/ : every NotificationBase / WebhookBase subclass
RADARR_NOTIFICATIONS = {
    "Apprise",
    "CustomScript",
    "Discord",
    "Email",
    "Gotify",
    "Join",
    "MailGun",
    "MediaBrowser",
    "Notifiarr",
    "Ntfy",
    "PlexServer",
    "Prowl",
    "PushBullet",
    "Pushcut",
    "Pushover",
    "Pushsafer",
    "SendGrid",
    "Signal",
    "Simplepush",
    "Slack",
    "SynologyIndexer",
    "Telegram",
    "Trakt",
    "Twitter",
    "Webhook",
    "Xbmc",
}


@pytest.mark.parametrize(
    ("resource", "expected", "at_least"),
    [("indexer", RADARR_INDEXERS, 8), ("notification", RADARR_NOTIFICATIONS, 26)],
)
def test_schema_lists_every_radarr_kind_by_its_implementation_name(api_client, resource, expected, at_least):
    response = api_client.get(f"/api/v3/{resource}/schema")

    assert response.status_code == 200
    schema = response.json()
    names = [item["implementation"] for item in schema]
    assert len(names) == len(set(names)) >= at_least
    assert expected <= set(names), sorted(expected - set(names))
    for item in schema:
        assert item["configContract"] == f"{item['implementation']}Settings"
        assert item["implementationName"] and item["infoLink"].startswith("https://")
        assert all(field["name"] and field["label"] for field in item["fields"])
