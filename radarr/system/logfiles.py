"""Clearing the log files (System → Logs → Clear): the current file is emptied, rotated ones removed."""

from radarr.system.logs import log_files


def clear_log_files() -> int:
    """Empty the current log file in place (the handler keeps it open) and delete the rotated ones."""
    files = log_files()
    for index, path in enumerate(files):
        if index == 0 and path.name == "radarr.txt":
            with path.open("r+", encoding="utf-8") as handle:
                handle.truncate(0)
        else:
            path.unlink(missing_ok=True)
    return len(files)
