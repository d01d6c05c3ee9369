"""The job worker's threads, in this process: they run what the broker holds, enforce the job timeout,
stop gracefully, beat, and start each due scheduled task once however many workers run."""

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Schedule, Success

from radarr import jobs, jobworker
from radarr.commands import STOPPED, queue_command
from radarr.jobworker import JobRunner
from radarr.models import Command, WorkerRun
from tests.radarr.launching import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

RUNS: list[str] = []


def counted_job() -> str:
    RUNS.append("ran")
    return "counted"


def busy_job(seconds: int = 30) -> str:
    """Python work (not one long system call), as a stuck job usually is: the timeout can stop it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.05)
    return "finished"


@pytest.fixture
def extra_jobs(monkeypatch: pytest.MonkeyPatch, settings) -> None:
    RUNS.clear()
    settings.RADARR_WORKER_HEARTBEAT_SECONDS = 1
    extra = [
        jobs.Job("CountedJob", f"{__name__}.counted_job", "Counted"),
        jobs.Job("BusyJob", f"{__name__}.busy_job", "Busy"),
    ]
    monkeypatch.setattr(jobs, "JOBS", [*jobs.JOBS, *extra])


@pytest.fixture
def runners() -> Iterator[list[JobRunner]]:
    started: list[JobRunner] = []
    yield started
    for runner in started:
        runner.request_stop()
        runner.finish()


FOUND_DEAD: list[int] = []


def start_runner(runners: list[JobRunner], threads: int = 1) -> JobRunner:
    """A runner in this process whose "found dead" is recorded: the default would SIGTERM the process,
    here the test run itself."""
    runner = JobRunner.start(threads=threads, on_dead=lambda: FOUND_DEAD.append(runner.run_id))
    runners.append(runner)
    return runner


def ended(command_id: int) -> bool:
    return Command.objects.get(pk=command_id).status not in ("queued", "started")


def test_a_job_thread_runs_a_queued_command_and_saves_its_task(extra_jobs, runners):
    start_runner(runners)

    command = queue_command("CountedJob")

    wait_for(lambda: ended(command.pk), "the command to run", 30)
    assert Command.objects.get(pk=command.pk).status == "completed" and RUNS == ["ran"]
    wait_for(lambda: Success.objects.filter(name="CountedJob").exists(), "django-q2's task record", 10)


def test_a_job_past_its_timeout_is_stopped_and_recorded_failed(extra_jobs, runners, monkeypatch):
    monkeypatch.setattr(Conf, "TIMEOUT", 1)  # seconds; an hour in the settings
    start_runner(runners)

    command = queue_command("BusyJob")

    wait_for(lambda: ended(command.pk), "the timeout to stop the job", 20)
    stopped = Command.objects.get(pk=command.pk)
    assert stopped.status == "failed" and "job timeout" in stopped.message


def test_a_stop_interrupts_a_command_still_running_after_the_grace_time(extra_jobs, runners, monkeypatch):
    monkeypatch.setattr(jobworker, "GRACE_SECONDS", 1)
    runner = start_runner(runners)
    command = queue_command("BusyJob")
    wait_for(lambda: Command.objects.get(pk=command.pk).status == "started", "the command to start", 20)

    runner.request_stop()
    runner.finish()

    interrupted = Command.objects.get(pk=command.pk)
    assert interrupted.status == "failed" and interrupted.message == STOPPED and interrupted.ended
    assert WorkerRun.objects.get(pk=runner.run_id).ended is not None


def test_a_stop_lets_a_short_command_finish(extra_jobs, runners, monkeypatch):
    monkeypatch.setattr(jobworker, "GRACE_SECONDS", 5)
    runner = start_runner(runners)
    command = queue_command("BusyJob", {"seconds": 1})
    wait_for(lambda: Command.objects.get(pk=command.pk).status == "started", "the command to start", 20)

    runner.request_stop()
    runner.finish()

    assert Command.objects.get(pk=command.pk).status == "completed"


def test_a_beat_racing_the_workers_own_stop_is_not_taken_for_being_found_dead(extra_jobs, runners):
    FOUND_DEAD.clear()
    runner = start_runner(runners)
    runner.finish()
    assert WorkerRun.objects.get(pk=runner.run_id).ended is not None and not runner.ticker.is_alive()

    runner.ticker.tick(broker=None)  # a heartbeat that was in flight while the run ended

    assert FOUND_DEAD == []


def test_a_worker_found_dead_by_another_says_so_once(extra_jobs, runners):
    FOUND_DEAD.clear()
    runner = start_runner(runners)
    WorkerRun.objects.filter(pk=runner.run_id).update(ended=timezone.now())  # what another worker does

    wait_for(lambda: [runner.run_id] == FOUND_DEAD, "the runner to learn it was found dead", 10)
    time.sleep(2.5)  # more heartbeats' time: it does not beat (or say so) again
    assert [runner.run_id] == FOUND_DEAD and not runner.ticker.is_alive()


def test_a_worker_beats_while_it_runs(extra_jobs, runners):
    runner = start_runner(runners)
    first = WorkerRun.objects.get(pk=runner.run_id).heartbeat

    wait_for(lambda: WorkerRun.objects.get(pk=runner.run_id).heartbeat > first, "a heartbeat", 10)


def test_two_workers_start_a_due_scheduled_task_once(extra_jobs, runners):
    jobs.sync_schedules()
    Schedule.objects.filter(func=jobs.SCHEDULED_FUNC).update(next_run=timezone.now() + timedelta(days=1))
    Schedule.objects.create(
        name="CountedJob",
        func=jobs.SCHEDULED_FUNC,
        args=repr("CountedJob"),
        schedule_type=Schedule.MINUTES,
        minutes=60,
        repeats=-1,
        next_run=timezone.now(),
    )
    start_runner(runners)
    start_runner(runners)

    wait_for(lambda: Command.objects.filter(name="CountedJob").exists(), "the scheduled task", 20)
    time.sleep(3)  # three more heartbeats of each worker: none may start it again

    assert Command.objects.filter(name="CountedJob", trigger="scheduled").count() == 1
    wait_for(lambda: RUNS == ["ran"], "the task to run", 10)
