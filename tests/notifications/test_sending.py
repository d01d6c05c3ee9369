"""Events are queued after commit, reach the subscribed notifications only, and failures back off."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from notifications import events as ev
from notifications.events import event_from_data, event_to_data, notify
from notifications.sending import send_event, subscribed
from notifications.tasks import send_event as send_event_task
from radarr.models import Tag
from tests.movies.factories import MovieFactory
from tests.notifications.helpers import make_grab, make_notification

pytestmark = pytest.mark.django_db


def test_an_event_survives_the_round_trip_through_the_task_queue():
    event = ev.RenameEvent(movie_id=3, renamed=((1, "a.mkv", "/m/a.mkv"),))
    data = json.loads(json.dumps(event_to_data(event)))
    assert event_from_data(data) == event


def test_notify_queues_the_task_only_after_the_transaction_commits(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: queued.append((args, kwargs)))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(ev.MovieAddedEvent(movie_id=5, add_method="list"))
        assert queued == []
    ((args, kwargs),) = queued
    assert args[0] == "notifications.tasks.send_event"
    assert args[1] == {"kind": "MovieAddedEvent", "data": {"movie_id": 5, "add_method": "list"}}


def test_notify_never_raises_when_the_queue_is_down(monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr("django_q.tasks.async_task", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify(ev.MovieAddedEvent(movie_id=5))  # no exception reaches the caller


def test_only_notifications_with_the_events_trigger_are_sent_to(fake_server):
    fake_server.add("/hook", method="POST")
    movie = MovieFactory()
    make_notification("Webhook", name="grabs", url=f"{fake_server.url}/hook")
    make_notification("Webhook", name="no grabs", url=f"{fake_server.url}/hook", on_grab=False)
    outcomes = send_event(ev.GrabEvent(movie.pk, make_grab(movie).pk))
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
    assert [row.name for row in subscribed(ev.DownloadEvent(1, 1, is_upgrade=False))] == ["imports only"]
    assert subscribed(ev.DownloadEvent(1, 1, is_upgrade=True)) == []
    delete = ev.MovieFileDeleteEvent(1, 1, "a.mkv", "/m/a.mkv", 1, "upgrade", for_upgrade=True)
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
    assert send_event(ev.GrabEvent(other.pk, make_grab(other).pk)) == []
    assert [outcome.sent for outcome in send_event(ev.GrabEvent(tagged.pk, make_grab(tagged).pk))] == [True]
    assert len(fake_server.requests) == 1


def test_a_failing_receiver_backs_the_notification_off_and_the_next_event_skips_it(fake_server):
    fake_server.add("/hook", method="POST", status=503)
    movie = MovieFactory()
    row = make_notification("Webhook", url=f"{fake_server.url}/hook")
    outcomes = send_event(ev.MovieAddedEvent(movie.pk))
    assert outcomes[0].sent is False and "HTTP 503" in outcomes[0].message
    row.refresh_from_db()
    assert row.escalation_level == 1 and "HTTP 503" in row.last_error
    row.disabled_until = timezone.now() + timedelta(minutes=5)
    row.save()
    assert send_event(ev.MovieAddedEvent(movie.pk)) == []
    assert len(fake_server.requests) == 1


def test_a_dead_receiver_is_reported_by_the_task_not_raised():
    movie = MovieFactory()
    make_notification("Webhook", url="http://127.0.0.1:9/hook")  # nothing listens on port 9
    summary = send_event_task(event_to_data(ev.MovieAddedEvent(movie.pk)))
    assert "sent with 0 of 1" in summary and "Unable to reach" in summary


def test_a_working_send_clears_the_back_off(fake_server):
    fake_server.add("/hook", method="POST")
    movie = MovieFactory()
    row = make_notification("Webhook", url=f"{fake_server.url}/hook")
    row.escalation_level, row.last_error = 2, "old failure"
    row.save()
    send_event(ev.MovieAddedEvent(movie.pk))
    row.refresh_from_db()
    assert (row.escalation_level, row.last_error) == (0, "")


def test_a_row_naming_an_unknown_implementation_is_skipped_not_fatal():
    make_notification("NoSuchThing", url="http://x")
    assert subscribed(ev.MovieAddedEvent(1)) == []
