"""The import pipeline with the settings the basic pipeline tests leave off: renaming, extras,
permissions, several files of one movie, tracked downloads, and the words of a failed import."""

import grp
import os
from pathlib import Path

import pytest

from downloads.models import History, HistoryEventType
from imports import pipeline
from imports.models import ExtraFile, MediaManagementConfig, NamingConfig
from imports.pipeline import import_download, import_folder, resolve_mode
from imports.transfer import COPY, HARDLINK, MOVE
from movies.models import MovieFile
from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory
from tests.imports.conftest import write
from tests.movies.factories import MovieFileFactory

pytestmark = pytest.mark.django_db

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"


def test_with_renaming_on_the_file_is_named_from_the_release_it_was(arrival, downloads, options):
    NamingConfig.objects.update_or_create(
        pk=1,
        defaults={
            "rename_movies": True,
            "standard_movie_format": "{Movie Title} {Quality Full} {Release Group}",
        },
    )
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(downloads / RELEASE)

    assert result.imported[0].movie_file.relative_path == "Arrival Bluray-1080p GRP.mkv"
    assert (Path(arrival.path) / "Arrival Bluray-1080p GRP.mkv").is_file()


def test_extras_come_along_with_the_movie_they_belong_to(arrival, downloads, options):
    MediaManagementConfig.objects.update_or_create(
        pk=1, defaults={"import_extra_files": True, "extra_file_extensions": "srt"}
    )
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    write(downloads / RELEASE / f"{RELEASE}.srt", 10)

    result = import_folder(downloads / RELEASE)

    movie_file = result.imported[0].movie_file
    extra = ExtraFile.objects.get()
    assert (extra.movie_id, extra.movie_file_id) == (arrival.pk, movie_file.pk)
    assert (Path(arrival.path) / extra.relative_path).is_file()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file another group needs root here")
def test_with_permissions_on_the_file_gets_the_named_group(arrival, downloads, options):
    try:
        group = grp.getgrgid(1)  # not root's own group: the change shows
    except KeyError:
        pytest.skip("this system has no group 1 to give the file")
    options(set_permissions=True, file_chmod="640", chown_group=group.gr_name)
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(downloads / RELEASE)

    stat = (Path(arrival.path) / result.imported[0].movie_file.relative_path).stat()
    assert (stat.st_gid, stat.st_mode & 0o777) == (group.gr_gid, 0o640)


def test_of_two_files_of_one_quality_the_largest_is_imported(arrival, downloads, options):
    write(downloads / RELEASE / "small" / f"{RELEASE}.mkv", 2048)
    write(downloads / RELEASE / "large" / f"{RELEASE}.mkv", 4096)

    result = import_folder(downloads / RELEASE)

    assert [imported.movie_file.size for imported in result.imported] == [4096]
    assert [facts.messages() for facts in result.rejected] == [
        ["Another file of this movie was imported from this folder"]
    ]
    assert MovieFile.objects.get().original_file_path.startswith("large")


def test_a_file_that_cannot_be_put_in_place_is_reported_by_name(arrival, downloads, options):
    arrival.path = "/elsewhere/Arrival (2016)"  # outside every root folder
    arrival.save()
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(downloads / RELEASE)

    assert result.imported == []
    assert len(result.errors) == 1
    assert result.errors[0].startswith(f"{RELEASE}.mkv: cannot import into the folder of")


def test_a_tracked_download_leaves_its_history_to_the_tracking(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    tracked = TrackedDownloadFactory(
        client=DownloadClientFactory(), movie=arrival, output_path=str(downloads / RELEASE)
    )

    result = import_download(tracked)

    assert str(result) == "Imported 1 file(s)"
    assert not History.objects.filter(event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED).exists()


def test_an_upgrade_names_the_library_file_it_replaced(arrival, downloads, options, tmp_path, library):
    old = write(library / "Arrival (2016)" / "Arrival.2016.720p.HDTV.x264-OLD.mkv", 1000)
    MovieFileFactory(movie=arrival, relative_path=old.name, size=1000, quality_id=4)
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(downloads / RELEASE)

    assert [imported.replaced for imported in result.imported] == [[str(old)]]


def test_a_naming_failure_is_logged_with_the_files_path(arrival, downloads, options, monkeypatch, caplog):
    def broken(movie, facts):
        raise RuntimeError("a naming bug")

    monkeypatch.setattr(pipeline, "movie_file_name", broken)
    source = write(downloads / RELEASE / f"{RELEASE}.mkv")

    import_folder(downloads / RELEASE)

    assert f"Naming {source} failed; keeping its name" in caplog.messages


@pytest.mark.parametrize(
    ("mode", "hardlinks", "expected"),
    [(COPY, True, HARDLINK), (COPY, False, COPY), (MOVE, True, MOVE)],
    ids=["copy-hardlinks", "copy-only", "move"],
)
def test_the_transfer_mode_follows_the_hardlink_setting(mode, hardlinks, expected):
    assert resolve_mode(mode, None, hardlinks) == expected
