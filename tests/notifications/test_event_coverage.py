"""Every event Radarr sends to each of the push, mail, chat and sync kinds reaches its loopback
receiver, and no other: the kinds' supportsOn... flags and what is sent agree with Radarr's."""

import pytest

from notifications.sending import send_event
from tests.notifications.helpers import make_notification
from tests.notifications.samples import EVENTS, EVERY, MESSAGES
from tests.notifications.services import services  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

FILES = frozenset({"on_download", "on_upgrade", "on_movie_file_delete", "on_movie_file_delete_for_upgrade"})
KINDS = {
    # implementation: (settings, routes (method, path, status, body), Radarr's events)
    "Join": ({"apiKey": "k"}, [("GET", "/join/sendPush", 200, '{"success": true}')], MESSAGES),
    "MailGun": (
        {
            "apiKey": "k",
            "from": "radarr@example.org",
            "senderDomain": "mg.example.org",
            "recipients": ["a@b.c"],
        },
        [("POST", "/mailgun/mg.example.org/messages", 200, '{"message": "Queued. Thank you."}')],
        MESSAGES,
    ),
    "Notifiarr": ({"aPIKey": "k"}, [("POST", "/notifiarr/api/v1/notification/radarr", 200, "{}")], EVERY),
    "Prowl": (
        {"apiKey": "k"},
        [("POST", "/prowl/add", 200, '<prowl><success code="200"/></prowl>')],
        MESSAGES,
    ),
    "PushBullet": ({"apiKey": "k"}, [("POST", "/pushbullet/pushes", 200, '{"active": true}')], MESSAGES),
    "Pushcut": (
        {"apiKey": "k", "notificationName": "Radarr"},
        [("POST", "/pushcut/notifications/Radarr", 200, '{"id": "1"}')],
        MESSAGES,
    ),
    "Pushsafer": ({"apiKey": "k"}, [("POST", "/pushsafer/api", 200, '{"status": 1}')], MESSAGES),
    "SendGrid": (
        {"apiKey": "k", "from": "radarr@example.org", "recipients": ["a@b.c"]},
        [("POST", "/sendgrid/mail/send", 202, "")],
        MESSAGES,
    ),
    "Signal": (
        {"host": "127.0.0.1", "senderNumber": "+15550001", "receiverId": "+15550002"},
        [("POST", "/v2/send", 201, '{"timestamp": "1"}')],
        MESSAGES,
    ),
    "Simplepush": ({"key": "k"}, [("POST", "/simplepush/send", 200, '{"status": "OK"}')], MESSAGES),
    "Slack": ({"username": "Radarr"}, [("POST", "/slack/hook", 200, "ok")], EVERY - {"on_movie_added"}),
    "Twitter": (
        {
            "consumerKey": "ck",
            "consumerSecret": "cs",
            "accessToken": "at",
            "accessTokenSecret": "as",
            "directMessage": False,
        },
        [("POST", "/twitter/2/tweets", 201, '{"data": {"id": "1", "text": "x"}}')],
        MESSAGES,
    ),
    "Trakt": (
        {
            "accessToken": "tok",
            "refreshToken": "ref",
            "expires": "2999-01-01T00:00:00+00:00",
            "clientId": "cid",
        },
        [
            ("POST", "/trakt/sync/collection", 201, '{"added": {"movies": 1}}'),
            ("POST", "/trakt/sync/collection/remove", 200, '{"deleted": {"movies": 1}}'),
        ],
        FILES | {"on_movie_delete"},
    ),
}


@pytest.mark.parametrize("implementation", sorted(KINDS))
def test_each_kind_receives_exactly_the_events_radarr_sends_it(services, implementation):  # noqa: F811
    settings, routes, expected = KINDS[implementation]
    for method, path, status, body in routes:
        services.add(path, method=method, status=status, body=body)
    if implementation == "Slack":
        settings = settings | {"webHookUrl": f"{services.url}/slack/hook"}
    if implementation == "Signal":
        settings = settings | {"port": services.port}
    row = make_notification(implementation, **settings)

    received = set()
    for subscription, event in EVENTS.items():
        before = len(services.requests)
        outcomes = send_event(event)
        if len(services.requests) > before:
            received.add(subscription)
            assert all(outcome.sent for outcome in outcomes), (subscription, outcomes)

    assert received == expected
    row.refresh_from_db()
    assert row.escalation_level == 0 and not row.last_error


# the kinds that were there before issue 23, by what Radarr's classes implement
EXISTING = {
    "Apprise": MESSAGES,
    "CustomScript": EVERY,
    "Discord": EVERY,
    "Email": MESSAGES,
    "Gotify": MESSAGES,
    "MediaBrowser": EVERY - {"on_movie_added", "on_manual_interaction_required"},
    "Ntfy": MESSAGES,
    "PlexServer": FILES | {"on_movie_delete", "on_rename"},
    "Pushover": MESSAGES,
    "Telegram": MESSAGES,
    "Webhook": EVERY,
    "Xbmc": EVERY - {"on_movie_added"},
}


@pytest.mark.parametrize("implementation", sorted(KINDS) + sorted(EXISTING))
def test_the_schema_says_which_events_each_kind_supports(api_client, implementation):
    flags = {
        "on_grab": "supportsOnGrab",
        "on_download": "supportsOnDownload",
        "on_upgrade": "supportsOnUpgrade",
        "on_rename": "supportsOnRename",
        "on_movie_added": "supportsOnMovieAdded",
        "on_movie_delete": "supportsOnMovieDelete",
        "on_movie_file_delete": "supportsOnMovieFileDelete",
        "on_movie_file_delete_for_upgrade": "supportsOnMovieFileDeleteForUpgrade",
        "on_health_issue": "supportsOnHealthIssue",
        "on_health_restored": "supportsOnHealthRestored",
        "on_application_update": "supportsOnApplicationUpdate",
        "on_manual_interaction_required": "supportsOnManualInteractionRequired",
    }
    schema = api_client.get("/api/v3/notification/schema").json()
    template = next(item for item in schema if item["implementation"] == implementation)

    supported = {flag for flag, key in flags.items() if template[key]}

    assert supported == (KINDS[implementation][2] if implementation in KINDS else EXISTING[implementation])
