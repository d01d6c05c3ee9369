"""Rescans after imports: a vanished file leaves history and may unmonitor; an unmounted (missing or
empty) root folder marks nothing missing."""

import shutil

import pytest

from downloads.models import History, HistoryEventType
from movies.models import MovieFile
from movies.scanning import scan_movie_folder
from tests.imports.conftest import write
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def movie_with_file(library):
    movie = MovieFactory(
        title="Arrival", year=2016, root_folder_path=str(library), path=str(library / "Arrival")
    )
    write(library / "Arrival" / "Arrival.mkv")
    MovieFileFactory(movie=movie, relative_path="Arrival.mkv", size=2048)
    return movie


def test_a_file_gone_from_disk_is_recorded_and_the_movie_unmonitored_when_configured(
    movie_with_file, library, options
):
    options(auto_unmonitor_previously_downloaded_movies=True)
    (library / "Arrival" / "Arrival.mkv").unlink()
    scan_movie_folder(movie_with_file)
    event = History.objects.get(movie=movie_with_file)
    assert (event.event_type, event.data["reason"]) == (
        HistoryEventType.MOVIE_FILE_DELETED,
        "MissingFromDisk",
    )
    movie_with_file.refresh_from_db()
    assert (movie_with_file.has_file, movie_with_file.monitored) == (False, False)


def test_a_missing_file_keeps_the_movie_monitored_by_default(movie_with_file, library, options):
    (library / "Arrival" / "Arrival.mkv").unlink()
    scan_movie_folder(movie_with_file)
    movie_with_file.refresh_from_db()
    assert movie_with_file.monitored


@pytest.mark.parametrize("unmount", ["missing", "empty"])
def test_an_unmounted_root_folder_marks_nothing_missing(movie_with_file, library, unmount):
    shutil.rmtree(library)
    if unmount == "empty":
        library.mkdir()
    message = scan_movie_folder(movie_with_file)
    assert "scan skipped" in message
    assert MovieFile.objects.filter(movie=movie_with_file).count() == 1
    assert not History.objects.exists()
