"""Radarr's recycle bin: replaced and deleted movie files go here instead of being destroyed.

Each movie gets a sub-folder named like its own folder; a name already in the bin is suffixed ` (2)`.
Recycled files are touched so `clean_recycle_bin` counts their days from when they were recycled.
Without a recycle bin configured, files are deleted (that is the user's choice in Media Management).
"""

import logging
import os
import shutil
import time
from pathlib import Path

from imports.options import import_options
from imports.transfer import MOVE, TransferError, transfer_file

logger = logging.getLogger(__name__)


class RecycleError(Exception):
    """A file could not be recycled or deleted; it is still where it was."""


def _bin_path() -> Path | None:
    configured = import_options().recycle_bin.strip()
    return Path(configured) if configured else None


def recycle_file(path: Path, sub_folder: str = "", recycle_bin: Path | None = None) -> Path | None:
    """Move `path` into the recycle bin (`sub_folder` per movie) and return where it went; delete it
    when no recycle bin is configured (None). Raises RecycleError leaving the file in place."""
    path = Path(path)
    recycle_bin = recycle_bin or _bin_path()
    if recycle_bin is None:
        try:
            path.unlink()
        except OSError as error:
            raise RecycleError(f"Could not delete {path}: {error.strerror}") from error
        logger.info("Deleted %s (no recycle bin set)", path)
        return None
    target_folder = recycle_bin / sub_folder if sub_folder else recycle_bin
    try:
        destination = transfer_file(path, target_folder / path.name, mode=MOVE)
        now = time.time()
        os.utime(destination, (now, now))
    except (TransferError, OSError) as error:
        raise RecycleError(f"Could not move {path} to the recycle bin: {error}") from error
    logger.info("Moved %s to the recycle bin at %s", path, destination)
    return destination


def clean_recycle_bin(days: int | None = None, now: float | None = None) -> str:
    """Delete what has been in the recycle bin longer than the configured days (0 keeps everything)."""
    options = import_options()
    days = options.recycle_bin_cleanup_days if days is None else days
    recycle_bin = _bin_path()
    if recycle_bin is None or not recycle_bin.is_dir():
        return "No recycle bin set"
    if days <= 0:
        return "Recycle bin cleanup is off (0 days)"
    cutoff = (now or time.time()) - days * 86400
    removed = 0
    for folder, _subfolders, names in os.walk(recycle_bin, topdown=False):
        for name in names:
            file = Path(folder) / name
            try:
                if file.stat().st_mtime < cutoff:
                    file.unlink()
                    removed += 1
            except OSError as error:
                logger.warning("Could not clean %s from the recycle bin: %s", file, error.strerror)
        if Path(folder) != recycle_bin and not any(Path(folder).iterdir()):
            Path(folder).rmdir()
    return f"Removed {removed} file(s) older than {days} days from the recycle bin"


def empty_recycle_bin() -> str:
    """Delete everything in the recycle bin (the folder itself stays)."""
    recycle_bin = _bin_path()
    if recycle_bin is None or not recycle_bin.is_dir():
        return "No recycle bin set"
    count = 0
    for entry in recycle_bin.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        count += 1
    return f"Emptied the recycle bin ({count} entries)"


def recycle_bin_check() -> list:
    """Health: a recycle bin that cannot be written would make every upgrade fail."""
    from radarr.system.health import HealthIssue  # noqa: PLC0415

    recycle_bin = _bin_path()
    if recycle_bin is None:
        return []
    if not recycle_bin.is_dir() or not os.access(recycle_bin, os.W_OK | os.X_OK):
        message = f"The recycle bin {recycle_bin} does not exist or is not writable: upgrades cannot finish"
        return [
            HealthIssue(
                "RecyclingBinCheck", "error", message, "https://wiki.servarr.com/radarr/system#recycling-bin"
            )
        ]
    return []
