"""Restoring is safe both ways: the state it replaces is kept in a backup first, and a bad upload
changes nothing at all (no rows, no safety copy)."""

import io
import sqlite3
import zipfile

import pytest
from django.db import connection

from movies.models import Movie
from radarr.system import backups
from radarr.system.backups import create_backup, list_backups
from tests.movies.factories import MovieFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="restoring from the UI is SQLite's"),
]


@pytest.fixture(autouse=True)
def backups_in_tmp(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(backups, "backup_folder", lambda kind="": tmp_path / "Backups" / kind)
    settings.DATA_DIR = tmp_path


def titles_in(archive_path, scratch) -> list[str]:
    with zipfile.ZipFile(archive_path) as archive:
        archive.extract("radarr.db", scratch)
    with sqlite3.connect(scratch / "radarr.db") as db:
        return [row[0] for row in db.execute("select title from movies_movie order by title")]


@pytest.mark.django_db(transaction=True)  # backups copy committed rows only
def test_the_safety_copy_holds_the_state_the_restore_replaced(api_client, tmp_path):
    MovieFactory(title="Before")
    made = create_backup("manual")
    Movie.objects.all().delete()
    MovieFactory(title="After")

    api_client.post(f"/api/v3/system/backup/restore/{made.id}")

    (safety,) = [backup for backup in list_backups() if backup.name != made.name]
    assert titles_in(safety.path, tmp_path / "check") == ["After"]
    assert list(Movie.objects.values_list("title", flat=True)) == ["Before"]


@pytest.mark.django_db
def test_an_upload_with_a_damaged_database_changes_nothing(api_client, tmp_path):
    MovieFactory(title="Kept")
    database = tmp_path / "radarr.db"
    with sqlite3.connect(database) as db:
        db.execute("create table django_migrations (x)")
        db.execute("create table movies_movie (title)")
        db.executemany("insert into movies_movie values (?)", [("x" * 200,) for _ in range(2000)])
    data = bytearray(database.read_bytes())
    data[8192 + 50 : 8192 + 600] = b"\x07" * 550  # scribble over a page of rows
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("radarr.db", bytes(data))
    upload = io.BytesIO(archive.getvalue())
    upload.name = "radarr_backup.zip"

    response = api_client.post("/api/v3/system/backup/restore/upload", {"file": upload})

    assert response.status_code == 400 and "damaged" in response.json()["message"]
    assert response.json()["description"] == "Nothing was replaced"
    assert list(Movie.objects.values_list("title", flat=True)) == ["Kept"]
    assert list_backups() == []  # validation comes before the safety copy
