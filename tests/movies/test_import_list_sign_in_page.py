"""Signing in from an import list's form (Trakt's device flow against a loopback fake of its API): the
form offers the button, Start shows the code to enter, Finish polls until approved and then fills the
token inputs of the form (out of band); lists that need no sign-in offer none."""

import json

import pytest

from tests.movies.test_import_list_services import FIXTURES, services  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

FORM = {
    "implementation": "TraktUserImport",
    "name": "Trakt",
    "field-clientId": "app-id",
    "field-clientSecret": "s",
}


def test_only_lists_that_sign_in_offer_the_button(admin_client):
    trakt = admin_client.get("/settings/importlists/new?implementation=TraktUserImport").content.decode()
    plex = admin_client.get("/settings/importlists/new?implementation=PlexImport").content.decode()
    stevenlu = admin_client.get("/settings/importlists/new?implementation=StevenLuImport").content.decode()

    assert "Sign in with Trakt" in trakt and "Sign in with Plex" in plex
    assert "Sign in with" not in stevenlu


def test_trakt_sign_in_shows_the_code_then_fills_the_tokens(admin_client, services):  # noqa: F811
    services.add("/trakt/oauth/device/code", method="POST", file=FIXTURES / "trakt-device-code.json")
    services.add("/trakt/users/settings", file=FIXTURES / "trakt-user-settings.json")
    services.add("/trakt/oauth/device/token", method="POST", status=400, body="")
    headers = {"HX-Request": "true"}

    started = admin_client.post("/settings/importlists/signin/start", FORM, headers=headers).content.decode()
    assert "5055CC52" in started and "https://trakt.tv/activate" in started
    code = json.loads((FIXTURES / "trakt-device-code.json").read_text())["device_code"]
    assert f'name="signin_code" value="{code}"' in started
    waiting = admin_client.post(
        "/settings/importlists/signin/finish", FORM | {"signin_code": code}, headers=headers
    ).content.decode()
    assert "Waiting for you to approve" in waiting and 'hx-trigger="every 5s"' in waiting

    services.routes.pop(("POST", "/trakt/oauth/device/token"))
    services.add("/trakt/oauth/device/token", method="POST", file=FIXTURES / "trakt-token.json")
    done = admin_client.post(
        "/settings/importlists/signin/finish", FORM | {"signin_code": code}, headers=headers
    ).content.decode()

    token = json.loads((FIXTURES / "trakt-token.json").read_text())["access_token"]
    assert "Signed in to Trakt" in done and "every 5s" not in done  # polling stops
    assert f'id="field-accessToken" value="{token}" autocomplete="off" hx-swap-oob="true"' in done
    assert 'id="field-authUser" value="sean"' in done


def test_a_refused_start_says_why(admin_client, services):  # noqa: F811
    services.add("/trakt/oauth/device/code", method="POST", status=403, body="")

    body = admin_client.post("/settings/importlists/signin/start", FORM).content.decode()

    assert "Trakt refused the device code request (HTTP 403)" in body


def test_a_list_kind_without_sign_in_is_told_so(admin_client):
    body = admin_client.post("/settings/importlists/signin/start", {"implementation": "StevenLuImport"})

    assert "needs no sign-in" in body.content.decode()


def test_an_unreachable_service_is_said_on_the_form(admin_client, settings):
    settings.RADARR_LIST_SERVICE_URLS = {"trakt": "http://127.0.0.1:9/trakt"}

    response = admin_client.post("/settings/importlists/signin/start", FORM)

    assert response.status_code == 200 and 'class="error"' in response.content.decode()
