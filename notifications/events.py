"""What happened, as plain data: the events Connect notifications are sent for.

Each event is a frozen dataclass carrying snapshots (notifications.snapshots: the movie, its files,
the release, as they were) so it can be queued and read back in a worker that formats it without
reading any other app's rows. The ONE function that makes a change builds the snapshots from its rows
and calls `notify(SomeEvent(...))`; the event is queued as a django-q2 task after the surrounding
transaction commits, so a slow or dead receiver never slows or breaks an import, a grab or a delete.

Radarr's event names (`eventType` of the webhook) are each class's `event_type`; `flag` names the
Notification column (`on_grab`, `on_download`...) that subscribes to it.
"""

from __future__ import annotations

import dataclasses
import logging
import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import transaction

from notifications.snapshots import (
    MovieFileSnapshot,
    MovieSnapshot,
    ReleaseSnapshot,
    RenamedFileSnapshot,
    VersionSnapshot,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    event_type: ClassVar[str] = ""
    flag: ClassVar[str] = ""

    def subscription(self) -> str:
        """The Notification column that subscribes to this event."""
        return self.flag


@dataclass(frozen=True)
class GrabEvent(Event):
    """A release was sent to a download client."""

    event_type: ClassVar[str] = "Grab"
    flag: ClassVar[str] = "on_grab"
    movie: MovieSnapshot
    release: ReleaseSnapshot
    version: VersionSnapshot | None = None  # the extra version it was grabbed for


@dataclass(frozen=True)
class DownloadEvent(Event):
    """A file was imported for a movie (an upgrade when it replaced files: deleted_files)."""

    event_type: ClassVar[str] = "Download"
    flag: ClassVar[str] = "on_download"
    movie: MovieSnapshot
    movie_file: MovieFileSnapshot
    is_upgrade: bool
    deleted_files: tuple[MovieFileSnapshot, ...] = ()  # the replaced files, taken before their rows went
    release: ReleaseSnapshot | None = None  # the grab the file came from, when known
    download_id: str = ""
    download_client: str = ""
    source_path: str = ""
    version: VersionSnapshot | None = None  # the extra version the file was imported as

    def subscription(self) -> str:
        return "on_upgrade" if self.is_upgrade else "on_download"


@dataclass(frozen=True)
class RenameEvent(Event):
    """Files of a movie were renamed: each file as it is now, with its previous paths."""

    event_type: ClassVar[str] = "Rename"
    flag: ClassVar[str] = "on_rename"
    movie: MovieSnapshot
    renamed: tuple[RenamedFileSnapshot, ...] = ()


@dataclass(frozen=True)
class MovieAddedEvent(Event):
    event_type: ClassVar[str] = "MovieAdded"
    flag: ClassVar[str] = "on_movie_added"
    movie: MovieSnapshot
    add_method: str = "manual"  # manual | list | collection


@dataclass(frozen=True)
class MovieDeleteEvent(Event):
    """A movie was removed (the snapshot outlives its row)."""

    event_type: ClassVar[str] = "MovieDelete"
    flag: ClassVar[str] = "on_movie_delete"
    movie: MovieSnapshot
    deleted_files: bool = False


@dataclass(frozen=True)
class MovieFileDeleteEvent(Event):
    """A movie file was removed; reason is Radarr's: missingFromDisk, manual, upgrade, manualOverride."""

    event_type: ClassVar[str] = "MovieFileDelete"
    flag: ClassVar[str] = "on_movie_file_delete"
    movie: MovieSnapshot
    movie_file: MovieFileSnapshot
    reason: str
    for_upgrade: bool = False
    recycle_bin_path: str = ""
    version: VersionSnapshot | None = None  # the extra version whose file it was

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
    movie: MovieSnapshot | None = None  # None when the download matched no library movie
    messages: tuple[str, ...] = ()
    size: int = 0
    quality: str = ""
    release: ReleaseSnapshot | None = None  # the grab it came from, when known


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
    """The event as JSON-safe data for the task queue (snapshots become dicts, tuples lists)."""
    return {"kind": type(event).__name__, "data": dataclasses.asdict(event)}


def event_from_data(payload: dict) -> Event:
    """The event `event_to_data` wrote, its snapshots rebuilt. Raises TypeError, KeyError or ValueError
    for data that does not fit (an event queued by an older version)."""
    return _rebuilt(EVENT_TYPES[payload["kind"]], payload["data"])


def _rebuilt(kind: Any, value: Any) -> Any:
    """`value` (from JSON) as the type `kind` names: dataclasses from dicts, tuples from lists."""
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise TypeError(f"{kind.__name__} needs an object, not {value!r}")
        hints = typing.get_type_hints(kind)
        names = {field.name for field in dataclasses.fields(kind)}
        return kind(**{name: _rebuilt(hints[name], item) for name, item in value.items() if name in names})
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple and isinstance(value, list | tuple):
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(_rebuilt(arguments[0], item) for item in value)
        return tuple(_rebuilt(argument, item) for argument, item in zip(arguments, value, strict=True))
    if origin in (typing.Union, types.UnionType) and value is not None:  # X | None
        return _rebuilt(next(argument for argument in arguments if argument is not type(None)), value)
    return value


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
