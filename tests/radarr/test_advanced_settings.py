"""Advanced settings behind "Show advanced settings" (General, Media Management), and the folder picker
beside General's backup folder. The toggle itself is checked in a browser (tests/browser)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _setting(body: str, name: str) -> str:
    """The wrapper of the input named `name`."""
    start = body.rindex('<div class="setting', 0, body.index(f'name="{name}"'))
    return body[start : body.index("</div>", start)]


def test_general_marks_radarrs_advanced_settings_and_offers_the_toggle(admin_client):
    body = admin_client.get("/settings/general").content.decode()

    assert "data-advanced-toggle" in body
    assert 'class="setting advanced"' in _setting(body, "bindAddress")
    assert 'class="setting advanced"' in _setting(body, "backupRetention")
    assert 'class="setting"' in _setting(body, "port")  # everyday settings always show


def test_generals_backup_folder_has_the_folder_picker(admin_client):
    body = admin_client.get("/settings/general").content.decode()

    backups = body[body.index('name="backupFolder"') :]
    assert re.search(r'hx-get="/folders\?target=general-backupFolder"', backups)
    assert 'id="general-backupFolder"' in body


def test_media_management_marks_its_advanced_settings(admin_client):
    body = admin_client.get("/settings/mediamanagement").content.decode()

    assert "data-advanced-toggle" in body
    assert 'class="setting advanced"' in _setting(body, "copyUsingHardlinks")
    assert 'class="setting"' in _setting(body, "recycleBin")


def test_an_advanced_setting_with_an_error_is_never_hidden(admin_client):
    from imports.views_mediamanagement import _current_values

    posted = {name: value for name, value in _current_values().items() if value is not False}
    posted = {name: "on" if value is True else value for name, value in posted.items()}
    response = admin_client.post("/settings/mediamanagement", posted | {"minimumFreeSpaceWhenImporting": "5"})

    assert response.status_code == 400
    assert 'class="setting"' in _setting(response.content.decode(), "minimumFreeSpaceWhenImporting")
