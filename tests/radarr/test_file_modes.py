"""The data folder, database, config, logs and backups are the owner's alone, whatever the umask."""

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from radarr.instance import PrivateRotatingFileHandler, load_instance_config, private_sqlite_database

REPO = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def permissive_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def test_the_data_folder_and_config_are_owner_only(tmp_path, permissive_umask):
    data_dir = tmp_path / "data"

    load_instance_config(data_dir)

    assert mode(data_dir) == 0o700
    assert mode(data_dir / "config.json") == 0o600


def test_an_older_data_folder_and_config_are_tightened(tmp_path, permissive_umask):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    (data_dir / "config.json").write_text('{"secret_key": "s", "api_key": "k"}')
    (data_dir / "config.json").chmod(0o644)

    load_instance_config(data_dir)

    assert mode(data_dir) == 0o700 and mode(data_dir / "config.json") == 0o600


def test_the_sqlite_database_and_its_wal_and_shm_are_owner_only(tmp_path, permissive_umask):
    database = tmp_path / "radarr.db"

    private_sqlite_database(database)
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE movie (title TEXT)")
        connection.execute("INSERT INTO movie VALUES ('Heat')")
        modes = {path.name: mode(path) for path in tmp_path.iterdir()}

    assert modes == {"radarr.db": 0o600, "radarr.db-wal": 0o600, "radarr.db-shm": 0o600}


def test_log_files_are_owner_only_after_a_rotation_too(tmp_path, permissive_umask):
    handler = PrivateRotatingFileHandler(tmp_path / "radarr.txt", maxBytes=200, backupCount=2)
    logger = logging.getLogger("tests.file_modes")
    logger.addHandler(handler)
    try:
        for number in range(20):
            logger.warning("line %d of a log that rotates", number)
    finally:
        logger.removeHandler(handler)
        handler.close()

    modes = {path.name: mode(path) for path in tmp_path.iterdir()}
    assert modes == {"radarr.txt": 0o600, "radarr.txt.1": 0o600, "radarr.txt.2": 0o600}


@pytest.mark.sqlite_pass
def test_a_first_start_and_a_backup_under_umask_000_leave_nothing_readable_by_others(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    environment["RADARR_DATA_DIR"] = str(tmp_path / "data")
    backup = "from radarr.system.backups import create_backup; create_backup('manual')"
    first_start = "from radarr.startup import prepare_database; prepare_database()"  # what `make run` does
    for arguments in (["migrate", "--noinput"], ["shell", "-c", first_start], ["shell", "-c", backup]):
        subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=REPO, env=environment, check=True, umask=0
        )

    data_dir = tmp_path / "data"
    private = [data_dir / name for name in ("radarr.db", "config.json", "initial-admin-password")]
    private += [data_dir / "logs" / "radarr.txt", *data_dir.glob("radarr.db-*")]
    private += list((data_dir / "Backups").rglob("*.zip"))
    folders = [data_dir, data_dir / "logs", data_dir / "Backups", data_dir / "Backups" / "manual"]
    assert len(list((data_dir / "Backups").rglob("*.zip"))) == 1
    assert {str(path): oct(mode(path)) for path in private} == {str(path): "0o600" for path in private}
    assert {str(path): oct(mode(path)) for path in folders} == {str(path): "0o700" for path in folders}
