"""Pneumatic, Radarr's way: the .nzb into the Nzb Folder, a .strm pointing Kodi's Pneumatic add-on at
it into the Strm Folder; the Strm Folder's .strm files are the finished downloads. Real files."""

from pathlib import Path

import pytest

from downloads.implementations.base import ItemStatus
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row, release

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "nzb" / "Arrival.2016.1080p.BluRay.x264-GRP.nzb"


def pneumatic(tmp_path: Path, **settings: object):
    nzb_folder, strm_folder = tmp_path / "nzb", tmp_path / "strm"
    nzb_folder.mkdir(exist_ok=True)
    strm_folder.mkdir(exist_ok=True)
    values = {"nzbFolder": str(nzb_folder), "strmFolder": str(strm_folder)}
    return client_row("Pneumatic", "usenet", name="Kodi", **{**values, **settings}).provider()


def test_a_grab_writes_the_nzb_and_a_strm_file_that_points_pneumatic_at_it(tmp_path):
    provider = pneumatic(tmp_path)

    download_id = provider.add(release("Arrival: 2016 1080p", "usenet"), FIXTURE.read_bytes())

    nzb = tmp_path / "nzb" / "Arrival 2016 1080p.nzb"
    strm = tmp_path / "strm" / "Arrival 2016 1080p.strm"
    assert nzb.read_bytes() == FIXTURE.read_bytes()
    assert strm.read_text() == (
        f"plugin://plugin.program.pneumatic/?mode=strm&type=add_file&nzb={nzb}&nzbname=Arrival 2016 1080p"
    )
    assert download_id.startswith("Kodi_Arrival 2016 1080p.strm_")
    assert sorted(path.name for path in (tmp_path / "nzb").iterdir()) == [
        "Arrival 2016 1080p.nzb"
    ]  # no leftovers


def test_strm_files_are_the_finished_downloads_and_other_files_are_not(tmp_path):
    provider = pneumatic(tmp_path)
    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP", "usenet"), FIXTURE.read_bytes())
    (tmp_path / "strm" / "notes.txt").write_text("not a download")

    items = provider.items()

    assert [(item.download_id, item.title, item.status) for item in items] == [
        (download_id, "Arrival.2016.1080p.BluRay.x264-GRP", ItemStatus.COMPLETED)
    ]
    assert items[0].output_path == str(tmp_path / "strm" / "Arrival.2016.1080p.BluRay.x264-GRP.strm")
    assert items[0].can_move_files and not items[0].can_be_removed


def test_pneumatic_refuses_to_remove_in_plain_words(tmp_path):
    with pytest.raises(ProviderError) as raised:
        pneumatic(tmp_path).remove("Kodi_x.strm_1", delete_data=True)

    assert "delete the .strm file" in raised.value.message


def test_a_grab_without_the_nzb_or_without_a_strm_folder_fails_clearly(tmp_path):
    with pytest.raises(ProviderError) as no_nzb:
        pneumatic(tmp_path).add(release("A", "usenet"), None)
    with pytest.raises(ProviderError) as no_strm:
        pneumatic(tmp_path, strmFolder="").add(release("A", "usenet"), FIXTURE.read_bytes())

    assert no_nzb.value.message == "Nothing to add: the NZB file was not downloaded"
    assert no_strm.value.message == "Strm Folder needs to be set for Pneumatic"


def test_the_test_button_checks_both_folders(tmp_path):
    assert pneumatic(tmp_path).test() == []

    failures = pneumatic(tmp_path, nzbFolder="relative/path", strmFolder=str(tmp_path / "missing")).test()

    assert [(failure.property_name, failure.message) for failure in failures] == [
        ("nzbFolder", "Invalid Path"),
        ("strmFolder", f"Folder '{tmp_path / 'missing'}' does not exist"),
    ]
