"""Must-show 2 and 9 on real filesystems: an upgrade that meets a full disk, a read-only library or a
read-only recycle bin loses nothing (the old library file, its row and the download all stay), the
recycle bin's health check says so, and Media Management's permissions reach imported files."""

import grp
import os
from pathlib import Path

import pytest

from downloads.models import History, HistoryEventType
from imports.models import MediaManagementConfig
from imports.pipeline import import_folder
from imports.transfer import COPY, transfer_file
from movies.models import MovieFile
from tests.imports.conftest import remount_read_only, write
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db
mounts = pytest.mark.sqlite_pass  # real mounts: once per CI run is enough

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"
OLD = "Arrival.2016.720p.HDTV.x264-OLD.mkv"


def library_with_old_file(root: Path):
    """Arrival with a 720p file in `root`: the file an upgrade would replace."""
    (root / ".keep").write_text("mounted")
    RootFolderFactory(path=str(root))
    movie = MovieFactory(
        title="Arrival", year=2016, root_folder_path=str(root), path=str(root / "Arrival (2016)")
    )
    old = write(root / "Arrival (2016)" / OLD, 100 * 1024)
    row = MovieFileFactory(movie=movie, relative_path=OLD, size=old.stat().st_size, quality_id=4)
    return movie, old, row


def assert_nothing_lost(movie, old: Path, row: MovieFile, source: Path, source_size: int) -> None:
    assert old.stat().st_size == 100 * 1024
    assert list(MovieFile.objects.filter(movie=movie).values_list("pk", "is_primary")) == [(row.pk, True)]
    assert source.stat().st_size == source_size
    assert sorted(path.name for path in old.parent.iterdir()) == [OLD]  # no partial file left behind
    assert not History.objects.filter(event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED).exists()


@mounts
def test_an_upgrade_that_fills_the_disk_keeps_the_old_file_and_the_download(tmpfs, downloads, options):
    options(skip_free_space_check=True)  # the free-space rule is off: the disk itself must refuse
    movie, old, row = library_with_old_file(tmpfs("movies", "1m"))
    source = write(downloads / RELEASE / f"{RELEASE}.mkv", 3 * 1024 * 1024)

    result = import_folder(downloads / RELEASE, mode="move")

    assert result.imported == [] and "No space left" in result.errors[0]
    assert_nothing_lost(movie, old, row, source, 3 * 1024 * 1024)


@mounts
def test_an_upgrade_into_a_read_only_library_keeps_the_old_file_and_the_download(tmpfs, downloads, options):
    options(skip_free_space_check=True)  # a 4 MB disk is under the 100 MB to keep free
    library = tmpfs("movies", "4m")
    movie, old, row = library_with_old_file(library)
    remount_read_only(library)
    source = write(downloads / RELEASE / f"{RELEASE}.mkv", 4096)

    result = import_folder(downloads / RELEASE, mode="move")

    assert result.imported == [] and "Read-only" in result.errors[0]
    assert_nothing_lost(movie, old, row, source, 4096)


@mounts
def test_a_read_only_recycle_bin_is_a_health_error_and_an_upgrade_keeps_both_files(
    api_client, tmpfs, library, downloads, options
):
    recycle_bin = tmpfs("recycle", "1m")
    remount_read_only(recycle_bin)
    options(recycle_bin=str(recycle_bin))
    movie, old, row = library_with_old_file(library)
    write(downloads / RELEASE / f"{RELEASE}.mkv", 4096)

    health = api_client.get("/api/v3/health").json()
    result = import_folder(downloads / RELEASE, mode="move")

    (issue,) = [issue for issue in health if issue["source"] == "RecyclingBinCheck"]
    assert issue["type"] == "error" and str(recycle_bin) in issue["message"]
    assert len(result.imported) == 1  # the new file is in, the old one could not leave: both stay
    assert old.exists()
    rows = dict(MovieFile.objects.filter(movie=movie).values_list("relative_path", "is_primary"))
    assert rows[OLD] is False and list(rows.values()).count(True) == 1


def test_set_permissions_gives_imported_files_the_folder_mode_less_execute(library, downloads):
    MediaManagementConfig.objects.update_or_create(
        pk=1, defaults={"set_permissions_linux": True, "chmod_folder": "750"}
    )
    MovieFactory(
        title="Arrival", year=2016, root_folder_path=str(library), path=str(library / "Arrival (2016)")
    )
    write(downloads / RELEASE / f"{RELEASE}.mkv")

    import_folder(downloads / RELEASE, mode="copy")

    (row,) = MovieFile.objects.all()
    assert os.stat(library / "Arrival (2016)" / row.relative_path).st_mode & 0o777 == 0o640


def test_a_transfer_gives_the_file_the_chosen_group(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root may give a file to another group")
    group = grp.getgrnam("daemon")
    source = write(tmp_path / "downloads" / "Movie.mkv")

    final = transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=COPY, group="daemon")

    assert final.stat().st_gid == group.gr_gid != source.stat().st_gid
