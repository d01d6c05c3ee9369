"""`manage.py import_radarr --url http://radarr:7878 --api-key KEY [--dry-run] [--json]`: move a whole
Radarr install in, printing progress and the report; media files are never touched."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from imports.fromradarr.report import ImportReport
from imports.fromradarr.run import final_line, import_radarr
from imports.models import RadarrImport
from radarr.models import Command as RadarrCommand
from radarr.models import CommandStatus


class Command(BaseCommand):
    help = "Bring a Radarr install over (library, files, profiles, providers, history) through its v3 API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", required=True, help="The Radarr to read, e.g. http://radarr:7878")
        parser.add_argument("--api-key", required=True, help="Its API key (Settings → General)")
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, write nothing")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON at the end")

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"]
        if not url.startswith(("http://", "https://")):
            raise CommandError("--url must start with http:// or https://")
        # shown in System → Tasks beside the runs started from the page, with its progress as its message
        self.command = RadarrCommand.objects.create(
            name="ImportRadarr", status=CommandStatus.STARTED, started=timezone.now(), body={"url": url}
        )
        report = import_radarr(url, options["api_key"], dry_run=options["dry_run"], progress=self._progress)
        status = CommandStatus.COMPLETED if report.succeeded else CommandStatus.FAILED
        RadarrCommand.objects.filter(pk=self.command.pk).update(
            status=status, message=final_line(report), ended=timezone.now()
        )
        if not options["dry_run"]:  # the page lists command-line runs too (never with their key)
            RadarrImport.objects.create(
                url=url,
                status="completed" if report.succeeded else "failed",
                report=report.as_json(),
                progress=final_line(report),
                ended=timezone.now(),
            )
        self._print_report(report)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), indent=2))
        if not report.succeeded:
            raise CommandError(f"Stopped at {report.stopped_at}; earlier sections were kept")

    def _progress(self, message: str) -> None:
        RadarrCommand.objects.filter(pk=self.command.pk).update(message=message)
        self.stdout.write(message)
        self.stdout.flush()

    def _print_report(self, report: ImportReport) -> None:
        self.stdout.write("")
        for section in report.sections:
            line = section.summary
            if section.skip_reasons:
                line += " (" + ", ".join(f"{reason}: {n}" for reason, n in section.skip_reasons.items()) + ")"
            self.stdout.write(line + (f" — FAILED: {section.error}" if section.error else ""))
        notices = report.notices
        if notices:
            self.stdout.write(f"\n{len(notices)} item(s) need you:")
            for notice in notices:
                self.stdout.write(f"  [{notice.kind}] {notice.item}: {notice.message}")
        self.stdout.write(final_line(report))
