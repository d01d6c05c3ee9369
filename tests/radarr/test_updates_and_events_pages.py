"""System → Updates (the version running, updated outside the app) and System → Events (the log's
entries newest first, filtered by level), both in the System tabs."""

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_dir(tmp_path, settings):
    settings.LOG_DIR = tmp_path
    (tmp_path / "radarr.txt").write_text(
        "2026-01-31 18:00:00.1|Info|radarr.startup|Started\n"
        "2026-01-31 18:05:00.1|Warn|downloads.tracking|Client unreachable\n"
        "2026-01-31 18:06:00.1|Debug|radarr.jobs|Chatter\n"
    )
    return tmp_path


def test_updates_shows_the_version_and_how_to_update(admin_client):
    body = admin_client.get("/system/updates").content.decode()

    assert django_settings.RADARR_COMPAT_VERSION in body
    assert "managed outside the app" in body and "git pull" in body
    assert 'href="/system/updates" aria-current="page"' in body


def test_events_lists_info_and_above_newest_first(admin_client, log_dir):
    body = admin_client.get("/system/events").content.decode()

    assert body.index("Client unreachable") < body.index("Started")
    assert "Chatter" not in body


def test_events_filtered_to_warnings(admin_client, log_dir):
    body = admin_client.get("/system/events?level=warn").content.decode()

    assert "Client unreachable" in body and "Started" not in body


def test_an_unknown_level_falls_back_to_info(admin_client, log_dir):
    response = admin_client.get("/system/events?level=nonsense")

    assert response.status_code == 200 and "Started" in response.content.decode()
