"""Issue 21, the file side of versions, on real files in temporary folders: a download grabbed for a
version is imported as that version's file (its own root folder, or the movie's folder with the
version's suffix), judged against that version's file and profile, and an upgrade replaces only that
version's file through the recycle bin; rescans, renames and deletions keep to each version's file and
folder; manual import lets the user pick the version; notifications name it."""

import hashlib
import os
from pathlib import Path

import pytest

from downloads.models import DownloadClient, History, HistoryEventType, TrackedDownload
from imports.completed import import_completed_downloads
from imports.filedeletion import delete_movie_file
from imports.models import NamingConfig
from imports.pipeline import import_folder
from imports.renaming import rename_movie_files
from imports.tasks import manual_import
from imports.versionfiles import delete_version
from movies.deleting import delete_movie
from movies.files import FolderError
from movies.models import Movie, MovieFile, MovieVersion
from movies.scanning import scan_movie_folder, update_version_file_state
from movies.versions import add_version
from releases.models import QualityProfile
from tests.downloads.factories import GrabFactory, TrackedDownloadFactory
from tests.imports.conftest import make_video, write
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db

UHD_RELEASE = "Arrival.2016.2160p.UHD.BluRay.REMUX.HDR.HEVC-GRP"
HD_RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"
PRIMARY_NAME = "Arrival (2016) Bluray-1080p.mkv"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content(path: Path, size: int = 4096) -> Path:
    """A file of distinct bytes, so "byte-identical" means something."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    return path


def profile(name: str) -> QualityProfile:
    return QualityProfile.objects.get(name=name)


@pytest.fixture
def uhd_root(tmp_path) -> Path:
    root = tmp_path / "movies-4k"
    root.mkdir()
    (root / ".keep").write_text("a mounted root folder")
    RootFolderFactory(path=str(root))
    return root


@pytest.fixture
def movie(arrival) -> Movie:
    """Arrival with its 1080p primary file on disk."""
    arrival.quality_profile = profile("HD-1080p")
    arrival.save()
    content(Path(arrival.path) / PRIMARY_NAME, 8192)
    MovieFileFactory(movie=arrival, relative_path=PRIMARY_NAME, size=8192, quality_id=7)
    arrival.refresh_from_db()
    return arrival


def version(movie: Movie, root: Path | str = "", name: str = "4K") -> MovieVersion:
    return add_version(
        movie,
        {
            "name": name,
            "quality_profile_id": profile("Ultra-HD").pk,
            "minimum_availability": "released",
            "monitored": True,
            "edition": "",
            "root_folder_path": str(root),
        },
    )


def version_file(row: MovieVersion, name: str, quality_id: int, size: int = 4096) -> MovieFile:
    """A file the version holds already, on disk in its folder."""
    folder = Path(row.path or row.movie.path)
    content(folder / name, size)
    held = MovieFileFactory(
        movie=row.movie, version=row, is_primary=False, relative_path=name, size=size, quality_id=quality_id
    )
    update_version_file_state(row)
    return held


def grab_for(movie: Movie, row: MovieVersion | None, title: str, quality_id: int) -> History:
    return GrabFactory(movie=movie, version=row, source_title=title, quality_id=quality_id)


@pytest.fixture
def client_row():
    return DownloadClient.objects.create(
        name="Blackhole", implementation="TorrentBlackhole", protocol="usenet", settings={}
    )


def tracked(client_row, movie: Movie, row: MovieVersion | None, output: Path, title: str, quality_id: int):
    grab = grab_for(movie, row, title, quality_id)
    return TrackedDownloadFactory(
        client=client_row,
        movie=movie,
        version=row,
        grab=grab,
        download_id=grab.download_id,
        protocol="usenet",
        state="importPending",
        item_status="completed",
        output_path=str(output),
        remaining_size=0,
    )


@pytest.fixture
def renaming():
    config = NamingConfig.load()
    config.rename_movies = True
    config.save()
    return config


# ---- 1. routing


def test_a_download_grabbed_for_the_4k_version_goes_into_its_own_root(
    client_row, movie, uhd_root, downloads, options
):
    four_k = version(movie, uhd_root)
    before = digest(Path(movie.path) / PRIMARY_NAME)
    source = content(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv", 20_000)
    download = tracked(client_row, movie, four_k, downloads / UHD_RELEASE, UHD_RELEASE, 31)

    assert import_completed_downloads() == "1 completed download(s): 1 imported, 0 waiting, 0 blocked"

    held = MovieFile.objects.get(version=four_k)
    assert four_k.path == str(uhd_root / "Arrival (2016)")
    assert (held.is_primary, held.quality_id, held.relative_path) == (False, 31, f"{UHD_RELEASE}.mkv")
    assert (uhd_root / "Arrival (2016)" / f"{UHD_RELEASE}.mkv").stat().st_size == 20_000
    assert not source.exists()
    four_k.refresh_from_db()
    assert (four_k.has_file, four_k.size_on_disk) == (True, 20_000) and four_k.first_imported
    movie.refresh_from_db()
    assert (movie.has_file, movie.size_on_disk) == (True, 8192)  # the primary version is as it was
    assert digest(Path(movie.path) / PRIMARY_NAME) == before
    assert sorted(os.listdir(movie.path)) == [PRIMARY_NAME]
    imported = History.objects.get(event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED)
    assert (imported.version_id, imported.download_id) == (four_k.pk, download.download_id)


def test_a_version_sharing_the_movie_folder_gets_the_suffix_and_the_primary_never_does(
    movie, downloads, options, renaming
):
    four_k = version(movie)
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv", 10_000)

    result = import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    assert len(result.imported) == 1, result.messages
    held = MovieFile.objects.get(version=four_k)
    assert held.relative_path == "Arrival (2016) Remux-2160p - 4K.mkv"
    assert sorted(os.listdir(movie.path)) == ["Arrival (2016) Bluray-1080p.mkv", held.relative_path]
    primary = MovieFile.objects.get(movie=movie, is_primary=True)
    assert primary.relative_path == PRIMARY_NAME and primary.version_id is None


def test_the_version_name_token_may_stand_in_the_standard_format(movie, downloads, options, renaming):
    renaming.standard_movie_format = "{Movie Title} ({Release Year}) {[Version Name]} {Quality Full}"
    renaming.save()
    four_k = version(movie)
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv", 10_000)

    import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    # the format names the version: no suffix besides
    assert MovieFile.objects.get(version=four_k).relative_path == "Arrival (2016) [4K] Remux-2160p.mkv"


def test_a_real_video_for_the_4k_version_keeps_its_media_info(movie, uhd_root, downloads, options):
    Movie.objects.filter(pk=movie.pk).update(
        runtime=0
    )  # a one-second video is no sample of an unknown runtime
    four_k = version(movie, uhd_root)
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    make_video(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    result = import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    assert len(result.imported) == 1, result.messages
    held = MovieFile.objects.get(version=four_k)
    assert (Path(four_k.path) / held.relative_path).is_file()
    assert held.media_info.get("videoCodec")  # read by ffprobe from the file itself


# ---- 1. evaluation: each version is judged against its own file and profile


def test_a_1080p_download_for_the_4k_version_is_not_an_upgrade_of_its_2160p_file(
    movie, uhd_root, downloads, options
):
    four_k = version(movie, uhd_root)
    held = version_file(four_k, "Arrival.2016.2160p.Remux.mkv", quality_id=31)
    grab = grab_for(movie, four_k, HD_RELEASE, 7)
    write(downloads / HD_RELEASE / f"{HD_RELEASE}.mkv")

    result = import_folder(downloads / HD_RELEASE, download_id=grab.download_id)

    assert result.imported == []
    assert result.rejected[0].messages() == ["Not an upgrade for existing movie file"]
    assert (
        list(MovieFile.objects.filter(movie=movie).values_list("pk", flat=True).order_by("pk"))[-1] == held.pk
    )


def test_a_2160p_file_of_the_4k_version_never_blocks_or_leaves_with_a_primary_upgrade(
    arrival, uhd_root, downloads, options
):
    """The primary has a 720p file and the 4K version a 2160p one: a 1080p download for the primary is an
    upgrade of the 720p file only, and the 2160p file stays byte for byte."""
    arrival.quality_profile = profile("HD-1080p")
    arrival.save()
    content(Path(arrival.path) / "Arrival.720p.mkv")
    MovieFileFactory(movie=arrival, relative_path="Arrival.720p.mkv", size=4096, quality_id=6)
    four_k = version(arrival, uhd_root)
    version_file(four_k, "Arrival.2016.2160p.Remux.mkv", quality_id=31)
    uhd_before = digest(Path(four_k.path) / "Arrival.2016.2160p.Remux.mkv")
    write(downloads / HD_RELEASE / f"{HD_RELEASE}.mkv")

    result = import_folder(downloads / HD_RELEASE, movie=arrival)

    assert len(result.imported) == 1, result.messages
    assert sorted(os.listdir(arrival.path)) == [f"{HD_RELEASE}.mkv"]
    assert digest(Path(four_k.path) / "Arrival.2016.2160p.Remux.mkv") == uhd_before
    assert MovieFile.objects.get(version=four_k).quality_id == 31
    assert MovieFile.objects.get(movie=arrival, is_primary=True).quality_id == 7


def test_a_version_of_another_movie_is_refused(movie, downloads, options):
    other = MovieFactory(title="Other", root_folder_path=movie.root_folder_path, path=movie.path + "-other")
    foreign = version(other)
    grab = grab_for(movie, foreign, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    result = import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    assert result.imported == []
    assert "The version '4K' belongs to another movie" in result.rejected[0].messages()


# ---- 2. upgrades replace only their version's file, through the recycle bin


def test_an_upgrade_of_the_4k_version_leaves_the_1080p_file_byte_identical(
    movie, uhd_root, downloads, tmp_path, options
):
    recycle = tmp_path / "recycle"
    recycle.mkdir()
    options(recycle_bin=str(recycle))
    four_k = version(movie, uhd_root)
    old = version_file(four_k, "Arrival.2016.2160p.WEB-DL.mkv", quality_id=18, size=5000)
    old_bytes = digest(Path(four_k.path) / old.relative_path)
    primary_before = digest(Path(movie.path) / PRIMARY_NAME)
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv", 30_000)

    result = import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    assert len(result.imported) == 1, result.messages
    assert result.imported[0].replaced == [str(Path(four_k.path) / old.relative_path)]
    assert os.listdir(four_k.path) == [f"{UHD_RELEASE}.mkv"]
    assert digest(recycle / "Arrival (2016)" / old.relative_path) == old_bytes
    assert digest(Path(movie.path) / PRIMARY_NAME) == primary_before
    assert list(
        MovieFile.objects.filter(movie=movie).order_by("pk").values_list("version_id", "quality_id")
    ) == [
        (None, 7),
        (four_k.pk, 31),
    ]
    four_k.refresh_from_db()
    assert (four_k.has_file, four_k.size_on_disk) == (True, 30_000)
    deleted = History.objects.get(event_type=HistoryEventType.MOVIE_FILE_DELETED)
    assert (deleted.version_id, deleted.data["reason"]) == (four_k.pk, "Upgrade")


def test_an_upgrade_of_a_version_sharing_the_folder_keeps_the_primary_file(
    movie, downloads, tmp_path, options, renaming
):
    recycle = tmp_path / "recycle"
    recycle.mkdir()
    options(recycle_bin=str(recycle))
    four_k = version(movie)
    old = version_file(four_k, "Arrival (2016) WEBDL-2160p - 4K.mkv", quality_id=18)
    primary_before = digest(Path(movie.path) / PRIMARY_NAME)
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv", 30_000)

    import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    assert sorted(os.listdir(movie.path)) == [PRIMARY_NAME, "Arrival (2016) Remux-2160p - 4K.mkv"]
    assert (recycle / "Arrival (2016)" / old.relative_path).is_file()
    assert digest(Path(movie.path) / PRIMARY_NAME) == primary_before


def test_a_primary_upgrade_never_recycles_a_version_file_in_the_same_folder(movie, downloads, options):
    four_k = version(movie)
    held = version_file(four_k, "Arrival (2016) Remux-2160p - 4K.mkv", quality_id=31)
    before = digest(Path(movie.path) / held.relative_path)
    write(downloads / "Arrival.2016.1080p.Remux-GRP" / "Arrival.2016.1080p.Remux-GRP.mkv")

    result = import_folder(downloads / "Arrival.2016.1080p.Remux-GRP", movie=movie)

    assert len(result.imported) == 1, result.messages
    assert result.imported[0].replaced == [str(Path(movie.path) / PRIMARY_NAME)]
    assert digest(Path(movie.path) / held.relative_path) == before
    assert MovieFile.objects.get(version=four_k).pk == held.pk


def test_an_import_into_a_version_folder_outside_every_root_folder_is_refused(
    movie, uhd_root, downloads, tmp_path, options
):
    four_k = version(movie, uhd_root)
    elsewhere = tmp_path / "elsewhere" / "Arrival (2016)"
    MovieVersion.objects.filter(pk=four_k.pk).update(path=str(elsewhere))  # an old row, a root removed
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    source = write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    result = import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    assert result.imported == [] and "is not inside a root folder" in result.errors[0]
    assert source.is_file() and not elsewhere.exists()
    assert not MovieFile.objects.filter(version=four_k).exists()


# ---- 4. rescans, renames, deletions


def test_a_rescan_keeps_each_version_s_file_with_its_version(movie, uhd_root, options):
    shared = version(movie, name="Extended")
    own = version(movie, uhd_root)
    content(Path(movie.path) / "Arrival (2016) Bluray-1080p - Extended.mkv", 9000)
    content(uhd_root / "Arrival (2016)" / "Arrival.2016.2160p.mkv", 20_000)

    scan_movie_folder(movie)

    assert MovieFile.objects.get(version=shared).relative_path == "Arrival (2016) Bluray-1080p - Extended.mkv"
    assert MovieFile.objects.get(version=own).relative_path == "Arrival.2016.2160p.mkv"
    assert MovieFile.objects.get(movie=movie, is_primary=True).relative_path == PRIMARY_NAME
    movie.refresh_from_db()
    shared.refresh_from_db()
    own.refresh_from_db()
    assert (movie.size_on_disk, shared.size_on_disk, own.size_on_disk) == (8192, 9000, 20_000)
    assert shared.has_file and own.has_file

    (uhd_root / "Arrival (2016)" / "Arrival.2016.2160p.mkv").unlink()
    scan_movie_folder(movie)

    own.refresh_from_db()
    assert (own.has_file, own.size_on_disk) == (False, 0) and own.first_imported  # kept, as on Movie
    assert MovieFile.objects.filter(movie=movie).count() == 2


def test_a_rescan_with_the_version_root_unmounted_keeps_the_version_file(movie, uhd_root, options):
    own = version(movie, uhd_root)
    held = version_file(own, "Arrival.2016.2160p.mkv", quality_id=31)
    (uhd_root / "Arrival (2016)" / held.relative_path).unlink()
    (uhd_root / "Arrival (2016)").rmdir()
    (uhd_root / ".keep").unlink()  # the share is empty: unmounted

    scan_movie_folder(movie)

    assert MovieFile.objects.filter(pk=held.pk, version=own).exists()


def test_renames_put_each_version_s_file_in_its_folder_with_its_suffix(movie, uhd_root, options, renaming):
    shared = version(movie, name="Extended")
    own = version(movie, uhd_root)
    version_file(shared, "extended cut.mkv", quality_id=7)
    version_file(own, "uhd.mkv", quality_id=31)
    (Path(movie.path) / PRIMARY_NAME).rename(Path(movie.path) / "primary.mkv")
    MovieFile.objects.filter(movie=movie, is_primary=True).update(relative_path="primary.mkv")

    renamed = rename_movie_files(movie)

    assert len(renamed) == 3
    assert sorted(os.listdir(movie.path)) == sorted(
        [PRIMARY_NAME, "Arrival (2016) Bluray-1080p - Extended.mkv"]
    )
    assert os.listdir(own.path) == ["Arrival (2016) Remux-2160p.mkv"]
    assert MovieFile.objects.get(version=own).relative_path == "Arrival (2016) Remux-2160p.mkv"


def test_deleting_a_version_s_file_touches_only_that_file(movie, uhd_root, tmp_path, options):
    recycle = tmp_path / "recycle"
    recycle.mkdir()
    options(recycle_bin=str(recycle))
    own = version(movie, uhd_root)
    held = version_file(own, "Arrival.2016.2160p.mkv", quality_id=31)
    primary_before = digest(Path(movie.path) / PRIMARY_NAME)

    delete_movie_file(MovieFile.objects.get(pk=held.pk))

    assert os.listdir(own.path) == []
    assert (recycle / "Arrival (2016)" / "Arrival.2016.2160p.mkv").is_file()
    assert digest(Path(movie.path) / PRIMARY_NAME) == primary_before
    own.refresh_from_db()
    movie.refresh_from_db()
    assert (own.has_file, movie.has_file) == (False, True)


def test_deleting_a_movie_with_its_files_recycles_the_version_folders_too(movie, uhd_root, tmp_path, options):
    recycle = tmp_path / "recycle"
    recycle.mkdir()
    options(recycle_bin=str(recycle))
    own = version(movie, uhd_root)
    version_file(own, "Arrival.2016.2160p.mkv", quality_id=31)

    delete_movie(movie, delete_files=True)

    assert not Path(movie.path).exists() and not Path(own.path).exists()
    assert sorted(os.listdir(recycle)) == ["Arrival (2016)", "Arrival (2016)_2"]
    assert uhd_root.is_dir() and (uhd_root / ".keep").is_file()  # the root folders stay
    assert not Movie.objects.filter(pk=movie.pk).exists()


def test_deleting_a_movie_whose_version_folder_left_the_root_folders_refuses_and_touches_nothing(
    movie, uhd_root, tmp_path, options
):
    elsewhere = content(tmp_path / "elsewhere" / "Arrival (2016)" / "keep.mkv")
    own = version(movie, uhd_root)
    MovieVersion.objects.filter(pk=own.pk).update(path=str(elsewhere.parent))

    with pytest.raises(FolderError):
        delete_movie(movie, delete_files=True)

    assert elsewhere.is_file() and (Path(movie.path) / PRIMARY_NAME).is_file()
    assert Movie.objects.filter(pk=movie.pk).exists()


# ---- 5. removing a version


def test_removing_a_version_without_its_files_keeps_them_on_disk(movie, uhd_root, options):
    shared = version(movie, name="Extended")
    own = version(movie, uhd_root)
    shared_file = version_file(shared, "Arrival (2016) - Extended.mkv", quality_id=7)
    version_file(own, "Arrival.2016.2160p.mkv", quality_id=31)

    delete_version(shared)
    delete_version(own)

    assert MovieVersion.objects.filter(movie=movie).count() == 0
    row = MovieFile.objects.get(pk=shared_file.pk)  # an unassigned file of the movie now
    assert (row.version_id, row.is_primary) == (None, False)
    assert (Path(movie.path) / "Arrival (2016) - Extended.mkv").is_file()
    assert (uhd_root / "Arrival (2016)" / "Arrival.2016.2160p.mkv").is_file()
    assert MovieFile.objects.filter(movie=movie).count() == 2  # the primary file and the unassigned one


def test_removing_a_version_with_its_files_recycles_only_its_file(movie, uhd_root, tmp_path, options):
    recycle = tmp_path / "recycle"
    recycle.mkdir()
    options(recycle_bin=str(recycle))
    own = version(movie, uhd_root)
    version_file(own, "Arrival.2016.2160p.mkv", quality_id=31)
    primary_before = digest(Path(movie.path) / PRIMARY_NAME)

    delete_version(own, delete_files=True)

    assert not MovieVersion.objects.filter(pk=own.pk).exists()
    assert (recycle / "Arrival (2016)" / "Arrival.2016.2160p.mkv").is_file()
    assert digest(Path(movie.path) / PRIMARY_NAME) == primary_before
    assert list(MovieFile.objects.filter(movie=movie).values_list("relative_path", flat=True)) == [
        PRIMARY_NAME
    ]


# ---- 3. manual import


def test_the_manual_import_listing_shows_the_versions_and_reprocess_takes_a_version(
    api_client, movie, uhd_root, downloads, options
):
    four_k = version(movie, uhd_root)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    listed = api_client.get("/api/v3/manualimport", {"folder": str(downloads / UHD_RELEASE)}).json()
    assert listed[0]["versionId"] == 0
    assert listed[0]["versions"] == [{"id": 0, "name": "Primary"}, {"id": four_k.pk, "name": "4K"}]

    entry = listed[0] | {"versionId": four_k.pk}
    (item,) = api_client.post("/api/v3/manualimport", [entry], content_type="application/json").json()
    assert item["versionId"] == four_k.pk

    for wrong in ("4K", -1, 2**40, True):
        bad = api_client.post(
            "/api/v3/manualimport", [listed[0] | {"versionId": wrong}], content_type="application/json"
        )
        assert bad.status_code == 400 and bad.json()[0]["propertyName"] == "versionId", wrong


def test_the_manual_import_command_imports_a_file_as_the_chosen_version(movie, uhd_root, downloads, options):
    four_k = version(movie, uhd_root)
    path = write(downloads / "some.file.mkv", 12_000)
    primary_before = digest(Path(movie.path) / PRIMARY_NAME)

    summary = manual_import(
        files=[
            {
                "path": str(path),
                "movieId": movie.pk,
                "versionId": four_k.pk,
                "quality": {"quality": {"id": 31}},
            }
        ]
    )

    assert summary == "Manually imported 1 of 1 file(s)"
    held = MovieFile.objects.get(version=four_k)
    assert (Path(four_k.path) / held.relative_path).stat().st_size == 12_000
    assert digest(Path(movie.path) / PRIMARY_NAME) == primary_before


def test_a_download_grabbed_for_one_version_and_imported_by_hand_as_another_is_recorded_as_that_one(
    client_row, movie, uhd_root, downloads, options
):
    """The user knows better than the grab: the 4K grab turned out 1080p and goes to the primary."""
    four_k = version(movie, uhd_root)
    MovieFile.objects.filter(movie=movie, is_primary=True).delete()
    output = downloads / UHD_RELEASE
    path = write(output / f"{UHD_RELEASE}.mkv", 12_000)
    row = tracked(client_row, movie, four_k, output, UHD_RELEASE, 31)

    summary = manual_import(
        files=[
            {
                "path": str(path),
                "movieId": movie.pk,
                "versionId": 0,
                "downloadId": row.download_id,
                "quality": {"quality": {"id": 7}},
            }
        ]
    )

    assert summary == "Manually imported 1 of 1 file(s)"
    assert MovieFile.objects.get(movie=movie, is_primary=True).quality_id == 7
    assert not MovieFile.objects.filter(version=four_k).exists()
    imported = History.objects.get(
        download_id=row.download_id, event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED
    )
    assert (imported.movie_id, imported.version_id) == (movie.pk, None)
    assert TrackedDownload.objects.get(pk=row.pk).state == "imported"


def test_the_manual_import_command_refuses_a_version_of_another_movie(movie, downloads, options):
    other = MovieFactory(title="Other", root_folder_path=movie.root_folder_path, path=movie.path + "-other")
    foreign = version(other)
    path = write(downloads / "some.file.mkv")

    summary = manual_import(files=[{"path": str(path), "movieId": movie.pk, "versionId": foreign.pk}])

    assert summary.endswith("some.file.mkv: the version '4K' is not a version of Arrival (2016)")
    assert path.is_file() and not MovieFile.objects.filter(version=foreign).exists()


def test_the_manual_import_page_offers_the_versions_and_posts_the_chosen_one(
    admin_client, movie, uhd_root, downloads, options, monkeypatch
):
    from imports.manual import item_id
    from radarr import jobs
    from radarr.models import Command

    monkeypatch.setattr(
        jobs, "JOBS", [*jobs.JOBS, jobs.Job("ManualImport", "imports.tasks.manual_import", "M")]
    )
    four_k = version(movie, uhd_root)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    page = admin_client.get(
        "/activity/manualimport", {"folder": str(downloads / UHD_RELEASE)}
    ).content.decode()
    key = item_id(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")
    assert f'name="version-{key}"' in page and f'<option value="{four_k.pk}"' in page

    admin_client.post(
        "/activity/manualimport",
        {
            "item": [key],
            f"path-{key}": str(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv"),
            f"movie-{key}": movie.pk,
            f"version-{key}": four_k.pk,
        },
    )
    assert Command.objects.get(name="ManualImport").body["files"][0]["versionId"] == four_k.pk


def test_a_tracked_download_for_a_version_is_listed_with_that_version(
    client_row, movie, uhd_root, downloads, options
):
    four_k = version(movie, uhd_root)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")
    download = tracked(client_row, movie, four_k, downloads / UHD_RELEASE, UHD_RELEASE, 31)
    from imports.manual import manual_import_items

    (item,) = manual_import_items(download_id=download.download_id)
    assert item.version == four_k
    assert TrackedDownload.objects.get(pk=download.pk).version_id == four_k.pk


# ---- 6. notifications name the version


def test_import_upgrade_and_delete_events_of_a_version_name_it(
    movie, uhd_root, downloads, options, monkeypatch
):
    from notifications.events import event_from_data, event_to_data
    from notifications.payloads import build_notice

    sent = []
    monkeypatch.setattr("imports.pipeline.notify", sent.append)
    four_k = version(movie, uhd_root)
    version_file(four_k, "Arrival.2016.2160p.WEB-DL.mkv", quality_id=18)
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    deleted, imported = (event_from_data(event_to_data(event)) for event in sent)  # as the worker reads them
    notice = build_notice(imported)
    assert notice.payload["version"] == {"id": four_k.pk, "name": "4K"}
    assert notice.payload["isUpgrade"] is True
    assert notice.message == "Arrival (2016) [4K] imported [Remux-2160p]"
    assert notice.payload["movieFile"]["path"] == str(Path(four_k.path) / f"{UHD_RELEASE}.mkv")
    assert notice.payload["deletedFiles"][0]["path"] == str(
        Path(four_k.path) / "Arrival.2016.2160p.WEB-DL.mkv"
    )
    assert notice.payload["movie"]["folderPath"] == movie.path  # Radarr's keys keep their meaning
    gone = build_notice(deleted)
    assert gone.payload["version"] == {"id": four_k.pk, "name": "4K"}
    assert gone.message == "Arrival (2016) [4K]: Arrival.2016.2160p.WEB-DL.mkv"


def test_events_of_the_primary_version_keep_radarrs_payload(movie, downloads, options, monkeypatch):
    from notifications.payloads import build_notice

    sent = []
    monkeypatch.setattr("imports.pipeline.notify", sent.append)
    version(movie)
    write(downloads / "Arrival.2016.1080p.Remux-GRP" / "Arrival.2016.1080p.Remux-GRP.mkv")

    import_folder(downloads / "Arrival.2016.1080p.Remux-GRP", movie=movie)

    for event in sent:
        assert "version" not in build_notice(event).payload
    assert build_notice(sent[-1]).message == "Arrival (2016) [Remux-1080p]"


def test_a_version_file_missing_from_disk_is_told_with_its_version(movie, uhd_root, options, monkeypatch):
    from notifications.payloads import build_notice

    sent = []
    monkeypatch.setattr("movies.scanning.notify", sent.append)
    own = version(movie, uhd_root)
    held = version_file(own, "Arrival.2016.2160p.mkv", quality_id=31)
    (Path(own.path) / held.relative_path).unlink()

    scan_movie_folder(movie)

    (event,) = sent
    assert (event.reason, event.version.name) == ("missingFromDisk", "4K")
    assert build_notice(event).payload["movieFile"]["path"] == str(Path(own.path) / held.relative_path)


def test_a_rename_names_the_versions_whose_files_it_renamed(movie, uhd_root, options, renaming, monkeypatch):
    from notifications.events import event_from_data, event_to_data
    from notifications.payloads import build_notice

    sent = []
    monkeypatch.setattr("imports.renaming.notify", sent.append)
    own = version(movie, uhd_root)
    version_file(own, "uhd.mkv", quality_id=31)

    rename_movie_files(movie)  # the primary's file has its name already: only the 4K one is renamed

    notice = build_notice(event_from_data(event_to_data(sent[-1])))  # as the worker reads it
    (renamed,) = notice.payload["renamedMovieFiles"]
    assert renamed["version"] == {"id": own.pk, "name": "4K"}
    assert renamed["path"] == str(Path(own.path) / "Arrival (2016) Remux-2160p.mkv")
    assert notice.message == "Arrival (2016) [4K]"

    sent.clear()
    (Path(movie.path) / PRIMARY_NAME).rename(Path(movie.path) / "primary.mkv")
    MovieFile.objects.filter(movie=movie, is_primary=True).update(relative_path="primary.mkv")
    rename_movie_files(movie)
    notice = build_notice(sent[-1])
    assert "version" not in notice.payload["renamedMovieFiles"][0] and notice.message == "Arrival (2016)"


# ---- the version suffix format (Settings → Media Management, config/naming)


def test_the_version_suffix_format_is_ours_to_set_and_must_name_the_version(api_client, admin_client):
    import json

    def put(body):
        return api_client.put("/api/v3/config/naming", json.dumps(body), content_type="application/json")

    refused = put({"versionSuffixFormat": " ({Quality Full})"})
    assert refused.status_code == 400 and refused.json()[0]["propertyName"] == "versionSuffixFormat"
    assert put({"versionSuffixFormat": " [{Version Name}]"}).status_code == 202
    assert NamingConfig.load().version_suffix_format == " [{Version Name}]"
    page = admin_client.get("/settings/mediamanagement").content.decode()
    assert 'name="versionSuffixFormat"' in page and 'value=" [{Version Name}]"' in page


def test_a_version_name_with_slashes_never_leads_its_file_out_of_the_movie_folder(
    movie, downloads, options, renaming
):
    sneaky = version(movie, name="../../Escape")
    grab = grab_for(movie, sneaky, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    result = import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)

    assert len(result.imported) == 1, result.messages
    held = MovieFile.objects.get(version=sneaky)
    assert "/" not in held.relative_path and (Path(movie.path) / held.relative_path).is_file()
    assert held.relative_path.endswith("Escape.mkv")


def test_with_renaming_off_a_shared_folder_version_keeps_the_release_name_and_its_suffix(
    movie, downloads, options
):
    four_k = version(movie)
    grab = grab_for(movie, four_k, UHD_RELEASE, 31)
    write(downloads / UHD_RELEASE / f"{UHD_RELEASE}.mkv")

    import_folder(downloads / UHD_RELEASE, download_id=grab.download_id)
    scan_movie_folder(movie)  # a rescan finds it by the suffix and leaves it with its version

    assert MovieFile.objects.get(version=four_k).relative_path == f"{UHD_RELEASE} - 4K.mkv"
    assert MovieFile.objects.get(movie=movie, is_primary=True).relative_path == PRIMARY_NAME


@pytest.mark.sqlite_pass  # a real read-only mount: once per CI run is enough
def test_a_version_upgrade_the_recycle_bin_refuses_keeps_both_files_and_the_primary(
    tmpfs, movie, uhd_root, downloads, options
):
    from tests.imports.conftest import remount_read_only

    recycle_bin = tmpfs("recycle", "1m")
    remount_read_only(recycle_bin)
    options(recycle_bin=str(recycle_bin))
    shared = version(movie)
    own = version(movie, uhd_root, name="UHD")
    old_shared = version_file(shared, "Arrival (2016) WEBDL-2160p - 4K.mkv", quality_id=18)
    old_own = version_file(own, "Arrival.2016.2160p.WEB-DL.mkv", quality_id=18)
    for row, release in ((shared, UHD_RELEASE), (own, UHD_RELEASE + "2")):
        grab = grab_for(movie, row, release, 31)
        write(downloads / release / f"{release}.mkv")
        assert len(import_folder(downloads / release, download_id=grab.download_id).imported) == 1

    # the old files stayed on disk: one is an unassigned file of the movie now, the other is not listed
    assert (Path(movie.path) / old_shared.relative_path).is_file()
    assert (Path(own.path) / old_own.relative_path).is_file()
    assert MovieFile.objects.get(pk=old_shared.pk).version_id is None
    assert not MovieFile.objects.filter(pk=old_own.pk).exists()
    assert (
        MovieFile.objects.get(version=shared).quality_id
        == MovieFile.objects.get(version=own).quality_id
        == 31
    )
    assert MovieFile.objects.get(movie=movie, is_primary=True).relative_path == PRIMARY_NAME


def test_removing_a_version_leaves_its_queued_download_to_a_manual_import_not_the_primary(movie, options):
    from downloads.models import TrackedDownload, TrackedDownloadState
    from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory

    four_k, client = version(movie), DownloadClientFactory()
    waiting = TrackedDownloadFactory(
        client=client, movie=movie, version=four_k, title="Arrival.2016.2160p.WEB-DL"
    )
    done = TrackedDownloadFactory(
        client=client, movie=movie, version=four_k, state=TrackedDownloadState.IMPORTED
    )

    delete_version(four_k)

    waiting, done = TrackedDownload.objects.get(pk=waiting.pk), TrackedDownload.objects.get(pk=done.pk)
    assert (waiting.movie_id, waiting.version_id) == (None, None)  # the queue asks which movie it is
    assert done.movie_id == movie.pk  # its history stays the movie's
