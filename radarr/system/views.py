"""System pages: status, tasks (with Run now), logs."""

import shutil
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from radarr.commands import UnknownCommand, queue_command
from radarr.jobs import scheduled_tasks
from radarr.models import Command
from radarr.system.backups import BackupError, create_backup, find_backup, list_backups, restore_backup
from radarr.system.health import current_health
from radarr.system.logfiles import clear_log_files
from radarr.system.logs import is_job_queue_chatter, log_files, recent_entries
from radarr.system.models_backup import BackupSettings
from radarr.system.status import system_status


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    disk = shutil.disk_usage(settings.DATA_DIR)
    context = {"status": system_status(), "issues": current_health(), "disk": disk}
    return render(request, "system/status.html", context)


@require_GET
@vary_on_headers("HX-Request")
def tasks(request: HttpRequest) -> HttpResponse:
    context = {"tasks": scheduled_tasks(), "commands": Command.objects.order_by("-pk")[:20]}
    template = "system/tasks.html#rows" if request.htmx else "system/tasks.html"
    return render(request, template, context)


@require_POST
def run_task(request: HttpRequest, name: str) -> HttpResponse:
    try:
        command = queue_command(name, user_agent=request.headers.get("User-Agent", ""))
    except UnknownCommand as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{command.name} queued.")
    return HttpResponseClientRefresh() if request.htmx else redirect("system-tasks")


@require_GET
def logs(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", "info")
    show_jobs = request.GET.get("jobs") == "1"
    entries = [e for e in reversed(recent_entries(level)) if show_jobs or not is_job_queue_chatter(e)]
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {"page": page, "level": level, "show_jobs": show_jobs, "files": log_files()}
    return render(request, "system/logs.html", context)


@require_GET
def log_file(request: HttpRequest, name: str) -> FileResponse:
    path = next((path for path in log_files() if path.name == name), None)
    if path is None:
        raise Http404("No such log file")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name, content_type="text/plain")


@require_POST
def clear_logs(request: HttpRequest) -> HttpResponse:
    count = clear_log_files()
    messages.success(request, f"Cleared {count} log file(s).")
    return redirect("system-logs")


class BackupSettingsForm(forms.ModelForm):
    class Meta:
        model = BackupSettings
        fields = ["interval_days", "retention_days"]
        labels = {"interval_days": "Interval (days, 1–7)", "retention_days": "Retention (days, 1–90)"}


def backups(request: HttpRequest) -> HttpResponse:
    """System → Backup: the list, Backup now, restore from a file, and the schedule's settings."""
    form = BackupSettingsForm(request.POST or None, instance=BackupSettings.load())
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "backup":
                made = create_backup("manual")
                messages.success(request, f"Backed up to {made.name}.")
            elif action == "settings" and form.is_valid():
                form.save()
                messages.success(request, "Backup schedule saved.")
            elif action == "delete" and (backup := find_backup(int(request.POST.get("id", "0") or 0))):
                backup.path.unlink(missing_ok=True)
                messages.success(request, f"Deleted {backup.name}.")
            elif action in ("restore", "upload"):
                _restore(request, action)
                messages.success(
                    request, "Restored. Restart Radarr now so every process reads the restored database."
                )
            if action != "settings" or form.is_valid():
                return redirect("system-backup")
        except BackupError as error:
            messages.error(request, f"{error}. Nothing was replaced.")
            return redirect("system-backup")
    return render(request, "system/backup.html", {"backups": list_backups(), "form": form})


def _restore(request: HttpRequest, action: str) -> None:
    if action == "restore":
        backup = find_backup(int(request.POST.get("id", "0") or 0))
        if backup is None:
            raise BackupError("That backup no longer exists")
        restore_backup(backup.path)
        return
    upload = request.FILES.get("file")
    if upload is None:
        raise BackupError("Choose a backup zip to upload")
    with tempfile.NamedTemporaryFile(suffix=".zip", dir=settings.DATA_DIR) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        restore_backup(Path(handle.name))


@require_GET
def download_backup(request: HttpRequest, kind: str, name: str) -> FileResponse:
    backup = next((b for b in list_backups() if b.kind == kind and b.name == name), None)
    if backup is None:
        raise Http404("No such backup")
    return FileResponse(backup.path.open("rb"), as_attachment=True, filename=backup.name)
