"""Must-show 1, the rules not covered elsewhere: multi-part and failed-unpack folders, dangerous files, a
download imported once only, and what the folder name and media info add to what the file name says."""

import pytest

from imports.pipeline import import_folder
from movies.models import MovieFile
from releases.languages import GERMAN
from tests.downloads.factories import GrabFactory
from tests.imports.conftest import make_video, write
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"


@pytest.fixture
def arrival(library):
    # runtime unknown: the one-second videos made here are not samples of it
    return MovieFactory(
        title="Arrival",
        year=2016,
        runtime=0,
        root_folder_path=str(library),
        path=str(library / "Arrival (2016)"),
    )


def test_multi_part_files_are_rejected_with_the_reason(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.cd1.mkv")
    write(downloads / RELEASE / f"{RELEASE}.cd2.mkv")

    result = import_folder(downloads / RELEASE)

    assert result.imported == [] and not MovieFile.objects.exists()
    assert {facts.messages()[0] for facts in result.rejected} == {
        "Multi-part file (cd1/part1): join the parts into one file and import that"
    }


def test_a_failed_unpack_folder_makes_the_import_wait(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    (downloads / RELEASE / "_FAILED_unpack").mkdir()

    result = import_folder(downloads / RELEASE)

    assert result.waiting == "Files are still being unpacked (_FAILED_unpack)"
    assert (downloads / RELEASE / f"{RELEASE}.mkv").exists() and not MovieFile.objects.exists()


def test_a_dangerous_file_blocks_the_import(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    write(downloads / RELEASE / "Arrival.2016.1080p.lnk")

    result = import_folder(downloads / RELEASE)

    assert result.blocked == "Caution: Found potentially dangerous file with extension: .lnk"
    assert not MovieFile.objects.exists()


def test_a_download_already_imported_is_not_imported_again(arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    first = import_folder(downloads / RELEASE, download_id="SABnzbd_nzo_1", mode="copy")

    again = import_folder(downloads / RELEASE, download_id="SABnzbd_nzo_1", mode="copy")

    assert len(first.imported) == 1 and again.imported == []
    assert "Movie file already imported for this download" in again.rejected[0].messages()
    assert MovieFile.objects.count() == 1


def test_edition_and_languages_come_from_the_folder_when_the_file_name_lacks_them(
    arrival, downloads, options
):
    folder = downloads / "Arrival.2016.Directors.Cut.GERMAN.1080p.BluRay.x264-GRP"
    write(folder / f"{RELEASE}.mkv")

    import_folder(folder)

    row = MovieFile.objects.get(movie=arrival)
    assert (row.edition, row.language_ids, row.quality_id) == ("Directors Cut", [GERMAN.id], 7)


def test_a_name_without_a_resolution_takes_the_resolution_of_the_picture(arrival, downloads, options):
    # a cropped 1080p film: 1920 wide, far less than 1080 high
    make_video(
        downloads / "Arrival.2016.BluRay.x264-GRP" / "Arrival.2016.BluRay.x264-GRP.mkv", size="1920x96"
    )

    import_folder(downloads / "Arrival.2016.BluRay.x264-GRP")

    row = MovieFile.objects.get(movie=arrival)
    assert (row.quality_id, row.media_info["width"]) == (7, 1920)  # Bluray-1080p, not the parser's 720p


def test_a_resolution_in_the_name_wins_over_the_picture(arrival, downloads, options):
    name = "Arrival.2016.720p.BluRay.x264-GRP"
    make_video(downloads / name / f"{name}.mkv", size="1920x96")

    import_folder(downloads / name)

    assert MovieFile.objects.get(movie=arrival).quality_id == 6  # Bluray-720p, as the release says


def test_choosing_another_movie_than_the_grabs_is_rejected_with_the_reason(
    api_client, arrival, downloads, options
):
    other = MovieFactory(title="Other Film", year=2001)
    grab = GrabFactory(movie=other, source_title=RELEASE)
    path = write(downloads / RELEASE / f"{RELEASE}.mkv")
    body = [{"path": str(path), "movieId": arrival.pk, "downloadId": grab.download_id}]

    (item,) = api_client.post("/api/v3/manualimport", body, content_type="application/json").json()

    assert item["movie"]["id"] == arrival.pk
    assert {"reason": "File was grabbed for a different movie", "type": "permanent"} in item["rejections"]
