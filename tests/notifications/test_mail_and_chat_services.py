"""Mailgun, SendGrid, Slack, Notifiarr and Twitter/X against loopback receivers: each request as the
service documents it, and each refusal in plain words."""

import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qs, unquote

import pytest

from notifications.implementations import twitter
from notifications.payloads import build_notice
from tests.notifications.helpers import make_notification
from tests.notifications.samples import EVENTS
from tests.notifications.services import services  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _send(row, subscription: str) -> None:
    row.provider().send(build_notice(EVENTS[subscription]))


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# ---- Mailgun


def _mailgun(**settings):
    values = {"apiKey": "key-1", "from": "radarr@mg.example.org", "senderDomain": "mg.example.org"}
    return make_notification(
        "MailGun", **(values | {"recipients": ["a@example.org", "b@example.org"]} | settings)
    )


def test_mailgun_posts_the_messages_form_with_api_basic_auth(services):  # noqa: F811
    services.add("/mailgun/mg.example.org/messages", method="POST", body='{"message": "Queued. Thank you."}')

    _send(_mailgun(), "on_upgrade")

    request = services.requests[-1]
    assert request.headers["Authorization"] == _basic("api", "key-1")
    form = parse_qs(request.body.decode())
    assert form["from"] == ["radarr@mg.example.org"]
    assert form["to"] == ["a@example.org", "b@example.org"]
    assert form["subject"] == ["Movie Upgraded"]
    assert form["text"] == [build_notice(EVENTS["on_upgrade"]).message]


def test_mailgun_eu_endpoint_and_a_refused_key(services):  # noqa: F811
    services.add("/mailgun_eu/mg.example.org/messages", method="POST", status=401, body="Forbidden")

    failures = _mailgun(useEuEndpoint=True).provider().test()

    assert services.requests[-1].path == "/mailgun_eu/mg.example.org/messages"
    assert "Mailgun refused the API key (HTTP 401)" in failures[0].message


# ---- SendGrid


def test_sendgrid_posts_mail_send_json_with_a_bearer_key(services):  # noqa: F811
    services.add("/sendgrid/mail/send", method="POST", status=202)
    row = make_notification(
        "SendGrid", apiKey="SG.x", **{"from": "r@example.org"}, recipients=["a@example.org"]
    )

    _send(row, "on_application_update")

    request = services.requests[-1]
    assert request.headers["Authorization"] == "Bearer SG.x"
    assert json.loads(request.body) == {
        "from": {"email": "r@example.org"},
        "personalizations": [{"to": [{"email": "a@example.org"}], "subject": "Application Updated"}],
        "content": [{"type": "text/plain", "value": "Radarr updated from 5.0 to 5.1"}],
    }


def test_sendgrid_refused_key_and_bad_addresses(services):  # noqa: F811
    services.add("/sendgrid/mail/send", method="POST", status=401, body='{"errors": [{"message": "denied"}]}')
    good = make_notification(
        "SendGrid", apiKey="bad", **{"from": "r@example.org"}, recipients=["a@example.org"]
    )
    bad = make_notification("SendGrid", "SendGrid 2", apiKey="k", **{"from": "nobody"}, recipients=["x"])

    assert "SendGrid refused the API key (HTTP 401)" in good.provider().test()[0].message
    assert {f.property_name for f in bad.provider().validate()} == {"from", "recipients"}


# ---- Slack


def _slack(services, **settings):  # noqa: F811
    values = {"webHookUrl": f"{services.url}/services/T0/B0/XXXX", "username": "Radarr"}
    return make_notification("Slack", **(values | settings))


def test_slack_grab_is_text_and_a_warning_attachment_with_icon_and_channel(services):  # noqa: F811
    services.add("/services/T0/B0/XXXX", method="POST", body="ok", content_type="text/plain")

    _send(_slack(services, icon=":movie_camera:", channel="#movies"), "on_grab")

    body = json.loads(services.requests[-1].body)
    message = build_notice(EVENTS["on_grab"]).message
    assert body == {
        "text": f"Grabbed: {message}",
        "username": "Radarr",
        "icon_emoji": ":movie_camera:",
        "channel": "#movies",
        "attachments": [
            {"title": "The Quiet Orchard", "text": message, "fallback": message, "color": "warning"}
        ],
    }


