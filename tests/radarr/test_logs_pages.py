"""System → Logs: log files to download and a Clear button."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_dir(tmp_path, settings):
    settings.LOG_DIR = tmp_path
    (tmp_path / "radarr.txt").write_text("2026-01-31 18:00:00.1|Info|radarr|Started\n")
    (tmp_path / "radarr.txt.1").write_text("2026-01-30 18:00:00.1|Info|radarr|Older\n")
    return tmp_path


def test_the_logs_page_links_each_log_file_for_download(admin_client, log_dir):
    html = admin_client.get("/system/logs").content.decode()
    assert "radarr.txt.1" in html

    response = admin_client.get("/system/logs/file/radarr.txt")
    assert response.status_code == 200
    assert b"Started" in b"".join(response.streaming_content)
    assert admin_client.get("/system/logs/file/other.txt").status_code == 404


def test_clear_empties_the_current_file_and_removes_rotated_ones(admin_client, log_dir):
    admin_client.post("/system/logs/clear")

    assert (log_dir / "radarr.txt").read_text() == ""
    assert not (log_dir / "radarr.txt.1").exists()


def test_the_job_queues_routine_messages_are_hidden_unless_asked_for(admin_client, log_dir):
    (log_dir / "radarr.txt").write_text(
        "2026-01-31 18:00:00.1|Info|django-q|Process-1 processing rss_sync\n"
        "2026-01-31 18:00:01.1|Info|downloads.grabbing|Grabbed Heat.1995.1080p\n"
        "2026-01-31 18:00:02.1|Warn|django-q|Task rss_sync took too long\n"
    )

    shown = admin_client.get("/system/logs").content.decode()
    everything = admin_client.get("/system/logs?jobs=1").content.decode()

    assert "Grabbed Heat.1995.1080p" in shown
    assert "Task rss_sync took too long" in shown  # the queue's warnings always show
    assert "Process-1 processing" not in shown
    assert "Process-1 processing" in everything
