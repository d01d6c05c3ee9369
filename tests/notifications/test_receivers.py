"""Each implementation sends to a real local receiver: method, path, headers and body are checked."""

import base64
import json
import os
import stat
from pathlib import Path

import pytest

from imports.events import download_event
from notifications import events as ev
from notifications.models import Notification
from notifications.payloads import build_notice, notice_for_test
from tests.movies.factories import MovieFactory, MovieFileFactory
from tests.notifications.helpers import A_FILE, A_MOVIE, A_RELEASE, grab_of, make_notification

pytestmark = pytest.mark.django_db


def _grab_notice():
    movie = MovieFactory(title="Greenland", year=2020, path="/movies/Greenland (2020)")
    return build_notice(grab_of(movie))


def _import_notice():
    movie = MovieFactory(title="Greenland", year=2020, path="/movies/Greenland (2020)")
    row = MovieFileFactory(movie=movie)
    return build_notice(download_event(row))


def _send(row: Notification, notice) -> None:
    row.provider().send(notice)


def test_webhook_posts_the_json_payload_with_basic_auth_and_extra_headers(fake_server):
    fake_server.add("/hook", method="POST")
    row = make_notification(
        "Webhook",
        url=f"{fake_server.url}/hook",
        username="user",
        password="secret",
        headers=[{"key": "X-Extra", "value": "yes"}],
    )
    _send(row, _grab_notice())
    request = fake_server.requests[-1]
    assert (request.method, request.path) == ("POST", "/hook")
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Extra"] == "yes"
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"user:secret").decode()
    body = json.loads(request.body)
    assert body["eventType"] == "Grab"
    assert body["movie"]["title"] == "Greenland"


def test_webhook_can_put_instead_of_post(fake_server):
    fake_server.add("/hook", method="PUT")
    row = make_notification("Webhook", url=f"{fake_server.url}/hook", method=2)
    _send(row, notice_for_test())
    assert fake_server.requests[-1].method == "PUT"
    assert json.loads(fake_server.requests[-1].body)["eventType"] == "Test"


def test_a_receiver_error_becomes_a_provider_error_with_the_status(fake_server):
    from radarr.providers import ProviderError

    fake_server.add("/hook", method="POST", status=500, body="boom")
    row = make_notification("Webhook", url=f"{fake_server.url}/hook")
    with pytest.raises(ProviderError, match="HTTP 500"):
        _send(row, notice_for_test())


def test_discord_sends_an_embed_with_poster_and_the_chosen_fields(fake_server):
    fake_server.add("/api/webhooks/1/abc", method="POST", status=204)
    row = make_notification("Discord", webHookUrl=f"{fake_server.url}/api/webhooks/1/abc", username="Radarr")
    _send(row, _grab_notice())
    body = json.loads(fake_server.requests[-1].body)
    embed = body["embeds"][0]
    assert body["username"] == "Radarr"
    assert embed["title"] == "Greenland (2020)"
    assert embed["thumbnail"]["url"].startswith("http")
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Quality"] == "Bluray-1080p"
    assert fields["Group"] == "GROUP"
    assert fields["Size"] == "117.7 MiB"


def test_discord_leaves_out_fields_not_chosen(fake_server):
    fake_server.add("/hook", method="POST", status=204)
    row = make_notification("Discord", webHookUrl=f"{fake_server.url}/hook", grabFields=[3])
    _send(row, _grab_notice())
    embed = json.loads(fake_server.requests[-1].body)["embeds"][0]
    assert [field["name"] for field in embed["fields"]] == ["Quality"]
    assert "thumbnail" not in embed


def test_ntfy_publishes_to_each_topic_with_the_access_token(fake_server):
    fake_server.add("/", method="POST")
    row = make_notification(
        "Ntfy", serverUrl=fake_server.url, topics=["movies", "all"], accessToken="tk", priority=4
    )
    _send(row, _import_notice())
    bodies = [json.loads(request.body) for request in fake_server.requests]
    assert [body["topic"] for body in bodies] == ["movies", "all"]
    assert bodies[0]["title"] == "Movie Downloaded"
    assert bodies[0]["priority"] == 4
    assert fake_server.requests[0].headers["Authorization"] == "Bearer tk"


def test_gotify_posts_a_message_with_the_app_token(fake_server):
    fake_server.add("/message", method="POST")
    row = make_notification("Gotify", server=fake_server.url, appToken="apptoken", priority=8)
    _send(row, _grab_notice())
    request = fake_server.requests[-1]
    assert request.headers["X-Gotify-Key"] == "apptoken"
    body = json.loads(request.body)
    assert body["title"] == "Movie Grabbed"
    assert body["priority"] == 8


