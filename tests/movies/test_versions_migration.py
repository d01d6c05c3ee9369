"""An existing library crosses the versions migrations as it was: every movie is its one (primary)
version, every file row keeps its values and stays the primary file, and no file on disk changes."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from movies.versions import versions_of

BEFORE = [("movies", "0013_moviefile_unreadable_stamp"), ("downloads", "0004_provider_needs_password"),
          ("imports", "0003_move_in_from_radarr")]  # fmt: skip


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_library_from_before_versions_migrates_with_nothing_touched(tmp_path, api_client):
    old = _migrate(BEFORE)
    folder = tmp_path / "Arrival (2016)"
    folder.mkdir()
    video = folder / "Arrival.2016.1080p.mkv"
    video.write_bytes(b"\x1aE\xdf\xa3" + b"video" * 1000)
    stamp = (hashlib.sha256(video.read_bytes()).hexdigest(), video.stat().st_mtime_ns)
    profile = old.get_model("releases", "QualityProfile").objects.order_by("pk").first()
    movie = old.get_model("movies", "Movie").objects.create(
        tmdb_id=329865, title="Arrival", sort_title="arrival", clean_title="arrival", year=2016,
        quality_profile_id=profile.pk, root_folder_path=str(tmp_path), path=str(folder), has_file=True,
        size_on_disk=video.stat().st_size,
    )  # fmt: skip
    old.get_model("movies", "MovieFile").objects.create(
        movie_id=movie.pk, relative_path=video.name, size=video.stat().st_size, quality_id=7, is_primary=True
    )
    old.get_model("downloads", "History").objects.create(
        movie_id=movie.pk, event_type=1, date="2026-01-01T00:00:00Z", source_title="Arrival.2016.1080p"
    )

    new = _migrate(_leaf_nodes())

    file_row = new.get_model("movies", "MovieFile").objects.get()
    assert (file_row.relative_path, file_row.is_primary, file_row.version_id) == (video.name, True, None)
    assert new.get_model("downloads", "History").objects.get().version_id is None
    assert not new.get_model("movies", "MovieVersion").objects.exists()
    from movies.models import Movie

    (only,) = versions_of(Movie.objects.get(pk=movie.pk))
    assert only.is_primary and only.has_file and only.folder == str(folder)
    body = api_client.get(f"/api/v3/movie/{movie.pk}").json()
    assert body["hasFile"] is True and body["movieFile"]["relativePath"] == video.name
    assert [version["isPrimary"] for version in body["versions"]] == [True]
    assert (hashlib.sha256(video.read_bytes()).hexdigest(), video.stat().st_mtime_ns) == stamp


def _leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
