"""Settings → Migrate from Radarr: the form starts the ImportRadarr command (the key never in its body),
the run page follows it and shows the report, also as JSON; provider lists show "needs its password"."""

import pytest

from downloads.models import DownloadClient
from imports.fromradarr.run import run_saved_import
from imports.models import RadarrImport
from radarr.commands import queue_command
from radarr.models import Command
from tests.imports.radarrsource import StandInRadarr, our_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(tmp_path):
    server = StandInRadarr()
    server.serve_all(our_fixtures(tmp_path / "movies"))
    server.start()
    yield server
    server.stop()


def test_the_form_queues_the_command_without_the_key_in_its_body(admin_client, source):
    response = admin_client.post(
        "/settings/migrate", {"url": source.url, "api_key": "secret-key-123", "dry_run": "on"}
    )

    run = RadarrImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/settings/migrate/{run.pk}")
    command = Command.objects.get(name="ImportRadarr")
    assert command.body == {"importId": run.pk}
    assert (run.api_key, run.dry_run, run.status) == ("secret-key-123", True, "queued")


def test_bad_input_is_refused_with_a_message(admin_client):
    response = admin_client.post("/settings/migrate", {"url": "radarr:7878", "api_key": ""})

    assert response.status_code == 400
    body = response.content.decode()
    assert "must start with http://" in body and "API key is needed" in body
    assert not RadarrImport.objects.exists()


def test_the_run_page_shows_progress_then_the_report_and_the_json(admin_client, source):
    run = RadarrImport.objects.create(url=source.url, api_key=source.API_KEY)
    queue_command("ImportRadarr", {"importId": run.pk})
    running = admin_client.get(f"/settings/migrate/{run.pk}", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in running.content.decode()

    run_saved_import(run.pk)
    Command.objects.filter(name="ImportRadarr").update(status="completed")

    run.refresh_from_db()
    assert run.status == "completed" and run.api_key == ""  # the key is not kept past the start
    page = admin_client.get(f"/settings/migrate/{run.pk}", headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" not in page and "<html" not in page  # the last fragment stops the polling
    assert "Indexer &#x27;NZBgeek&#x27;" in page and "needs its password" in page
    whole = admin_client.get(f"/settings/migrate/{run.pk}").content.decode()
    assert "<html" in whole and "Report as JSON" in whole and "Movie files" in whole
    listed = admin_client.get("/settings/migrate").content.decode()
    assert source.url in listed and "completed" in listed
    data = admin_client.get(f"/settings/migrate/{run.pk}.json").json()
    movies = next(section for section in data["report"]["sections"] if section["name"] == "Movies")
    assert (movies["found"], movies["imported"]) == (4, 4)
    assert source.API_KEY not in str(data)


def test_the_job_runs_the_saved_move_in(source):
    from imports.tasks import import_from_radarr

    run = RadarrImport.objects.create(url=source.url, api_key=source.API_KEY, dry_run=True)

    message = import_from_radarr(run.pk)

    assert message.startswith("Dry run finished: nothing was written")
    assert not DownloadClient.objects.exists()
    assert RadarrImport.objects.get().report["dry_run"] is True


def test_provider_lists_show_the_providers_that_need_their_password(admin_client, source):
    run = RadarrImport.objects.create(url=source.url, api_key=source.API_KEY)
    run_saved_import(run.pk)

    clients = admin_client.get("/settings/downloadclients").content.decode()
    indexers = admin_client.get("/settings/indexers").content.decode()
    edit = admin_client.get(f"/settings/downloadclients/{DownloadClient.objects.get(name='SABnzbd').pk}")

    assert clients.count("needs its password") == 2
    assert indexers.count("needs its password") == 1
    assert "type the secret in below" in edit.content.decode()


def test_a_run_whose_worker_died_shows_interrupted_and_another_may_start(admin_client, source):
    run = RadarrImport.objects.create(url=source.url, status="running")  # its command failed at a restart

    page = admin_client.get(f"/settings/migrate/{run.pk}").content.decode()
    again = admin_client.post("/settings/migrate", {"url": source.url, "api_key": "key"})

    assert "interrupted" in page and "every 2s" not in page
    assert again.status_code == 302


def test_a_move_in_runs_once_even_if_its_command_comes_again(source):
    from imports.tasks import import_from_radarr

    run = RadarrImport.objects.create(url=source.url, api_key=source.API_KEY)
    import_from_radarr(run.pk)
    first = RadarrImport.objects.get().report

    message = import_from_radarr(run.pk)

    assert message.endswith("has already run")
    assert RadarrImport.objects.get().report == first


def test_giving_the_missing_secret_clears_the_flag(api_client, source):
    run_saved_import(RadarrImport.objects.create(url=source.url, api_key=source.API_KEY).pk)
    client = DownloadClient.objects.get(name="SABnzbd")
    body = api_client.get(f"/api/v3/downloadclient/{client.pk}").json()
    body["fields"] = [
        {**field, "value": "real-key"} if field["name"] == "apiKey" else field for field in body["fields"]
    ]

    response = api_client.put(
        f"/api/v3/downloadclient/{client.pk}?forceSave=true", body, content_type="application/json"
    )

    assert response.status_code == 202, response.content
    client.refresh_from_db()
    assert (client.needs_password, client.settings["apiKey"]) == (False, "real-key")
