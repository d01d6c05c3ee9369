"""Settings → Download Clients: list with status, add from a type's fields, edit, test, delete, options,
remote path mappings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from downloads.models import DownloadClient, DownloadClientConfig, RemotePathMapping

pytestmark = pytest.mark.django_db


def sabnzbd_row(**fields) -> DownloadClient:
    settings = {"host": "127.0.0.1", "port": 9, "apiKey": "secret-key", "movieCategory": "movies"}
    return DownloadClient.objects.create(
        name="SAB", implementation="Sabnzbd", protocol="usenet", settings=settings, **fields
    )


def test_the_page_lists_clients_with_their_status(admin_client):
    sabnzbd_row(disabled_until=timezone.now() + timedelta(minutes=5), last_error="Unable to connect")

    body = admin_client.get("/settings/downloadclients").content.decode()

    assert "SAB" in body and "Failing: Unable to connect" in body
    assert "Remote Path Mappings" in body


def test_the_page_needs_a_login(client):
    assert client.get("/settings/downloadclients").status_code == 302


def test_picking_a_type_shows_its_settings(admin_client):
    body = admin_client.get("/settings/downloadclients/new?implementation=QBittorrent").content.decode()

    assert 'name="field-movieCategory"' in body and 'value="radarr"' in body
    assert 'name="field-initialState"' in body


def test_a_client_is_added_from_the_form(admin_client, tmp_path):
    response = admin_client.post(
        "/settings/downloadclients/new",
        {"implementation": "UsenetBlackhole", "name": "Drop", "enable": "on", "priority": "3",
         "field-nzbFolder": str(tmp_path), "field-watchFolder": str(tmp_path)},
    )  # fmt: skip

    assert response.status_code == 302
    client = DownloadClient.objects.get()
    assert (client.name, client.protocol, client.priority) == ("Drop", "usenet", 3)
    assert client.settings["nzbFolder"] == str(tmp_path)


def test_editing_keeps_the_secret_shown_masked(admin_client):
    client = sabnzbd_row()
    form = admin_client.get(f"/settings/downloadclients/{client.pk}").content.decode()
    assert "secret-key" not in form

    admin_client.post(
        f"/settings/downloadclients/{client.pk}",
        {"implementation": "Sabnzbd", "name": "SABnzbd", "priority": "1", "field-host": "127.0.0.1",
         "field-port": "9", "field-apiKey": "********", "field-movieCategory": "films"},
    )  # fmt: skip

    client.refresh_from_db()
    assert client.name == "SABnzbd"
    assert client.settings["apiKey"] == "secret-key"
    assert client.settings["movieCategory"] == "films"


def test_the_test_button_answers_a_fragment_with_the_failure(admin_client):
    response = admin_client.post(
        "/settings/downloadclients/test",
        {"implementation": "Nzbget", "name": "N", "field-host": "127.0.0.1", "field-port": "9"},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert "<html" not in body
    assert "Unable to connect to NZBGet" in body


def test_a_client_is_deleted_after_confirmation(admin_client):
    client = sabnzbd_row()

    admin_client.post(f"/settings/downloadclients/{client.pk}/delete")

    assert not DownloadClient.objects.exists()


def test_the_options_are_saved(admin_client):
    admin_client.post(
        "/settings/downloadclients/options",
        {"enable_completed_download_handling": "on", "check_for_finished_download_interval": "2",
         "download_client_working_folders": "_UNPACK_", "stalled_after_minutes": "90"},
    )  # fmt: skip

    config = DownloadClientConfig.load()
    assert config.check_for_finished_download_interval == 2
    assert config.auto_redownload_failed is False
    assert config.stalled_after_minutes == 90


def test_a_remote_path_mapping_is_added_and_a_relative_path_refused(admin_client):
    refused = admin_client.post(
        "/settings/downloadclients/remotepathmappings/new",
        {"host": "nas", "remote_path": "downloads", "local_path": "/mnt/dl"},
    )
    admin_client.post(
        "/settings/downloadclients/remotepathmappings/new",
        {"host": "nas", "remote_path": "/downloads", "local_path": "/mnt/dl"},
    )

    assert refused.status_code == 400 and "Invalid Path" in refused.content.decode()
    assert RemotePathMapping.objects.get().remote_path == "/downloads/"


def test_the_add_page_links_each_client_type(admin_client):
    page = admin_client.get("/settings/downloadclients/new").content.decode()

    for implementation in ("QBittorrent", "Transmission", "Sabnzbd", "Nzbget"):
        assert f"implementation={implementation}" in page or f"/{implementation}" in page, implementation
