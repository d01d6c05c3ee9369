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


# the v3 field names of the kinds issue 23 added, in Radarr's order (its *Settings.cs properties,
# camel-cased as its SchemaBuilder does: only the first letter lowered, so APIKey is aPIKey)
TORRENT_TAIL = [
    "minimumSeeders",
    "seedCriteria.seedRatio",
    "seedCriteria.seedTime",
    "rejectBlocklistedTorrentHashesWhileGrabbing",
    "multiLanguages",
    "failDownloads",
    "requiredFlags",
]
FIELDS = {
    ("indexer", "FileList"): ["username", "passkey", "baseUrl", "categories", *TORRENT_TAIL],
    ("indexer", "PassThePopcorn"): ["baseUrl", "aPIUser", "aPIKey", *TORRENT_TAIL],
    ("indexer", "TorrentPotato"): ["baseUrl", "user", "passkey", *TORRENT_TAIL],
    ("indexer", "HDBits"): [
        "baseUrl",
        "username",
        "apiKey",
        "categories",
        "codecs",
        "mediums",
        *TORRENT_TAIL,
    ],
    ("notification", "Join"): ["apiKey", "deviceIds", "deviceNames", "priority"],
    ("notification", "MailGun"): ["apiKey", "useEuEndpoint", "from", "senderDomain", "recipients"],
    ("notification", "Notifiarr"): ["aPIKey"],
    ("notification", "Prowl"): ["apiKey", "priority"],
    ("notification", "PushBullet"): ["apiKey", "deviceIds", "channelTags", "senderId"],
    ("notification", "Pushcut"): [
        "notificationName",
        "apiKey",
        "timeSensitive",
        "includePoster",
        "metadataLinks",
    ],
    ("notification", "Pushsafer"): [
        *("apiKey", "deviceIds", "priority", "retry", "expire", "sound", "vibration", "icon", "iconColor"),
    ],
    ("notification", "SendGrid"): ["apiKey", "from", "recipients"],
    ("notification", "Signal"): [
        *("host", "port", "useSsl", "senderNumber", "receiverId", "authUsername", "authPassword"),
    ],
    ("notification", "Simplepush"): ["key", "event"],
    ("notification", "Slack"): ["webHookUrl", "username", "icon", "channel"],
    ("notification", "SynologyIndexer"): ["updateLibrary"],
    # ours adds the Trakt app's id and secret that the device flow needs (radarr/trakt.py)
    ("notification", "Trakt"): [
        "accessToken",
        "refreshToken",
        "expires",
        "authUser",
        "signIn",
        "clientId",
        "clientSecret",
    ],
    ("notification", "Twitter"): [
        *("consumerKey", "consumerSecret", "accessToken", "accessTokenSecret", "mention", "directMessage"),
        "authorizeNotification",
    ],
}


@pytest.mark.parametrize(("resource", "implementation"), sorted(FIELDS))
def test_new_kinds_carry_radarrs_field_names_in_order(api_client, resource, implementation):
    schema = api_client.get(f"/api/v3/{resource}/schema").json()
    template = next(item for item in schema if item["implementation"] == implementation)

    assert [field["name"] for field in template["fields"]] == FIELDS[resource, implementation]
