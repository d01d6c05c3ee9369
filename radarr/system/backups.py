"""Backups of the database and the instance settings into zips in DATA_DIR/Backups/{scheduled,manual}.

A backup holds `radarr.db` (a consistent copy made with SQLite's online backup API while the app runs)
or `radarr.sql` (pg_dump, when the database is PostgreSQL), plus `config.json`. A restore validates the
zip first (contents, SQLite integrity), backs the current state up, then copies the backup's pages into
the live database with the same online backup API; the processes must then be restarted.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from radarr.instance import CONFIG_FILE, private_file, private_folder
from radarr.system.models_backup import BackupSettings

DATABASE_MEMBER = "radarr.db"
POSTGRES_MEMBER = "radarr.sql"
KINDS = ("scheduled", "manual", "update")
COPY_TIMEOUT_SECONDS = 60


class BackupError(Exception):
    """A backup could not be made, read or restored; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class BackupFile:
    kind: str  # scheduled, manual, update
    path: Path

    @property
    def id(self) -> int:
        """Stable while the file exists: derived from its kind and name (Radarr's ids are not stored)."""
        return zlib.crc32(f"{self.kind}/{self.path.name}".encode()) & 0x7FFFFFFF

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def time(self) -> datetime:
        return datetime.fromtimestamp(self.path.stat().st_mtime, tz=UTC)


def backup_folder(kind: str = "") -> Path:
    """Settings → General's backup folder (relative to the data folder unless a full path)."""
    folder = settings.DATA_DIR / BackupSettings.load().folder
    return folder / kind if kind else folder


