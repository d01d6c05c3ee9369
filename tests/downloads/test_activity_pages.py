"""Activity pages: the queue polls cheaply, history filters, the blocklist is managed."""

import pytest

from downloads.models import Blocklist, HistoryEventType, TrackedDownload
from tests.downloads.factories import BlocklistFactory, GrabFactory, TrackedDownloadFactory, sabnzbd
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def queued():
    client = sabnzbd("http://127.0.0.1:9")
    return TrackedDownloadFactory(
        client=client,
        movie=MovieFactory(title="Arrival"),
        state="importPending",
        output_path="/data/Arrival",
        item_status="completed",
    )


def test_the_queue_page_shows_a_download_waiting_to_import_with_its_path(admin_client, queued):
    body = admin_client.get("/activity/queue").content.decode()

    assert "Arrival" in body and "Waiting to import" in body and "/data/Arrival" in body
    assert 'hx-trigger="every 5s"' in body


def test_a_poll_with_nothing_changed_answers_204_in_few_queries(
    admin_client, queued, django_assert_max_num_queries
):
    page = admin_client.get("/activity/queue").content.decode()
    version = page.split("?v=", 1)[1].split('"', 1)[0]

    with django_assert_max_num_queries(8):  # session, user, and the version's three
        response = admin_client.get(f"/activity/queue?v={version}", headers=HTMX)

    assert response.status_code == 204 and response.content == b""


def test_a_poll_after_a_change_answers_the_rows_fragment(admin_client, queued):
    page = admin_client.get("/activity/queue").content.decode()
    version = page.split("?v=", 1)[1].split('"', 1)[0]
    TrackedDownload.objects.update(title="Arrival.2016.2160p.UHD", remaining_size=0)
    queued.save()  # bumps `updated`

    response = admin_client.get(f"/activity/queue?v={version}", headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and 'id="queue-rows"' in body


def test_removing_from_the_queue_page_with_blocklist(admin_client, queued):
    GrabFactory(movie=queued.movie, download_id=queued.download_id)
    queued.client.remove_failed_downloads = False
    queued.client.save()

    response = admin_client.post(f"/activity/queue/{queued.queue_id}/remove", {"blocklist": "on"})

    assert response.status_code == 302
    assert Blocklist.objects.count() == 1
    assert TrackedDownload.objects.get().state == "failed"


def test_history_filters_by_event_type_and_movie(admin_client):
    arrival, heat = MovieFactory(title="Arrival"), MovieFactory(title="Heat")
    GrabFactory(movie=arrival, source_title="Arrival.Grab")
    GrabFactory(movie=heat, source_title="Heat.Grab")

    body = admin_client.get(
        f"/activity/history?event={int(HistoryEventType.GRABBED)}&movie=heat", headers=HTMX
    ).content.decode()

    assert "Heat.Grab" in body and "Arrival.Grab" not in body and "<html" not in body
    assert "Mark as failed" in body


def test_marking_a_grab_failed_from_history(admin_client):
    grab = GrabFactory(movie=MovieFactory())

    admin_client.post(f"/activity/history/{grab.pk}/failed")

    assert Blocklist.objects.get().source_title == grab.source_title


def test_the_blocklist_page_removes_selected_rows_and_clears(admin_client):
    rows = BlocklistFactory.create_batch(3, movie=MovieFactory())

    listed = admin_client.get("/activity/blocklist").content.decode()
    admin_client.post("/activity/blocklist/remove", {"ids": [rows[0].pk, rows[1].pk]})
    left = Blocklist.objects.count()
    admin_client.post("/activity/blocklist/clear")

    assert rows[2].source_title in listed
    assert left == 1 and not Blocklist.objects.exists()
