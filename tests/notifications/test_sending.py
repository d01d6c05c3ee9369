"""Events are queued after commit, reach the subscribed notifications only, and failures back off."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from movies.events import movie_added_event
from notifications import events as ev
from notifications.events import event_from_data, event_to_data, notify
from notifications.sending import send_event, subscribed
from notifications.snapshots import RenamedFileSnapshot
from notifications.tasks import send_event as send_event_task
from radarr.models import Tag
from tests.movies.factories import MovieFactory
from tests.notifications.helpers import A_FILE, A_MOVIE, grab_of, make_notification

pytestmark = pytest.mark.django_db


def test_an_event_survives_the_round_trip_through_the_task_queue():
    event = ev.RenameEvent(A_MOVIE, renamed=(RenamedFileSnapshot(A_FILE, "b.mkv", "/movies/A (2020)/b.mkv"),))
    data = json.loads(json.dumps(event_to_data(event)))
    assert event_from_data(data) == event


def test_notify_queues_the_task_only_after_the_transaction_commits(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: queued.append((args, kwargs)))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(ev.MovieAddedEvent(A_MOVIE, add_method="list"))
        assert queued == []
    ((args, kwargs),) = queued
    assert args[0] == "notifications.tasks.send_event"
    assert args[1] == event_to_data(ev.MovieAddedEvent(A_MOVIE, add_method="list"))


def test_notify_never_raises_when_the_queue_is_down(monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr("django_q.tasks.async_task", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify(ev.MovieAddedEvent(A_MOVIE))  # no exception reaches the caller


def test_only_notifications_with_the_events_trigger_are_sent_to(fake_server):
    fake_server.add("/hook", method="POST")
    movie = MovieFactory()
    make_notification("Webhook", name="grabs", url=f"{fake_server.url}/hook")
    make_notification("Webhook", name="no grabs", url=f"{fake_server.url}/hook", on_grab=False)
    outcomes = send_event(grab_of(movie))
    assert [(outcome.notification, outcome.sent) for outcome in outcomes] == [("grabs", True)]
    assert len(fake_server.requests) == 1


def test_upgrades_and_deletes_for_upgrade_have_their_own_triggers():
    make_notification(
        "Webhook",
        name="imports only",
        url="http://127.0.0.1:9/",
        on_upgrade=False,
        on_movie_file_delete_for_upgrade=False,
    )
    assert [row.name for row in subscribed(ev.DownloadEvent(A_MOVIE, A_FILE, is_upgrade=False))] == [
        "imports only"
    ]
    assert subscribed(ev.DownloadEvent(A_MOVIE, A_FILE, is_upgrade=True)) == []
    delete = ev.MovieFileDeleteEvent(A_MOVIE, A_FILE, "upgrade", for_upgrade=True)
    assert subscribed(delete) == []


def test_health_warnings_go_only_where_warnings_are_included():
    make_notification("Webhook", name="errors only", url="http://127.0.0.1:9/", include_health_warnings=False)
    assert subscribed(ev.HealthEvent("X", "warning", "careful")) == []
    assert [row.name for row in subscribed(ev.HealthEvent("X", "error", "broken"))] == ["errors only"]


def test_a_notification_with_tags_fires_only_for_movies_sharing_one(fake_server):
    fake_server.add("/hook", method="POST")
    kids = Tag.objects.create(label="kids")
    row = make_notification("Webhook", url=f"{fake_server.url}/hook")
    row.tags.add(kids)
    other = MovieFactory()
    tagged = MovieFactory()
    tagged.tags.add(kids)
    assert send_event(grab_of(other)) == []
    assert [outcome.sent for outcome in send_event(grab_of(tagged))] == [True]
    assert len(fake_server.requests) == 1


def test_a_failing_receiver_backs_the_notification_off_and_the_next_event_skips_it(fake_server):
    fake_server.add("/hook", method="POST", status=503)
    movie = MovieFactory()
    row = make_notification("Webhook", url=f"{fake_server.url}/hook")
    outcomes = send_event(movie_added_event(movie))
    assert outcomes[0].sent is False and "HTTP 503" in outcomes[0].message
    row.refresh_from_db()
    assert row.escalation_level == 1 and "HTTP 503" in row.last_error
    row.disabled_until = timezone.now() + timedelta(minutes=5)
    row.save()
    assert send_event(movie_added_event(movie)) == []
    assert len(fake_server.requests) == 1


def test_a_dead_receiver_is_reported_by_the_task_not_raised():
    movie = MovieFactory()
    make_notification("Webhook", url="http://127.0.0.1:9/hook")  # nothing listens on port 9
    summary = send_event_task(event_to_data(movie_added_event(movie)))
    assert "sent with 0 of 1" in summary and "Unable to reach" in summary


def test_a_working_send_clears_the_back_off(fake_server):
    fake_server.add("/hook", method="POST")
    movie = MovieFactory()
    row = make_notification("Webhook", url=f"{fake_server.url}/hook")
    row.escalation_level, row.last_error = 2, "old failure"
    row.save()
    send_event(movie_added_event(movie))
    row.refresh_from_db()
    assert (row.escalation_level, row.last_error) == (0, "")


def test_a_row_naming_an_unknown_implementation_is_skipped_not_fatal():
    make_notification("NoSuchThing", url="http://x")
    assert subscribed(ev.MovieAddedEvent(A_MOVIE)) == []


def _events_from_rows() -> list[ev.Event]:
    """One event of each kind with snapshots, as the functions that make the changes build them."""
    from downloads.events import manual_interaction_event
    from downloads.models import DownloadClient, TrackedDownload
    from imports.events import download_event, rename_event
    from movies.events import file_delete_event, movie_delete_event
    from tests.movies.factories import MovieFileFactory

    movie = MovieFactory(original_language_id=2)
    movie.tags.add(Tag.objects.create(label="kids"))
    old = MovieFileFactory(movie=movie, relative_path="old.mkv", language_ids=[1, 2], indexer_flags=1)
    new = MovieFileFactory(movie=movie, relative_path="new.mkv", media_info={"height": 1080, "subtitles": []})
    grab = grab_of(movie)
    client = DownloadClient.objects.create(name="qBit", implementation="QBittorrent", protocol="torrent")
    tracked = TrackedDownload.objects.create(
        client=client, download_id="X", queue_id=1, title="Unknown.Thing"
    )
    return [
        grab,
        download_event(new, [old], download_id=grab.release.download_id, source_path="/downloads/new.mkv"),
        rename_event(movie, [(new, "before.mkv", f"{movie.path}/before.mkv")]),
        movie_added_event(movie),
        movie_delete_event(movie, deleted_files=True),
        file_delete_event(old, "upgrade", for_upgrade=True),
        manual_interaction_event(tracked, ["Unknown movie"]),
        ev.HealthEvent("X", "error", "broken", "https://wiki"),
        ev.ApplicationUpdateEvent("updated", "1", "2"),
    ]


def test_every_event_with_its_snapshots_survives_the_round_trip_through_the_task_queue():
    events = _events_from_rows()

    queued = [event_from_data(json.loads(json.dumps(event_to_data(event)))) for event in events]

    assert queued == events
    assert {type(event) for event in queued} >= {ev.GrabEvent, ev.DownloadEvent, ev.RenameEvent}


def test_an_event_queued_by_an_older_version_is_skipped_not_fatal(caplog):
    make_notification("Webhook", url="http://127.0.0.1:9/hook")
    old_grab = {"kind": "GrabEvent", "data": {"movie_id": 1, "history_id": 2}}

    summary = send_event_task(old_grab)

    assert summary == "GrabEvent: skipped, queued in a shape this version cannot read"
    assert "Skipped a queued GrabEvent notification" in caplog.text
