"""Commands survive a crash: each start settles what a killed run left, and a command runs only once."""

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.brokers import get_broker
from django_q.models import Schedule
from django_q.signing import SignedPackage
from django_q.tasks import async_task
from django_q.timeout import TimeoutHandler

from radarr import jobs
from radarr.commands import (
    STOPPED,
    WORKER_LOST,
    beat,
    end_run,
    execute_command,
    queue_command,
    recover_interrupted_commands,
    settle_dead_runs,
    this_host,
)
from radarr.models import Command, WorkerRun
from tests.indexers.searchsupport import serve_newznab
from tests.radarr.launching import (
    REDIS_URL,
    HeldIndexer,
    Instance,
    add_indexer,
    prepared_instance,
    redis_answers,
    wait_for,
)

pytestmark = pytest.mark.django_db

RUNS: list[str] = []  # one entry per run of counted_job, from any thread


def counted_job() -> str:
    RUNS.append(threading.current_thread().name)
    return "counted"


def slow_job() -> str:
    time.sleep(5)  # far past the one-second timeout the test gives it
    return "finished"


@pytest.fixture
def extra_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Jobs that exist only in these tests, added to the one registry as a real job would be."""
    RUNS.clear()
    extra = [
        jobs.Job("CountedJob", f"{__name__}.counted_job", "Counted"),
        jobs.Job("SlowJob", f"{__name__}.slow_job", "Slow"),
    ]
    monkeypatch.setattr(jobs, "JOBS", [*jobs.JOBS, *extra])


@pytest.fixture
def orm_broker() -> None:
    if "orm" not in settings.Q_CLUSTER:
        pytest.skip("the test settings use the Redis broker; these tests read the ORM broker's table")


def take_tasks() -> list[tuple[Any, dict]]:
    """What a job worker's pusher does: take every task the broker hands out now (locking it)."""
    broker, taken = get_broker(), []
    while broker.queue_size():
        taken += [(ack, SignedPackage.loads(payload)) for ack, payload in broker.dequeue() or []]
    return taken


def work_through_queue() -> list[str]:
    """Be the job worker for one pass: take each task handed out now, run it, acknowledge it."""
    broker, results = get_broker(), []
    for ack, task in take_tasks():
        results.append(str(import_string(task["func"])(*task["args"])))
        broker.acknowledge(ack)
    return results


