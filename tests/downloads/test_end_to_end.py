"""Grab to import hand-off against the real programs: a fake indexer serves a .torrent (or an .nzb)
made in the test from local data; qBittorrent (or NZBGet, through the local news server) downloads it;
the queue follows it until it waits to import with the real output path. A broken usenet download
ends blocklisted, removed from NZBGet and searched again."""

from pathlib import Path

import pytest

from downloads.grabbing import grab_release
from downloads.models import Blocklist, DownloadClient, History, HistoryEventType, TrackedDownload
from downloads.tracking import refresh_monitored_downloads
from radarr import jobs
from radarr.jobs import Job
from radarr.models import Command
from tests.downloads import services
from tests.downloads.factories import approved, release
from tests.downloads.torrents import make_torrent, write_payload
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


def state_becomes(download_id: str, *states: str, seconds: float = 60) -> TrackedDownload:
    def settled() -> TrackedDownload | None:
        refresh_monitored_downloads()
        row = TrackedDownload.objects.filter(download_id=download_id).first()
        return row if row is not None and row.state in states else None

    return services.wait_for(settled, seconds, interval=0.5)  # type: ignore[return-value]


def test_qbittorrent_grab_is_followed_from_the_queue_to_waiting_for_import(
    qbittorrent, fake_server, api_client
):
    payload = write_payload(qbittorrent.downloads, "Arrival.2016.1080p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(payload)
    fake_server.add("/download/arrival.torrent", body=torrent, content_type="application/x-bittorrent")
    settings = {"host": "127.0.0.1", "port": qbittorrent.port, "username": "admin", "password": "adminadmin"}
    DownloadClient.objects.create(
        name="qBittorrent", implementation="QBittorrent", protocol="torrent", settings=settings
    )
    movie = MovieFactory(title="Arrival", year=2016)
    info = release(
        "Arrival.2016.1080p.BluRay.x264-GRP",
        "torrent",
        download_url=f"{fake_server.url}/download/arrival.torrent",
    )

    grab = grab_release(approved(movie, info))
    queue = api_client.get("/api/v3/queue").json()["records"]
    row = state_becomes(grab.download_id, "importPending")
    record = api_client.get("/api/v3/queue").json()["records"][0]

    assert grab.download_id == info_hash
    assert [(r["movieId"], r["downloadId"]) for r in queue] == [(movie.pk, info_hash)]
    assert Path(row.output_path) == payload
    assert (record["status"], record["trackedDownloadState"], record["sizeleft"]) == (
        "completed",
        "importPending",
        0,
    )
    assert Path(record["outputPath"]) == payload
    row.client.provider().remove(info_hash, delete_data=False)


@pytest.fixture
def nzbget_client(nzbget):
    return DownloadClient.objects.create(
        name="NZBGet",
        implementation="Nzbget",
        protocol="usenet",
        settings={"host": "127.0.0.1", "port": nzbget.port},
    )


def test_nzbget_grab_downloads_through_the_news_server_and_waits_for_import(nzbget_client, nntp, fake_server):
    payload = write_payload(nntp.articles, "Gattaca.1997.1080p.BluRay.x264-GRP.mkv", size=250_000)
    fake_server.add("/getnzb/gattaca", body=services.make_nzb(payload), content_type="application/x-nzb")
    movie = MovieFactory(title="Gattaca", year=1997)
    info = release("Gattaca.1997.1080p.BluRay.x264-GRP", download_url=f"{fake_server.url}/getnzb/gattaca")

    grab = grab_release(approved(movie, info))
    row = state_becomes(grab.download_id, "importPending")

    assert (Path(row.output_path) / payload.name).read_bytes() == payload.read_bytes()
    assert row.movie_id == movie.pk
    nzbget_client.provider().remove(grab.download_id, delete_data=True)


def test_a_failed_nzbget_download_is_blocklisted_removed_and_searched_again(
    nzbget_client, fake_server, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        jobs, "JOBS", [*jobs.JOBS, Job("MoviesSearch", "radarr.system.tasks.check_health", "Search")]
    )
    absent = write_payload(
        tmp_path, "Missing.Movie.2001.720p.WEB-DL-GRP.mkv", size=120_000
    )  # not on the server
    fake_server.add("/getnzb/missing", body=services.make_nzb(absent), content_type="application/x-nzb")
    movie = MovieFactory(title="Missing Movie", year=2001)
    info = release("Missing.Movie.2001.720p.WEB-DL-GRP", download_url=f"{fake_server.url}/getnzb/missing")

    grab = grab_release(approved(movie, info))
    state_becomes(grab.download_id, "failed")

    blocked = Blocklist.objects.get()
    assert (blocked.movie_id, blocked.source_title, blocked.protocol) == (movie.pk, info.title, "usenet")
    assert "FAILURE" in blocked.message
    assert History.objects.filter(
        event_type=HistoryEventType.DOWNLOAD_FAILED, download_id=grab.download_id
    ).exists()
    assert Command.objects.filter(name="MoviesSearch", body={"movieIds": [movie.pk]}).exists()
    provider = nzbget_client.provider()
    assert all(item.download_id != grab.download_id for item in provider.items())  # removed from NZBGet
