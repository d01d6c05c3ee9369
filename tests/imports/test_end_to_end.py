"""Must-show 10, against a real qBittorrent: a grabbed release completes, is imported (renamed, and
hardlinked so it keeps seeding), then a better release replaces it through the recycle bin."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from downloads.grabbing import grab_release
from downloads.models import DownloadClient, History, HistoryEventType, TrackedDownload
from downloads.tracking import refresh_monitored_downloads
from imports.completed import import_completed_downloads
from imports.models import NamingConfig
from movies.models import MovieFile
from tests.downloads import services
from tests.downloads.conftest import qbittorrent  # noqa: F401 (the session's real qBittorrent)
from tests.downloads.factories import approved, release
from tests.downloads.torrents import make_torrent, write_payload
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


def _grab_and_complete(qbit, fake_server, movie, title: str) -> tuple[str, Path]:
    payload = write_payload(qbit.downloads, f"{title}.mkv")
    torrent, _info_hash = make_torrent(payload)
    fake_server.add(f"/download/{title}.torrent", body=torrent, content_type="application/x-bittorrent")
    info = release(title, "torrent", download_url=f"{fake_server.url}/download/{title}.torrent")
    grab = grab_release(approved(movie, info))

    def pending() -> TrackedDownload | None:
        refresh_monitored_downloads()
        row = TrackedDownload.objects.filter(download_id=grab.download_id).first()
        return row if row is not None and row.state == "importPending" else None

    services.wait_for(pending, 60, interval=0.5)
    return grab.download_id, payload


def test_a_grab_is_imported_hardlinked_and_renamed_then_upgraded_through_the_recycle_bin(
    qbittorrent,  # noqa: F811
    fake_server,
    tmp_path,
    options,
):
    library, recycle_bin = tmp_path / "movies", tmp_path / "recycle"
    library.mkdir()
    (library / ".keep").write_text("mounted")
    RootFolderFactory(path=str(library))
    options(recycle_bin=str(recycle_bin))
    naming = NamingConfig.load()
    naming.rename_movies = True
    naming.save()
    settings = {"host": "127.0.0.1", "port": qbittorrent.port, "username": "admin", "password": "adminadmin"}
    client = DownloadClient.objects.create(
        name="qBittorrent", implementation="QBittorrent", protocol="torrent", settings=settings
    )
    movie = MovieFactory(
        title="Arrival", year=2016, root_folder_path=str(library), path=str(library / "Arrival (2016)")
    )

    first_id, first_payload = _grab_and_complete(
        qbittorrent, fake_server, movie, "Arrival.2016.720p.HDTV.x264-GRP"
    )
    seeding_inode = first_payload.stat().st_ino
    assert import_completed_downloads().startswith("1 completed download(s): 1 imported")
    first = MovieFile.objects.get(movie=movie)
    first_path = library / "Arrival (2016)" / first.relative_path
    assert first.relative_path != first_payload.name  # renamed from the standard movie format
    assert first.relative_path.startswith("Arrival (2016)")
    assert first_path.stat().st_ino == seeding_inode  # hardlinked: the torrent keeps seeding
    assert TrackedDownload.objects.get(download_id=first_id).state == "imported"

    earlier = timezone.now() - timedelta(hours=1)  # the upgrade comes later, not "moments" after
    History.objects.filter(download_id=first_id).update(date=earlier)
    second_id, _payload = _grab_and_complete(
        qbittorrent, fake_server, movie, "Arrival.2016.1080p.BluRay.x264-GRP"
    )
    assert import_completed_downloads().startswith("1 completed download(s): 1 imported")
    second = MovieFile.objects.get(movie=movie)
    assert second.quality_id == 7
    assert (library / "Arrival (2016)" / second.relative_path).exists()
    assert not first_path.exists()
    assert (recycle_bin / "Arrival (2016)" / first_path.name).exists()
    events = list(History.objects.filter(movie=movie).order_by("pk").values_list("event_type", flat=True))
    assert events.count(HistoryEventType.DOWNLOAD_FOLDER_IMPORTED) == 2
    assert HistoryEventType.MOVIE_FILE_DELETED in events
    for download_id in (first_id, second_id):
        client.provider().remove(download_id, delete_data=True)
