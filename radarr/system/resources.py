"""System rows in Radarr's v3 shapes."""

from datetime import UTC, datetime, timedelta
from typing import Any

from radarr.api.responses import timespan
from radarr.jobs import ScheduledTask, find_job
from radarr.models import Command
from radarr.system.health import HealthIssue
from radarr.system.logs import LogEntry

NEVER = datetime(1, 1, 1, tzinfo=UTC)


def command_resource(command: Command) -> dict[str, Any]:
    job = find_job(command.name)
    body = {
        **command.body,
        "name": command.name,
        "trigger": command.trigger,
        "sendUpdatesToClient": True,
        "updateScheduledTask": command.trigger == "scheduled",
        "requiresDiskAccess": False,
        "isExclusive": False,
        "isTypeExclusive": False,
        "isLongRunning": False,
        "suppressMessages": False,
        "lastExecutionTime": command.ended,
        "lastStartTime": command.started,
        "clientUserAgent": command.client_user_agent or None,
        "completionMessage": "Completed",  # Radarr's default; the outcome is the command's `message`
    }
    result = {"completed": "successful", "failed": "unsuccessful"}.get(command.status, "unknown")
    return {
        "id": command.pk,
        "name": command.name,
        "commandName": job.title if job else command.name,
        "message": command.message or None,
        "body": body,
        "priority": "normal",
        "status": command.status,
        "result": result,
        "queued": command.queued,
        "started": command.started,
        "ended": command.ended,
        "duration": timespan(command.duration),
        "exception": command.exception or None,
        "trigger": command.trigger,
        "clientUserAgent": command.client_user_agent or None,
        "stateChangeTime": command.ended or command.started or command.queued,
        "sendUpdatesToClient": True,
        "updateScheduledTask": command.trigger == "scheduled",
        "lastExecutionTime": command.ended,
    }


def _registered(task: ScheduledTask) -> datetime:
    """A task that never ran: Radarr counts its next run from when it was registered, which it shows as
    the last execution (and .NET's DateTime.MinValue as the last start)."""
    return task.next_run - timedelta(minutes=task.minutes) if task.next_run else NEVER


def task_resource(task: ScheduledTask) -> dict[str, Any]:
    return {
        "id": task.id,
        "name": task.job.title,
        "taskName": task.job.name,
        "interval": task.minutes,
        "lastExecution": task.last_ended or _registered(task),
        "lastStartTime": task.last_started or NEVER,
        "nextExecution": task.next_run,
        "lastDuration": timespan(task.last_duration) or "00:00:00",
    }


def health_resource(issue: HealthIssue, index: int) -> dict[str, Any]:
    return {
        "id": index,
        "source": issue.source,
        "type": issue.level,
        "message": issue.message,
        "wikiUrl": issue.wiki_url or None,
    }


def _exception_type(traceback: str) -> str | None:
    """`ValueError` from a traceback's last line (`ValueError: bad value`)."""
    last = traceback.strip().rsplit("\n", 1)[-1]
    name = last.split(":", 1)[0].strip()
    return name if name and " " not in name else None


def log_resource(entry: LogEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "time": entry.time,
        "exception": entry.exception or None,
        "exceptionType": _exception_type(entry.exception) if entry.exception else None,
        "level": entry.level,
        "logger": entry.logger,
        "message": entry.message,
        "method": "",  # our log lines name the logger, not the calling method
    }
