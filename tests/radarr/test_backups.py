"""Backups: made with SQLite's online backup API, listed, deleted, validated and restored."""

import io
import os
import shutil
import sqlite3
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from movies.models import Movie
from radarr.models import Command, CommandTrigger
from radarr.system import backups
from radarr.system.backups import (
    BackupError,
    create_backup,
    list_backups,
    remove_old_backups,
    validate_backup,
)
from radarr.system.tasks import backup as backup_task
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_dump") is None,
    reason="needs PostgreSQL and pg_dump",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite backups; PostgreSQL uses pg_dump"
)


@sqlite_only
@pytest.mark.django_db(transaction=True)  # the copy holds committed rows only
def test_a_manual_backup_holds_a_sound_copy_of_the_database_and_the_settings(settings):
    MovieFactory(title="Kept Film")

    made = create_backup("manual")

    assert made.path.parent == settings.DATA_DIR / "Backups" / "manual"
    with zipfile.ZipFile(made.path) as archive:
        assert "radarr.db" in archive.namelist()
        archive.extract("radarr.db", made.path.parent / "check")
    with sqlite3.connect(made.path.parent / "check" / "radarr.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("select title from movies_movie").fetchall() == [("Kept Film",)]
    assert made in list_backups()


@sqlite_only
def test_the_backup_api_lists_and_deletes_backups(api_client):
    made = create_backup("manual")

    (listed,) = [b for b in api_client.get("/api/v3/system/backup").json() if b["name"] == made.name]
    assert (
        listed["type"] == "manual" and listed["path"] == f"/backup/manual/{made.name}" and listed["size"] > 0
    )

    assert api_client.delete(f"/api/v3/system/backup/{listed['id']}").status_code == 200
    assert not made.path.exists()
    assert api_client.delete(f"/api/v3/system/backup/{listed['id']}").status_code == 404


def test_a_zip_without_a_database_or_not_a_zip_is_refused_before_anything_changes(tmp_path):
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello")
    with pytest.raises(BackupError, match="not a zip"):
        validate_backup(not_zip, tmp_path)

    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("config.json", "{}")
    with pytest.raises(BackupError, match="radarr.db"):
        validate_backup(empty, tmp_path)


def test_a_damaged_database_inside_the_zip_is_refused(tmp_path):
    with sqlite3.connect(tmp_path / "radarr.db") as db:
        db.execute("create table django_migrations (x)")
        db.execute("create table movies_movie (x)")
        db.executemany("insert into movies_movie values (?)", [("x" * 200,) for _ in range(2000)])
    data = bytearray((tmp_path / "radarr.db").read_bytes())
    data[8192 + 50 : 8192 + 600] = b"\x07" * 550
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("radarr.db", bytes(data))

    with pytest.raises(BackupError):
        validate_backup(bad, tmp_path / "scratch")


@sqlite_only
def test_the_upload_endpoint_refuses_a_bad_file_with_400(api_client):
    upload = io.BytesIO(b"not a zip")
    upload.name = "backup.zip"
    response = api_client.post("/api/v3/system/backup/restore/upload", {"file": upload})
    assert response.status_code == 400
    assert "zip" in response.json()["message"]


@sqlite_only
def test_old_scheduled_backups_go_and_manual_ones_stay():
    scheduled = create_backup("scheduled")
    manual = create_backup("manual")
    old = (timezone.now() - timedelta(days=40)).timestamp()
    os.utime(scheduled.path, (old, old))
    os.utime(manual.path, (old, old))

    assert remove_old_backups(28) == 1
    assert not scheduled.path.exists() and manual.path.exists()


@sqlite_only
def test_the_scheduled_job_backs_up_only_when_its_interval_is_up():
    Command.objects.create(name="Backup", trigger=CommandTrigger.SCHEDULED, status="started")
    assert "Backed up" in backup_task()
    assert backup_task() == "No scheduled backup due yet"
    assert len([b for b in list_backups() if b.kind == "scheduled"]) == 1


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restoring_a_backup_brings_back_its_rows_after_backing_up_the_current_state(api_client):
    MovieFactory(title="Before")
    made = create_backup("manual")
    Movie.objects.all().delete()
    MovieFactory(title="After")

    response = api_client.post(f"/api/v3/system/backup/restore/{made.id}")

    assert response.status_code == 200 and response.json() == {"RestartRequired": True}
    assert list(Movie.objects.values_list("title", flat=True)) == ["Before"]
    assert len(list_backups()) == 2  # the one restored and the safety copy of the state it replaced


@pytest.fixture(autouse=True)
def backups_in_tmp(tmp_path, settings, monkeypatch):
    """Each test gets its own Backups folder (the data folder is shared by the test run)."""
    monkeypatch.setattr(backups, "backup_folder", lambda kind="": tmp_path / "Backups" / kind)
    settings.DATA_DIR = tmp_path


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_backup_page_makes_lists_and_downloads_backups(admin_client):
    admin_client.post("/system/backup", {"action": "backup"})

    (made,) = list_backups()
    html = admin_client.get("/system/backup").content.decode()
    assert made.name in html
    response = admin_client.get(f"/backup/manual/{made.name}")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_the_backup_schedule_refuses_an_interval_over_seven_days(admin_client):
    response = admin_client.post(
        "/system/backup", {"action": "settings", "interval_days": 9, "retention_days": 30}
    )

    assert response.status_code == 200 and "7" in response.content.decode()
    admin_client.post("/system/backup", {"action": "settings", "interval_days": 3, "retention_days": 30})
    from radarr.system.models_backup import BackupSettings

    assert BackupSettings.load().interval_days == 3


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_holds_a_pg_dump_of_the_database():
    MovieFactory(title="Dumped Film")

    made = create_backup("manual")

    with zipfile.ZipFile(made.path) as archive:
        dump = archive.read("radarr.sql").decode()
    assert "movies_movie" in dump and "Dumped Film" in dump
