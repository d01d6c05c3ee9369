"""Grabbing: one release, one client call, one Grabbed event; duplicates and failures refused clearly."""

import dataclasses
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from downloads.grabbing import GrabError, fetch_release, grab_release, is_recent
from downloads.models import DownloadClient, History, HistoryEventType, TrackedDownload
from movies.models import Movie
from releases.decisions.context import SearchCriteria
from tests.downloads.factories import approved, blackhole, release, sabnzbd
from tests.downloads.torrents import make_torrent, write_payload
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

NZB = b'<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"></nzb>'


@pytest.fixture
def sab_server(fake_server):
    fake_server.add("/api", query={"mode": "version"}, body='{"version": "4.3.3"}')
    fake_server.add(
        "/api", method="POST", query={"mode": "addfile"}, body='{"status": true, "nzo_ids": ["SAB_nzo_1"]}'
    )
    fake_server.add("/getnzb/1", body=NZB, content_type="application/x-nzb")
    return fake_server


def test_a_grab_sends_the_nzb_and_records_the_grabbed_event(sab_server):
    movie = MovieFactory(title="Arrival", year=2016)
    sabnzbd(sab_server.url)
    decision = approved(
        movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=f"{sab_server.url}/getnzb/1")
    )

    grab = grab_release(decision)

    assert (grab.download_id, grab.client_name) == ("SAB_nzo_1", "SABnzbd")
    event = History.objects.get(pk=grab.history_id)
    assert event.event_type == HistoryEventType.GRABBED
    assert (event.movie_id, event.download_id, event.quality_id) == (movie.pk, "SAB_nzo_1", 7)
    assert event.data["indexer"] == "Indexer"
    assert event.data["downloadClientName"] == "SABnzbd"
    assert event.data["guid"] == "guid-Arrival.2016.1080p.BluRay.x264-GRP"
    assert event.data["releaseGroup"] == "GRP"
    assert event.data["protocol"] == "1"
    assert event.data["size"] == "2000000000"
    assert (event.data["releaseSource"], event.data["tmdbId"]) == ("Rss", str(movie.tmdb_id))
    assert event.data["publishedDate"] == "2024-01-01T00:00:00Z"
    hours = (timezone.now() - datetime(2024, 1, 1, tzinfo=UTC)).total_seconds() / 3600
    assert abs(float(event.data["ageHours"]) - hours) < 0.1 and event.data["ageHours"] != str(round(hours))
    assert abs(float(event.data["ageMinutes"]) - hours * 60) < 5
    uploads = [r for r in sab_server.requests if r.query.get("mode") == ["addfile"]]
    assert len(uploads) == 1 and NZB in uploads[0].body
    tracked = TrackedDownload.objects.get(download_id="SAB_nzo_1")
    assert tracked.movie_id == movie.pk and tracked.grab_id == event.pk


def test_without_a_client_for_the_protocol_the_grab_fails_with_a_clear_message(sab_server):
    movie = MovieFactory()
    sabnzbd(sab_server.url)  # usenet only
    decision = approved(
        movie,
        release(
            f"{movie.title}.2010.1080p.BluRay.x264-GRP",
            "torrent",
            magnet_url="magnet:?xt=urn:btih:" + "a" * 40,
        ),
    )

    with pytest.raises(GrabError) as raised:
        grab_release(decision)

    assert (
        raised.value.message
        == "No download client is available for torrent releases (Settings → Download Clients)"
    )
    assert not History.objects.exists()


def test_a_torrent_file_that_cannot_be_fetched_fails_the_grab_and_records_nothing(fake_server, tmp_path):
    movie = MovieFactory()
    blackhole(tmp_path)
    fake_server.add("/download/1", status=404, body="gone")
    decision = approved(
        movie,
        release(
            f"{movie.title}.2010.1080p.BluRay.x264-GRP",
            "torrent",
            download_url=f"{fake_server.url}/download/1",
        ),
    )

    with pytest.raises(GrabError) as raised:
        grab_release(decision)

    assert "HTTP 404" in raised.value.message
    assert not History.objects.exists()


def test_a_client_that_is_down_fails_the_grab_visibly_backs_off_and_leaves_no_claim(sab_server):
    movie = MovieFactory(title="Arrival", year=2016)
    client = sabnzbd("http://127.0.0.1:9")  # nothing listens on the discard port
    decision = approved(
        movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=f"{sab_server.url}/getnzb/1")
    )

    with pytest.raises(GrabError) as raised:
        grab_release(decision)

    assert "SABnzbd did not take Arrival.2016.1080p.BluRay.x264-GRP" in raised.value.message
    assert not History.objects.exists()  # the next sync may grab it again
    client.refresh_from_db()
    assert client.escalation_level == 1 and "Unable to connect" in client.last_error


