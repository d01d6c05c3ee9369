"""Running jobs as Radarr's commands: queue, de-duplicate, execute, record the outcome, and settle at
each start what a crashed run left behind."""

import contextvars
import inspect
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.exceptions import TimeoutException
from django_q.models import OrmQ, Schedule
from django_q.tasks import async_task

from radarr.jobs import SCHEDULED_FUNC, Job, find_job
from radarr.models import Command, CommandStatus, CommandTrigger, WorkerRun

logger = logging.getLogger(__name__)

EXECUTE_FUNC = "radarr.commands.execute_command"
INTERRUPTED = "Interrupted by a restart"

_current_command: contextvars.ContextVar[int | None] = contextvars.ContextVar("current_command", default=None)


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
        run_id=Subquery(WorkerRun.objects.order_by("-pk").values("pk")[:1]),
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
        name=job.name, trigger=CommandTrigger.SCHEDULED, run_id=WorkerRun.current_id()
    )
    return execute_command(command.pk)


@dataclass(frozen=True, slots=True)
class Recovery:
    run: WorkerRun
    interrupted: int  # started commands of the previous run, now failed
    requeued: int  # queued commands of the previous run, handed to the worker again


@transaction.atomic
def recover_interrupted_commands() -> Recovery:
    """At each start, before the job worker runs: open a new run and settle what the previous one left.

    Nothing of an earlier run can still be running (serve starts the instance's only job worker), so a
    started command lost its worker: it fails with "Interrupted by a restart", and if the scheduler had
    started it, its task is due again at once (Radarr runs a task whose last run never finished at start;
    django-q2's scheduler looks every 30 seconds). A queued one may have lost its place in the job queue
    (Redis hands a task out when the worker takes it, the ORM broker hides a taken task for `retry`
    seconds): it joins the new run with a fresh task. Three small queries when nothing was left.
    """
    now = timezone.now()
    run = WorkerRun.objects.create(started=now)
    left = list(Command.objects.unfinished().only("pk", "name", "status", "trigger"))
    started = [command for command in left if command.status == CommandStatus.STARTED]
    waiting = [command for command in left if command.status == CommandStatus.QUEUED]
    Command.objects.filter(pk__in=[command.pk for command in started]).update(
        status=CommandStatus.FAILED, message=INTERRUPTED, ended=now, run=run
    )
    Command.objects.filter(pk__in=[command.pk for command in waiting]).update(run=run)
    rerun = {command.name for command in started if command.trigger == CommandTrigger.SCHEDULED}
    rerun |= _release_orm_tasks(now)
    if rerun:
        Schedule.objects.filter(func=SCHEDULED_FUNC, name__in=rerun).update(next_run=now)
    transaction.on_commit(lambda: [_hand_to_worker(command) for command in waiting])
    if left:
        logger.warning("%d command(s) interrupted by a restart, %d re-queued", len(started), len(waiting))
    return Recovery(run, len(started), len(waiting))


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
