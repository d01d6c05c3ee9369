from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_q.models import Schedule

from radarr import jobs
from radarr.commands import execute_command, queue_command, run_scheduled
from radarr.jobs import SCHEDULED_FUNC, sync_schedules

pytestmark = pytest.mark.django_db


def test_sync_creates_one_schedule_per_periodic_job():
    sync_schedules()

    schedules = {s.name: s for s in Schedule.objects.filter(func=SCHEDULED_FUNC)}
    periodic = [job for job in jobs.JOBS if job.every]
    assert set(schedules) == {job.name for job in periodic}
    for job in periodic:
        assert schedules[job.name].minutes == job.every.total_seconds() // 60


def test_sync_again_keeps_next_run_and_drops_jobs_no_longer_listed(monkeypatch):
    sync_schedules()
    later = timezone.now() + timedelta(hours=3)
    Schedule.objects.filter(name="Housekeeping").update(next_run=later)
    Schedule.objects.create(name="RetiredJob", func=SCHEDULED_FUNC, args="'RetiredJob'")

    sync_schedules()

    assert Schedule.objects.get(name="Housekeeping").next_run == later
    assert not Schedule.objects.filter(name="RetiredJob").exists()


def test_changing_a_jobs_interval_updates_its_schedule(monkeypatch):
    sync_schedules()
    changed = [jobs.Job(j.name, j.function, j.title, timedelta(minutes=15)) for j in jobs.JOBS]
    monkeypatch.setattr(jobs, "JOBS", changed)

    sync_schedules()

    assert set(Schedule.objects.filter(func=SCHEDULED_FUNC).values_list("minutes", flat=True)) == {15}


def test_a_scheduled_run_is_recorded_as_a_scheduled_command():
    summary = run_scheduled("CheckHealth")

    assert summary.startswith("CheckHealth")
    from radarr.models import Command

    command = Command.objects.get()
    assert command.trigger == "scheduled" and command.status == "completed"


def test_task_list_reports_interval_last_run_duration_and_next_run(api_client, django_assert_max_num_queries):
    sync_schedules()
    execute_command(queue_command("CheckHealth").pk)

    with django_assert_max_num_queries(3):
        tasks = {task["taskName"]: task for task in api_client.get("/api/v3/system/task").json()}

    health = tasks["CheckHealth"]
    assert health["interval"] == 360 and health["name"] == "Check Health"
    assert "lastExecution" in health and health["lastDuration"].startswith("00:00:")
    never_ran = tasks["Housekeeping"]  # Radarr: registered then (next run - interval), started never
    assert parse_datetime(never_ran["lastExecution"]) == parse_datetime(
        never_ran["nextExecution"]
    ) - timedelta(minutes=never_ran["interval"])
    assert never_ran["lastStartTime"] == "0001-01-01T00:00:00Z"
    one = api_client.get(f"/api/v3/system/task/{health['id']}")
    assert one.json()["taskName"] == "CheckHealth"
    assert api_client.get("/api/v3/system/task/9999").status_code == 404


@pytest.mark.parametrize(
    ("every", "text"),
    [
        (timedelta(hours=6), "every 6 hours"),
        (timedelta(days=1), "every day"),
        (timedelta(minutes=90), "every 90 minutes"),
    ],
)
def test_intervals_read_as_words(every, text):
    assert jobs.Job("X", "x.y", "X", every).interval_text == text


def test_django_admin_lists_commands(admin_client):
    queue_command("CheckHealth")

    response = admin_client.get("/admin/radarr/command/")

    assert response.status_code == 200 and "CheckHealth" in response.content.decode()


def chosen_minutes() -> int:
    return CHOSEN["minutes"]


CHOSEN = {"minutes": 45}


def test_a_job_whose_interval_is_a_setting_follows_it_and_zero_turns_it_off(monkeypatch):
    configurable = jobs.Job(
        "RssSyncTest",
        "x.y",
        "RSS",
        every=timedelta(minutes=30),
        interval_setting=f"{__name__}.chosen_minutes",
    )
    monkeypatch.setattr(jobs, "JOBS", [*jobs.JOBS, configurable])

    sync_schedules()
    assert Schedule.objects.get(name="RssSyncTest").minutes == 45
    CHOSEN["minutes"] = 0
    sync_schedules()

    assert not Schedule.objects.filter(name="RssSyncTest").exists()
    CHOSEN["minutes"] = 45


def test_every_dotted_path_a_composition_root_names_can_be_imported(settings):
    from django.utils.module_loading import import_string

    from radarr.system.health import CHECKS, RECHECKS, SCHEDULED_CHECKS

    paths = [job.function for job in jobs.JOBS] + [job.interval_setting for job in jobs.JOBS]
    paths += CHECKS + SCHEDULED_CHECKS + [path for checks in RECHECKS.values() for path in checks]
    paths += [
        settings.RADARR_MOVIE_FOLDER_NAMER,
        settings.RADARR_AVAILABILITY_DELAY,
        settings.RADARR_LANGUAGES,
        settings.RADARR_RECYCLE_BIN,
        settings.RADARR_PARSE_MOVIE,
    ]
    paths += settings.RADARR_MOVIE_SCAN_HOOKS + settings.RADARR_HEALTH_HOOKS + settings.RADARR_METRICS

    unimportable = []
    for path in filter(None, paths):
        try:
            import_string(path)
        except ImportError:
            unimportable.append(path)

    assert unimportable == []
