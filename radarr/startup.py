"""What every start does before serving, in the one process that loads Django (`radarr.boot`).

Django's system checks are not run: they cost a second (they import every view), `make test` runs them.
The one that matters at start, the SQLite integrity check, runs here on its own, in a thread while the
caller loads the views (SQLite leaves the GIL while it reads: ~0.1 s for a 50,000-movie database).
Migrations run only when the migration graph has some the database has not applied (~40 ms to find out).
Several processes may start at once (two web replicas, a worker): the steps that write run one process at
a time, under a lock (a lock file for SQLite, an advisory lock for PostgreSQL), and each finds the work
done by the first.
"""

import fcntl
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from radarr.instance import PRIVATE_FILE_MODE
from radarr.system.integrity import CorruptDatabase, check_database_at_startup

logger = logging.getLogger(__name__)

ADVISORY_LOCK = 7_878_016  # PostgreSQL advisory lock key of the start-up steps (any constant of ours)


class IntegrityCheck(threading.Thread):
    """The SQLite quick check, in the background; `verdict()` raises CorruptDatabase if it failed."""

    def __init__(self) -> None:
        super().__init__(name="integrity-check", daemon=True)
        self.error: CorruptDatabase | None = None

    def run(self) -> None:
        try:
            check_database_at_startup()
        except CorruptDatabase as error:
            self.error = error

    def verdict(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error


def pending_migrations() -> list[str]:
    """Names of the migrations not applied yet, read from the migration graph and django_migrations."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@contextmanager
def startup_lock() -> Iterator[None]:
    """One starting process at a time migrates and writes the first rows; the others wait here."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK])
            try:
                yield
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK])
        return
    path = settings.DATA_DIR / "startup.lock"
    path.touch(mode=PRIVATE_FILE_MODE, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, or when the process dies
        yield


@dataclass(frozen=True, slots=True)
class Prepared:
    migrations: list[str]  # applied by this start
    login: tuple[str, str] | None  # the first administrator, created by this start


def prepare_database(load_meanwhile: Callable[[], None] = lambda: None, *, jobs: bool = True) -> Prepared:
    """Check integrity (while `load_meanwhile` runs), migrate if needed, then keep the task schedules and
    the first login in step. Raises CorruptDatabase before anything is written to a damaged file."""
    from radarr.accounts import create_initial_admin
    from radarr.jobs import sync_schedules

    integrity = IntegrityCheck()
    integrity.start()
    load_meanwhile()
    integrity.verdict()
    with startup_lock():
        migrations = pending_migrations()
        if migrations:
            logger.info("Applying %d database migration(s)", len(migrations))
            call_command("migrate", interactive=False, skip_checks=True, verbosity=0)
        if jobs:  # a web-only process never runs them; the workers keep them in step
            sync_schedules()
        login = create_initial_admin()
    return Prepared(migrations, login)
