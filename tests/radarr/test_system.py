import json
import logging

import pytest
from django.conf import settings

from radarr.models import Command
from radarr.system.logs import LineFormatter, SecretFilter, mask_secrets, recent_entries
from tests.indexers.factories import IndexerFactory
from tests.shared import SHARED_DIR

pytestmark = pytest.mark.django_db


def test_status_has_radarrs_fields_and_values_clients_accept(api_client):
    status = api_client.get("/api/v3/system/status").json()

    assert status["appName"] == "Radarr"  # Recyclarr refuses anything else
    assert tuple(map(int, status["version"].split("."))) >= (5, 9, 0, 9049)
    assert status["packageVersion"] == settings.RADARR_VERSION  # our own version, apart
    assert status["databaseType"] in ("sqLite", "postgreSQL")
    assert status["mode"] in ("console", "service", "tray")
    assert status["authentication"] in ("none", "basic", "forms", "external")
    assert isinstance(status["migrationVersion"], int) and status["migrationVersion"] > 0
    assert status["startTime"].endswith("Z") and status["urlBase"] == ""


def test_status_lists_every_field_of_radarrs_system_resource(api_client):
    openapi = SHARED_DIR / "radarr-api" / "openapi.json"
    if not openapi.exists():
        pytest.skip("../shared/radarr-api/openapi.json is absent (a user's clone has none)")
    spec = json.loads(openapi.read_text())["components"]["schemas"]["SystemResource"]["properties"]

    status = api_client.get("/api/v3/system/status").json()

    assert set(spec) <= set(status), f"missing: {set(spec) - set(status)}"


@pytest.fixture
def configured(settings, media_analysis_off):
    """An instance with its TMDB key set, an indexer and no media analysis asked for, so no check has
    anything to say."""
    settings.RADARR_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"
    IndexerFactory()


def test_health_is_an_empty_list_when_all_is_well(api_client, configured):
    assert api_client.get("/api/v3/health").json() == []


def test_a_missing_tmdb_key_is_a_health_error(api_client, settings, media_analysis_off):
    settings.RADARR_TMDB_API_KEY = ""
    IndexerFactory()

    issues = api_client.get("/api/v3/health").json()

    assert [(issue["source"], issue["type"]) for issue in issues] == [("TmdbCheck", "error")]


def test_commands_stuck_in_the_queue_raise_a_job_worker_error(api_client, configured):
    command = Command.objects.create(name="CheckHealth")
    Command.objects.filter(pk=command.pk).update(queued=command.queued.replace(year=2020))

    issues = api_client.get("/api/v3/health").json()

    assert [issue["source"] for issue in issues] == ["JobWorkerCheck"]
    assert issues[0]["type"] == "error" and "job worker" in issues[0]["message"]


@pytest.mark.parametrize(
    "text",
    [
        "GET http://indexer/api?t=movie&apikey=abcdef0123456789",
        'payload {"password": "hunter2hunter2"}',
        "Authorization: Bearer abcdef0123456789",
        "connecting to http://user:hunter2hunter2@client:8080/",
        "api_key=abcdef0123456789 sent",
    ],
)
def test_secrets_are_masked_before_anything_is_logged(text):
    masked = mask_secrets(text)

    assert "abcdef0123456789" not in masked and "hunter2hunter2" not in masked
    assert "********" in masked


def test_the_instances_own_api_key_never_reaches_a_log_line():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "key is %s", (settings.RADARR_API_KEY,), None)

    SecretFilter().filter(record)

    assert settings.RADARR_API_KEY not in LineFormatter().format(record)


def test_log_lines_are_read_back_with_their_tracebacks(tmp_path, settings):
    settings.LOG_DIR = tmp_path
    (tmp_path / "radarr.txt").write_text(
        "2026-01-31 18:00:00.1|Info|radarr.x|started\n"
        "2026-01-31 18:00:01.2|Error|radarr.y|it broke\nTraceback (most recent call last):\n  boom\n"
        "2026-01-31 18:00:02.3|Debug|radarr.z|chatter\n"
    )

    entries = recent_entries("info")

    assert [(e.id, e.level, e.message) for e in entries] == [(1, "info", "started"), (2, "error", "it broke")]
    assert "boom" in entries[1].exception


def test_log_api_pages_newest_first_by_default(api_client, tmp_path, settings):
    settings.LOG_DIR = tmp_path
    lines = [f"2026-01-31 18:00:{n:02}.0|Info|radarr|line {n}" for n in range(15)]
    (tmp_path / "radarr.txt").write_text("\n".join(lines) + "\n")

    body = api_client.get("/api/v3/log?pageSize=5").json()

    assert body["totalRecords"] == 15 and body["sortDirection"] == "descending"
    assert [record["message"] for record in body["records"]] == [f"line {n}" for n in range(14, 9, -1)]
    assert body["records"][0]["time"] == "2026-01-31T18:00:14Z"


def test_log_files_are_listed_and_readable(api_client, tmp_path, settings):
    settings.LOG_DIR = tmp_path
    (tmp_path / "radarr.txt").write_text("2026-01-31 18:00:00.0|Info|radarr|hello\n")

    files = api_client.get("/api/v3/log/file").json()
    contents = api_client.get("/api/v3/log/file/radarr.txt")

    assert [f["filename"] for f in files] == ["radarr.txt"]
    assert b"hello" in contents.content
    assert api_client.get("/api/v3/log/file/passwd").status_code == 404


def test_slow_checks_run_in_the_job_and_requests_read_their_last_result(api_client, configured, monkeypatch):
    from radarr.system import health
    from radarr.system.tasks import check_health

    calls = []

    def slow_check():
        calls.append(1)
        return [health.HealthIssue("DownloadClientCheck", "warning", "Unable to talk to qBittorrent")]

    monkeypatch.setattr(health, "SCHEDULED_CHECKS", [f"{__name__}.SLOW_CHECK"])
    monkeypatch.setitem(globals(), "SLOW_CHECK", slow_check)

    before = api_client.get("/api/v3/health").json()
    check_health()
    after = api_client.get("/api/v3/health").json()
    again = api_client.get("/api/v3/health").json()

    assert before == [] and calls == [1]  # requests never ran it; the job did, once
    assert [issue["message"] for issue in after] == ["Unable to talk to qBittorrent"] and again == after
