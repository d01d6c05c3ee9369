"""v3 endpoints of the system area: discovery, status, health, tasks, commands, logs, backups, config/ui."""

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict

from radarr.api.auth import api_view
from radarr.api.errors import ApiError, NotFound, ValidationFailed
from radarr.api.identity import row_or_404
from radarr.api.paging import paged_list, read_paging
from radarr.api.responses import json_response, read_json_object
from radarr.commands import queue_command
from radarr.hostconfig import host_config_resource, save_host_config
from radarr.jobs import find_job, scheduled_tasks
from radarr.models import Command, UiConfig
from radarr.system.backups import BackupError, BackupFile, find_backup, list_backups, restore_backup
from radarr.system.commandinput import command_body_failures
from radarr.system.filesystem import entity_type, folder_listing
from radarr.system.health import current_health
from radarr.system.lifecycle import request_restart, request_shutdown
from radarr.system.localization import LANGUAGE_IDENTIFIER, localization_resource
from radarr.system.logs import log_files, recent_entries
from radarr.system.resources import command_resource, health_resource, log_resource, task_resource
from radarr.system.status import system_status
from radarr.system.uiconfig import save_ui_config, ui_config_resource
from radarr.system.updates import update_resources


@api_view("GET")
def api_discovery(request: HttpRequest) -> HttpResponse:
    """pyarr 6 reads `current` to build its base path."""
    return json_response({"current": "v3", "deprecated": []})


@api_view("GET")
def status(request: HttpRequest) -> HttpResponse:
    return json_response(system_status())


@api_view("GET")
def health(request: HttpRequest) -> HttpResponse:
    issues = current_health()
    return json_response([health_resource(issue, index) for index, issue in enumerate(issues, start=1)])


@api_view("GET")
def task_collection(request: HttpRequest) -> HttpResponse:
    return json_response([task_resource(task) for task in scheduled_tasks()])


@api_view("GET")
def task_item(request: HttpRequest, id: int) -> HttpResponse:
    task = next((task for task in scheduled_tasks() if task.id == id), None)
    if task is None:
        raise NotFound("Task", id)
    return json_response(task_resource(task))


@api_view("GET", "POST")
def command_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        body = read_json_object(request)
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise ApiError(400, "Command name is required", 'Send {"name": "<command>"}')
        job = find_job(name)
        if job is None:
            raise ApiError(
                400,
                f"Unknown command name '{name}'",
                "See GET /api/v3/system/task for the commands this server runs",
            )
        if failures := command_body_failures(job, body):
            raise ValidationFailed(failures)
        user_agent = request.headers.get("User-Agent", "").replace("\x00", "")
        command = queue_command(job.name, dict(body), user_agent=user_agent)
        return json_response(command_resource(command), status=201)
    return json_response([command_resource(command) for command in Command.objects.recent()])


@api_view("GET", "DELETE")
def command_item(request: HttpRequest, id: int) -> HttpResponse:
    command = row_or_404(Command.objects.all(), "Command", id)
    if request.method == "DELETE":  # Radarr cancels a command that has not started yet
        Command.objects.filter(pk=id, status="queued").update(status="cancelled")
        return HttpResponse(status=200)
    return json_response(command_resource(command))


@api_view("GET")
def log_collection(request: HttpRequest) -> HttpResponse:
    paging = read_paging(request.query, ["id", "time"], "id", "ascending")
    entries = recent_entries(request.query.get("level", "info").lower())
    if paging.sort_direction == "descending":
        entries.reverse()
    return json_response(paged_list(entries, paging, log_resource))


@api_view("GET")
def log_file_collection(request: HttpRequest) -> HttpResponse:
    files = [
        {
            "id": index,
            "filename": path.name,
            "lastWriteTime": datetime.fromtimestamp(path.stat().st_mtime, tz=UTC),
            "contentsUrl": f"{settings.URL_BASE}/api/v3/log/file/{path.name}",
            "downloadUrl": f"{settings.URL_BASE}/api/v3/log/file/{path.name}",
        }
        for index, path in enumerate(log_files(), start=1)
    ]
    return json_response(files)


@api_view("GET")
def log_file_contents(request: HttpRequest, filename: str) -> HttpResponse:
    path = next((path for path in log_files() if path.name == filename), None)
    if path is None:
        raise NotFound("Log file", filename)
    return HttpResponse(path.read_bytes(), content_type="text/plain; charset=utf-8")


@api_view("GET")
def update_log_file_collection(request: HttpRequest) -> HttpResponse:
    """Radarr's updater writes its own logs; updates happen outside the app here, so there are none."""
    return json_response([])


@api_view("GET")
def update_log_file_contents(request: HttpRequest, filename: str) -> HttpResponse:
    raise NotFound("Update log file", filename)


@api_view("GET")
def updates(request: HttpRequest) -> HttpResponse:
    return json_response(update_resources())


