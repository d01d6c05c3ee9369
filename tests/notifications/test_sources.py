"""The one function that makes each change raises its event, queued after commit, end to end."""

import json

import pytest

from downloads.grabbing import grab_release
from downloads.models import History
from movies import adding, deleting
from movies.metadata import MovieMetadata
from movies.scanning import scan_movie_folder
from notifications.events import event_from_data
from notifications.tasks import send_event
from releases.models import QualityProfile
from tests.downloads.factories import approved, release, sabnzbd
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory
from tests.notifications.helpers import make_notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """What notify() handed to the job queue (the task's payloads)."""
    payloads = []

    def async_task(name, *args, **kwargs):
        if name == "notifications.tasks.send_event":
            payloads.append(args[0])

    monkeypatch.setattr("django_q.tasks.async_task", async_task)
    return payloads


def test_adding_a_movie_raises_movie_added_with_the_add_method(
    tmp_path, queued, django_capture_on_commit_callbacks
):
    root = tmp_path / "movies"
    root.mkdir()
    RootFolderFactory(path=str(root))
    profile = QualityProfile.objects.order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        movie = adding.add_movie(
            MovieMetadata(tmdb_id=603, title="The Matrix", year=1999),
            quality_profile_id=profile.pk,
            root_folder_path=str(root),
            add_method="list",
        )
    added = [event_from_data(payload) for payload in queued if payload["kind"] == "MovieAddedEvent"]
    assert [(event.movie.id, event.movie.title, event.add_method) for event in added] == [
        (movie.pk, "The Matrix", "list")
    ]


def test_deleting_a_movie_raises_movie_delete_carrying_its_data(
    queued, django_capture_on_commit_callbacks, fake_server
):
    movie = MovieFactory(title="Gone", year=2001)
    with django_capture_on_commit_callbacks(execute=True):
        deleting.delete_movie(movie)
    (payload,) = queued
    event = event_from_data(payload)
    assert (event.event_type, event.movie.title, event.deleted_files) == ("MovieDelete", "Gone", False)
    # the row is gone, yet the worker can still send it
    fake_server.add("/hook", method="POST")
    make_notification("Webhook", url=f"{fake_server.url}/hook")
    assert "sent with 1 of 1" in send_event(payload)
    assert json.loads(fake_server.requests[-1].body)["movie"]["title"] == "Gone"


def test_a_file_gone_from_disk_raises_movie_file_delete_missing_from_disk(
    tmp_path, queued, django_capture_on_commit_callbacks
):
    root = tmp_path / "movies"
    folder = root / "Film (2010)"
    folder.mkdir(parents=True)
    (folder / "other.txt").write_text("keeps the root non-empty")
    movie = MovieFactory(root_folder_path=str(root), path=str(folder))
    row = MovieFileFactory(movie=movie, relative_path="Film.mkv")
    with django_capture_on_commit_callbacks(execute=True):
        scan_movie_folder(movie)
    events = [event_from_data(payload) for payload in queued]
    assert [(event.event_type, event.movie_file.id, event.reason) for event in events] == [
        ("MovieFileDelete", row.pk, "missingFromDisk")
    ]


def test_a_grab_raises_grab_with_its_history_row(fake_server, queued, django_capture_on_commit_callbacks):
    fake_server.add("/api", query={"mode": "version"}, body='{"version": "4.3.3"}')
    fake_server.add(
        "/api", method="POST", query={"mode": "addfile"}, body='{"status": true, "nzo_ids": ["nzo_1"]}'
    )
    fake_server.add("/getnzb/1", body=b"<nzb></nzb>", content_type="application/x-nzb")
    movie = MovieFactory(title="Arrival", year=2016)
    sabnzbd(fake_server.url)
    decision = approved(
        movie, release("Arrival.2016.1080p.BluRay.x264-GRP", download_url=f"{fake_server.url}/getnzb/1")
    )
    with django_capture_on_commit_callbacks(execute=True):
        grab = grab_release(decision)
    (payload,) = [payload for payload in queued if payload["kind"] == "GrabEvent"]
    event = event_from_data(payload)
    assert (event.movie.id, event.release.title) == (movie.pk, "Arrival.2016.1080p.BluRay.x264-GRP")
    assert event.release.download_id == History.objects.get(pk=grab.history_id).download_id


def test_the_health_job_announces_changes(monkeypatch, queued, django_capture_on_commit_callbacks):
    from radarr.system import tasks
    from radarr.system.health import HealthIssue

    monkeypatch.setattr(tasks, "run_scheduled_checks", lambda paths=None: None)
    monkeypatch.setattr(tasks, "current_health", lambda: [HealthIssue("X", "error", "broken")])
    with django_capture_on_commit_callbacks(execute=True):
        tasks.check_health()
    assert [payload["kind"] for payload in queued] == ["HealthEvent"]