def test_slack_rename_lists_each_file_and_an_icon_url_is_a_url(services):  # noqa: F811
    services.add("/services/T0/B0/XXXX", method="POST", body="ok", content_type="text/plain")

    _send(_slack(services, icon="https://example.org/radarr.png"), "on_rename")

    body = json.loads(services.requests[-1].body)
    assert body["text"] == "Renamed" and body["icon_url"] == "https://example.org/radarr.png"
    assert body["attachments"] == [
        {
            "title": "The Quiet Orchard",
            "text": "old name.mkv renamed to The Quiet Orchard (2019) Bluray-2160p.mkv",
        }
    ]


def test_slack_health_colour_follows_the_level(services):  # noqa: F811
    services.add("/services/T0/B0/XXXX", method="POST", body="ok", content_type="text/plain")
    _send(_slack(services), "on_health_issue")
    attachment = json.loads(services.requests[-1].body)["attachments"][0]
    assert attachment == {"title": "IndexerStatusCheck", "text": "Indexers unavailable", "color": "warning"}


@pytest.mark.parametrize(
    ("status", "answer", "words"),
    [
        (403, "invalid_token", "Slack refused the webhook URL"),
        (404, "no_service", "Slack has no webhook at this URL"),
        (410, "channel_is_archived", "The Slack channel is archived"),
        (500, "rollup_error", "Slack answered HTTP 500: rollup_error"),
    ],
)
def test_slack_documented_errors_in_words_without_the_webhook_token(services, status, answer, words):  # noqa: F811
    services.add("/services/T0/B0/XXXX", method="POST", status=status, body=answer, content_type="text/plain")

    failures = _slack(services).provider().test()

    assert failures[0].property_name == "webHookUrl" and words in failures[0].message
    assert "XXXX" not in failures[0].message
    assert json.loads(services.requests[-1].body)["text"].startswith("Test message from Radarr posted at ")


# ---- Notifiarr


def test_notifiarr_posts_the_webhook_payload_with_its_key_header(services):  # noqa: F811
    services.add("/notifiarr/api/v1/notification/radarr", method="POST", body='{"result": "success"}')

    _send(make_notification("Notifiarr", aPIKey="nf-key"), "on_grab")

    request = services.requests[-1]
    assert request.headers["X-API-Key"] == "nf-key"
    body = json.loads(request.body)
    assert body == build_notice(EVENTS["on_grab"]).payload
    assert body["eventType"] == "Grab" and body["movie"]["tmdbId"] == 603


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (400, None),  # an event the user's Notifiarr setup does not route: not a failure, as in Radarr
        (401, "Notifiarr refused the API key"),
        (503, "Notifiarr is unavailable"),
        (521, "Cloudflare could not reach Notifiarr"),
        (500, "Notifiarr answered HTTP 500"),
    ],
)
def test_notifiarr_statuses(services, status, words):  # noqa: F811
    services.add("/notifiarr/api/v1/notification/radarr", method="POST", status=status, body="{}")

    failures = make_notification("Notifiarr", aPIKey="k").provider().test()

    if words is None:
        assert failures == []
    else:
        assert failures[0].property_name == "aPIKey" and words in failures[0].message


# ---- Twitter/X


