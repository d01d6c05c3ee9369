"""Trakt (collection sync, token refresh, device-flow sign-in through the API) against a loopback Trakt,
and the Synology Indexer against a fake `synoindex` on PATH."""

import json
import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from notifications.models import Notification
from notifications.payloads import build_notice
from tests.notifications.helpers import make_notification
from tests.notifications.samples import EVENTS, MOVIE
from tests.notifications.services import services  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _send(row, subscription: str) -> None:
    row.provider().send(build_notice(EVENTS[subscription]))


def _trakt(**settings) -> Notification:
    later = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    values = {
        "accessToken": "tok",
        "refreshToken": "ref",
        "expires": later,
        "clientId": "cid",
        "clientSecret": "sec",
    }
    return make_notification("Trakt", **(values | settings))


# ---- Trakt


def test_trakt_import_adds_the_movie_to_the_collection_with_its_media(services):  # noqa: F811
    services.add("/trakt/sync/collection", method="POST", status=201, body='{"added": {"movies": 1}}')

    _send(_trakt(), "on_download")

    request = services.requests[-1]
    assert request.headers["Authorization"] == "Bearer tok"
    assert request.headers["trakt-api-version"] == "2" and request.headers["trakt-api-key"] == "cid"
    (movie,) = json.loads(request.body)["movies"]
    collected = movie.pop("collected_at")
    assert datetime.fromisoformat(collected.replace("Z", "+00:00")) > datetime.now(UTC) - timedelta(minutes=1)
    assert movie == {
        "title": "The Quiet Orchard",
        "year": 2019,
        "ids": {"tmdb": 603, "imdb": "tt0133093"},
        "resolution": "uhd_4k",
        "hdr": "hdr10",
        "media_type": "bluray",
        "audio_channels": "7.1",
        "audio": "dolby_atmos",
        "3d": False,
    }


@pytest.mark.parametrize("subscription", ["on_movie_file_delete", "on_movie_delete"])
def test_trakt_deletes_remove_the_movie_from_the_collection(services, subscription):  # noqa: F811
    services.add("/trakt/sync/collection/remove", method="POST", body='{"deleted": {"movies": 1}}')

    _send(_trakt(), subscription)

    assert json.loads(services.requests[-1].body) == {
        "movies": [{"title": MOVIE.title, "year": MOVIE.year, "ids": {"tmdb": 603, "imdb": "tt0133093"}}]
    }


def test_trakt_refreshes_a_token_about_to_expire_and_saves_it(services):  # noqa: F811
    services.add(
        "/trakt/oauth/token",
        method="POST",
        body='{"access_token": "new-tok", "refresh_token": "new-ref", "expires_in": 7776000}',
    )
    services.add("/trakt/sync/collection", method="POST", status=201, body="{}")
    row = _trakt(expires=(datetime.now(UTC) + timedelta(minutes=2)).isoformat())

    _send(row, "on_download")

    refresh, sync = services.requests
    assert json.loads(refresh.body)["grant_type"] == "refresh_token"
    assert json.loads(refresh.body)["refresh_token"] == "ref"
    assert sync.headers["Authorization"] == "Bearer new-tok"
    row.refresh_from_db()
    assert row.settings["accessToken"] == "new-tok" and row.settings["refreshToken"] == "new-ref"


def test_trakt_revoked_token_is_said_in_words(services):  # noqa: F811
    services.add("/trakt/sync/collection", method="POST", status=401, body="")
    services.add("/trakt/oauth/token", method="POST", status=401, body='{"error": "invalid_grant"}')

    with pytest.raises(Exception, match="Trakt refused the access token"):
        _send(_trakt(), "on_download")


def test_trakt_test_button_reads_the_user_settings(services):  # noqa: F811
    services.add("/trakt/users/settings", body='{"user": {"username": "orchard"}}')

    assert _trakt().provider().test() == []
    assert services.requests[-1].headers["Authorization"] == "Bearer tok"
    assert [f.property_name for f in make_notification("Trakt", "Unsigned").provider().test()] == ["signIn"]


