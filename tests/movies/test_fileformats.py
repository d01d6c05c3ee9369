"""Each file's custom formats are matched once and stored; a change to the formats matches them again."""

from pathlib import Path

import pytest

from movies.fileformats import refresh_file_formats
from movies.models import MovieFile
from movies.scanning import scan_movie_folder
from radarr.models import Command
from releases.customformats.editing import delete_custom_formats, save_custom_format
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def title_format(name: str, pattern: str, custom_format: object = None) -> object:
    condition = {
        "name": name,
        "implementation": "ReleaseTitleSpecification",
        "negate": False,
        "required": True,
        "fields": {"value": pattern},
    }
    return save_custom_format(name, False, [condition], custom_format=custom_format)


def test_a_scanned_file_is_stored_with_the_formats_it_matches(tmp_path: Path):
    remux = title_format("Remux", r"\bREMUX\b")
    title_format("x265", r"\bx265\b")
    folder = tmp_path / "movies" / "The Matrix (1999)"
    folder.mkdir(parents=True)
    (folder / "The.Matrix.1999.2160p.UHD.BluRay.REMUX.HDR-FraMeSToR.mkv").write_bytes(b"x" * 100)
    movie = MovieFactory(title="The Matrix", year=1999, path=str(folder), root_folder_path=str(folder.parent))

    scan_movie_folder(movie)

    assert MovieFile.objects.get(movie=movie).custom_format_ids == [remux.pk]


def test_changing_a_format_queues_matching_the_files_again_which_finds_the_new_matches(
    django_capture_on_commit_callbacks,
):
    x265 = title_format("x265", r"\bx265\b")
    movie_file = MovieFileFactory(relative_path="Heat (1995) Bluray-1080p HEVC-GRP.mkv")
    assert movie_file.custom_format_ids == []

    with django_capture_on_commit_callbacks(execute=True):
        title_format("x265", r"\b(x265|HEVC)\b", custom_format=x265)
    summary = refresh_file_formats()

    assert Command.objects.filter(name="ReevaluateLibrary").exists()
    movie_file.refresh_from_db()
    assert movie_file.custom_format_ids == [x265.pk]
    assert summary == "Matched 1 file(s) against the custom formats, 1 changed"


def test_files_already_matched_against_todays_formats_are_left_alone():
    title_format("x265", r"\bx265\b")
    MovieFileFactory(relative_path="Heat (1995) Bluray-1080p x265-GRP.mkv")

    assert refresh_file_formats() == "Matched 0 file(s) against the custom formats, 0 changed"


def test_a_deleted_format_leaves_the_files_json_at_once_and_their_rows_after_the_job(api_client):
    x265 = title_format("x265", r"\bx265\b")
    movie_file = MovieFileFactory(relative_path="Heat (1995) Bluray-1080p x265-GRP.mkv")

    delete_custom_formats([x265.pk])
    shown = api_client.get(f"/api/v3/moviefile/{movie_file.pk}").json()["customFormats"]
    refresh_file_formats()

    movie_file.refresh_from_db()
    assert shown == [] and movie_file.custom_format_ids == []
