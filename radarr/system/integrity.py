"""SQLite integrity: a quick check at startup (refuse to run on a corrupt file) and a health check."""

import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage
from django.core.checks import Error as CheckError
from django.db import connection

from radarr.system.health import WIKI, HealthIssue

RESTORE_HINT = (
    "Stop Radarr and restore the newest backup: unzip a file from {backups} and copy its database "
    "file over {database}."
)
# while Radarr still runs (the scheduled check), its own page can do the same
RUNNING_RESTORE_HINT = RESTORE_HINT[:-1] + ", or use System → Backup → Restore and restart Radarr."


class CorruptDatabase(RuntimeError):
    """The SQLite file failed its integrity check; carries what to do about it."""


def sqlite_path() -> Path | None:
    """The default database's file when it is SQLite (None for PostgreSQL or an in-memory database)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None
    name = str(database["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def quick_check(path: Path) -> list[str]:
    """`PRAGMA quick_check` on a SQLite file, read-only; [] when it is sound."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def check_database_at_startup(path: Path | None = None) -> None:
    """Raise CorruptDatabase, saying how to restore, when the SQLite database (or `path`) is damaged."""
    path = path or sqlite_path()
    if path is None or not path.exists():
        return
    try:
        problems = quick_check(path)
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    if problems:
        hint = RESTORE_HINT.format(backups=settings.DATA_DIR / "Backups", database=path)
        raise CorruptDatabase(f"The database {path} is damaged ({'; '.join(problems[:3])}). {hint}")


def corrupt_database_system_check(databases: list[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """A Django system check tagged `database`: `migrate` runs those before it writes anything, so
    `make run` stops at its first step on a damaged file instead of migrating it."""
    if not databases or "default" not in databases:
        return []
    try:
        check_database_at_startup()
    except CorruptDatabase as error:
        return [CheckError(str(error), id="radarr.E001")]
    return []


def database_integrity_check() -> list[HealthIssue]:
    """The scheduled twin of the startup check, run on the open connection (SQLite only)."""
    if connection.vendor != "sqlite" or sqlite_path() is None:
        return []
    with connection.cursor() as cursor:
        rows = [row[0] for row in cursor.execute("PRAGMA quick_check").fetchall()]
    if rows == ["ok"]:
        return []
    hint = RUNNING_RESTORE_HINT.format(backups=settings.DATA_DIR / "Backups", database=sqlite_path())
    message = f"The database is damaged: {'; '.join(rows[:3])}. How to fix: {hint}"
    return [HealthIssue("DatabaseIntegrityCheck", "error", message, WIKI + "database-is-corrupt")]
