"""Running jobs as Radarr's commands: queue, de-duplicate, execute, record the outcome, and settle at
each start what a crashed run left behind."""

import contextvars
import inspect
import logging
import os
import re
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.exceptions import TimeoutException
from django_q.models import OrmQ, Schedule
from django_q.tasks import async_task

from radarr.jobs import SCHEDULED_FUNC, Job, find_job
from radarr.memory import release_memory
from radarr.models import Command, CommandStatus, CommandTrigger, WorkerRun

logger = logging.getLogger(__name__)

EXECUTE_FUNC = "radarr.commands.execute_command"
INTERRUPTED = "Interrupted by a restart"
WORKER_LOST = "Interrupted: the job worker running it stopped"
STOPPED = "Interrupted: Radarr stopped while it ran"

_current_command: contextvars.ContextVar[int | None] = contextvars.ContextVar("current_command", default=None)
_process_run_id: int | None = None  # the job worker's run, in its processes (see use_run)


class UnknownCommand(ValueError):
    pass


def _snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def queue_command(
    name: str,
    body: dict[str, Any] | None = None,
    *,
    trigger: str = CommandTrigger.MANUAL,
    user_agent: str = "",
) -> Command:
    """Record a command and hand it to the job worker after commit.

    An identical command still waiting in the queue is returned instead of a new one: Jellyseerr
    posts RefreshMonitoredDownloads every minute, and Radarr de-duplicates the same way. Only one of
    the current run is joined: one left by a crashed run may have lost its place in the job queue.
    """
    job = find_job(name)
    if job is None:
        raise UnknownCommand(f"Unknown command name '{name}'")
    body = {key: value for key, value in (body or {}).items() if key.lower() != "name"}
    run_id = WorkerRun.current_id()
    waiting = Command.objects.filter(name=job.name, status=CommandStatus.QUEUED, run_id=run_id)
    for command in waiting:
        if command.body == body:
            return command
    command = Command.objects.create(
        name=job.name, body=body, trigger=trigger, client_user_agent=user_agent[:300], run_id=run_id
    )
    transaction.on_commit(lambda: _hand_to_worker(command))
    return command


def _hand_to_worker(command: Command) -> None:
    async_task(EXECUTE_FUNC, command.pk, task_name=command.name)


def _call_job(job: Job, body: dict[str, Any]) -> str:
    """Call the job's function with the body's properties that it names (`movieIds` → `movie_ids`)."""
    function = import_string(job.function)
    parameters = inspect.signature(function).parameters
    arguments = {_snake_case(key): value for key, value in body.items()}
    result = function(**{key: value for key, value in arguments.items() if key in parameters})
    return str(result or "Completed")


def _claim(command_id: int) -> Command | None:
    """Mark a queued command started, in one conditional UPDATE: of two workers handed the same command
    (a re-delivered task, a re-queue after a restart) exactly one gets it. None for the other."""
    claimed = Command.objects.filter(pk=command_id, status=CommandStatus.QUEUED).update(
        status=CommandStatus.STARTED,
        started=timezone.now(),
        run_id=_process_run_id or Subquery(WorkerRun.objects.order_by("-pk").values("pk")[:1]),
    )
    return Command.objects.get(pk=command_id) if claimed else None


def execute_command(command_id: int) -> str:
    """The worker's entry point for one command: mark it started, run it, record how it ended."""
    command = _claim(command_id)
    if command is None:
        found = Command.objects.filter(pk=command_id).values_list("name", "status").first()
        return f"{found[0]} was already {found[1]}" if found else f"Command {command_id} no longer exists"
    job = find_job(command.name)
    token = _current_command.set(command.pk)
    try:
        command.message = _call_job(job, command.body) if job else "Job no longer exists"
        command.status = CommandStatus.COMPLETED if job else CommandStatus.FAILED
    except TimeoutException:
        # django-q2 raises this inside the job at the queue's timeout, then replaces the worker
        minutes = settings.Q_CLUSTER["timeout"] // 60
        _end(command, CommandStatus.FAILED, f"Stopped after running for {minutes} minutes (the job timeout)")
        raise
    except Exception as error:
        logger.exception("Command %s failed", command.name)
        command.status, command.message, command.exception = CommandStatus.FAILED, str(error), repr(error)
    finally:
        _current_command.reset(token)
    _end(command, command.status, command.message)
    release_memory()  # a library-wide job leaves the worker as small as before it (not after a timeout)
    return f"{command.name}: {command.message}"


