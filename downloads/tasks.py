"""Job entry points of the downloads app (named in radarr/jobs.py)."""

from downloads.blocklist import clear_blocklist as _clear_blocklist
from downloads.tracking import refresh_monitored_downloads


def track_downloads() -> str:
    """RefreshMonitoredDownloads: poll the download clients and move every tracked download on."""
    return refresh_monitored_downloads()


def clear_blocklist() -> str:
    """ClearBlocklist."""
    return _clear_blocklist()
