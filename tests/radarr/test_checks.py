"""Health checks: root folders, removed movies, API key, system clock, database integrity."""

import os
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from movies.checks import removed_movies_check, root_folder_check
from radarr.system import checks
from radarr.system.integrity import (
    CorruptDatabase,
    check_database_at_startup,
    database_integrity_check,
    quick_check,
)
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


def test_a_missing_root_folder_is_an_error_that_says_how_to_fix_it(tmp_path):
    RootFolderFactory(path=str(tmp_path))
    RootFolderFactory(path=str(tmp_path / "unmounted"))

    (issue,) = root_folder_check()

    assert issue.source == "RootFolderCheck" and issue.level == "error"
    assert "unmounted" in issue.message and "How to fix" in issue.message


def test_an_empty_root_folder_under_movies_with_files_looks_unmounted(tmp_path):
    mount_point = tmp_path / "nas"
    mount_point.mkdir()
    RootFolderFactory(path=str(mount_point))
    MovieFactory(root_folder_path=str(mount_point), path=str(mount_point / "Heat (1995)"), has_file=True)

    (issue,) = root_folder_check()
    (mount_point / "Heat (1995)").mkdir()  # the disk is back
    assert issue.level == "error" and "mounted" in issue.message
    assert root_folder_check() == []


def test_an_empty_root_folder_of_a_new_library_is_fine(tmp_path):
    RootFolderFactory(path=str(tmp_path))
    MovieFactory(root_folder_path=str(tmp_path), has_file=False)

    assert root_folder_check() == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_root_folder_is_reported(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    RootFolderFactory(path=str(folder))
    try:
        assert "not writable" in root_folder_check()[0].message
    finally:
        folder.chmod(0o755)


def test_movies_removed_from_tmdb_are_named(api_client):
    MovieFactory(title="Gone Film", status="deleted")
    MovieFactory(title="Fine Film")

    (issue,) = removed_movies_check()

    assert issue.source == "RemovedMovieCheck" and "Gone Film" in issue.message
    assert "Fine Film" not in issue.message


def test_a_short_api_key_is_a_warning(settings):
    settings.RADARR_API_KEY = "short"
    assert checks.api_key_check()[0].source == "ApiKeyValidationCheck"
    settings.RADARR_API_KEY = "x" * 32
    assert checks.api_key_check() == []


def test_a_clock_a_day_off_is_an_error(monkeypatch):
    monkeypatch.setattr(checks, "reference_time", lambda: datetime.now(tz=UTC) - timedelta(days=2))
    (issue,) = checks.system_clock_check()
    assert issue.source == "SystemTimeCheck" and "48 hours" in issue.message

    monkeypatch.setattr(checks, "reference_time", lambda: datetime.now(tz=UTC) - timedelta(minutes=3))
    assert checks.system_clock_check() == []


def test_the_reference_time_is_read_from_the_date_header_and_unreachable_is_none(fake_server):
    fake_server.add("/date", body="{}", status=401)
    remote = checks.reference_time(fake_server.url + "/date")
    assert remote is not None and abs((datetime.now(tz=UTC) - remote).total_seconds()) < 60
    assert checks.reference_time("http://127.0.0.1:9/nothing") is None


def test_a_corrupt_sqlite_file_stops_startup_with_restore_instructions(tmp_path):
    good = tmp_path / "good.db"
    with sqlite3.connect(good) as db:
        db.execute("create table t (x)")
        db.executemany("insert into t values (?)", [(str(n) * 100,) for n in range(2000)])
    assert quick_check(good) == []
    bad = tmp_path / "bad.db"
    data = bytearray(good.read_bytes())
    data[4096 + 100 : 4096 + 400] = b"\xff" * 300  # scribble over the second page
    bad.write_bytes(bytes(data))

    with pytest.raises(CorruptDatabase, match="restore"):
        check_database_at_startup(bad)
    check_database_at_startup(good)  # a sound file passes


def test_the_scheduled_integrity_check_finds_the_open_database_sound():
    assert database_integrity_check() == []


def test_the_clock_is_compared_with_the_configured_tmdb_server(fake_server, settings):
    settings.RADARR_TMDB_URL = fake_server.url + "/3"
    fake_server.add("/3/configuration", body="{}")

    remote = checks.reference_time()

    assert remote is not None
    assert [request.path for request in fake_server.requests] == ["/3/configuration"]
