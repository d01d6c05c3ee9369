"""Running jobs as Radarr's commands: queue, de-duplicate, execute, record the outcome."""

import contextvars
import inspect
import logging
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.tasks import async_task

from radarr.jobs import Job, find_job
from radarr.models import Command, CommandStatus, CommandTrigger

logger = logging.getLogger(__name__)

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
    posts RefreshMonitoredDownloads every minute, and Radarr de-duplicates the same way.
    """
    job = find_job(name)
    if job is None:
        raise UnknownCommand(f"Unknown command name '{name}'")
    body = {key: value for key, value in (body or {}).items() if key.lower() != "name"}
    waiting = Command.objects.filter(name=job.name, status=CommandStatus.QUEUED)
    for command in waiting:
        if command.body == body:
            return command
    command = Command.objects.create(
        name=job.name, body=body, trigger=trigger, client_user_agent=user_agent[:300]
    )
    transaction.on_commit(
        lambda: async_task("radarr.commands.execute_command", command.pk, task_name=job.name)
    )
    return command


def _call_job(job: Job, body: dict[str, Any]) -> str:
    """Call the job's function with the body's properties that it names (`movieIds` → `movie_ids`)."""
    function = import_string(job.function)
    parameters = inspect.signature(function).parameters
    arguments = {_snake_case(key): value for key, value in body.items()}
    result = function(**{key: value for key, value in arguments.items() if key in parameters})
    return str(result or "Completed")


def execute_command(command_id: int) -> str:
    """The worker's entry point for one command: mark it started, run it, record how it ended."""
    command = Command.objects.get(pk=command_id)
    if command.status != CommandStatus.QUEUED:
        return f"{command.name} was already {command.status}"
    job = find_job(command.name)
    command.status, command.started = CommandStatus.STARTED, timezone.now()
    command.save(update_fields=["status", "started"])
    token = _current_command.set(command.pk)
    try:
        command.message = _call_job(job, command.body) if job else "Job no longer exists"
        command.status = CommandStatus.COMPLETED if job else CommandStatus.FAILED
    except Exception as error:
        logger.exception("Command %s failed", command.name)
        command.status, command.message, command.exception = CommandStatus.FAILED, str(error), repr(error)
    finally:
        _current_command.reset(token)
    command.ended = timezone.now()
    command.save(update_fields=["status", "message", "exception", "ended"])
    return f"{command.name}: {command.message}"


def run_scheduled(name: str) -> str:
    """What each django-q2 Schedule calls: one command row, executed here in the worker."""
    job = find_job(name)
    if job is None:
        return f"{name} is no longer a job"
    command = Command.objects.create(name=job.name, trigger=CommandTrigger.SCHEDULED)
    return execute_command(command.pk)


def report_progress(message: str) -> None:
    """Long jobs call this so the UI and GET /api/v3/command show where they are."""
    command_id = _current_command.get()
    logger.info(message)
    if command_id is not None:
        Command.objects.filter(pk=command_id).update(message=message)
