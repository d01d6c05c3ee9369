"""Issue 14, must-show 2: imports, renames, moves and file deletes never write or delete outside a root
folder, even for a movie whose row (from before the rule) points at a folder outside every root folder.

Each test has a configured root folder (`library`) and a marker folder outside it (tests/pathsafety.py)
and checks, after the command or request, that the marker is exactly as it was.
"""

import json
from pathlib import Path

import pytest

from imports.models import NamingConfig
from movies.models import Movie, MovieFile
from radarr.commands import execute_command
from radarr.models import Command
from tests.imports.conftest import write
from tests.movies.factories import MovieFactory, MovieFileFactory
from tests.pathsafety import assert_untouched, make_marker, snapshot, store_old_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return make_marker(tmp_path)


@pytest.fixture
def old_heat(library: Path, marker: Path) -> tuple[Movie, MovieFile]:
    """Heat, stored before the rule with its folder at the marker and the marker's file as its file."""
    movie = store_old_row(MovieFactory(title="Heat", year=1995), marker, marker.parent)
    return movie, MovieFileFactory(movie=movie, relative_path="keep.mkv", scene_name="", size=8)


@pytest.fixture
def renaming_on() -> None:
    NamingConfig.objects.update_or_create(pk=1, defaults={"rename_movies": True})


def run_command(api_client, body: dict) -> Command:
    response = api_client.post("/api/v3/command", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    execute_command(response.json()["id"])
    return Command.objects.get(pk=response.json()["id"])


def test_manual_import_never_writes_into_a_movie_folder_outside_every_root_folder(
    api_client, old_heat, marker, downloads, options
):
    movie, _ = old_heat
    before = snapshot(marker)
    download = write(downloads / "Heat.1995.1080p.BluRay.x264-GRP.mkv")
    files = [{"path": str(download), "movieId": movie.pk, "quality": {"quality": {"id": 7}}}]

    command = run_command(api_client, {"name": "ManualImport", "importMode": "move", "files": files})

    assert_untouched(marker, before)
    assert "not inside a root folder" in command.message
    assert download.exists()  # the source stays where it was
    assert list(MovieFile.objects.filter(movie=movie).values_list("relative_path", flat=True)) == ["keep.mkv"]


def test_renaming_files_of_a_movie_outside_every_root_folder_is_refused(
    api_client, renaming_on, old_heat, marker
):
    movie, movie_file = old_heat
    before = snapshot(marker)

    command = run_command(api_client, {"name": "RenameFiles", "movieId": movie.pk, "files": [movie_file.pk]})

    assert_untouched(marker, before)
    assert "not inside a root folder" in command.message


def test_renaming_the_folder_of_a_movie_outside_every_root_folder_is_refused(api_client, old_heat, marker):
    movie, _ = old_heat
    before = snapshot(marker)

    command = run_command(api_client, {"name": "RenameMovieFolder", "movieIds": [movie.pk]})

    assert_untouched(marker, before)
    assert "refused" in command.message
    assert Movie.objects.get(pk=movie.pk).path == str(marker)


def test_the_organize_page_refuses_a_movie_outside_every_root_folder(
    admin_client, renaming_on, old_heat, marker
):
    movie, movie_file = old_heat
    before = snapshot(marker)

    response = admin_client.post(
        f"/movie/{movie.tmdb_id}/organize", {"files": [movie_file.pk], "rename_folder": "on"}, follow=True
    )

    assert_untouched(marker, before)
    assert "not inside a root folder" in response.content.decode()


def test_move_movie_never_moves_to_or_from_outside_every_root_folder(api_client, library, marker):
    folder = library / "Arrival (2016)"
    write(folder / "arrival.mkv")
    movie = MovieFactory(title="Arrival", year=2016, root_folder_path=str(library), path=str(folder))
    outside = marker.parent
    before = snapshot(outside)

    to_outside = {"name": "MoveMovie", "movieId": movie.pk, "destinationPath": str(outside / "Arrival")}
    from_marker = {"name": "MoveMovie", "movieId": movie.pk, "sourcePath": str(marker)}
    from_marker["destinationPath"] = str(library / "Taken From Outside")
    refused = [run_command(api_client, body) for body in (to_outside, from_marker)]

    assert_untouched(outside, before)
    assert [command.status for command in refused] == ["failed", "failed"]
    assert (folder / "arrival.mkv").exists() and not (library / "Taken From Outside").exists()
    assert Movie.objects.get(pk=movie.pk).path == str(folder)


def test_deleting_a_file_of_a_movie_outside_every_root_folder_is_refused(api_client, old_heat, marker):
    _, movie_file = old_heat
    before = snapshot(marker)

    response = api_client.delete(f"/api/v3/moviefile/{movie_file.pk}")

    assert_untouched(marker, before)
    assert response.status_code == 409 and "not inside a root folder" in response.json()["description"]
    assert MovieFile.objects.filter(pk=movie_file.pk).exists()
