"""Commands survive a crash: each start settles what a killed run left, and a command runs only once."""

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
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
from radarr.commands import execute_command, queue_command, recover_interrupted_commands
from radarr.models import Command, WorkerRun
from tests.fakeserver import FakeServer, Route
from tests.indexers.searchsupport import serve_newznab
from tests.radarr.launching import REDIS_URL, Instance, redis_answers, wait_for

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


class HeldIndexer(FakeServer):
    """A Newznab indexer whose feed answers only once released, so an RSS sync stays mid-run."""

    def __init__(self) -> None:
        super().__init__()
        self._server.handle_error = lambda request, address: None  # the killed server hung up on us
        self.holding = threading.Event()  # a feed request has arrived and is being held
        self.released = threading.Event()

    def _find(self, method: str, path: str, query: dict[str, list[str]]) -> Route | None:
        if path == "/api" and query.get("t", [""])[-1] != "caps":
            self.holding.set()
            self.released.wait(timeout=120)
        return super()._find(method, path, query)


@pytest.fixture
def held_indexer() -> Iterator[HeldIndexer]:
    server = HeldIndexer().start()
    serve_newznab(server, [])
    yield server
    server.released.set()
    server.stop()


def add_indexer(instance: Instance, indexer: FakeServer) -> None:
    session, base = instance.session, instance.base
    schema = session.get(f"{base}/api/v3/indexer/schema", timeout=10).json()
    template = next(item for item in schema if item["implementation"] == "Newznab")
    values = {"baseUrl": indexer.url, "apiPath": "/api", "apiKey": "k" * 32, "categories": [2000]}
    fields = [{"name": f["name"], "value": values.get(f["name"], f.get("value"))} for f in template["fields"]]
    body = {**template, "name": "Held", "enableRss": True, "priority": 25, "fields": fields, "tags": []}
    response = session.post(f"{base}/api/v3/indexer?forceSave=true", json=body, timeout=10)
    assert response.status_code == 201, response.text


def prepared_instance(data_dir: Path, **settings: str) -> Instance:
    """An instance started once (its first start runs every periodic task) and stopped, its periodic
    tasks then pushed a day out: only the commands a test sends run."""
    instance = Instance(data_dir, **settings)
    instance.start()
    assert instance.stop() == 0
    with sqlite3.connect(data_dir / "radarr.db") as database:
        database.execute("UPDATE django_q_schedule SET next_run = datetime('now', '+1 day')")
    return instance


def instance_key(instance: Instance) -> str:
    secret = json.loads((instance.data_dir / "config.json").read_text())["secret_key"]
    return "radarr-" + hashlib.sha256(secret.encode()).hexdigest()[:10]


@pytest.mark.sqlite_pass
@pytest.mark.parametrize("broker", ["orm", "redis"])
def test_after_kill_9_mid_rss_sync_a_restart_leaves_nothing_stuck(tmp_path, held_indexer, broker):
    if broker == "redis" and not redis_answers():
        pytest.skip("no Redis answers on 127.0.0.1:6379 (RADARR_REDIS_URL is optional)")
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
