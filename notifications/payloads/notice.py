"""What every notification implementation is handed: an event made ready to send."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from notifications import events as ev

TITLES = {
    "Grab": "Movie Grabbed",
    "Download": "Movie Downloaded",
    "Upgrade": "Movie Upgraded",
    "Rename": "Movie Renamed",
    "MovieAdded": "Movie Added",
    "MovieDelete": "Movie Deleted",
    "MovieFileDelete": "Movie File Deleted",
    "Health": "Health Check Failure",
    "HealthRestored": "Health Check Restored",
    "ManualInteractionRequired": "Manual Interaction Required",
    "ApplicationUpdate": "Application Updated",
    "Test": "Test Notification",
}


@dataclass
class Notice:
    """An event made ready to send: every implementation picks what it needs."""

    event: ev.Event
    title: str
    message: str
    payload: dict[str, Any]  # the webhook body
    movie_id: int = 0
    tag_ids: frozenset[int] = frozenset()
    folder_path: str = ""  # the movie's folder (media servers refresh it)
    file_paths: tuple[str, ...] = ()
    poster_url: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # quality, size, group... for rich messages

    @property
    def event_type(self) -> str:
        return self.event.event_type

    @property
    def is_upgrade(self) -> bool:
        return bool(getattr(self.event, "is_upgrade", False))
