"""Logs: the level filter and paging, on System → Logs and on /api/v3/log."""

import re

import pytest

pytestmark = pytest.mark.django_db

LEVELS = ["Debug", "Info", "Warn", "Error"]


@pytest.fixture
def log_dir(tmp_path, settings):
    """120 entries cycling through the levels (30 each), plus an older rotated file with one error."""
    settings.LOG_DIR = tmp_path
    lines = [
        f"2026-02-01 10:{n // 60:02}:{n % 60:02}.0|{LEVELS[n % 4]}|radarr.test|entry {n}" for n in range(120)
    ]
    (tmp_path / "radarr.txt").write_text("\n".join(lines) + "\n")
    (tmp_path / "radarr.txt.1").write_text("2026-01-31 09:00:00.0|Error|radarr.test|an older error\n")
    return tmp_path


def messages(html: str) -> list[str]:
    return re.findall(r"<td>(entry \d+|an older error)", html)


def test_the_page_shows_entries_at_or_above_the_chosen_level_newest_first(admin_client, log_dir):
    html = admin_client.get("/system/logs?level=warn").content.decode()

    shown = messages(html)
    assert shown[:4] == ["entry 119", "entry 118", "entry 115", "entry 114"]  # errors and warnings only
    assert len(shown) == 50 and "Page 1 of 2" in html  # 61 entries: 30 warn, 31 error


def test_the_page_pages_back_to_the_rotated_files(admin_client, log_dir):
    html = admin_client.get("/system/logs?level=warn&page=2").content.decode()

    shown = messages(html)
    assert len(shown) == 11 and shown[-1] == "an older error"  # the rotated file's entry is the oldest
    assert '<a href="?level=warn&page=1">Newer</a>' in html


def test_the_api_filters_by_level_and_counts_only_what_it_kept(api_client, log_dir):
    body = api_client.get("/api/v3/log?level=error&pageSize=10&sortDirection=descending").json()

    assert body["totalRecords"] == 31
    assert {record["level"] for record in body["records"]} == {"error"}
    assert body["records"][0]["message"] == "entry 119"


def test_the_api_default_level_leaves_debug_out(api_client, log_dir):
    body = api_client.get("/api/v3/log?pageSize=200").json()

    assert body["totalRecords"] == 91 and "debug" not in {record["level"] for record in body["records"]}


def test_the_clear_logs_job_empties_what_the_log_api_lists(api_client, log_dir):
    from radarr.system.tasks import clear_logs

    summary = clear_logs()

    assert summary == "Cleared 2 log file(s)"
    assert api_client.get("/api/v3/log").json()["totalRecords"] == 0