def test_the_same_release_is_not_grabbed_twice_for_a_movie(sab_server):
    movie = MovieFactory(title="Arrival", year=2016)
    sabnzbd(sab_server.url)
    decision = approved(
        movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=f"{sab_server.url}/getnzb/1")
    )
    grab_release(decision)

    with pytest.raises(GrabError) as raised:
        grab_release(decision, interactive=True)

    assert "already grabbed" in raised.value.message
    assert History.objects.count() == 1


def test_another_release_of_the_same_movie_moments_later_is_refused_unless_interactive(sab_server):
    movie = MovieFactory(title="Arrival", year=2016)
    sabnzbd(sab_server.url)
    url = f"{sab_server.url}/getnzb/1"
    grab_release(approved(movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=url)))
    other = approved(movie, release("Arrival.2016.2160p.WEB-DL-OTHER", download_url=url))

    with pytest.raises(GrabError) as raised:
        grab_release(other)
    interactive = grab_release(other, interactive=True)

    assert "grabbed moments ago" in raised.value.message
    assert History.objects.count() == 2
    assert History.objects.get(pk=interactive.history_id).data["releaseSource"] == "InteractiveSearch"


def test_a_torrent_file_is_sent_and_its_info_hash_is_what_blocks_a_second_grab(fake_server, tmp_path):
    movie = MovieFactory(title="Heat", year=1995)
    client = blackhole(tmp_path)
    torrent, info_hash = make_torrent(write_payload(tmp_path, "Heat.1995.720p.WEB-DL-GRP.mkv"))
    fake_server.add("/t/1", body=torrent, content_type="application/x-bittorrent")
    fake_server.add("/t/2", body=torrent, content_type="application/x-bittorrent")
    first = release("Heat.1995.720p.WEB-DL-GRP", "torrent", download_url=f"{fake_server.url}/t/1", guid="a")
    grab_release(approved(movie, first))
    renamed = release("Heat 1995 720p WEB-DL-GRP", "torrent", download_url=f"{fake_server.url}/t/2", guid="b")

    with pytest.raises(GrabError):
        History.objects.update(download_id=info_hash)  # a client whose ids are info hashes (qBittorrent)
        grab_release(approved(movie, renamed), interactive=True)

    assert (
        Path(client.settings["torrentFolder"]) / "Heat.1995.720p.WEB-DL-GRP.torrent"
    ).read_bytes() == torrent


def test_a_magnet_link_passes_through_to_the_client(tmp_path):
    movie = MovieFactory(title="Alien", year=1979)
    client = blackhole(tmp_path)
    client.settings["saveMagnetFiles"] = True
    client.save()
    magnet = "magnet:?xt=urn:btih:" + "b" * 40 + "&dn=Alien"

    grab_release(approved(movie, release("Alien.1979.1080p.BluRay-GRP", "torrent", download_url=magnet)))

    assert (
        Path(client.settings["torrentFolder"]) / "Alien.1979.1080p.BluRay-GRP.magnet"
    ).read_text() == magnet


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_grabs_of_the_same_movie_send_only_one(sab_server):
    movie = MovieFactory(title="Arrival", year=2016)
    sabnzbd(sab_server.url)
    url = f"{sab_server.url}/getnzb/1"
    decisions = [
        approved(movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=url, guid="rss")),
        approved(movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=url, guid="search")),
    ]
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def grab(decision: object) -> None:
        start.wait()
        try:
            outcomes.append(grab_release(decision))
        except GrabError as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=grab, args=(decision,)) for decision in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Grab", "GrabError"]
    assert History.objects.filter(event_type=HistoryEventType.GRABBED).count() == 1
    assert len([r for r in sab_server.requests if r.query.get("mode") == ["addfile"]]) == 1
    assert DownloadClient.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "days_ago", "recent"),
    [
        ("digital_release", 0, True),
        ("digital_release", 21, True),
        ("digital_release", 22, False),
        ("physical_release", 21, True),
        ("physical_release", 22, False),
        ("in_cinemas", 120, True),
        ("in_cinemas", 121, False),
        ("digital_release", -1, False),  # announced for tomorrow
    ],
)
def test_a_movie_is_recent_for_21_days_after_its_home_release_and_120_after_cinemas(field, days_ago, recent):
    movie = Movie(title="Heat", **{field: date.today() - timedelta(days=days_ago)})

    assert is_recent(movie) is recent
    assert is_recent(Movie(title="Heat")) is False


