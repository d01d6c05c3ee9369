"""The import pipeline: a folder's files identified, checked and put into the library without loss."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from downloads.models import History, HistoryEventType
from imports import pipeline
from imports.pipeline import import_folder
from movies.models import MovieFile
from tests.imports.conftest import write
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"


def test_a_folder_is_identified_by_its_name_and_moved_into_the_movie_folder(arrival, downloads, options):
    source = write(downloads / RELEASE / f"{RELEASE}.mkv")
    result = import_folder(downloads / RELEASE)
    assert str(result) == "Imported 1 file(s)"
    movie_file = MovieFile.objects.get(movie=arrival)
    assert (movie_file.quality_id, movie_file.release_group, movie_file.is_primary) == (7, "GRP", True)
    assert (arrival.path + "/" + movie_file.relative_path) == str(
        result.imported[0].movie_file.movie.path
    ) + ("/" + movie_file.relative_path)
    assert os.path.exists(os.path.join(arrival.path, movie_file.relative_path))
    assert not source.exists()
    arrival.refresh_from_db()
    assert arrival.has_file and arrival.size_on_disk == 2048
    event = History.objects.get(movie=arrival)
    assert event.event_type == HistoryEventType.DOWNLOAD_FOLDER_IMPORTED
    assert event.data["droppedPath"] == str(source)


def test_archives_wait_for_extraction_and_executables_block(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.rar")
    write(downloads / RELEASE / f"{RELEASE}.r00")
    waiting = import_folder(downloads / RELEASE)
    assert waiting.waiting == "Found archive file, might need to be extracted"
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    write(downloads / RELEASE / "setup.exe")
    blocked = import_folder(downloads / RELEASE)
    assert blocked.blocked == "Caution: Found executable file with extension: '.exe'"
    assert not MovieFile.objects.exists()
    assert (downloads / RELEASE / f"{RELEASE}.mkv").exists()


def test_a_folder_still_unpacking_waits(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    (downloads / RELEASE / "_UNPACK_part").mkdir()
    assert import_folder(downloads / RELEASE).waiting.startswith("Files are still being unpacked")


def test_samples_and_unknown_movies_are_rejected_with_reasons(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    write(downloads / RELEASE / "Sample" / f"{RELEASE}-sample.mkv")
    write(downloads / "Unknown.Film.1999.720p.HDTV-X" / "Unknown.Film.1999.720p.HDTV-X.mkv")
    result = import_folder(downloads / RELEASE)
    assert len(result.imported) == 1
    assert result.rejected[0].messages() == ["Sample"]
    unknown = import_folder(downloads / "Unknown.Film.1999.720p.HDTV-X")
    assert unknown.imported == []
    assert unknown.rejected[0].messages()[0].startswith("Unknown Movie")


def test_an_upgrade_puts_the_new_file_in_place_and_the_old_one_in_the_recycle_bin(
    arrival, downloads, options, tmp_path
):
    recycle_bin = tmp_path / "recycle"
    options(recycle_bin=str(recycle_bin))
    old = write(tmp_path / "movies" / "Arrival (2016)" / "Arrival.2016.720p.HDTV.x264-OLD.mkv", 1000)
    old_row = MovieFileFactory(movie=arrival, relative_path=old.name, size=1000, quality_id=4)
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    result = import_folder(downloads / RELEASE)
    assert len(result.imported) == 1, result.messages
    assert not old.exists()
    assert (recycle_bin / "Arrival (2016)" / old.name).stat().st_size == 1000
    rows = list(MovieFile.objects.filter(movie=arrival))
    assert [row.quality_id for row in rows] == [7]
    assert not MovieFile.objects.filter(pk=old_row.pk).exists()
    deleted = History.objects.get(movie=arrival, event_type=HistoryEventType.MOVIE_FILE_DELETED)
    assert deleted.data["reason"] == "Upgrade"
    arrival.refresh_from_db()
    assert arrival.size_on_disk == 2048


def test_an_upgrade_takes_the_old_files_subtitles_to_the_recycle_bin_too(
    arrival, downloads, options, tmp_path
):
    from imports.models import ExtraFile

    recycle_bin = tmp_path / "recycle"
    options(recycle_bin=str(recycle_bin))
    folder = tmp_path / "movies" / "Arrival (2016)"
    old = write(folder / "Arrival.2016.720p.HDTV.x264-OLD.mkv", 1000)
    subtitle = folder / "Arrival.2016.720p.HDTV.x264-OLD.en.srt"
    subtitle.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n")
    old_row = MovieFileFactory(movie=arrival, relative_path=old.name, size=1000, quality_id=4)
    ExtraFile.objects.create(
        movie=arrival, movie_file=old_row, relative_path=subtitle.name, extension=".srt", type="subtitle"
    )
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(downloads / RELEASE)

    assert len(result.imported) == 1, result.messages
    assert not subtitle.exists() and (recycle_bin / "Arrival (2016)" / subtitle.name).exists()
    assert not ExtraFile.objects.filter(relative_path=subtitle.name).exists()


def test_a_file_that_is_not_an_upgrade_is_rejected_and_nothing_moves(arrival, downloads, options, tmp_path):
    old = write(tmp_path / "movies" / "Arrival (2016)" / "Arrival.2016.2160p.BluRay.x265-OLD.mkv", 1000)
    MovieFileFactory(movie=arrival, relative_path=old.name, size=1000, quality_id=19)
    arrival.has_file = True
    arrival.save()
    source = write(downloads / RELEASE / f"{RELEASE}.mkv")
    result = import_folder(downloads / RELEASE)
    assert result.imported == []
    assert result.rejected[0].messages() == ["Not an upgrade for existing movie file"]
    assert old.exists() and source.exists()


def test_when_the_recycle_bin_cannot_be_written_both_files_stay(arrival, downloads, options, tmp_path):
    blocker = write(tmp_path / "not-a-folder", 10)
    options(recycle_bin=str(blocker))
    old = write(tmp_path / "movies" / "Arrival (2016)" / "Arrival.2016.720p.HDTV.x264-OLD.mkv", 1000)
    MovieFileFactory(movie=arrival, relative_path=old.name, size=1000, quality_id=4)
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    result = import_folder(downloads / RELEASE)
    assert len(result.imported) == 1
    assert old.exists()
    rows = {row.relative_path: row.is_primary for row in MovieFile.objects.filter(movie=arrival)}
    assert rows == {old.name: False, f"{RELEASE}.mkv": True}


def test_a_free_space_shortfall_is_a_temporary_rejection(arrival, downloads, options):
    options(minimum_free_space_mb=10**9)
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    result = import_folder(downloads / RELEASE)
    rejection = result.rejected[0].rejections[0]
    assert rejection.reason.startswith("Not enough free space") and not rejection.permanent


def test_a_file_grabbed_for_another_movie_is_rejected(arrival, downloads, options, library):
    from tests.downloads.factories import GrabFactory

    other = MovieFactory(title="Other", year=2001, root_folder_path=str(library), path=str(library / "Other"))
    grab = GrabFactory(movie=other, source_title=RELEASE)
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    result = import_folder(downloads / RELEASE, movie=arrival, download_id=grab.download_id)
    # the grab names the movie: the file goes to the grab's movie, never to a guess
    assert [row.movie_id for row in MovieFile.objects.all()] == [other.pk]
    assert len(result.imported) == 1


def test_the_first_import_is_kept_through_an_upgrade(arrival, downloads, options, tmp_path):
    options(recycle_bin=str(tmp_path / "recycle"))
    old = write(tmp_path / "movies" / "Arrival (2016)" / "Arrival.2016.720p.HDTV.x264-OLD.mkv", 1000)
    first = timezone.now() - timedelta(days=40)
    MovieFileFactory(movie=arrival, relative_path=old.name, size=1000, quality_id=4, date_added=first)
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    import_folder(downloads / RELEASE)

    arrival.refresh_from_db()
    new_file = MovieFile.objects.get(movie=arrival)
    assert new_file.quality_id == 7 and new_file.date_added > first
    assert arrival.first_imported == first  # upgrade windows count from here


def test_a_folder_that_is_not_there_yet_waits(arrival, downloads, options):
    missing = downloads / "Not.Yet.2016.1080p"

    assert import_folder(missing).waiting == f"{missing} does not exist (yet)"


def test_a_naming_failure_keeps_the_files_own_name_and_is_logged(
    arrival, downloads, options, monkeypatch, caplog
):
    def broken(movie, facts):
        raise RuntimeError("a naming bug")

    monkeypatch.setattr(pipeline, "movie_file_name", broken)
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(downloads / RELEASE)

    assert result.imported[0].movie_file.relative_path == f"{RELEASE}.mkv"
    assert any(
        message.startswith("Naming ") and "failed; keeping its name" in message for message in caplog.messages
    )


def test_extras_that_fail_do_not_fail_the_import(arrival, downloads, options, monkeypatch, caplog):
    def broken(folder, movie, movie_file):
        raise OSError("extras unreadable")

    monkeypatch.setattr(pipeline, "import_extras", broken)
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(downloads / RELEASE)

    assert str(result) == "Imported 1 file(s)"
    assert f"Importing extra files of {arrival} failed" in caplog.messages
