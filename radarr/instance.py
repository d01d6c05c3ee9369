"""The instance's own files in the data folder: generated secrets that must survive restarts, and the
owner-only modes of everything private there (database, config, logs, backups), whatever the umask.

Read by settings.py before Django is configured, so this module imports nothing from Django.
"""

import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any, TextIO

CONFIG_FILE = "config.json"
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# SQLite's companions of a database file: -wal and -shm take the database file's mode when created
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def _chmod_if_owned(path: Path, mode: int) -> None:
    """Set `mode` on what we own; a folder or file someone else owns (a mounted volume) is left alone."""
    try:
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:
        pass  # missing, or not ours to change: reading and writing still work as before


def private_folder(path: Path) -> Path:
    """Create `path` (and parents) if missing; the folder itself readable by its owner only."""
    path.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    _chmod_if_owned(path, PRIVATE_FOLDER_MODE)
    return path


def private_file(path: Path) -> None:
    """Owner-only mode on a file that exists (files we write are created so from the start)."""
    _chmod_if_owned(path, PRIVATE_FILE_MODE)


def private_sqlite_database(path: Path) -> None:
    """Create the database file owner-only before SQLite opens it, so its -wal and -shm files, which
    SQLite creates with the database's mode, are owner-only too; older files are tightened."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))  # an empty database
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)):
        private_file(candidate)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """The log file handler: each log file (the first and every one after a rotation) is owner-only."""

    def _open(self) -> TextIO:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        os.fchmod(descriptor, PRIVATE_FILE_MODE)  # an older file, or a umask that took bits away
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)


def new_api_key() -> str:
    """32 hex characters, as Radarr's keys are (Unpackerr refuses shorter ones)."""
    return secrets.token_hex(16)


def _write_private(path: Path, data: dict[str, Any]) -> None:
    """Write atomically with owner-only permissions: the file holds the API key and SECRET_KEY."""
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    os.fchmod(fd, PRIVATE_FILE_MODE)  # a leftover temporary file keeps its old mode otherwise
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle, indent=2)
    os.replace(temporary, path)


def load_instance_config(data_dir: Path) -> dict[str, str]:
    """Return the stored secrets, generating the missing ones on first start.

    Processes starting at once on a new data folder (web and worker replicas sharing it) generate them
    under a lock, so that all end up with the same keys: a session, a CSRF token or a queued task signed
    by one must be valid in the others.
    """
    private_folder(data_dir)
    path = data_dir / CONFIG_FILE
    private_file(path)
    config = _read_config(path)
    if all(config.get(key) for key in GENERATED):
        return config
    with _config_lock(data_dir):
        config = _read_config(path)  # another process may have written them meanwhile
        missing = [key for key in GENERATED if not config.get(key)]
        for key in missing:
            config[key] = GENERATED[key]()
        if missing:
            _write_private(path, config)
    return config


GENERATED = {"secret_key": lambda: secrets.token_urlsafe(50), "api_key": new_api_key}


def _read_config(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.exists() else {}


@contextmanager
def _config_lock(data_dir: Path) -> Iterator[None]:
    descriptor = os.open(data_dir / "config.lock", os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # released at close, or when the process dies
        yield
    finally:
        os.close(descriptor)


def store_api_key(data_dir: Path, api_key: str) -> None:
    """Replace the stored API key (Settings → General → regenerate)."""
    load_instance_config(data_dir)
    with _config_lock(data_dir):
        config = _read_config(data_dir / CONFIG_FILE)
        config["api_key"] = api_key
        _write_private(data_dir / CONFIG_FILE, config)


HOST_SECTION = "host"


def store_host_settings(data_dir: Path, values: dict[str, object]) -> None:
    """Replace the host settings (Settings → General), kept beside the secrets as Radarr keeps its
    host settings in config.xml: the address, port and URL base are read from here at start."""
    load_instance_config(data_dir)
    with _config_lock(data_dir):
        config = _read_config(data_dir / CONFIG_FILE)
        config[HOST_SECTION] = values
        _write_private(data_dir / CONFIG_FILE, config)


def read_host_settings(data_dir: Path) -> dict[str, object]:
    """The stored host settings by Radarr's v3 names; empty before the first save."""
    host = _read_config(data_dir / CONFIG_FILE).get(HOST_SECTION)
    return host if isinstance(host, dict) else {}