def _sqlite_file() -> Path | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None
    return Path(database["NAME"])


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Copy every page of `source` into `target`, giving up (rather than waiting forever) when locked."""
    deadline = time.monotonic() + COPY_TIMEOUT_SECONDS

    def progress(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise BackupError("The database stayed locked by another process; try again when Radarr is idle")

    source.backup(target, pages=256, progress=progress, sleep=0.1)


def _copy_sqlite(destination: Path) -> None:
    """A consistent copy of the live database (committed rows) while others keep writing."""
    live = _sqlite_file()
    source = sqlite3.connect(f"file:{live}?mode=ro", uri=True, timeout=COPY_TIMEOUT_SECONDS)
    target = sqlite3.connect(destination)
    try:
        _sqlite_copy(source, target)
    finally:
        target.close()
        source.close()


def _dump_postgres(destination: Path) -> None:
    database = settings.DATABASES["default"]
    if shutil.which("pg_dump") is None:
        raise BackupError(
            "pg_dump is not installed: install the PostgreSQL client tools to back up PostgreSQL"
        )
    environment = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    command = ["pg_dump", "--no-owner", "--clean", "--if-exists", "-f", str(destination)]
    for option, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if database.get(key):
            command += [option, str(database[key])]
    command.append(str(database["NAME"]))
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")


def create_backup(kind: str = "manual") -> BackupFile:
    """Write a new backup zip of `kind` and return it."""
    if kind not in KINDS:
        raise BackupError(f"Unknown backup type {kind}")
    private_folder(backup_folder())
    folder = private_folder(backup_folder(kind))
    stamp = timezone.now().strftime("%Y.%m.%d_%H.%M.%S")
    stem = f"radarr_backup_v{settings.RADARR_COMPAT_VERSION}_{stamp}"
    target = folder / f"{stem}.zip"
    counter = 1
    while target.exists():  # two backups in one second (a restore's safety copy) keep both
        counter += 1
        target = folder / f"{stem}_{counter}.zip"
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as scratch:
        scratch_path = Path(scratch)
        if _sqlite_file() is not None:
            member = scratch_path / DATABASE_MEMBER
            _copy_sqlite(member)
        else:
            member = scratch_path / POSTGRES_MEMBER
            _dump_postgres(member)
        partial = target.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(member, member.name)
            config = settings.DATA_DIR / CONFIG_FILE
            if config.exists():
                archive.write(config, CONFIG_FILE)
        private_file(partial)  # it holds the database and the secrets: owner-only before it is named
        os.replace(partial, target)
    return BackupFile(kind, target)


def list_backups() -> list[BackupFile]:
    """Every backup zip, newest first."""
    found = [
        BackupFile(kind, path)
        for kind in KINDS
        for path in backup_folder(kind).glob("*.zip")
        if path.is_file()
    ]
    return sorted(found, key=lambda backup: backup.path.stat().st_mtime, reverse=True)


def find_backup(backup_id: int) -> BackupFile | None:
    return next((backup for backup in list_backups() if backup.id == backup_id), None)


def delete_backup(backup: BackupFile) -> None:
    backup.path.unlink(missing_ok=True)


def remove_old_backups(retention_days: int, now: datetime | None = None) -> int:
    """Delete scheduled backups older than the retention (manual ones are the user's to delete)."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days)
    old = [backup for backup in list_backups() if backup.kind == "scheduled" and backup.time < cutoff]
    for backup in old:
        delete_backup(backup)
    return len(old)


def scheduled_backup_due(now: datetime | None = None) -> bool:
    """Whether the newest scheduled backup is older than the chosen interval (or there is none)."""
    interval = timedelta(days=BackupSettings.load().interval_days)
    newest = next((backup for backup in list_backups() if backup.kind == "scheduled"), None)
    return newest is None or (now or timezone.now()) - newest.time >= interval - timedelta(minutes=30)


def validate_backup(archive_path: Path, scratch: Path) -> Path:
    """Check a backup zip and extract its database into `scratch`; BackupError says what is wrong."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            names = set(archive.namelist())
            if archive.testzip() is not None:
                raise BackupError("The backup zip is damaged (a file in it fails its checksum)")
            if DATABASE_MEMBER not in names:
                raise BackupError(
                    f"The zip holds no {DATABASE_MEMBER}: it is not a Radarr backup of a SQLite database"
                )
            archive.extract(DATABASE_MEMBER, scratch)
            if CONFIG_FILE in names:
                archive.extract(CONFIG_FILE, scratch)
    except zipfile.BadZipFile:
        raise BackupError("The file is not a zip archive") from None
    database = scratch / DATABASE_MEMBER
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
            tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The database in the backup cannot be read: {error}") from None
    if problems != ["ok"]:
        raise BackupError(f"The database in the backup is damaged: {'; '.join(problems[:3])}")
    if "django_migrations" not in tables or "movies_movie" not in tables:
        raise BackupError("The database in the backup is not a Radarr database")
    return database


def restore_backup(archive_path: Path) -> BackupFile:
    """Replace the database (and config.json) with a backup's; returns the backup made of the current state.

    Nothing is replaced unless the backup validates. Restart Radarr afterwards.
    """
    if _sqlite_file() is None:
        raise BackupError(
            "Restoring PostgreSQL from the UI is not supported: stop Radarr and load radarr.sql with psql"
        )
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as scratch:
        scratch_path = Path(scratch)
        database = validate_backup(archive_path, scratch_path)
        safety = create_backup("manual")
        for alias in connections:
            connections[alias].close()
        source = sqlite3.connect(database)
        target = sqlite3.connect(_sqlite_file(), timeout=COPY_TIMEOUT_SECONDS)
        try:
            _sqlite_copy(source, target)
        finally:
            target.close()
            source.close()
        config = scratch_path / CONFIG_FILE
        if config.exists():
            shutil.copyfile(config, settings.DATA_DIR / CONFIG_FILE)
            private_file(settings.DATA_DIR / CONFIG_FILE)
    for alias in connections:
        connections[alias].close()
    return safety


def backup_interval_minutes() -> int:
    """The Backup job's interval as the user chose it (Job.interval_setting)."""
    return BackupSettings.load().interval_days * 24 * 60
