"""A damaged SQLite file stops `make run` before anything writes to it: its start and `manage.py migrate`
both refuse, say how to restore, and leave the file exactly as it was."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.sqlite_pass  # starts its own processes on its own SQLite file


@pytest.fixture
def corrupt_instance(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A data folder whose radarr.db has a page scribbled over, and the environment that points at it."""
    database = tmp_path / "radarr.db"
    db = sqlite3.connect(database)
    db.execute("PRAGMA journal_mode=WAL")  # as Radarr's own database is
    with db:
        db.execute("create table movies_movie (title)")
        db.executemany("insert into movies_movie values (?)", [(str(n) * 100,) for n in range(2000)])
    db.close()  # the last connection checkpoints the WAL into the file and removes it
    data = bytearray(database.read_bytes())
    data[4096 + 100 : 4096 + 400] = b"\xff" * 300
    database.write_bytes(bytes(data))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    return environment | {"RADARR_DATA_DIR": str(tmp_path), "RADARR_PORT": "1"}, database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unwritten_wal(database: Path) -> bool:
    """No change waits in the write-ahead log either (opening a WAL database may create it empty)."""
    wal = Path(f"{database}-wal")
    return not wal.exists() or wal.stat().st_size == 0


def run(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("role", ["all", "web", "worker"])
def test_make_run_refuses_a_damaged_database_and_says_how_to_restore(corrupt_instance, role):
    environment, database = corrupt_instance
    before = digest(database)

    result = run(environment | {"RADARR_ROLE": role}, "-m", "radarr.launcher")

    assert result.returncode != 0
    assert (
        f"The database {database} is damaged" in result.stderr
        and "restore the newest backup" in result.stderr
    )
    assert digest(database) == before and unwritten_wal(database)


def test_migrate_refuses_a_damaged_database_before_writing_to_it(corrupt_instance):
    environment, database = corrupt_instance
    before = digest(database)

    result = run(environment, "manage.py", "migrate", "--noinput")

    assert result.returncode != 0
    assert "radarr.E001" in result.stderr and "restore the newest backup" in result.stderr
    assert digest(database) == before and unwritten_wal(database)
