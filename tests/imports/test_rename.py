"""Rename preview and organise: names from the format, renames that never overwrite, history, extras
and the movie folder."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from downloads.models import History, HistoryEventType
from imports.models import ExtraFile, ExtraFileType, NamingConfig
from imports.renaming import rename_files, rename_movie_folders, rename_movies, rename_previews
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db

OLD_NAME = "the.matrix.1999.1080p.bluray.x264-grp.mkv"
NEW_NAME = "The Matrix (1999) Bluray-1080p.mkv"


@pytest.fixture
def renaming_on():
    NamingConfig.objects.update_or_create(pk=1, defaults={"rename_movies": True})


@pytest.fixture
def matrix(tmp_path):
    root = tmp_path / "movies"
    folder = root / "matrix"
    folder.mkdir(parents=True)
    (folder / OLD_NAME).write_bytes(b"video")
    RootFolderFactory(path=str(root))
    movie = MovieFactory(title="The Matrix", year=1999, root_folder_path=str(root), path=str(folder))
    movie_file = MovieFileFactory(movie=movie, relative_path=OLD_NAME, scene_name="", release_group="GRP")
    return movie, movie_file


def test_the_preview_lists_files_whose_name_differs_from_the_format(api_client, renaming_on, matrix):
    movie, movie_file = matrix
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v3/rename", {"movieId": movie.pk})
    assert response.status_code == 200
    assert response.json() == [
        {"movieId": movie.pk, "movieFileId": movie_file.pk, "existingPath": OLD_NAME, "newPath": NEW_NAME}
    ]
    assert len(queries) <= 6


def test_with_renaming_off_nothing_is_previewed(api_client, matrix):
    movie, _ = matrix
    assert api_client.get("/api/v3/rename", {"movieId": movie.pk}).json() == []


def test_the_preview_needs_a_known_movie(api_client):
    assert api_client.get("/api/v3/rename").status_code == 400
    assert api_client.get("/api/v3/rename", {"movieId": 999}).status_code == 404


def test_renaming_moves_the_file_records_history_and_takes_the_subtitle_along(renaming_on, matrix):
    movie, movie_file = matrix
    folder = Path(movie.path)
    (folder / "the.matrix.1999.1080p.bluray.x264-grp.en.srt").write_text("1")
    extra = ExtraFile.objects.create(
        movie=movie,
        movie_file=movie_file,
        relative_path="the.matrix.1999.1080p.bluray.x264-grp.en.srt",
        extension=".srt",
        type=ExtraFileType.SUBTITLE,
        language="en",
        language_tags=["forced"],
    )
    summary = rename_files(movie_id=movie.pk, files=[movie_file.pk])
    assert summary.startswith("Renamed 1 file")
    assert (folder / NEW_NAME).read_bytes() == b"video"
    assert not (folder / OLD_NAME).exists()
    movie_file.refresh_from_db()
    assert movie_file.relative_path == NEW_NAME
    event = History.objects.get(movie=movie)
    assert event.event_type == HistoryEventType.MOVIE_FILE_RENAMED
    assert event.data["sourceRelativePath"] == OLD_NAME
    assert event.data["relativePath"] == NEW_NAME
    extra.refresh_from_db()
    assert extra.relative_path == "The Matrix (1999) Bluray-1080p.en.forced.srt"
    assert (folder / extra.relative_path).read_text() == "1"
    assert rename_previews(movie) == []


def test_a_rename_never_overwrites_a_file_already_at_the_new_name(renaming_on, matrix):
    movie, movie_file = matrix
    folder = Path(movie.path)
    (folder / NEW_NAME).write_bytes(b"someone else's")
    rename_movies(movie_ids=[movie.pk])
    assert (folder / NEW_NAME).read_bytes() == b"someone else's"
    movie_file.refresh_from_db()
    assert movie_file.relative_path == "The Matrix (1999) Bluray-1080p (2).mkv"
    assert (folder / movie_file.relative_path).read_bytes() == b"video"


def test_a_file_missing_from_disk_is_left_alone(renaming_on, matrix):
    movie, movie_file = matrix
    (Path(movie.path) / OLD_NAME).unlink()
    rename_movies(movie_ids=[movie.pk])
    movie_file.refresh_from_db()
    assert movie_file.relative_path == OLD_NAME
    assert not History.objects.exists()


def test_the_movie_folder_is_renamed_to_the_folder_format(matrix):
    movie, _ = matrix
    assert rename_movie_folders(movie_ids=[movie.pk]) == "Renamed 1 movie folder(s)"
    movie.refresh_from_db()
    assert movie.path.endswith("/movies/The Matrix (1999)")
    assert (Path(movie.path) / OLD_NAME).exists()


def test_the_organize_page_previews_and_renames(admin_client, renaming_on, matrix):
    movie, movie_file = matrix
    page = admin_client.get(f"/movie/{movie.tmdb_id}/organize")
    assert page.status_code == 200
    assert NEW_NAME in page.content.decode()
    response = admin_client.post(f"/movie/{movie.tmdb_id}/organize", {"files": [movie_file.pk]})
    assert response.status_code == 302
    assert (Path(movie.path) / NEW_NAME).exists()


def test_the_organize_page_says_when_renaming_is_off(admin_client, matrix):
    movie, _ = matrix
    assert "Renaming is off" in admin_client.get(f"/movie/{movie.tmdb_id}/organize").content.decode()


def test_the_contract_name_uses_the_users_quality_title_and_only_formats_marked_for_renaming(renaming_on):
    from imports.naming import movie_file_name
    from releases.models import CustomFormat, QualityDefinition

    QualityDefinition.objects.filter(quality_id=7).update(title="BD-1080p")
    spec = {"name": "x264", "implementation": "ReleaseTitleSpecification", "negate": False, "required": True,
            "fields": {"value": "x264"}}  # fmt: skip
    CustomFormat.objects.create(name="x264", include_custom_format_when_renaming=True, specifications=[spec])
    CustomFormat.objects.create(
        name="Hidden", include_custom_format_when_renaming=False, specifications=[spec]
    )
    NamingConfig.objects.filter(pk=1).update(
        standard_movie_format="{Movie Title} {Quality Full} {Custom Formats}"
    )
    movie = MovieFactory(title="The Matrix", year=1999)
    movie_file = MovieFileFactory(movie=movie, relative_path=OLD_NAME, scene_name="")
    assert movie_file_name(movie, movie_file) == "The Matrix BD-1080p x264"

    class Facts:  # what the import pipeline passes: MovieFile-like attributes
        quality_id = 7
        revision = {"version": 1}
        edition = release_group = scene_name = ""
        relative_path = OLD_NAME
        media_info = None
        custom_formats = ["x264", "Hidden"]

    assert movie_file_name(movie, Facts()) == "The Matrix BD-1080p x264"


def test_change_file_date_sets_the_files_time_to_the_release_date(matrix):
    import datetime

    from imports.models import MediaManagementConfig
    from imports.renaming import set_file_date

    movie, movie_file = matrix
    path = Path(movie.path) / movie_file.relative_path
    assert set_file_date(movie, path) is False  # the setting is None by default
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"file_date": "cinemas"})
    movie.in_cinemas = datetime.date(1999, 3, 31)
    assert set_file_date(movie, path) is True
    assert datetime.datetime.fromtimestamp(path.stat().st_mtime).date() in (
        datetime.date(1999, 3, 30),
        datetime.date(1999, 3, 31),
    )


def test_the_organize_page_can_rename_the_folder_too(admin_client, matrix):
    movie, _ = matrix
    page = admin_client.get(f"/movie/{movie.tmdb_id}/organize").content.decode()
    assert "The Matrix (1999)" in page and 'name="rename_folder"' in page
    admin_client.post(f"/movie/{movie.tmdb_id}/organize", {"rename_folder": "1"})
    movie.refresh_from_db()
    assert movie.path.endswith("/The Matrix (1999)")
    assert (Path(movie.path) / OLD_NAME).exists()


def test_move_movie_moves_the_folder_and_repoints_the_movie(matrix, tmp_path):
    from imports.renaming import move_movie

    movie, _ = matrix
    RootFolderFactory(path=str(tmp_path / "other-root"))
    destination = tmp_path / "other-root" / "The Matrix (1999)"
    summary = move_movie(movie_id=movie.pk, source_path=movie.path, destination_path=str(destination))
    assert summary.startswith("Moved")
    movie.refresh_from_db()
    assert movie.path == str(destination)
    assert movie.root_folder_path == str(destination.parent)
    assert (destination / OLD_NAME).read_bytes() == b"video"
    assert move_movie(movie_id=99999) == "Movie 99999 does not exist"


def test_the_rename_commands_are_reachable_by_name_with_radarrs_bodies(renaming_on, matrix):
    from radarr.commands import _call_job
    from radarr.jobs import Job

    movie, movie_file = matrix
    job = Job("RenameFiles", "imports.renaming.rename_files", "Rename Files")
    assert _call_job(job, {"movieId": movie.pk, "files": [movie_file.pk]}).startswith("Renamed 1 file")


def test_a_rename_raises_one_rename_event_with_the_previous_paths(
    renaming_on, matrix, django_capture_on_commit_callbacks
):
    from django_q.models import OrmQ

    from notifications.events import RenameEvent, event_from_data

    movie, movie_file = matrix

    with django_capture_on_commit_callbacks(execute=True):
        rename_files(movie_id=movie.pk, files=[movie_file.pk])

    queued = [task.task for task in OrmQ.objects.all()]
    (payload,) = [task["args"][0] for task in queued if task["func"].endswith("send_event")]
    event = event_from_data(payload)
    assert isinstance(event, RenameEvent) and event.movie.id == movie.pk
    renamed = [(item.file.id, item.previous_relative_path, item.previous_path) for item in event.renamed]
    assert renamed == [(movie_file.pk, OLD_NAME, str(Path(movie.path) / OLD_NAME))]


def test_the_folder_namer_other_apps_call_uses_the_users_folder_format(db):
    from imports.naming import movie_folder_namer

    NamingConfig.objects.update_or_create(
        pk=1, defaults={"movie_folder_format": "{Movie TitleThe} [{TmdbId}]"}
    )
    movie = MovieFactory(title="The Matrix", year=1999, tmdb_id=603)

    assert movie_folder_namer()(movie) == "Matrix, The [603]"
