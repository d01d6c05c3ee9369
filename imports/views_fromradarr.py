"""Settings → Migrate from Radarr: the form that starts a move-in (as the ImportRadarr command), its
progress while it runs, and its report as a page and as JSON."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from imports.fromradarr.report import ImportReport
from imports.models import RadarrImport
from radarr.commands import queue_command
from radarr.models import Command

RUNNING = ("queued", "running")


def _command_unfinished() -> bool:
    """Whether an ImportRadarr command is queued or running: a run whose worker died is failed by the
    command recovery, while its RadarrImport row would still say running."""
    return Command.objects.unfinished().filter(name="ImportRadarr").exists()


def _form_errors(url: str, api_key: str) -> list[str]:
    errors = []
    if not url.startswith(("http://", "https://")):
        errors.append("The address must start with http:// or https:// (e.g. http://radarr:7878).")
    if not api_key:
        errors.append("The API key is needed: Radarr shows it in Settings → General.")
    if _command_unfinished():
        errors.append("A move-in is already running: wait for it to end.")
    return errors


@require_http_methods(["GET", "POST"])
def migrate(request: HttpRequest) -> HttpResponse:
    """The form, and the move-ins so far (command-line runs too)."""
    form = {"url": "", "dry_run": True}
    status = 200
    if request.method == "POST":
        url, api_key = request.POST.get("url", "").strip(), request.POST.get("api_key", "").strip()
        form = {"url": url, "dry_run": "dry_run" in request.POST}
        errors = _form_errors(url, api_key)
        if not errors:
            run = RadarrImport.objects.create(url=url, api_key=api_key, dry_run=form["dry_run"])
            queue_command("ImportRadarr", {"importId": run.pk})
            return redirect("imports:migrate-run", pk=run.pk)
        for error in errors:
            messages.error(request, error)
        status = 400
    runs = RadarrImport.objects.only("pk", "url", "dry_run", "status", "progress", "created", "ended")[:20]
    return render(request, "imports/migrate.html", {"form": form, "runs": runs}, status=status)


@require_GET
@vary_on_headers("HX-Request")
def migrate_run(request: HttpRequest, pk: int) -> HttpResponse:
    """One move-in: its progress while it runs (the fragment polls itself while the run goes on, and
    the fragment drawn once it ended carries the report and no poll), then its report."""
    run = get_object_or_404(RadarrImport, pk=pk)
    template = "imports/migrate_run.html#status" if request.htmx else "imports/migrate_run.html"
    return render(request, template, _run_context(run))


def _run_context(run: RadarrImport) -> dict:
    report = ImportReport.from_json(run.report) if run.report else None
    running = run.status in RUNNING and _command_unfinished()
    status = "interrupted" if run.status in RUNNING and not running else run.status
    return {"run": run, "report": report, "running": running, "status": status}


@require_GET
def migrate_report_json(request: HttpRequest, pk: int) -> JsonResponse:
    run = get_object_or_404(RadarrImport, pk=pk)
    return JsonResponse({"id": run.pk, "status": run.status, "progress": run.progress, "report": run.report})


urlpatterns = [
    path("settings/migrate", migrate, name="migrate"),
    path("settings/migrate/<int:pk>", migrate_run, name="migrate-run"),
    path("settings/migrate/<int:pk>.json", migrate_report_json, name="migrate-report-json"),
]
