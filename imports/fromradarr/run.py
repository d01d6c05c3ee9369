"""One move-in: the sections in order (each one transaction), the report, and the ImportRadarr command.

A section that fails rolls back alone and the run stops there, saying where: what earlier sections
wrote stays whole, and running again continues (every section matches what is already here). The long
sections (movies, their files, history) commit in steps instead (a batch of movies, a page of history),
so a SQLite install's web and job worker are never kept waiting on the write lock for long; one that
fails keeps its steps before, says where it stopped, and the next run skips what is here. A dry
run does everything inside one transaction that is rolled back at the end, so its report counts what a
real run would do and nothing stays written.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from imports.fromradarr import (
    activity,
    files,
    library,
    moviecollections,
    profiles,
    providers,
    settings,
    tags,
)
from imports.fromradarr.reader import RadarrReader, SourceError
from imports.fromradarr.report import ImportReport, SectionReport
from imports.fromradarr.state import ImportState

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]
SectionFunction = Callable[[RadarrReader, ImportState, SectionReport], None]


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    run: SectionFunction
    stepwise: bool = False  # it opens its own transaction per step (a batch, a page) rather than one


# in dependency order: tags and profiles before what names them, download clients before indexers,
# indexers before release profiles, movies before their files, history and blocklist
SECTIONS = [
    Section("Tags", tags.import_tags),
    Section("Quality definitions", profiles.import_quality_definitions),
    Section("Custom formats", profiles.import_custom_formats),
    Section("Quality profiles", profiles.import_quality_profiles),
    Section("Delay profiles", profiles.import_delay_profiles),
    Section("Root folders", library.import_root_folders),
    Section("Naming and media management", settings.import_naming),
    Section("Remote path mappings", settings.import_remote_path_mappings),
    Section("Download clients", providers.import_download_clients),
    Section("Indexers", providers.import_indexers),
    Section("Release profiles", profiles.import_release_profiles),
    Section("Notifications", providers.import_notifications),
    Section("Metadata", providers.import_metadata),
    Section("Import lists", providers.import_import_lists),
    Section("Import list exclusions", library.import_exclusions),
    Section("Indexer, download and list options", settings.import_options),
    Section("UI settings", settings.import_ui_settings),
    Section("Host settings", settings.import_host_settings),
    Section("Movies", library.import_movies, stepwise=True),
    Section("Movie files", files.import_movie_files, stepwise=True),
    Section("Collections", moviecollections.import_collections),
    Section("Auto tagging", moviecollections.import_auto_tags),
    Section("History", activity.import_history, stepwise=True),
    Section("Blocklist", activity.import_blocklist),
]


def _quiet(message: str) -> None:
    logger.info(message)


def import_radarr(
    url: str,
    api_key: str,
    *,
    dry_run: bool = False,
    progress: Progress = _quiet,
    reader: RadarrReader | None = None,
) -> ImportReport:
    """Read the Radarr at `url` and bring everything here; never raises for the source's faults."""
    report = ImportReport(source=url, dry_run=dry_run, started=timezone.now().isoformat())
    reader = reader or RadarrReader(url, api_key)
    try:
        status = reader.get_object("system/status")
        report.source_version = str(status.get("version") or "")
    except SourceError as error:
        report.stopped_at = "Connecting"
        connecting = report.section("Connecting")
        connecting.status, connecting.error = "failed", str(error)
        progress(f"Could not read the source: {error}")
        report.ended = timezone.now().isoformat()
        return report
    progress(f"Reading Radarr {report.source_version} at {url}" + (" (dry run)" if dry_run else ""))
    state = ImportState(dry_run=dry_run, progress=progress)
    if dry_run:
        with transaction.atomic():
            _run_sections(reader, state, report, progress)
            transaction.set_rollback(True)
        for section in report.sections:
            section.status = "rolled back (dry run)" if section.status == "done" else section.status
    else:
        _run_sections(reader, state, report, progress)
    report.ended = timezone.now().isoformat()
    return report


def _run_sections(reader: RadarrReader, state: ImportState, report: ImportReport, progress: Progress) -> None:
    for index, section in enumerate(SECTIONS, start=1):
        current = report.section(section.name)
        progress(f"[{index}/{len(SECTIONS)}] {section.name}…")
        try:
            if section.stepwise:
                section.run(reader, state, current)
            else:
                with transaction.atomic():
                    section.run(reader, state, current)
        except Exception as error:  # noqa: BLE001 - whatever stopped it, earlier sections stay and the report says where
            if not isinstance(error, SourceError):
                logger.exception("Moving in from Radarr stopped at %s", section.name)
            current.status, current.error = "failed", str(error) or type(error).__name__
            if not section.stepwise:
                current.imported = current.updated = 0  # rolled back
            elif current.kept_until:
                current.error += f" (kept up to {current.kept_until}: running again continues from there)"
            report.stopped_at = section.name
            progress(f"Stopped at {section.name}: {current.error} (earlier sections are kept)")
            return
        current.status = "done"
        progress(current.summary)


def run_saved_import(import_id: int, progress: Progress = _quiet) -> ImportReport | None:
    """Run the move-in a RadarrImport row asks for, keeping its progress and report on the row.

    The API key is read once and blanked before the run: it is never kept past its start."""
    from imports.models import RadarrImport

    row = RadarrImport.objects.filter(pk=import_id).first()
    # claimed in one conditional UPDATE: a run is started once (a re-sent command finds it taken)
    if row is None or not RadarrImport.objects.filter(pk=import_id, status="queued").update(
        status="running", api_key=""
    ):
        return None
    api_key = row.api_key

    def step(message: str) -> None:
        RadarrImport.objects.filter(pk=import_id).update(progress=message[:500])
        progress(message)

    try:
        report = import_radarr(row.url, api_key, dry_run=row.dry_run, progress=step)
    except Exception as error:
        RadarrImport.objects.filter(pk=import_id).update(
            status="failed", progress=f"Failed: {error}"[:500], ended=timezone.now()
        )
        raise
    status = "completed" if report.succeeded else "failed"
    RadarrImport.objects.filter(pk=import_id).update(
        status=status, report=report.as_json(), ended=timezone.now(), progress=final_line(report)
    )
    return report


def final_line(report: ImportReport) -> str:
    if report.stopped_at:
        return f"Stopped at {report.stopped_at}; earlier sections were kept"
    notices = len(report.notices)
    done = "Dry run finished: nothing was written" if report.dry_run else "Finished"
    return f"{done}; {notices} item(s) need you" if notices else done