def test_trakt_device_flow_through_the_api_action(api_client, services):  # noqa: F811
    services.add(
        "/trakt/oauth/device/code",
        method="POST",
        body=json.dumps(
            {
                "device_code": "dev-1",
                "user_code": "5055CC52",
                "verification_url": "https://trakt.tv/activate",
                "expires_in": 600,
                "interval": 5,
            }
        ),
    )
    services.add(
        "/trakt/oauth/device/token",
        method="POST",
        body='{"access_token": "tok-9", "refresh_token": "ref-9", "expires_in": 7776000}',
    )
    services.add("/trakt/users/settings", body='{"user": {"username": "orchard"}}')
    schema = api_client.get("/api/v3/notification/schema").json()
    body = next(item for item in schema if item["implementation"] == "Trakt")
    assert {field["name"]: field["type"] for field in body["fields"]}["signIn"] == "oAuth"
    body["fields"] = [
        field | {"value": {"clientId": "cid", "clientSecret": "sec"}.get(field["name"], field.get("value"))}
        for field in body["fields"]
    ]

    started = api_client.post(
        "/api/v3/notification/action/startOAuth", body, content_type="application/json"
    ).json()
    tokens = api_client.post(
        "/api/v3/notification/action/getOAuthToken?deviceCode=dev-1", body, content_type="application/json"
    ).json()

    assert started["userCode"] == "5055CC52" and started["verificationUrl"] == "https://trakt.tv/activate"
    assert tokens["accessToken"] == "tok-9" and tokens["authUser"] == "orchard"
    assert json.loads(services.requests[1].body) == {
        "code": "dev-1",
        "client_id": "cid",
        "client_secret": "sec",
    }


# ---- Synology Indexer


@pytest.fixture
def synoindex(tmp_path, monkeypatch, settings):
    """A fake synoindex on PATH that records its arguments (one call per line)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "calls.log"
    script = folder / "synoindex"
    script.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> {log}\necho >> {log}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    settings.RADARR_SYNOINDEX_PATH = str(tmp_path / "absent" / "synoindex")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")

    def calls() -> list[list[str]]:
        lines = log.read_text().splitlines() if log.exists() else []
        return [line.rstrip("|").split("|") for line in lines]

    calls.script = script
    return calls


def test_synology_upgrade_removes_the_old_file_then_adds_the_new_one(synoindex):
    _send(make_notification("SynologyIndexer"), "on_upgrade")

    old = EVENTS["on_upgrade"].deleted_files[0].path
    assert synoindex() == [["-d", old], ["-a", EVENTS["on_upgrade"].movie_file.path]]


def test_synology_rename_delete_and_movie_delete(synoindex):
    row = make_notification("SynologyIndexer")
    for subscription in ("on_rename", "on_movie_file_delete", "on_movie_delete"):
        _send(row, subscription)

    assert synoindex() == [
        ["-R", MOVIE.path],
        ["-d", EVENTS["on_movie_file_delete"].movie_file.path],
        ["-D", MOVIE.path],
    ]


def test_synology_does_nothing_when_library_updates_are_off(synoindex):
    _send(make_notification("SynologyIndexer", updateLibrary=False), "on_download")
    assert synoindex() == []


def test_synology_test_button_runs_help_and_reports_errors(synoindex):
    row = make_notification("SynologyIndexer")
    assert row.provider().test() == []
    assert synoindex() == [["--help"]]

    synoindex.script.write_text("#!/bin/sh\necho 'permission denied' >&2\n")
    failures = row.provider().test()
    assert failures and "synoindex returned an error: permission denied" in failures[0].message


def test_synology_without_synoindex_says_it_needs_a_synology(settings, monkeypatch, tmp_path):
    settings.RADARR_SYNOINDEX_PATH = str(tmp_path / "none")
    monkeypatch.setenv("PATH", str(tmp_path))
    row = make_notification("SynologyIndexer")

    failures = row.provider().test()

    assert failures and "works only on a Synology NAS" in failures[0].message
    with pytest.raises(Exception, match="synoindex was not found"):
        _send(row, "on_download")
