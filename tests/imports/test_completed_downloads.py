"""Completed Download Handling: importPending downloads are imported and marked imported, or sent back
with the reasons (waiting for extraction, blocked) — never lost, never stuck in importing."""

import pytest

from downloads.models import DownloadClient, History, HistoryEventType, TrackedDownload
from imports.completed import import_completed_downloads
from movies.models import MovieFile
from tests.downloads.factories import GrabFactory, TrackedDownloadFactory
from tests.imports.conftest import write

pytestmark = pytest.mark.django_db

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"


@pytest.fixture
def client_row():
    return DownloadClient.objects.create(
        name="Blackhole", implementation="TorrentBlackhole", protocol="torrent", settings={}
    )


def tracked(client_row, movie, output_path, protocol="torrent"):
    grab = GrabFactory(movie=movie, source_title=RELEASE)
    return TrackedDownloadFactory(
        client=client_row,
        movie=movie,
        grab=grab,
        download_id=grab.download_id,
        protocol=protocol,
        state="importPending",
        item_status="completed",
        output_path=str(output_path),
        remaining_size=0,
    )


def test_a_completed_torrent_is_hardlinked_and_marked_imported(client_row, arrival, downloads, options):
    source = write(downloads / RELEASE / f"{RELEASE}.mkv")
    row = tracked(client_row, arrival, downloads / RELEASE)
    summary = import_completed_downloads()
    assert summary == "1 completed download(s): 1 imported, 0 waiting, 0 blocked"
    row.refresh_from_db()
    assert row.state == "imported"
    movie_file = MovieFile.objects.get(movie=arrival)
    library_file = arrival.path + "/" + movie_file.relative_path
    assert source.exists()  # still seeding
    assert source.stat().st_ino == __import__("os").stat(library_file).st_ino
    imported = History.objects.get(event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED)
    assert (imported.download_id, imported.data["importedPath"]) == (row.download_id, library_file)


def test_a_usenet_download_is_moved(client_row, arrival, downloads, options):
    source = write(downloads / RELEASE / f"{RELEASE}.mkv")
    tracked(client_row, arrival, downloads / RELEASE, protocol="usenet")
    import_completed_downloads()
    assert not source.exists()
    assert MovieFile.objects.filter(movie=arrival).count() == 1


def test_an_unextracted_download_waits_and_a_rejected_one_is_blocked_with_the_reason(
    client_row, arrival, downloads, options
):
    write(downloads / "packed" / f"{RELEASE}.rar")
    waiting = tracked(client_row, arrival, downloads / "packed")
    write(downloads / "sample" / f"{RELEASE}.sample.mkv")
    blocked = tracked(client_row, arrival, downloads / "sample")
    import_completed_downloads()
    waiting.refresh_from_db()
    blocked.refresh_from_db()
    assert (waiting.state, waiting.status_messages[0]["messages"]) == (
        "importPending",
        ["Found archive file, might need to be extracted"],
    )
    assert (blocked.state, blocked.status_messages[0]["messages"]) == (
        "importBlocked",
        [f"{RELEASE}.sample.mkv: Sample"],
    )
    assert not MovieFile.objects.exists()


def test_nothing_happens_when_completed_download_handling_is_off(client_row, arrival, downloads, options):
    from downloads.models import DownloadClientConfig

    config = DownloadClientConfig.load()
    config.enable_completed_download_handling = False
    config.save()
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    tracked(client_row, arrival, downloads / RELEASE)
    assert import_completed_downloads() == "Completed Download Handling is off"
    assert TrackedDownload.objects.get().state == "importPending"
