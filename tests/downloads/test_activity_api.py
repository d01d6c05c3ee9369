"""v3 queue, history and blocklist in Radarr's shapes, with their filters, paging and removals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from downloads.models import Blocklist, History, HistoryEventType, PendingRelease, TrackedDownload
from downloads.queueids import pending_queue_id
from downloads.tracking import refresh_monitored_downloads
from tests.downloads.factories import BlocklistFactory, GrabFactory, TrackedDownloadFactory, sabnzbd
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

TITLE = "Arrival.2016.1080p.BluRay.x264-GRP"


@pytest.fixture
def downloading(sab):
    client = sabnzbd(sab.server.url)
    movie = MovieFactory(title="Arrival", year=2016)
    GrabFactory(movie=movie, download_id="nzo_1", source_title=TITLE)
    sab.downloading("nzo_1", TITLE)
    refresh_monitored_downloads()
    return client, movie


def test_the_queue_is_a_paged_envelope_of_radarr_queue_resources(api_client, downloading):
    _, movie = downloading

    body = api_client.get("/api/v3/queue").json()

    assert (body["page"], body["pageSize"], body["sortKey"], body["totalRecords"]) == (1, 10, "timeleft", 1)
    record = body["records"][0]
    assert record["id"] == TrackedDownload.objects.get().queue_id
    assert record["movieId"] == movie.pk
    assert record["title"] == TITLE
    assert record["status"] == "downloading"
    assert (record["trackedDownloadState"], record["trackedDownloadStatus"]) == ("downloading", "ok")
    assert (record["size"], record["sizeleft"], record["timeleft"]) == (104857600.0, 52428800.0, "00:01:40")
    assert record["quality"]["quality"]["name"] == "Bluray-1080p"
    assert record["languages"] == [{"id": 1, "name": "English"}]
    assert (record["protocol"], record["downloadClient"], record["downloadId"]) == (
        "usenet",
        "SABnzbd",
        "nzo_1",
    )
    assert "estimatedCompletionTime" in record and "movie" not in record


def test_the_queue_embeds_movies_on_request_in_few_queries(
    api_client, downloading, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        body = api_client.get("/api/v3/queue?includeMovie=true&pageSize=2000").json()

    assert body["records"][0]["movie"]["title"] == "Arrival"


def test_unknown_movie_items_are_hidden_unless_asked_for(api_client, sab):
    sabnzbd(sab.server.url)
    sab.downloading("nzo_9", "Some.Unknown.Film.1999.720p.WEB-DL-GRP")
    refresh_monitored_downloads()

    hidden = api_client.get("/api/v3/queue").json()
    shown = api_client.get("/api/v3/queue?includeUnknownMovieItems=true").json()
    status = api_client.get("/api/v3/queue/status").json()

    assert hidden["totalRecords"] == 0
    assert shown["records"][0]["title"] == "Some.Unknown.Film.1999.720p.WEB-DL-GRP"
    assert "movieId" not in shown["records"][0]
    assert (status["totalCount"], status["count"], status["unknownCount"]) == (1, 0, 1)


def test_a_completed_item_reports_its_real_output_path(api_client, downloading, sab, tmp_path):
    sab.finished("nzo_1", TITLE, str(tmp_path))
    refresh_monitored_downloads()

    record = api_client.get("/api/v3/queue/details").json()[0]

    assert (record["status"], record["trackedDownloadState"], record["outputPath"]) == (
        "completed",
        "importPending",
        str(tmp_path),
    )


def test_queue_details_and_status_count_errors_and_warnings(api_client, downloading):
    client, movie = downloading
    TrackedDownload.objects.update(status="warning")

    details = api_client.get(f"/api/v3/queue/details?movieId={movie.pk}").json()
    status = api_client.get("/api/v3/queue/status").json()

    assert [record["movieId"] for record in details] == [movie.pk]
    assert (status["totalCount"], status["warnings"], status["errors"]) == (1, True, False)


def test_removing_with_blocklist_fails_the_download_and_removes_it_from_the_client(
    api_client, downloading, sab
):
    record_id = TrackedDownload.objects.get().queue_id

    response = api_client.delete(
        f"/api/v3/queue/{record_id}?removeFromClient=true&blocklist=true&skipRedownload=true"
    )

    assert response.status_code == 200
    assert sab.deletions() == ["nzo_1"]
    assert Blocklist.objects.get().source_title == TITLE
    assert History.objects.filter(event_type=HistoryEventType.DOWNLOAD_FAILED).exists()
    assert api_client.get("/api/v3/queue").json()["totalRecords"] == 0


def test_removing_from_the_queue_only_ignores_the_download(api_client, downloading, sab):
    record_id = TrackedDownload.objects.get().queue_id

    api_client.delete(f"/api/v3/queue/{record_id}?removeFromClient=false")

    assert sab.deletions() == []
    assert TrackedDownload.objects.get().state == "ignored"
    assert History.objects.filter(event_type=HistoryEventType.DOWNLOAD_IGNORED).exists()
    refresh_monitored_downloads()
    assert api_client.get("/api/v3/queue").json()["totalRecords"] == 0


def test_bulk_removal_and_a_missing_item(api_client, downloading, sab):
    record_id = TrackedDownload.objects.get().queue_id

    missing = api_client.delete("/api/v3/queue/12345")
    bulk = api_client.delete("/api/v3/queue/bulk", {"ids": [record_id]}, content_type="application/json")

    assert missing.status_code == 404
    assert bulk.status_code == 200
    assert sab.deletions() == ["nzo_1"]


def test_history_pages_with_integer_event_types_and_camel_case_names(api_client):
    movie = MovieFactory()
    grab = GrabFactory(movie=movie, date=timezone.now() - timedelta(hours=1))
    History.objects.create(
        movie=movie,
        event_type=HistoryEventType.DOWNLOAD_FAILED,
        date=timezone.now(),
        source_title="x",
        data={"message": "bad"},
    )

    everything = api_client.get("/api/v3/history").json()
    grabs = api_client.get("/api/v3/history?eventType=1").json()

    assert [r["eventType"] for r in everything["records"]] == ["downloadFailed", "grabbed"]
    assert everything["sortKey"] == "date" and everything["sortDirection"] == "descending"
    assert [r["id"] for r in grabs["records"]] == [grab.pk]
    assert grabs["records"][0]["data"]["indexer"] == "Indexer"
    assert grabs["records"][0]["downloadId"] == grab.download_id


def test_history_of_a_movie_and_since_a_date_are_plain_arrays(api_client):
    movie, other = MovieFactory(), MovieFactory()
    old = GrabFactory(movie=movie, date=timezone.now() - timedelta(days=3))
    new = GrabFactory(movie=movie)
    GrabFactory(movie=other)
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    of_movie = api_client.get(f"/api/v3/history/movie?movieId={movie.pk}&eventType=grabbed").json()
    recent = api_client.get(f"/api/v3/history/since?date={since}").json()

    assert [r["id"] for r in of_movie] == [new.pk, old.pk]
    assert len(recent) == 2 and old.pk not in [r["id"] for r in recent]


def test_history_lists_cost_the_same_queries_for_many_rows(api_client, django_assert_max_num_queries):
    movie = MovieFactory()
    GrabFactory.create_batch(30, movie=movie)

    with django_assert_max_num_queries(2):
        body = api_client.get("/api/v3/history?pageSize=50").json()

    assert body["totalRecords"] == 30


def test_marking_a_grab_failed_blocklists_it(api_client):
    grab = GrabFactory(movie=MovieFactory())

    response = api_client.post(f"/api/v3/history/failed/{grab.pk}")

    assert response.status_code == 200
    assert Blocklist.objects.get().source_title == grab.source_title
    assert api_client.post("/api/v3/history/failed/999999").status_code == 404


def test_the_blocklist_pages_filters_and_deletes(api_client, django_assert_max_num_queries):
    movie = MovieFactory()
    rows = BlocklistFactory.create_batch(3, movie=movie)
    BlocklistFactory(movie=MovieFactory(), protocol="usenet")

    with django_assert_max_num_queries(2):
        torrents = api_client.get("/api/v3/blocklist?protocols=torrent").json()
    api_client.delete(f"/api/v3/blocklist/{rows[0].pk}")
    api_client.delete("/api/v3/blocklist/bulk", {"ids": [rows[1].pk]}, content_type="application/json")
    of_movie = api_client.get(f"/api/v3/blocklist/movie?movieId={movie.pk}").json()

    assert torrents["totalRecords"] == 3
    assert set(torrents["records"][0]) >= {
        "id",
        "movieId",
        "sourceTitle",
        "quality",
        "date",
        "protocol",
        "indexer",
    }
    assert [r["id"] for r in of_movie] == [rows[2].pk]
    assert api_client.delete("/api/v3/blocklist/999999").status_code == 404


def test_a_pending_release_is_in_the_queue_with_a_delay_status(api_client):
    movie = MovieFactory(title="Heat", year=1995)
    pending = PendingRelease.objects.create(
        movie=movie,
        guid="g",
        title="Heat.1995.720p.WEB-DL-GRP",
        added=timezone.now(),
        release={
            "guid": "g",
            "title": "Heat.1995.720p.WEB-DL-GRP",
            "size": 5,
            "protocol": "torrent",
            "publish_date": "2024-01-01T00:00:00+00:00",
            "indexer": "Idx",
        },
        reason="Delay",
        message="Waiting 60 more minutes",
        quality_id=5,
        release_at=timezone.now() + timedelta(minutes=60),
    )

    record = api_client.get("/api/v3/queue").json()["records"][0]

    assert record["id"] == pending_queue_id(pending.pk, movie.pk)
    assert (record["status"], record["protocol"], record["indexer"]) == ("delay", "torrent", "Idx")
    assert record["statusMessages"] == [
        {"title": "Heat.1995.720p.WEB-DL-GRP", "messages": ["Waiting 60 more minutes"]}
    ]
    api_client.delete(f"/api/v3/queue/{record['id']}?blocklist=true")
    assert not PendingRelease.objects.exists() and Blocklist.objects.get().guid == "g"


def test_the_tracked_factory_row_is_listed(api_client):
    TrackedDownloadFactory(client=sabnzbd("http://127.0.0.1:9"), movie=MovieFactory())

    assert api_client.get("/api/v3/queue").json()["totalRecords"] == 1