@pytest.fixture
def crashed_run(orm_broker: None, extra_jobs: None, django_capture_on_commit_callbacks: Callable) -> dict:
    """A run killed mid-work: one command started (its task taken), one queued whose task the dead
    worker had also taken (locked for `retry`), one queued still waiting in the broker."""
    WorkerRun.objects.create()
    with django_capture_on_commit_callbacks(execute=True):
        running = queue_command("CountedJob", {"n": 1})
        taken = queue_command("CountedJob", {"n": 2})
    take_tasks()  # the dead cluster's pusher took both tasks
    Command.objects.filter(pk=running.pk).update(status="started", started=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        waiting = queue_command("CountedJob", {"n": 3})
    return {"running": running, "taken": taken, "waiting": waiting}


def test_a_start_fails_the_commands_a_killed_run_had_started(crashed_run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recover_interrupted_commands()

    running = Command.objects.get(pk=crashed_run["running"].pk)
    assert running.status == "failed" and running.message == "Interrupted by a restart"
    assert running.ended is not None
    assert not Command.objects.filter(status="started").exists()


def test_queued_commands_of_a_killed_run_run_at_once_and_only_once(
    crashed_run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recover_interrupted_commands()

    work_through_queue()  # the new worker, right after the start

    statuses = dict(Command.objects.values_list("pk", "status"))
    assert statuses[crashed_run["taken"].pk] == "completed"  # not hidden for the broker's retry lock
    assert statuses[crashed_run["waiting"].pk] == "completed"
    assert len(RUNS) == 2  # the interrupted one is not run again; each queued one exactly once


def test_the_dead_runs_taken_command_tasks_are_dropped_and_other_tasks_handed_out_again(
    orm_broker, extra_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        command = queue_command("CountedJob")
    async_task("math.floor", 2.5, task_name="SomeNotification")
    take_tasks()  # both locked by the worker that then died

    with django_capture_on_commit_callbacks(execute=True):
        recover_interrupted_commands()

    handed_out = [task for _, task in take_tasks()]
    assert sorted(task["func"] for task in handed_out) == ["math.floor", "radarr.commands.execute_command"]
    assert [task["args"] for task in handed_out if task["func"].startswith("radarr")] == [(command.pk,)]


def test_a_scheduled_task_interrupted_by_a_restart_is_due_again_at_once():
    jobs.sync_schedules()
    later = timezone.now() + timedelta(minutes=29)
    Schedule.objects.filter(name__in=["RssSync", "Housekeeping"]).update(next_run=later)
    Command.objects.create(name="RssSync", trigger="scheduled", status="started", started=timezone.now())

    recover_interrupted_commands()

    next_runs = dict(Schedule.objects.values_list("name", "next_run"))
    assert next_runs["RssSync"] <= timezone.now()  # django-q2's scheduler runs it on its next pass
    assert next_runs["Housekeeping"] == later


def test_an_identical_request_does_not_join_a_queued_command_of_a_dead_run():
    WorkerRun.objects.create()
    left = queue_command("Housekeeping")  # its task died with that run's worker
    WorkerRun.objects.create()

    again = queue_command("Housekeeping")
    joined = queue_command("Housekeeping")

    assert again.pk != left.pk
    assert joined.pk == again.pk  # commands of the live run are still joined


@pytest.mark.django_db(transaction=True)
def test_two_workers_handed_the_same_command_start_it_once(extra_jobs):
    command = queue_command("CountedJob")
    # Both workers read the command before either writes: the moment a check-then-save would let
    # both through. Each pauses before its first write until the other reaches its own.
    both_read = threading.Barrier(2, timeout=5)
    local = threading.local()
    results: list[str] = []

    def pause_before_first_write(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not getattr(local, "wrote", False) and sql.lstrip().upper().startswith(("UPDATE", "INSERT")):
            local.wrote = True
            both_read.wait()
        return execute(sql, params, many, context)

    def worker() -> None:
        try:
            with connection.execute_wrapper(pause_before_first_write):
                results.append(execute_command(command.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, name=f"worker-{n}") for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)

    assert len(RUNS) == 1
    assert len(results) == 2 and sum("was already" in result for result in results) == 1
    assert Command.objects.get(pk=command.pk).status == "completed"


def test_a_command_stopped_at_the_job_timeout_is_recorded_failed(extra_jobs):
    command = queue_command("SlowJob")

    with pytest.raises(SystemExit), TimeoutHandler(1):  # what django-q2's worker wraps each task in
        execute_command(command.pk)

    command.refresh_from_db()
    assert command.status == "failed" and "timeout" in command.message and command.ended


def test_a_cancelled_command_does_not_stay_in_the_command_list(api_client):
    command = queue_command("Housekeeping")
    api_client.delete(f"/api/v3/command/{command.pk}")

    listed = api_client.get("/api/v3/command").json()

    assert command.pk not in [item["id"] for item in listed]


OTHER_MACHINE = "another-machine pid:[4026531836] 0a1b2c3d"


def live_run_elsewhere(**fields: Any) -> WorkerRun:
    """A job worker on another machine that beats as it should."""
    return WorkerRun.objects.create(host=OTHER_MACHINE, pid=4321, **fields)


def started_command(run: WorkerRun | None, name: str = "Housekeeping", **fields: Any) -> Command:
    return Command.objects.create(name=name, status="started", started=timezone.now(), run=run, **fields)


def test_a_start_leaves_alone_what_another_live_worker_is_running():
    other = live_run_elsewhere()
    running = started_command(other)

    recover_interrupted_commands()

    running.refresh_from_db()
    assert running.status == "started" and running.ended is None
    assert WorkerRun.objects.get(pk=other.pk).ended is None


def test_a_worker_silent_for_six_heartbeats_is_settled_by_another(
    settings, django_capture_on_commit_callbacks
):
    silent_for = timedelta(seconds=settings.RADARR_WORKER_HEARTBEAT_SECONDS * 6 + 1)
    dead = live_run_elsewhere(heartbeat=timezone.now() - silent_for)
    alive = live_run_elsewhere()
    lost = started_command(dead, "RssSync", trigger="scheduled")
    kept = started_command(alive)
    jobs.sync_schedules()
    Schedule.objects.filter(name="RssSync").update(next_run=timezone.now() + timedelta(minutes=29))
    me = WorkerRun.objects.create(host=this_host(), pid=os.getpid())

    with django_capture_on_commit_callbacks(execute=True):
        failed, _ = settle_dead_runs(me.pk)

    lost.refresh_from_db()
    kept.refresh_from_db()
    assert failed == 1 and lost.status == "failed" and lost.message == WORKER_LOST and lost.ended
    assert kept.status == "started"
    assert WorkerRun.objects.get(pk=dead.pk).ended is not None
    assert Schedule.objects.get(name="RssSync").next_run <= timezone.now()  # due again


def test_a_run_of_this_machine_whose_process_is_gone_is_dead_at_once():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    run = WorkerRun.objects.create(host=this_host(), pid=gone.pid)  # beat just now
    running = started_command(run)
    me = WorkerRun.objects.create(host=this_host(), pid=os.getpid())

    settle_dead_runs(me.pk)

    running.refresh_from_db()
    assert running.status == "failed"


def test_a_dead_workers_queued_commands_are_handed_out_again(
    orm_broker, extra_jobs, settings, django_capture_on_commit_callbacks
):
    silent_for = timedelta(seconds=settings.RADARR_WORKER_HEARTBEAT_SECONDS * 6 + 1)
    dead = live_run_elsewhere()
    command = Command.objects.create(name="CountedJob", run=dead)  # its task died with that worker
    WorkerRun.objects.filter(pk=dead.pk).update(heartbeat=timezone.now() - silent_for)
    me = WorkerRun.objects.create(host=this_host(), pid=os.getpid())

    with django_capture_on_commit_callbacks(execute=True):  # a heartbeat's tasks are queued at commit
        settle_dead_runs(me.pk)
    work_through_queue()

    assert Command.objects.get(pk=command.pk).status == "completed"


def test_broker_locks_stay_while_another_worker_is_alive(
    orm_broker, extra_jobs, django_capture_on_commit_callbacks
):
    live_run_elsewhere()
    async_task("math.floor", 2.5, task_name="SomeNotification")
    take_tasks()  # a live worker elsewhere took it and is running it

    with django_capture_on_commit_callbacks(execute=True):
        recover_interrupted_commands()

    assert take_tasks() == []  # not handed out a second time


def test_a_worker_found_dead_by_another_is_told_so_at_its_next_beat():
    run = WorkerRun.objects.create(host=this_host(), pid=os.getpid())
    alive = beat(run.pk)
    WorkerRun.objects.filter(pk=run.pk).update(ended=timezone.now())  # another worker settled it

    assert alive and not beat(run.pk)


def test_a_stopping_worker_interrupts_what_it_runs_and_hands_back_what_waits(
    orm_broker, extra_jobs, django_capture_on_commit_callbacks
):
    run = WorkerRun.objects.create(host=this_host(), pid=os.getpid())
    other = live_run_elsewhere()
    mine = started_command(run, "RssSync", trigger="scheduled")
    theirs = started_command(other)
    waiting = Command.objects.create(name="CountedJob", run=run)
    jobs.sync_schedules()
    Schedule.objects.filter(name="RssSync").update(next_run=timezone.now() + timedelta(minutes=29))

    with django_capture_on_commit_callbacks(execute=True):
        interrupted = end_run(run.pk)
    work_through_queue()

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert interrupted == 1 and mine.status == "failed" and mine.message == STOPPED
    assert theirs.status == "started"
    assert Command.objects.get(pk=waiting.pk).status == "completed"  # another worker ran it
    assert Schedule.objects.get(name="RssSync").next_run <= timezone.now()
    assert WorkerRun.objects.get(pk=run.pk).ended is not None


@pytest.fixture
def held_indexer() -> Iterator[HeldIndexer]:
    server = HeldIndexer().start()
    serve_newznab(server, [])
    yield server
    server.released.set()
    server.stop()


def instance_key(instance: Instance) -> str:
    secret = json.loads((instance.data_dir / "config.json").read_text())["secret_key"]
    return "radarr-" + hashlib.sha256(secret.encode()).hexdigest()[:10]


@pytest.mark.sqlite_pass
@pytest.mark.parametrize("broker", ["orm", "redis"])
def test_after_kill_9_mid_rss_sync_a_restart_leaves_nothing_stuck(tmp_path, held_indexer, broker):
    if broker == "redis" and not redis_answers():
        pytest.skip(f"no Redis answers at {REDIS_URL} (TEST_REDIS_URL; RADARR_REDIS_URL is optional)")
    # one job thread: a second command then waits in the queue while the first is held
    settings = {"RADARR_JOB_WORKERS": "1"} | ({"RADARR_REDIS_URL": REDIS_URL} if broker == "redis" else {})
    instance = prepared_instance(tmp_path, **settings)
    try:
        instance.start()
        add_indexer(instance, held_indexer)
        interrupted = instance.post_command("RssSync")
        wait_for(held_indexer.holding.is_set, "the RSS sync to ask the indexer for its feed")
        waiting = instance.post_command("Housekeeping")
        assert instance.command(interrupted)["status"] == "started"
        assert instance.command(waiting)["status"] == "queued"

        instance.kill()
        held_indexer.released.set()  # the indexer answers from now on
        instance.start()

        old = instance.command(interrupted)
        assert old["status"] == "failed" and old["message"] == "Interrupted by a restart" and old["ended"]
        assert instance.wait_until_ended(waiting)["status"] == "completed"
        again = instance.post_command("RssSync")
        assert again != interrupted
        assert instance.wait_until_ended(again)["status"] == "completed"
        listed = instance.session.get(f"{instance.base}/api/v3/command", timeout=10).json()
        assert [item["id"] for item in listed if item["status"] in ("queued", "started")] == []
    finally:
        instance.cleanup()
        if broker == "redis":
            connection = redis.Redis.from_url(REDIS_URL)
            keys = connection.keys(f"*{instance_key(instance)}*")
            if keys:
                connection.delete(*keys)