def _end(command: Command, status: str, message: str) -> None:
    command.status, command.message, command.ended = status, message, timezone.now()
    command.save(update_fields=["status", "message", "exception", "ended"])


def run_scheduled(name: str) -> str:
    """What each django-q2 Schedule calls: one command row, executed here in the worker."""
    job = find_job(name)
    if job is None:
        return f"{name} is no longer a job"
    command = Command.objects.create(
        name=job.name, trigger=CommandTrigger.SCHEDULED, run_id=_process_run_id or WorkerRun.current_id()
    )
    return execute_command(command.pk)


@dataclass(frozen=True, slots=True)
class Recovery:
    run: WorkerRun
    interrupted: int  # started commands of dead runs, now failed
    requeued: int  # queued commands handed to the job workers again


@transaction.atomic
def recover_interrupted_commands(pid: int | None = None) -> Recovery:
    """At each start of a job worker, before it runs: open its run, and settle what dead runs left.

    A restart finds the previous run dead (its process is gone from this machine): what it had started
    fails with "Interrupted by a restart", and if the scheduler had started it, its task is due again at
    once (Radarr runs a task whose last run never finished at start). Its queued commands may have lost
    their place in the job queue (Redis hands a task out when a worker takes it, the ORM broker hides a
    taken task for `retry` seconds): they are handed out again. Other workers that still beat are left
    alone. A few small queries when nothing was left.
    """
    run = WorkerRun.objects.create(host=this_host(), pid=pid)
    interrupted, requeued = settle_dead_runs(run.pk, starting=True)
    if interrupted or requeued:
        logger.warning("%d command(s) interrupted by a restart, %d re-queued", interrupted, requeued)
    return Recovery(run, interrupted, requeued)


@transaction.atomic
def settle_dead_runs(current_id: int, *, starting: bool = False) -> tuple[int, int]:
    """Run by every job worker at its start and at each heartbeat: end the runs that stopped beating.

    What a dead run had started fails (its worker will never finish it) and scheduled ones are due again;
    queued commands are handed out again, since the dead worker may have taken their tasks (a command
    runs once whatever the number of its tasks: see `_claim`). Broker locks are released only when no
    other worker is alive, since a live one's running tasks are locked too. Returns (failed, re-queued).
    """
    now = timezone.now()
    # of two workers settling at once, each takes the runs the other has not locked (PostgreSQL)
    others = list(
        WorkerRun.objects.select_for_update(skip_locked=True)
        .filter(ended__isnull=True)
        .exclude(pk=current_id)
    )
    dead = [run.pk for run in others if not is_alive(run, now)]
    alone = len(dead) == len(others)
    WorkerRun.objects.filter(pk__in=dead).update(ended=now)
    orphaned = Command.objects.filter(status=CommandStatus.STARTED).filter(
        Q(run__isnull=True) | Q(run__ended__isnull=False)
    )
    interrupted, rerun = _interrupt(orphaned, INTERRUPTED if starting else WORKER_LOST, now)
    waiting: list[Command] = []
    if dead or (starting and alone):
        waiting = list(Command.objects.filter(status=CommandStatus.QUEUED).only("pk"))
        Command.objects.filter(pk__in=[command.pk for command in waiting]).update(run=current_id)
        transaction.on_commit(lambda: [_hand_to_worker(command) for command in waiting])
        if alone:
            rerun |= _release_orm_tasks(now)
    _due_now(rerun, now)
    return interrupted, len(waiting)


