"""Small read-only v3 endpoints: indexer flags, localization, updates, routes, updater logs."""

import pytest
from django.conf import settings

from radarr.api.openapi import openapi_document
from radarr.system.localization import STRINGS
from releases.releaseinfo import IndexerFlag

pytestmark = pytest.mark.django_db


def test_indexer_flags_are_every_bit_a_release_may_carry(api_client):
    flags = api_client.get("/api/v3/indexerflag").json()

    assert [flag["id"] for flag in flags] == [int(flag) for flag in IndexerFlag]
    assert {"id": 1, "name": "G_Freeleech", "nameLower": "g_freeleech"} in flags


def test_localization_serves_the_interface_words_under_strings(api_client):
    body = api_client.get("/api/v3/localization").json()
    language = api_client.get("/api/v3/localization/language").json()

    assert body["Strings"]["Movies"] == "Movies"
    assert language == {"identifier": "en"}


def test_every_main_menu_label_is_a_localized_string(admin_client):
    page = admin_client.get("/").content.decode()
    menu = page.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    labels = [part.split("<", 1)[0] for part in menu.split('">')[1:] if part.split("<", 1)[0].strip()]

    assert labels and set(labels) <= set(STRINGS.values())


def test_updates_say_the_installed_version_is_the_latest_and_nothing_is_installable(api_client):
    (update,) = api_client.get("/api/v3/update").json()
    status = api_client.get("/api/v3/system/status").json()

    assert update["version"] == status["version"]
    assert update["installed"] and update["latest"] and not update["installable"]
    assert "outside the app" in update["changes"]["new"][0]


def test_the_updater_has_no_log_files(api_client):
    assert api_client.get("/api/v3/log/file/update").json() == []
    assert api_client.get("/api/v3/log/file/update/update.txt").status_code == 404


def test_routes_list_every_documented_operation_as_text(api_client):
    response = api_client.get("/api/v3/system/routes")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "GET /api/v3/movie" in lines and "PUT /api/v3/movie/{id}" in lines
    operations = sum(len(methods) for methods in openapi_document(settings.URL_BASE)["paths"].values())
    assert len(lines) == operations
    assert api_client.get("/api/v3/system/routes/duplicate").json() == []