def test_oauth1_signature_matches_the_documented_example(monkeypatch):
    # the worked example of X's "Creating a signature" guide
    monkeypatch.setattr(twitter.secrets, "token_hex", lambda _n: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg")
    monkeypatch.setattr(twitter.time, "time", lambda: 1318622958)

    header = twitter.oauth_header(
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json",
        ("xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"),
        ("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
        params={"include_entities": "true", "status": "Hello Ladies + Gentlemen, a signed OAuth request!"},
    )

    assert 'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"' in header


def _oauth(header: str) -> dict[str, str]:
    assert header.startswith("OAuth ")
    pairs = [part.strip().split("=", 1) for part in header[6:].split(",")]
    return {unquote(key): unquote(value.strip('"')) for key, value in pairs}


def _signature_valid(request, url: str, consumer_secret: str, token_secret: str) -> bool:
    """The receiver's check: recompute HMAC-SHA1 over the request as RFC 5849 says."""
    oauth = _oauth(request.headers["Authorization"])
    signature = oauth.pop("oauth_signature")
    quote = twitter._escape
    params = "&".join(f"{quote(k)}={quote(v)}" for k, v in sorted(oauth.items()))
    base = "&".join([request.method, quote(url), quote(params)])
    key = f"{quote(consumer_secret)}&{quote(token_secret)}"
    return (
        base64.b64encode(hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()).decode() == signature
    )


def _twitter(**settings):
    values = {"consumerKey": "ck", "consumerSecret": "cs", "accessToken": "at", "accessTokenSecret": "as"}
    return make_notification("Twitter", **(values | settings))


def test_twitter_posts_a_signed_v2_tweet_with_the_mention(services):  # noqa: F811
    services.add("/twitter/2/tweets", method="POST", status=201, body='{"data": {"id": "1", "text": "t"}}')

    _send(_twitter(directMessage=False, mention="someone"), "on_movie_added")

    request = services.requests[-1]
    assert json.loads(request.body) == {"text": "[Radarr] Added: The Quiet Orchard @someone"}
    assert _oauth(request.headers["Authorization"])["oauth_token"] == "at"
    assert _signature_valid(request, f"{services.url}/twitter/2/tweets", "cs", "as")


def test_twitter_direct_message_looks_the_user_up_first(services):  # noqa: F811
    services.add(
        "/twitter/2/users/by/username/someone", body='{"data": {"id": "2244994945", "username": "someone"}}'
    )
    services.add("/twitter/2/dm_conversations/with/2244994945/messages", method="POST", status=201, body="{}")

    _send(_twitter(directMessage=True, mention="@someone"), "on_health_issue")

    lookup, message = services.requests
    assert _signature_valid(lookup, f"{services.url}/twitter/2/users/by/username/someone", "cs", "as")
    assert json.loads(message.body) == {"text": "Health Issue: Indexers unavailable"}
    assert _signature_valid(
        message, f"{services.url}/twitter/2/dm_conversations/with/2244994945/messages", "cs", "as"
    )


@pytest.mark.parametrize(
    ("status", "body", "words"),
    [
        (401, '{"title": "Unauthorized"}', "X refused the consumer key or the access token"),
        (
            403,
            '{"detail": "You are not allowed to create a Tweet with duplicate content."}',
            "duplicate content",
        ),
        (429, '{"title": "Too Many Requests"}', "rate limit"),
    ],
)
def test_twitter_errors_in_words(services, status, body, words):  # noqa: F811
    services.add("/twitter/2/tweets", method="POST", status=status, body=body)

    failures = _twitter(directMessage=False).provider().test()

    assert words in failures[0].message


def test_twitter_needs_authorizing_and_a_mention_for_direct_messages(services):  # noqa: F811
    row = make_notification("Twitter", consumerKey="ck", consumerSecret="cs", directMessage=True)

    assert {f.property_name for f in row.provider().validate()} == {"mention", "authorizeNotification"}
    assert services.requests == []


def test_twitter_sign_in_actions_trade_tokens(services):  # noqa: F811
    services.add(
        "/twitter/oauth/request_token",
        method="POST",
        body="oauth_token=req&oauth_token_secret=s&oauth_callback_confirmed=true",
    )
    services.add(
        "/twitter/oauth/access_token", method="POST", body="oauth_token=acc&oauth_token_secret=accs&user_id=1"
    )
    provider = make_notification("Twitter", consumerKey="ck", consumerSecret="cs").provider()

    start = provider.request_action("startoauth", {"callbackUrl": "http://radarr/oauth.html"})
    token = provider.request_action("getoauthtoken", {"oauth_token": "req", "oauth_verifier": "ver"})

    assert start == {"oauthUrl": f"{services.url}/twitter/oauth/authorize?oauth_token=req"}
    assert token == {"accessToken": "acc", "accessTokenSecret": "accs"}
    first, second = services.requests
    assert _oauth(first.headers["Authorization"])["oauth_callback"] == "http://radarr/oauth.html"
    assert _oauth(second.headers["Authorization"])["oauth_verifier"] == "ver"
    assert _signature_valid(second, f"{services.url}/twitter/oauth/access_token", "cs", "")