def _interrupt(started: QuerySet[Command], message: str, now: datetime) -> tuple[int, set[str]]:
    """Fail commands that will never finish; returns how many, and the scheduled jobs among them."""
    left = list(started.only("pk", "name", "trigger"))
    Command.objects.filter(pk__in=[command.pk for command in left]).update(
        status=CommandStatus.FAILED, message=message, ended=now
    )
    return len(left), {command.name for command in left if command.trigger == CommandTrigger.SCHEDULED}


def _due_now(names: set[str], now: datetime) -> None:
    """A scheduled task that never finished runs again on the scheduler's next pass."""
    if names:
        Schedule.objects.filter(func=SCHEDULED_FUNC, name__in=names).update(next_run=now)


@transaction.atomic
def end_run(run_id: int) -> int:
    """A job worker stopping: what it still runs is interrupted (scheduled ones run at the next start),
    its queued commands are handed out again (its queue in memory is lost) and the run ends."""
    now = timezone.now()
    running = Command.objects.filter(status=CommandStatus.STARTED, run_id=run_id)
    interrupted, rerun = _interrupt(running, STOPPED, now)
    _due_now(rerun, now)
    waiting = list(Command.objects.filter(status=CommandStatus.QUEUED).only("pk"))
    transaction.on_commit(lambda: [_hand_to_worker(command) for command in waiting])
    WorkerRun.objects.filter(pk=run_id).update(ended=now)
    return interrupted


def beat(run_id: int) -> bool:
    """Tell the other workers this run is alive; False if one of them found it dead meanwhile (it was
    silent too long: its commands were failed, so it must stop rather than go on beside them)."""
    return WorkerRun.objects.filter(pk=run_id, ended__isnull=True).update(heartbeat=timezone.now()) == 1


def is_alive(run: WorkerRun, now: datetime) -> bool:
    """Beating, and on this machine its process still exists; a run without a host predates beats."""
    stale = timedelta(seconds=settings.RADARR_WORKER_HEARTBEAT_SECONDS * WorkerRun.STALE_BEATS)
    if run.ended is not None or not run.host or run.heartbeat < now - stale:
        return False
    return run.host != this_host() or run.pid is None or _process_exists(run.pid)


def _process_exists(pid: int) -> bool:
    """A zombie counts as gone: killed, it waits only for its parent to read its exit status."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    except OSError:  # no /proc here: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # someone else's process: it exists
            return True
        return True
    return state != "Z"


@cache
def this_host() -> str:
    """This machine and this pid namespace (a container has its own): where a run's pid means something.
    After a reboot or in another container the same name is another host, whose runs must stop beating."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        namespace = boot = ""
    return f"{socket.gethostname()} {namespace} {boot[:8]}".strip()[:200]


def use_run(run_id: int, pid: int | None = None) -> None:
    """The commands this process starts belong to `run_id`, whose worker process is `pid`."""
    global _process_run_id
    _process_run_id = run_id
    if pid is not None:
        WorkerRun.objects.filter(pk=run_id).update(pid=pid)


def _release_orm_tasks(now: datetime) -> set[str]:
    """ORM broker: tasks the dead worker had taken stay locked for `retry` seconds. Those carrying
    commands go (recovery fails or re-queues their commands; a scheduled job's name is returned so its
    schedule runs it again); any other (a notification) is handed out again now rather than much later.
    Redis needs nothing: a taken task has left its list, the others are delivered as usual."""
    if "orm" not in settings.Q_CLUSTER:
        return set()
    taken = list(OrmQ.objects.filter(key=settings.Q_CLUSTER["name"], lock__gt=now))
    ours = [task for task in taken if task.func() in (EXECUTE_FUNC, SCHEDULED_FUNC)]
    OrmQ.objects.filter(pk__in=[task.pk for task in ours]).delete()
    OrmQ.objects.filter(pk__in=[task.pk for task in taken if task not in ours]).update(lock=now)
    return {str(task.args()[0]) for task in ours if task.func() == SCHEDULED_FUNC and task.args()}


def report_progress(message: str) -> None:
    """Long jobs call this so the UI and GET /api/v3/command show where they are."""
    command_id = _current_command.get()
    logger.info(message)
    if command_id is not None:
        Command.objects.filter(pk=command_id).update(message=message)
