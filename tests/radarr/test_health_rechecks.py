"""Slow health checks re-run soon after a download client, remote path mapping or root folder changes,
so a fixed problem's warning clears without waiting for the six-hourly CheckHealth."""

import json

import pytest

from downloads.models import DownloadClient
from radarr.commands import execute_command, queue_command
from radarr.models import Command, HealthRecord
from radarr.system.health import RECHECKS, recheck_health, run_scheduled_checks
from tests.downloads.factories import sabnzbd
from tests.downloads.sabfake import SabFake

pytestmark = pytest.mark.django_db


@pytest.fixture
def sab(fake_server, tmp_path):
    """A SABnzbd stand-in whose download folder exists here."""
    fake = SabFake(fake_server)
    config = {"misc": {"complete_dir": str(tmp_path)}, "categories": [{"name": "movies", "dir": ""}]}
    fake_server.add("/api", query={"mode": "get_config"}, body=json.dumps({"config": config}))
    return fake


def waiting_rechecks() -> list[dict]:
    return [command.body for command in Command.objects.filter(name="CheckHealth", status="queued")]


def run_waiting_rechecks() -> None:
    for command in Command.objects.filter(name="CheckHealth", status="queued"):
        execute_command(command.pk)


def health_messages(api_client) -> list[str]:
    return [issue["message"] for issue in api_client.get("/api/v3/health").json()]


def test_fixing_a_clients_settings_clears_its_health_record(
    api_client, sab, django_capture_on_commit_callbacks
):
    client = sabnzbd(sab.server.url, name="SAB box")
    client.settings["port"] = 9  # nothing listens there
    client.save()
    execute_command(queue_command("CheckHealth").pk)
    assert any(m.startswith("Unable to communicate with SAB box") for m in health_messages(api_client))

    resource = api_client.get(f"/api/v3/downloadclient/{client.pk}").json()
    for field in resource["fields"]:
        if field["name"] == "port":
            field["value"] = int(sab.server.url.rsplit(":", 1)[1])
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.put(
            f"/api/v3/downloadclient/{client.pk}", json.dumps(resource), content_type="application/json"
        )
    assert response.status_code == 202
    assert waiting_rechecks() == [{"changed": "downloadclient"}]
    run_waiting_rechecks()

    assert not HealthRecord.objects.filter(source="DownloadClientCheck").exists()
    assert not any("SAB box" in message for message in health_messages(api_client))


def test_a_recheck_replaces_only_the_records_of_the_checks_it_ran():
    HealthRecord.objects.create(
        source="SystemTimeCheck",
        level="error",
        message="The clock is off",
        check_path="radarr.system.checks.system_clock_check",
    )
    HealthRecord.objects.create(
        source="DownloadClientCheck",
        level="error",
        message="Unable to communicate with Gone",
        check_path="downloads.health.download_client_check",
    )

    run_scheduled_checks(RECHECKS["downloadclient"])

    assert list(HealthRecord.objects.values_list("source", "message")) == [
        ("SystemTimeCheck", "The clock is off"),
        ("DownloadClientCheck", "No download client is available"),
    ]


def test_saving_several_clients_in_a_row_queues_one_recheck(
    api_client, sab, django_capture_on_commit_callbacks
):
    first = sabnzbd(sab.server.url, name="One")
    second = sabnzbd(sab.server.url, name="Two")

    with django_capture_on_commit_callbacks(execute=True):
        for client in (first, second):
            resource = api_client.get(f"/api/v3/downloadclient/{client.pk}").json() | {"priority": 5}
            api_client.put("/api/v3/downloadclient", json.dumps(resource), content_type="application/json")

    assert waiting_rechecks() == [{"changed": "downloadclient"}]


def test_deleting_a_client_from_its_page_queues_a_recheck(
    admin_client, sab, django_capture_on_commit_callbacks
):
    client = sabnzbd(sab.server.url)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/settings/downloadclients/{client.pk}/delete")

    assert not DownloadClient.objects.exists()
    assert waiting_rechecks() == [{"changed": "downloadclient"}]


def test_a_remote_path_mapping_saved_or_deleted_queues_its_recheck(
    api_client, admin_client, tmp_path, django_capture_on_commit_callbacks
):
    body = {"host": "sab", "remotePath": "/downloads/", "localPath": f"{tmp_path}/"}
    with django_capture_on_commit_callbacks(execute=True):
        created = api_client.post(
            "/api/v3/remotepathmapping", json.dumps(body), content_type="application/json"
        )
    assert waiting_rechecks() == [{"changed": "remotepathmapping"}]
    run_waiting_rechecks()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/settings/downloadclients/remotepathmappings/{created.json()['id']}/delete")

    assert waiting_rechecks() == [{"changed": "remotepathmapping"}]


def test_adding_or_removing_a_root_folder_queues_its_recheck(
    api_client, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        folder = api_client.post(
            "/api/v3/rootfolder", json.dumps({"path": str(tmp_path)}), content_type="application/json"
        ).json()
    assert waiting_rechecks() == [{"changed": "rootfolder"}]
    run_waiting_rechecks()

    with django_capture_on_commit_callbacks(execute=True):
        api_client.delete(f"/api/v3/rootfolder/{folder['id']}")

    assert waiting_rechecks() == [{"changed": "rootfolder"}]


def test_a_failed_save_queues_nothing(api_client, django_capture_on_commit_callbacks):
    body = {"host": "", "remotePath": "relative", "localPath": "/x/"}

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            "/api/v3/remotepathmapping", json.dumps(body), content_type="application/json"
        )

    assert response.status_code == 400 and waiting_rechecks() == []


RAN: list[str] = []


def recorded_check() -> list:
    RAN.append("ran")
    return []


def test_a_check_health_command_naming_no_known_change_runs_every_slow_check(monkeypatch):
    from radarr.system import health

    RAN.clear()
    monkeypatch.setattr(health, "SCHEDULED_CHECKS", [f"{__name__}.recorded_check"])

    execute_command(queue_command("CheckHealth", {"changed": "os.system"}).pk)  # never a path to import

    assert RAN == ["ran"]


def test_a_change_no_slow_check_depends_on_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recheck_health("indexer")  # indexer checks are cheap ones, computed per request
        recheck_health("rootfolder")

    assert waiting_rechecks() == [{"changed": "rootfolder"}]
