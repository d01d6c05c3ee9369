"""Job entry points of the downloads app (named in radarr/jobs.py)."""

from downloads.blocklist import clear_blocklist as _clear_blocklist
from downloads.tracking import refresh_monitored_downloads


def track_downloads() -> str:
    """RefreshMonitoredDownloads: poll the download clients, move every tracked download on and import
    the completed ones (Completed Download Handling)."""
    from imports.completed import import_completed_downloads  # noqa: PLC0415 (imports sits above downloads)

    summary = refresh_monitored_downloads()
    return f"{summary}; {import_completed_downloads()}"


def clear_blocklist() -> str:
    """ClearBlocklist."""
    return _clear_blocklist()
