"""Rows and senders the notifications tests share."""

from typing import Any

from django.utils import timezone

from downloads.events import grab_event
from downloads.models import History, HistoryEventType
from movies.models import Movie
from notifications.events import GrabEvent
from notifications.models import Notification
from notifications.sending import send_event
from notifications.snapshots import MovieFileSnapshot, MovieSnapshot, ReleaseSnapshot

# for tests of what an event is sent to, not of what it says
A_MOVIE = MovieSnapshot(id=1, title="A", year=2020, path="/movies/A (2020)", tmdb_id=1)
A_FILE = MovieFileSnapshot(
    id=1, relative_path="a.mkv", path="/movies/A (2020)/a.mkv", size=1, quality="HDTV-720p"
)
A_RELEASE = ReleaseSnapshot(title="A.2020.720p.HDTV-GRP", quality="HDTV-720p")


def make_notification(implementation: str, name: str | None = None, **settings: Any) -> Notification:
    """A notification subscribed to every event it may receive (flags can be passed as on_*=...)."""
    flags = {key: settings.pop(key) for key in list(settings) if key.startswith(("on_", "include_"))}
    defaults = {
        "on_grab": True,
        "on_download": True,
        "on_upgrade": True,
        "on_rename": True,
        "on_movie_added": True,
        "on_movie_delete": True,
        "on_movie_file_delete": True,
        "on_movie_file_delete_for_upgrade": True,
        "on_health_issue": True,
        "include_health_warnings": True,
        "on_health_restored": True,
        "on_application_update": True,
        "on_manual_interaction_required": True,
    }
    defaults.update(flags)
    return Notification.objects.create(
        name=name or implementation, implementation=implementation, settings=settings, **defaults
    )


def make_grab(movie: Movie, **data: Any) -> History:
    return History.objects.create(
        movie=movie,
        event_type=HistoryEventType.GRABBED,
        date=timezone.now(),
        source_title="Movie.2010.1080p.BluRay.x264-GROUP",
        quality_id=7,
        revision={"version": 1, "real": 0, "isRepack": False},
        language_ids=[1],
        custom_formats=[{"id": 3, "name": "x264"}],
        custom_format_score=10,
        download_id="ABCDEF0123456789ABCDEF0123456789ABCDEF01",
        data={
            "indexer": "Test Indexer",
            "releaseGroup": "GROUP",
            "size": 123456789,
            "downloadClient": "QBittorrent",
            "downloadClientName": "qBit",
            "indexerFlags": 33,
            "guid": "guid-1",
            **data,
        },
    )


def grab_of(movie: Movie, **data: Any) -> GrabEvent:
    """The Grab event of a grab recorded for `movie`, as downloads.grabbing raises it."""
    return grab_event(make_grab(movie, **data), movie)


def deliver(event: Any) -> list:
    """Send an event the way the queued task does (synchronously, for the test)."""
    return send_event(event)
