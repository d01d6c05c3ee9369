"""Tracked downloads: the state machine over what a client reports, recovered after restarts, never
crashed by a failing client, and cheap when nothing changed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from downloads.models import (
    Blocklist,
    DownloadClient,
    DownloadClientConfig,
    History,
    HistoryEventType,
    TrackedDownload,
    TrackedDownloadState,
)
from downloads.tracking import (
    completed_downloads,
    mark_import_failed,
    mark_imported,
    refresh_monitored_downloads,
)
from radarr.models import Command
from tests.downloads.factories import GrabFactory, sabnzbd
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

TITLE = "Arrival.2016.1080p.BluRay.x264-GRP"


@pytest.fixture
def grabbed(sab):
    """A SABnzbd client and a grab of Arrival that it is downloading."""
    client = sabnzbd(sab.server.url)
    movie = MovieFactory(title="Arrival", year=2016)
    grab = GrabFactory(
        movie=movie,
        download_id="nzo_1",
        source_title=TITLE,
        data={
            "indexer": "Nzb",
            "protocol": "1",
            "size": "1000",
            "guid": "g1",
            "downloadClientName": client.name,
        },
    )
    sab.downloading("nzo_1", TITLE)
    return client, movie, grab


def tracked(download_id: str = "nzo_1") -> TrackedDownload:
    return TrackedDownload.objects.get(download_id=download_id)


def test_a_grabbed_download_is_tracked_with_its_movie_and_progress(grabbed):
    client, movie, grab = grabbed

    refresh_monitored_downloads()

    row = tracked()
    assert (row.state, row.movie_id, row.grab_id, row.client_id) == (
        "downloading",
        movie.pk,
        grab.pk,
        client.pk,
    )
    assert (row.total_size, row.remaining_size, row.remaining_seconds) == (100 * 2**20, 50 * 2**20, 100)
    assert row.indexer == "Nzb"


def test_a_completed_download_waits_to_import_with_its_real_output_path(grabbed, sab, tmp_path):
    folder = tmp_path / TITLE
    folder.mkdir()
    refresh_monitored_downloads()
    sab.finished("nzo_1", TITLE, str(folder))

    refresh_monitored_downloads()

    row = tracked()
    assert (row.state, row.status, row.output_path) == ("importPending", "ok", str(folder))
    assert [r.download_id for r in completed_downloads()] == ["nzo_1"]


def test_a_completed_download_whose_folder_is_not_here_says_to_map_the_path(grabbed, sab):
    sab.finished("nzo_1", TITLE, "/mnt/elsewhere/Arrival")

    refresh_monitored_downloads()

    row = tracked()
    assert (row.state, row.status) == ("importPending", "warning")
    assert "remote path mapping" in row.status_messages[0]["messages"][0]


def test_a_completed_download_of_no_known_movie_needs_a_manual_import(sab):
    sabnzbd(sab.server.url)
    sab.finished("nzo_9", "Some.Unknown.Film.1999.720p.WEB-DL-GRP", "/downloads/x")

    refresh_monitored_downloads()

    row = tracked("nzo_9")
    assert (row.state, row.movie_id) == ("importBlocked", None)
    assert "Manual Import" in row.status_messages[0]["messages"][0]


def test_a_download_we_did_not_grab_is_matched_to_its_movie_by_title(sab):
    sabnzbd(sab.server.url)
    movie = MovieFactory(title="Heat", year=1995)
    sab.downloading("nzo_2", "Heat.1995.720p.WEB-DL-GRP")

    refresh_monitored_downloads()

    row = tracked("nzo_2")
    assert (row.movie_id, row.grab_id, row.quality_id) == (movie.pk, None, 5)


def test_a_failed_download_is_blocklisted_removed_and_searched_again(grabbed, sab):
    client, movie, grab = grabbed
    refresh_monitored_downloads()
    sab.finished("nzo_1", TITLE, "/x", status="Failed", message="Repair failed, not enough repair blocks")

    refresh_monitored_downloads()

    assert tracked().state == "failed"
    failed = History.objects.get(event_type=HistoryEventType.DOWNLOAD_FAILED)
    assert (failed.movie_id, failed.download_id) == (movie.pk, "nzo_1")
    assert failed.data["message"] == "Repair failed, not enough repair blocks"
    blocked = Blocklist.objects.get()
    assert (blocked.source_title, blocked.indexer, blocked.protocol, blocked.size) == (
        TITLE,
        "Nzb",
        "usenet",
        1000,
    )
    assert sab.deletions() == ["nzo_1"]
    assert Command.objects.filter(name="MoviesSearch", body={"movieIds": [movie.pk]}).exists()


def test_redownload_off_and_remove_failed_off_are_respected(grabbed, sab):
    client, _, _ = grabbed
    client.remove_failed_downloads = False
    client.save()
    config = DownloadClientConfig.load()
    config.auto_redownload_failed = False
    config.save()
    sab.finished("nzo_1", TITLE, "/x", status="Failed", message="Unpacking failed, archive is encrypted")

    refresh_monitored_downloads()

    assert tracked().state == "failed"
    assert Blocklist.objects.count() == 1
    assert sab.deletions() == []
    assert not Command.objects.filter(name="MoviesSearch").exists()


def test_a_download_that_makes_no_progress_for_the_configured_minutes_is_failed_as_stalled(grabbed):
    config = DownloadClientConfig.load()
    config.stalled_after_minutes = 30
    config.save()
    refresh_monitored_downloads()
    TrackedDownload.objects.update(progress_at=timezone.now() - timedelta(minutes=31))

    refresh_monitored_downloads()

    assert tracked().state == "failed"
    assert Blocklist.objects.get().message == "Stalled: no progress for 30 minutes"
    assert Command.objects.filter(name="MoviesSearch").exists()


def test_a_download_making_progress_is_not_stalled(grabbed, sab):
    config = DownloadClientConfig.load()
    config.stalled_after_minutes = 30
    config.save()
    refresh_monitored_downloads()
    TrackedDownload.objects.update(progress_at=timezone.now() - timedelta(minutes=31))
    sab.queue[0]["mbleft"] = "40"
    sab.publish()

    refresh_monitored_downloads()

    assert tracked().state == "downloading"


def test_tracking_is_rebuilt_from_history_after_a_restart(grabbed, sab):
    _, movie, grab = grabbed
    GrabFactory(movie=movie, download_id="nzo_old", source_title="Arrival.2016.720p.WEB-DL-OLD")
    History.objects.create(
        movie=movie,
        event_type=HistoryEventType.DOWNLOAD_FAILED,
        date=timezone.now(),
        source_title="x",
        download_id="nzo_old",
    )
    sab.finished("nzo_old", "Arrival.2016.720p.WEB-DL-OLD", "/x", status="Failed")
    refresh_monitored_downloads()
    TrackedDownload.objects.all().delete()  # what a lost state looks like

    refresh_monitored_downloads()

    assert (tracked().movie_id, tracked().grab_id) == (movie.pk, grab.pk)
    assert tracked("nzo_old").state == "failed"
    assert (
        History.objects.filter(event_type=HistoryEventType.DOWNLOAD_FAILED).count() == 1
    )  # not failed again


def test_a_download_removed_from_the_client_is_no_longer_tracked(grabbed, sab):
    refresh_monitored_downloads()
    sab.queue.clear()
    sab.publish()

    refresh_monitored_downloads()

    assert not TrackedDownload.objects.exists()


def test_a_client_that_is_down_keeps_its_downloads_with_a_message_and_backs_off(grabbed, sab):
    client, _, _ = grabbed
    refresh_monitored_downloads()
    client.settings["port"] = 9
    client.save()

    summary = refresh_monitored_downloads()

    assert "1 unavailable" in summary
    row = tracked()
    assert row.state == "downloading"
    assert "SABnzbd is unavailable: Unable to connect" in row.client_unavailable
    client.refresh_from_db()
    assert client.escalation_level == 1


def test_a_client_answering_garbage_cannot_crash_the_poller(fake_server, sab):
    broken = sabnzbd(fake_server.url, name="Broken")
    # the implementation trips over this (a TypeError, not a ProviderError): the poller must not
    fake_server.add("/api", query={"mode": "queue"}, body='{"queue": {"slots": 5}}')
    other_server_client = sabnzbd("http://127.0.0.1:9", name="Down")

    summary = refresh_monitored_downloads()

    assert summary.startswith("0 downloads in 2 clients (2 unavailable)"), [
        (c.name, c.last_error) for c in DownloadClient.objects.all()
    ]
    broken.refresh_from_db()
    other_server_client.refresh_from_db()
    assert broken.last_error and other_server_client.last_error


def test_a_quiet_minute_writes_nothing_and_costs_a_few_queries(grabbed, django_assert_max_num_queries):
    refresh_monitored_downloads()
    before = tracked().updated

    with django_assert_max_num_queries(6):
        summary = refresh_monitored_downloads()

    assert summary.endswith("0 changed")
    assert tracked().updated == before


def test_imports_hand_back_an_imported_download_which_leaves_the_queue(grabbed, sab, tmp_path):
    client, movie, _ = grabbed
    sab.finished("nzo_1", TITLE, str(tmp_path))
    refresh_monitored_downloads()

    row = mark_imported("nzo_1", imported_path="/movies/Arrival (2016)/Arrival.mkv")

    assert row.state == TrackedDownloadState.IMPORTED
    assert sab.deletions() == ["nzo_1"]  # Remove Completed: the client is done with it
    event = History.objects.get(event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED)
    assert event.data["importedPath"] == "/movies/Arrival (2016)/Arrival.mkv"
    assert event.data["droppedPath"] == str(tmp_path)
    assert completed_downloads() == []


def test_a_failed_import_blocks_the_download_with_its_reasons(grabbed, sab, tmp_path):
    sab.finished("nzo_1", TITLE, str(tmp_path))
    refresh_monitored_downloads()

    mark_import_failed("nzo_1", ["No video files found"])

    row = tracked()
    assert (row.state, row.status_messages[0]["messages"]) == ("importBlocked", ["No video files found"])


def test_completed_download_handling_off_is_a_health_warning_and_leaves_completed_downloads(
    grabbed, sab, tmp_path
):
    from downloads.health import import_mechanism_check

    config = DownloadClientConfig.load()
    config.enable_completed_download_handling = False
    config.save()
    sab.finished("nzo_1", TITLE, str(tmp_path))

    refresh_monitored_downloads()

    assert tracked().state == "downloading"
    assert [issue.source for issue in import_mechanism_check()] == ["ImportMechanismCheck"]


def test_a_blocked_import_asks_for_manual_interaction_once(grabbed, django_capture_on_commit_callbacks):
    from django_q.models import OrmQ

    refresh_monitored_downloads()

    with django_capture_on_commit_callbacks(execute=True):
        mark_import_failed("nzo_1", ["No video file found"])
        mark_import_failed("nzo_1", ["No video file found"])  # the next poll: still blocked

    payloads = [
        task.task["args"][0] for task in OrmQ.objects.all() if task.task["func"].endswith("send_event")
    ]
    kinds = [payload["kind"] for payload in payloads]
    assert kinds.count("ManualInteractionRequiredEvent") == 1
    assert tracked().state == "importBlocked"
