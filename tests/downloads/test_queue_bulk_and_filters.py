"""The queue's filters (status, protocol, words; kept by the poll), its bulk remove, and its status
tooltips."""

import pytest

from downloads.models import Blocklist, TrackedDownload
from tests.downloads.factories import GrabFactory, TrackedDownloadFactory, sabnzbd
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def queue():
    client = sabnzbd("http://127.0.0.1:9")
    client.remove_failed_downloads = False
    client.save()
    messages = [{"title": "Arrival.mkv", "messages": ["Not an upgrade"]}]
    waiting = TrackedDownloadFactory(
        client=client, movie=MovieFactory(title="Arrival"), title="Arrival.2016.1080p-GRP",
        state="importBlocked", status="warning", status_messages=messages,
    )  # fmt: skip
    loading = TrackedDownloadFactory(
        client=client, movie=MovieFactory(title="Heat"), title="Heat.1995.720p-OLD", state="downloading"
    )
    return waiting, loading


def test_the_status_filter_keeps_what_needs_attention_and_the_poll_keeps_the_filter(admin_client, queue):
    response = admin_client.get("/activity/queue?filtered=1&status=import", headers=HTMX)

    body = response.content.decode()
    assert "Arrival.2016.1080p-GRP" in body and "Heat.1995.720p-OLD" not in body
    assert "&amp;status=import" in body.split('id="queue-rows"', 1)[1].split(">", 1)[0]  # the poll's URL
    assert 'data-shown="1" data-total="2"' in body


def test_the_search_filters_by_movie_or_release_words(admin_client, queue):
    body = admin_client.get("/activity/queue?search=heat").content.decode()

    assert "Heat.1995.720p-OLD" in body and "Arrival.2016.1080p-GRP" not in body


def test_a_filter_matching_nothing_says_so(admin_client, queue):
    body = admin_client.get("/activity/queue?protocol=torrent").content.decode()

    assert "No download matches these filters (2 in the queue)" in body


def test_the_status_cell_explains_itself_in_a_tooltip(admin_client, queue):
    body = admin_client.get("/activity/queue").content.decode()

    assert 'title="Manual import required (warning)&#10;Arrival.mkv:&#10;Not an upgrade"' in body


def test_bulk_remove_blocklists_the_ticked_and_leaves_the_rest(admin_client, queue):
    waiting, loading = queue
    GrabFactory(movie=waiting.movie, download_id=waiting.download_id)

    response = admin_client.post(
        "/activity/queue/bulk",
        {"ids": [waiting.queue_id], "action": "remove", "blocklist": "on"},
        follow=True,
    )

    assert "Removed 1 download" in response.content.decode()
    assert Blocklist.objects.count() == 1
    assert TrackedDownload.objects.get(pk=waiting.pk).state == "failed"
    assert TrackedDownload.objects.get(pk=loading.pk).state == "downloading"


def test_bulk_without_a_tick_says_so(admin_client, queue):
    response = admin_client.post("/activity/queue/bulk", {"action": "remove"}, follow=True)

    assert "Tick at least one download first" in response.content.decode()