def test_telegram_calls_send_message_of_the_bot(fake_server):
    fake_server.add("/bot123:abc/sendMessage", method="POST", body='{"ok": true}')
    row = make_notification(
        "Telegram", botToken="123:abc", chatId="-100", apiUrl=fake_server.url, sendSilently=True
    )
    _send(row, _grab_notice())
    body = json.loads(fake_server.requests[-1].body)
    assert body["chat_id"] == "-100"
    assert body["disable_notification"] is True
    assert body["text"].startswith("<b>Movie Grabbed</b>")


def test_pushover_posts_the_form_with_keys_and_devices(fake_server):
    fake_server.add("/1/messages.json", method="POST", body='{"status": 1}')
    row = make_notification(
        "Pushover",
        apiKey="app",
        userKey="user",
        devices=["phone"],
        apiUrl=f"{fake_server.url}/1/messages.json",
    )
    _send(row, _grab_notice())
    form = fake_server.requests[-1].body.decode()
    assert "token=app" in form and "user=user" in form and "device=phone" in form


def test_apprise_reaches_a_json_url_through_the_apprise_library(fake_server):
    fake_server.add("/notify", method="POST")
    host = fake_server.url.removeprefix("http://")
    row = make_notification("Apprise", statelessUrls=f"json://{host}/notify")
    _send(row, _grab_notice())
    request = fake_server.requests[-1]
    assert (request.method, request.path) == ("POST", "/notify")
    body = json.loads(request.body)
    assert body["title"] == "Movie Grabbed"
    assert "Movie.2010.1080p.BluRay.x264-GROUP" in body["message"]


def test_apprise_talks_to_an_apprise_api_server_with_a_configuration_key(fake_server):
    fake_server.add("/notify/mykey", method="POST")
    row = make_notification("Apprise", serverUrl=fake_server.url, configurationKey="mykey", tags=["tv"])
    _send(row, _grab_notice())
    body = json.loads(fake_server.requests[-1].body)
    assert body["tag"] == "tv"
    assert body["title"] == "Movie Grabbed"


def test_email_is_delivered_to_an_smtp_server(smtp_sink):
    row = make_notification(
        "Email",
        server="127.0.0.1",
        port=smtp_sink.port,
        useEncryption=2,
        username="me",
        password="pw",
        **{"from": "radarr@example.org"},
        to=["you@example.org"],
        bcc=["hidden@example.org"],
    )
    _send(row, _grab_notice())
    message = smtp_sink.messages[-1]
    assert message["from"] == "radarr@example.org"
    assert message["to"] == ["you@example.org", "hidden@example.org"]
    assert b"Subject: Radarr - Movie Grabbed" in message["data"]
    assert b"hidden@example.org" not in message["data"]
    assert message["auth"].startswith("AUTH")


def test_email_that_must_be_encrypted_fails_when_the_server_offers_no_starttls(smtp_sink):
    from radarr.providers import ProviderError

    row = make_notification(
        "Email", server="127.0.0.1", port=smtp_sink.port, useEncryption=1, to=["a@b.c"], **{"from": "r@b.c"}
    )
    with pytest.raises(ProviderError, match="STARTTLS"):
        _send(row, notice_for_test())
    assert smtp_sink.messages == []