def test_a_magnet_only_torrent_passes_through_without_a_download():
    magnet = "magnet:?xt=urn:btih:" + "ab" * 20
    fetched, payload = fetch_release(release("Heat.1995.1080p.BluRay.x264-GRP", "torrent", magnet_url=magnet))

    assert fetched.magnet_url == magnet and payload is None


@pytest.mark.parametrize(
    ("protocol", "fields", "message"),
    [
        ("torrent", {}, "Heat.1995.1080p.BluRay.x264-GRP has neither a torrent link nor a magnet link"),
        ("usenet", {}, "Heat.1995.1080p.BluRay.x264-GRP has no download link"),
        (
            "usenet",
            {"download_url": "http://127.0.0.1:9/getnzb", "indexer": ""},
            "Unable to download Heat.1995.1080p.BluRay.x264-GRP from the indexer: ",
        ),
    ],
)
def test_a_release_that_cannot_be_fetched_says_why(protocol, fields, message):
    with pytest.raises(GrabError) as raised:
        fetch_release(release("Heat.1995.1080p.BluRay.x264-GRP", protocol, **fields))

    assert raised.value.message.startswith(message)


def test_an_empty_answer_from_the_indexer_is_no_release(fake_server):
    fake_server.add("/getnzb/2", body=b"")
    info = release("Heat.1995.1080p.BluRay.x264-GRP", download_url=f"{fake_server.url}/getnzb/2")

    with pytest.raises(GrabError) as raised:
        fetch_release(info)

    assert raised.value.message == "Unable to download Heat.1995.1080p.BluRay.x264-GRP from Indexer: HTTP 200"


def test_a_recent_movie_is_sent_with_the_clients_recent_priority(sab_server):
    client = sabnzbd(sab_server.url)
    client.settings |= {"recentMoviePriority": 2, "olderMoviePriority": -1}
    client.save()
    url = f"{sab_server.url}/getnzb/1"
    recent = MovieFactory(title="Arrival", year=2016, digital_release=date.today() - timedelta(days=3))
    older = MovieFactory(title="Heat", year=1995, digital_release=date(1996, 1, 1))

    grab_release(approved(recent, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=url)))
    grab_release(approved(older, release("Heat.1995.1080p.BluRay.x264-GRP", download_url=url)))

    uploads = [r for r in sab_server.requests if r.query.get("mode") == ["addfile"]]
    assert [upload.query.get("priority") for upload in uploads] == [["2"], ["-1"]]


def test_a_grab_from_a_search_is_recorded_as_one(sab_server):
    movie = MovieFactory(title="Arrival", year=2016)
    sabnzbd(sab_server.url)
    decision = approved(
        movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=f"{sab_server.url}/getnzb/1")
    )
    decision.candidate = dataclasses.replace(decision.candidate, search=SearchCriteria(movie_id=movie.pk))

    grab = grab_release(decision)

    assert History.objects.get(pk=grab.history_id).data["releaseSource"] == "Search"


def test_a_torrent_from_an_indexer_that_needs_headers_is_fetched_with_them(fake_server, tmp_path):
    from tests.indexers.factories import IndexerFactory

    settings = {"baseUrl": fake_server.url, "aPIUser": "apiuser", "aPIKey": "apikey"}
    ptp = IndexerFactory(implementation="PassThePopcorn", settings=settings)
    newznab = IndexerFactory(implementation="Newznab", settings={"baseUrl": fake_server.url, "apiKey": "k"})
    payload, _ = make_torrent(write_payload(tmp_path, "Heat.1995.1080p.BluRay.x264-GRP.mkv"))
    fake_server.add("/torrents.php", body=payload, content_type="application/x-bittorrent")
    url = f"{fake_server.url}/torrents.php?action=download&id=1"

    for indexer in (ptp, newznab):
        fetched, data = fetch_release(release("Heat", "torrent", download_url=url, indexer_id=indexer.pk))
        assert data == payload

    with_headers, without = fake_server.requests
    assert (with_headers.headers.get("ApiUser"), with_headers.headers.get("ApiKey")) == ("apiuser", "apikey")
    assert "ApiUser" not in without.headers and "ApiKey" not in without.headers
