"""Job entry points of the imports app (named in radarr/jobs.py)."""

from typing import Any

from downloads.tracking import refresh_monitored_downloads
from imports.completed import import_completed_downloads
from imports.fromradarr.run import final_line, run_saved_import
from imports.manual import import_manual_files
from imports.pipeline import AUTO, IMPORT_MODES, import_folder
from imports.recyclebin import clean_recycle_bin, empty_recycle_bin
from imports.resources import manual_file_from_resource
from movies.mediacover import cache_covers
from movies.models import Movie
from movies.scanning import scan_movie_folders
from radarr.commands import report_progress

FINISH_BATCH = 100  # movies scanned together: media info probed in parallel within a batch


def _mode(import_mode: str | None) -> str:
    mode = (import_mode or AUTO).lower()
    return mode if mode in IMPORT_MODES else AUTO


def track_downloads() -> str:
    """RefreshMonitoredDownloads: poll the download clients, move every tracked download on and import
    the completed ones (Completed Download Handling). It lives here because it ends in an import."""
    summary = refresh_monitored_downloads()
    return f"{summary}; {import_completed_downloads()}"


def downloaded_movies_scan(
    path: str = "",
    download_client_id: int | None = None,
    import_mode: str = AUTO,
    download_id: str = "",
    **_: Any,
) -> str:
    """DownloadedMoviesScan: import a folder (a script's drop folder), or the completed downloads."""
    if not path:
        return import_completed_downloads()
    return str(import_folder(path, download_id=download_id or None, mode=_mode(import_mode)))


def manual_import(files: list | None = None, import_mode: str = AUTO, **_: Any) -> str:
    """ManualImport: the files the user picked, with their overrides."""
    chosen = [file for file in (manual_file_from_resource(entry) for entry in files or []) if file]
    if not chosen:
        return "No files to import"
    return import_manual_files(chosen, _mode(import_mode))


def clean_up_recycle_bin() -> str:
    """CleanUpRecycleBin (daily)."""
    return clean_recycle_bin()


def empty_the_recycle_bin() -> str:
    """EmptyRecycleBin (on demand)."""
    return empty_recycle_bin()


def import_from_radarr(import_id: int | None = None) -> str:
    """ImportRadarr: the move-in started on Settings → Migrate from Radarr (or by the command line)."""
    if import_id is None:
        return "Nothing to import: start a move-in from Settings → Migrate from Radarr"
    report = run_saved_import(import_id, report_progress)
    if report is None:
        return f"Move-in {import_id} no longer exists or has already run"
    return final_line(report)


def finish_library_import(movie_ids: list[int] | None = None) -> str:
    """FinishLibraryImport: what a library import leaves to the background, batch by batch with progress
    (System → Tasks, the activity view): a scan with its after-scan steps (media info read with ffprobe,
    several at once; extras; metadata files) and the covers."""
    ids = sorted(set(movie_ids or []))
    done = 0
    for start in range(0, len(ids), FINISH_BATCH):
        movies = list(Movie.objects.filter(pk__in=ids[start : start + FINISH_BATCH]).order_by("pk"))
        report_progress(f"Reading media info and covers: {start + 1}-{start + len(movies)} of {len(ids)}")
        scan_movie_folders(movies)
        for movie in movies:
            cache_covers(movie)
        done += len(movies)
    return f"Read media info, extras and covers of {done} imported movie(s)"
