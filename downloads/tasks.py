"""Job entry points of the downloads app (named in radarr/jobs.py)."""

from downloads.blocklist import clear_blocklist as _clear_blocklist


def clear_blocklist() -> str:
    """ClearBlocklist."""
    return _clear_blocklist()
