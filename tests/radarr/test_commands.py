from datetime import timedelta

import pytest
from django_q.models import OrmQ

from radarr import jobs
from radarr.commands import UnknownCommand, execute_command, queue_command, report_progress
from radarr.models import Command

pytestmark = pytest.mark.django_db


def failing_job() -> str:
    raise RuntimeError("indexer exploded")


def progress_job() -> str:
    report_progress("halfway there")
    return "done"


def job_with_arguments(movie_ids: list[int]) -> str:
    return f"searched {sorted(movie_ids)}"


@pytest.fixture
def extra_jobs(monkeypatch):
    """Jobs that exist only in these tests, added to the one registry as a real job would be."""
    extra = [
        jobs.Job("FailingJob", f"{__name__}.failing_job", "Failing"),
        jobs.Job("ProgressJob", f"{__name__}.progress_job", "Progress"),
        jobs.Job("MoviesSearchTest", f"{__name__}.job_with_arguments", "Search"),
    ]
    monkeypatch.setattr(jobs, "JOBS", [*jobs.JOBS, *extra])


def test_posting_a_known_command_answers_201_with_radarrs_command_resource(api_client):
    response = api_client.post("/api/v3/command", {"name": "CheckHealth"}, content_type="application/json")

    body = response.json()
    assert response.status_code == 201
    assert body["name"] == "CheckHealth" and body["status"] == "queued" and body["trigger"] == "manual"
    assert body["queued"].endswith("Z") and "started" not in body  # nulls are left out
    assert Command.objects.get(pk=body["id"]).status == "queued"


def test_an_unknown_command_is_a_400_that_says_so(api_client):
    response = api_client.post("/api/v3/command", {"name": "LaunchRockets"}, content_type="application/json")

    assert response.status_code == 400
    assert "LaunchRockets" in response.json()["message"]
    assert not Command.objects.exists()


def test_a_command_without_a_name_is_a_400(api_client):
    response = api_client.post("/api/v3/command", {"movieIds": [1]}, content_type="application/json")

    assert response.status_code == 400


def test_command_names_match_ignoring_case():
    assert queue_command("checkhealth").name == "CheckHealth"


def test_an_identical_waiting_command_is_not_queued_twice():
    first = queue_command("CheckHealth")
    second = queue_command("CheckHealth")

    assert first.pk == second.pk and Command.objects.count() == 1


def test_executing_records_start_end_and_the_jobs_summary(django_capture_on_commit_callbacks):
    command = queue_command("Housekeeping")

    summary = execute_command(command.pk)

    command.refresh_from_db()
    assert command.status == "completed" and "old command record" in command.message
    assert command.started <= command.ended and summary.startswith("Housekeeping")


def test_a_failing_job_is_recorded_as_failed_with_its_message(extra_jobs):
    command = queue_command("FailingJob")

    execute_command(command.pk)

    command.refresh_from_db()
    assert command.status == "failed" and command.message == "indexer exploded"


def test_a_running_job_reports_progress_on_its_command(extra_jobs):
    command = queue_command("ProgressJob")

    execute_command(command.pk)

    assert Command.objects.get(pk=command.pk).message == "done"


def test_body_properties_reach_the_job_as_its_named_arguments(extra_jobs):
    command = queue_command("MoviesSearchTest", {"movieIds": [3, 1], "sendUpdatesToClient": True})

    execute_command(command.pk)

    assert Command.objects.get(pk=command.pk).message == "searched [1, 3]"


def test_a_command_is_not_run_twice():
    command = queue_command("CheckHealth")
    execute_command(command.pk)

    again = execute_command(command.pk)

    assert "already completed" in again


def test_get_command_by_id_and_404_for_a_missing_one(api_client):
    command = queue_command("CheckHealth")
    execute_command(command.pk)

    found = api_client.get(f"/api/v3/command/{command.pk}").json()
    missing = api_client.get("/api/v3/command/999")

    assert found["status"] == "completed" and found["result"] == "successful"
    assert found["started"].endswith("Z") and found["duration"].startswith("00:00:")
    assert missing.status_code == 404


def test_the_command_list_shows_unfinished_and_recently_ended_commands(api_client):
    queued = queue_command("CheckHealth")
    old = Command.objects.create(name="Housekeeping", status="completed")
    Command.objects.filter(pk=old.pk).update(ended=old.queued - timedelta(hours=1))

    listed = [command["id"] for command in api_client.get("/api/v3/command").json()]

    assert listed == [queued.pk]


def test_unknown_command_raises_for_code_callers():
    with pytest.raises(UnknownCommand):
        queue_command("NoSuchThing")


def test_a_queued_command_is_handed_to_the_job_broker_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        command = queue_command("CheckHealth")
    assert not OrmQ.objects.exists()  # nothing reaches the worker before the row is committed

    for callback in callbacks:
        callback()

    task = OrmQ.objects.get().task
    assert task["func"] == "radarr.commands.execute_command" and task["args"] == (command.pk,)