@pytest.mark.sqlite_pass  # runs a program of its own
def test_a_custom_script_receives_radarrs_environment_variables(tmp_path: Path):
    out = tmp_path / "env.json"
    script = tmp_path / "notify.sh"
    script.write_text(f"#!/bin/sh\nenv > {out}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    row = make_notification("CustomScript", path=str(script))
    _send(row, _grab_notice())
    environment = dict(line.split("=", 1) for line in out.read_text().splitlines() if "=" in line)
    assert environment["Radarr_EventType"] == "Grab"
    assert environment["Radarr_Movie_Title"] == "Greenland"
    assert environment["Radarr_Movie_Year"] == "2020"
    assert environment["Radarr_Release_Title"] == "Movie.2010.1080p.BluRay.x264-GROUP"
    assert environment["Radarr_Release_Quality"] == "Bluray-1080p"
    assert environment["Radarr_IndexerFlags"] == "G_Freeleech|G_Internal"
    assert environment["Radarr_Download_Id"] == "ABCDEF0123456789ABCDEF0123456789ABCDEF01"


@pytest.mark.sqlite_pass  # runs a program of its own
def test_a_failing_custom_script_reports_its_exit_code(tmp_path: Path):
    from radarr.providers import ProviderError

    script = tmp_path / "fail.sh"
    script.write_text("#!/bin/sh\necho nope >&2\nexit 3\n")
    os.chmod(script, 0o755)
    row = make_notification("CustomScript", path=str(script))
    with pytest.raises(ProviderError, match="code 3: nope"):
        _send(row, notice_for_test())


PLEX_SECTIONS = {
    "MediaContainer": {
        "Directory": [
            {"key": "1", "type": "movie", "Location": [{"path": "/data/movies"}]},
            {"key": "2", "type": "show", "Location": [{"path": "/data/tv"}]},
        ]
    }
}


def test_plex_refreshes_the_section_holding_the_mapped_movie_path(fake_server):
    fake_server.add("/library/sections", body=json.dumps(PLEX_SECTIONS))
    fake_server.add("/library/sections/1/refresh", body="")
    row = make_notification(
        "PlexServer",
        host="127.0.0.1",
        port=int(fake_server.url.rsplit(":", 1)[1]),
        authToken="plextoken",
        mapFrom="/movies",
        mapTo="/data/movies",
    )
    _send(row, _import_notice())
    refresh = fake_server.requests[-1]
    assert refresh.path == "/library/sections/1/refresh"
    assert refresh.query["path"] == ["/data/movies/Greenland (2020)"]
    assert refresh.query["X-Plex-Token"] == ["plextoken"]


def test_plex_does_not_take_grabs(fake_server):
    from notifications.sending import subscribed

    make_notification("PlexServer", host="127.0.0.1", authToken="x")
    assert subscribed(ev.GrabEvent(A_MOVIE, A_RELEASE)) == []
    assert [row.name for row in subscribed(ev.DownloadEvent(A_MOVIE, A_FILE, is_upgrade=True))] == [
        "PlexServer"
    ]


def test_jellyfin_gets_a_library_update_for_the_path_and_a_notification(fake_server):
    fake_server.add("/Library/Media/Updated", method="POST", status=204)
    fake_server.add("/Notifications/Admin", method="POST", status=204)
    port = int(fake_server.url.rsplit(":", 1)[1])
    row = make_notification(
        "MediaBrowser", host="127.0.0.1", port=port, apiKey="jfkey", notify=True, updateLibrary=True
    )
    _send(row, _import_notice())
    by_path = {request.path: request for request in fake_server.requests}
    update = by_path["/Library/Media/Updated"]
    assert update.headers["X-MediaBrowser-Token"] == "jfkey"
    assert json.loads(update.body) == {
        "Updates": [{"Path": "/movies/Greenland (2020)", "UpdateType": "Created"}]
    }
    assert json.loads(by_path["/Notifications/Admin"].body)["Name"] == "Movie Downloaded"


def test_kodi_scans_the_movie_folder_over_json_rpc(fake_server):
    fake_server.add("/jsonrpc", method="POST", body='{"jsonrpc": "2.0", "result": "OK", "id": 1}')
    port = int(fake_server.url.rsplit(":", 1)[1])
    row = make_notification(
        "Xbmc", host="127.0.0.1", port=port, username="kodi", password="pw", updateLibrary=True, notify=True
    )
    _send(row, _import_notice())
    calls = [json.loads(request.body) for request in fake_server.requests]
    assert [call["method"] for call in calls] == ["GUI.ShowNotification", "VideoLibrary.Scan"]
    assert calls[1]["params"] == {"directory": "/movies/Greenland (2020)/"}
    assert fake_server.requests[0].headers["Authorization"].startswith("Basic ")


def test_kodi_refusing_a_call_is_an_error(fake_server):
    from radarr.providers import ProviderError

    fake_server.add(
        "/jsonrpc", method="POST", body='{"jsonrpc": "2.0", "error": {"message": "Invalid params."}, "id": 1}'
    )
    port = int(fake_server.url.rsplit(":", 1)[1])
    row = make_notification("Xbmc", host="127.0.0.1", port=port, updateLibrary=True)
    with pytest.raises(ProviderError, match="Invalid params"):
        _send(row, _import_notice())


def test_apprise_reports_a_service_that_refuses_the_message(fake_server):
    from radarr.providers import ProviderError

    fake_server.add("/notify", method="POST", status=500)
    host = fake_server.url.removeprefix("http://")
    row = make_notification("Apprise", statelessUrls=f"json://{host}/notify")
    with pytest.raises(ProviderError, match="could not deliver"):
        _send(row, notice_for_test())


def test_plex_refreshes_every_movie_section_when_none_holds_the_path(fake_server):
    fake_server.add("/library/sections", body=json.dumps(PLEX_SECTIONS))
    fake_server.add("/library/sections/1/refresh", body="")
    port = int(fake_server.url.rsplit(":", 1)[1])
    row = make_notification("PlexServer", host="127.0.0.1", port=port, authToken="t")
    _send(row, _import_notice())
    refresh = fake_server.requests[-1]
    assert refresh.path == "/library/sections/1/refresh"
    assert "path" not in refresh.query