@api_view("GET")
def localization(request: HttpRequest) -> HttpResponse:
    return json_response(localization_resource())


@api_view("GET")
def localization_language(request: HttpRequest) -> HttpResponse:
    return json_response({"identifier": LANGUAGE_IDENTIFIER})


@api_view("GET")
def routes(request: HttpRequest) -> HttpResponse:
    """Every route and the methods it answers, one per line (Radarr writes its endpoint graph as text)."""
    from radarr.api.openapi import openapi_document  # the document lists every route's methods

    lines = [
        f"{method.upper()} {settings.URL_BASE}{path}"
        for path, operations in openapi_document()["paths"].items()
        for method in operations
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@api_view("GET")
def duplicate_routes(request: HttpRequest) -> HttpResponse:
    """Routes two views answer alike; Django resolves the first pattern, and a test keeps them unique."""
    return json_response([])


@api_view("POST")
def shutdown(request: HttpRequest) -> HttpResponse:
    """Radarr answers at once and stops; the launcher lets this answer finish before the web stops."""
    request_shutdown()
    return json_response({"shuttingDown": True})


@api_view("POST")
def restart(request: HttpRequest) -> HttpResponse:
    request_restart()
    return json_response({"restarting": True})


@api_view("GET")
def filesystem(request: HttpRequest) -> HttpResponse:
    query = request.query  # type: ignore[attr-defined]
    listing = folder_listing(
        query.get("path") or "",
        include_files=query.get_bool("includeFiles"),
        allow_without_slash=query.get_bool("allowFoldersWithoutTrailingSlashes"),
    )
    return json_response(listing)


@api_view("GET")
def filesystem_type(request: HttpRequest) -> HttpResponse:
    return json_response({"type": entity_type(request.query.get("path") or "")})  # type: ignore[attr-defined]


def backup_resource(backup: BackupFile) -> dict:
    return {
        "id": backup.id,
        "name": backup.name,
        "path": f"/backup/{backup.kind}/{backup.name}",
        "type": backup.kind,
        "size": backup.size,
        "time": backup.time,
    }


@api_view("GET")
def backup_collection(request: HttpRequest) -> HttpResponse:
    return json_response([backup_resource(backup) for backup in list_backups()])


@api_view("DELETE")
def backup_item(request: HttpRequest, id: int) -> HttpResponse:
    backup = find_backup(id)
    if backup is None:
        raise NotFound("Backup", id)
    backup.path.unlink(missing_ok=True)
    return HttpResponse(status=200)


def _restored(path: Path) -> HttpResponse:
    try:
        restore_backup(path)
    except BackupError as error:
        raise ApiError(400, str(error), "Nothing was replaced") from None
    return json_response({"RestartRequired": True})


@api_view("POST")
def backup_restore(request: HttpRequest, id: int) -> HttpResponse:
    backup = find_backup(id)
    if backup is None:
        raise NotFound("Backup", id)
    return _restored(backup.path)


def _uploaded_files(request: HttpRequest) -> MultiValueDict:
    """The multipart body's files; a body Django cannot parse as multipart is the client's error."""
    try:
        return request.FILES
    except MultiPartParserError as error:  # e.g. multipart/form-data without a boundary
        raise ApiError(400, "The upload is not valid multipart/form-data", str(error)) from None
    except RequestDataTooBig:
        raise ApiError(413, "Request body is too large") from None
    except SuspiciousOperation as error:  # too many fields or files
        raise ApiError(400, "The upload is not acceptable", str(error)) from None


@api_view("POST")
def backup_restore_upload(request: HttpRequest) -> HttpResponse:
    upload = next(iter(_uploaded_files(request).values()), None)
    if upload is None:
        raise ApiError(400, "No file uploaded", "Send the backup zip as multipart/form-data")
    with tempfile.NamedTemporaryFile(suffix=".zip", dir=settings.DATA_DIR) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return _restored(Path(handle.name))


@api_view("GET", "PUT")
def ui_config(request: HttpRequest, id: str | None = None) -> HttpResponse:
    """config/ui and config/ui/{id}: one object (id 1); PUT with or without the id, as pyarr sends it."""
    if request.method == "PUT":
        config = save_ui_config(read_json_object(request))
        return json_response(ui_config_resource(config), status=202)
    return json_response(ui_config_resource(UiConfig.load()))


@api_view("GET", "PUT")
def host_config(request: HttpRequest, id: str | None = None) -> HttpResponse:
    """config/host and config/host/{id}: Settings → General (id 1); a PUT answers 202 as Radarr's."""
    if request.method == "PUT":
        return json_response(save_host_config(read_json_object(request)), status=202)
    return json_response(host_config_resource())


@api_view("GET", "POST", "PUT", "DELETE", "PATCH")
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise ApiError(404, "NotFound", f"No API route matches {request.path}")
