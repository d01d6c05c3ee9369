"""What happened, as plain data: the events Connect notifications are sent for.

Each event is a frozen dataclass of ids, titles and paths (never model instances) so it can be queued
and read back in a worker. The ONE function that makes a change calls `notify(SomeEvent(...))`; the
event is queued as a django-q2 task after the surrounding transaction commits, so a slow or dead
receiver never slows or breaks an import, a grab or a delete.

Radarr's event names (`eventType` of the webhook) are each class's `event_type`; `flag` names the
Notification column (`on_grab`, `on_download`...) that subscribes to it.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    event_type: ClassVar[str] = ""
    flag: ClassVar[str] = ""

    @property
    def movie_ids(self) -> tuple[int, ...]:
        movie_id = getattr(self, "movie_id", None)
        return (movie_id,) if movie_id else ()

    def subscription(self) -> str:
        """The Notification column that subscribes to this event."""
        return self.flag


@dataclass(frozen=True)
class GrabEvent(Event):
    """A release was sent to a download client; the Grabbed History row holds the details."""

    event_type: ClassVar[str] = "Grab"
    flag: ClassVar[str] = "on_grab"
    movie_id: int
    history_id: int


@dataclass(frozen=True)
class DownloadEvent(Event):
    """A file was imported for a movie (an upgrade when it replaced files: deleted_file_ids)."""

    event_type: ClassVar[str] = "Download"
    flag: ClassVar[str] = "on_download"
    movie_id: int
    movie_file_id: int
    is_upgrade: bool
    deleted_file_ids: tuple[int, ...] = ()
    download_id: str = ""
    download_client: str = ""
    source_path: str = ""
    # the replaced files as the webhook shows them, taken before their rows go
    # (notifications.builders.download_event fills it); without it only their ids can be sent
    deleted_files: tuple[dict, ...] = ()

    def subscription(self) -> str:
        return "on_upgrade" if self.is_upgrade else "on_download"


@dataclass(frozen=True)
class RenameEvent(Event):
    """Files of a movie were renamed: (file id, previous relative path, previous path) for each."""

    event_type: ClassVar[str] = "Rename"
    flag: ClassVar[str] = "on_rename"
    movie_id: int
    renamed: tuple[tuple[int, str, str], ...] = ()


@dataclass(frozen=True)
class MovieAddedEvent(Event):
    event_type: ClassVar[str] = "MovieAdded"
    flag: ClassVar[str] = "on_movie_added"
    movie_id: int
    add_method: str = "manual"  # manual | list | collection


@dataclass(frozen=True)
class MovieDeleteEvent(Event):
    """A movie was removed; its data is captured now because the row is gone when the task runs."""

    event_type: ClassVar[str] = "MovieDelete"
    flag: ClassVar[str] = "on_movie_delete"
    movie_id: int
    title: str
    year: int = 0
    path: str = ""
    tmdb_id: int = 0
    imdb_id: str = ""
    folder_path: str = ""
    deleted_files: bool = False
    size_on_disk: int = 0
    tags: tuple[str, ...] = ()  # labels, as the webhook sends them
    tag_ids: tuple[int, ...] = ()  # for matching notifications by tag
    original_language: str = ""
    genres: tuple[str, ...] = ()
    release_date: str = ""
    overview: str = ""


@dataclass(frozen=True)
class MovieFileDeleteEvent(Event):
    """A movie file was removed; reason is Radarr's: missingFromDisk, manual, upgrade, manualOverride."""

    event_type: ClassVar[str] = "MovieFileDelete"
    flag: ClassVar[str] = "on_movie_file_delete"
    movie_id: int
    movie_file_id: int
    relative_path: str
    path: str
    size: int
    reason: str
    for_upgrade: bool = False
    recycle_bin_path: str = ""
    quality: str = ""
    quality_version: int = 1
    release_group: str = ""
    scene_name: str = ""
    date_added: str = ""

    def subscription(self) -> str:
        return "on_movie_file_delete_for_upgrade" if self.for_upgrade else "on_movie_file_delete"


@dataclass(frozen=True)
class HealthEvent(Event):
    event_type: ClassVar[str] = "Health"
    flag: ClassVar[str] = "on_health_issue"
    source: str
    level: str  # ok | notice | warning | error
    message: str
    wiki_url: str = ""


@dataclass(frozen=True)
class HealthRestoredEvent(Event):
    event_type: ClassVar[str] = "HealthRestored"
    flag: ClassVar[str] = "on_health_restored"
    source: str
    level: str
    message: str
    wiki_url: str = ""


@dataclass(frozen=True)
class ManualInteractionRequiredEvent(Event):
    """A completed download could not be imported without a person (importBlocked)."""

    event_type: ClassVar[str] = "ManualInteractionRequired"
    flag: ClassVar[str] = "on_manual_interaction_required"
    download_id: str
    download_client: str = ""
    title: str = ""
    movie_id: int = 0
    messages: tuple[str, ...] = ()
    size: int = 0
    quality: str = ""


@dataclass(frozen=True)
class ApplicationUpdateEvent(Event):
    event_type: ClassVar[str] = "ApplicationUpdate"
    flag: ClassVar[str] = "on_application_update"
    message: str
    previous_version: str = ""
    new_version: str = ""


@dataclass(frozen=True)
class TestEvent(Event):
    """Sent by the Test button: never queued, sent directly so the result can be shown."""

    event_type: ClassVar[str] = "Test"
    flag: ClassVar[str] = ""


EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (
        GrabEvent,
        DownloadEvent,
        RenameEvent,
        MovieAddedEvent,
        MovieDeleteEvent,
        MovieFileDeleteEvent,
        HealthEvent,
        HealthRestoredEvent,
        ManualInteractionRequiredEvent,
        ApplicationUpdateEvent,
        TestEvent,
    )
}


def event_to_data(event: Event) -> dict:
    """The event as JSON-safe data for the task queue (tuples become lists)."""
    return {"kind": type(event).__name__, "data": dataclasses.asdict(event)}


def event_from_data(payload: dict) -> Event:
    cls = EVENT_TYPES[payload["kind"]]
    names = {field.name: field for field in dataclasses.fields(cls)}
    values = {}
    for name, value in payload["data"].items():
        if name not in names:
            continue
        values[name] = _tuples(value) if isinstance(value, list) else value
    return cls(**values)


def _tuples(value: list[Any]) -> tuple[Any, ...]:
    return tuple(_tuples(item) if isinstance(item, list) else item for item in value)


def notify(event: Event) -> None:
    """Queue `event` for every subscribed notification once the current transaction commits.

    Never raises: a notification must not break the change that raised it.
    """
    payload = event_to_data(event)

    def queue() -> None:
        try:
            from django_q.tasks import async_task

            async_task("notifications.tasks.send_event", payload, task_name=f"Notify{event.event_type}")
        except Exception:  # noqa: BLE001 - queueing trouble is logged, never raised into the caller
            logger.exception("Could not queue the %s notification", event.event_type)

    transaction.on_commit(queue, robust=True)
