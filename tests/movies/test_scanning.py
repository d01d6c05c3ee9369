"""Rescanning a movie folder: files found, parsed, gone; the movie's file state kept right."""

from pathlib import Path

import pytest

from movies.models import MovieFile
from movies.scanning import find_video_files, scan_movie_folder
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def movie(tmp_path: Path):
    root = tmp_path / "movies"
    folder = root / "The Matrix (1999)"
    folder.mkdir(parents=True)
    return MovieFactory(title="The Matrix", year=1999, path=str(folder), root_folder_path=str(root))


def write(path: Path, size: int = 100) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_a_new_video_file_becomes_the_primary_file_with_its_parsed_quality(movie):
    write(Path(movie.path) / "The.Matrix.1999.2160p.UHD.BluRay.REMUX.HDR-FraMeSToR.mkv", 500)

    scan_movie_folder(movie)

    movie_file = MovieFile.objects.get(movie=movie)
    assert movie_file.quality_id == 31  # Remux-2160p
    assert movie_file.release_group == "FraMeSToR"
    assert movie_file.is_primary is True
    movie.refresh_from_db()
    assert movie.has_file is True and movie.size_on_disk == 500


def test_samples_extras_and_non_video_files_are_skipped(movie):
    folder = Path(movie.path)
    write(folder / "movie.mkv")
    write(folder / "movie-sample.mkv")
    write(folder / "Extras" / "interview.mkv")
    write(folder / "Sample" / "clip.mkv")
    write(folder / "movie.nfo")
    write(folder / "movie.srt")

    assert [found.relative_path for found in find_video_files(folder)] == ["movie.mkv"]


def test_a_file_gone_from_disk_loses_its_row_and_nothing_else(movie):
    MovieFileFactory(movie=movie, relative_path="vanished.mkv")
    write(Path(movie.path) / "kept.mkv")

    scan_movie_folder(movie)

    assert list(MovieFile.objects.filter(movie=movie).values_list("relative_path", flat=True)) == ["kept.mkv"]
    assert (Path(movie.path) / "kept.mkv").exists()


def test_the_last_file_gone_leaves_the_movie_missing(movie):
    MovieFileFactory(movie=movie, relative_path="vanished.mkv")

    scan_movie_folder(movie)

    movie.refresh_from_db()
    assert movie.has_file is False and movie.size_on_disk == 0


def test_an_unavailable_root_folder_skips_the_scan_and_keeps_the_rows(movie, tmp_path):
    MovieFileFactory(movie=movie, relative_path="film.mkv")
    movie.root_folder_path = str(tmp_path / "unmounted")
    movie.save()

    outcome = scan_movie_folder(movie)

    assert "skipped" in outcome
    assert MovieFile.objects.filter(movie=movie).count() == 1


def test_a_changed_size_is_updated(movie):
    MovieFileFactory(movie=movie, relative_path="film.mkv", size=1)
    write(Path(movie.path) / "film.mkv", 42)

    scan_movie_folder(movie)

    assert MovieFile.objects.get(movie=movie).size == 42
    movie.refresh_from_db()
    assert movie.size_on_disk == 42


def test_the_outcome_says_what_was_found(movie):
    write(Path(movie.path) / "a.mkv")

    assert scan_movie_folder(movie).startswith("Scanned The Matrix (1999): 1 video file(s), 1 new, 0 gone")


def test_rescan_movie_command_scans_the_named_movie(tmp_path):
    from radarr.commands import execute_command, queue_command

    folder = tmp_path / "Heat (1995)"
    folder.mkdir()
    (folder / "Heat.1995.1080p.BluRay.x264-GRP.mkv").write_bytes(b"x" * 2048)
    movie = MovieFactory(root_folder_path=str(tmp_path), path=str(folder))

    command = queue_command("RescanMovie", {"movieId": movie.pk})
    execute_command(command.pk)

    movie.refresh_from_db()
    assert movie.has_file and movie.size_on_disk == 2048
