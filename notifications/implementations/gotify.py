"""Gotify: a message to an application of a Gotify server (optionally with the movie's poster)."""

from dataclasses import dataclass
from typing import Any

from notifications.implementations.base import MESSAGE_EVENTS, BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

PRIORITIES = [(0, "Min"), (2, "Low"), (5, "Normal"), (8, "High")]


class Gotify(BaseNotification):
    implementation = "Gotify"
    implementation_name = "Gotify"
    info_link = "https://wiki.servarr.com/radarr/supported#gotify"
    supported_events = MESSAGE_EVENTS  # Radarr's Gotify implements these

    @dataclass
    class Settings:
        server: str = setting("Gotify Server", required=True, placeholder="http://localhost:8080")
        app_token: str = setting("App Token", required=True, secret=True, privacy="apiKey")
        priority: int = setting("Priority", 5, field_type="select", select_options=PRIORITIES)
        include_movie_poster: bool = setting("Include Movie Poster", False, field_type="checkbox")

    def send(self, notice: Notice) -> None:
        if not self.settings.server:
            raise ProviderError("Set the Gotify server URL", permanent=True)
        body: dict[str, Any] = {
            "title": notice.title,
            "message": notice.message,
            "priority": int(self.settings.priority or 0),
        }
        if self.settings.include_movie_poster and notice.poster_url:
            body["message"] = f"![]({notice.poster_url})\n{notice.message}"
            body["extras"] = {"client::display": {"contentType": "text/markdown"}}
        self.request(
            "POST",
            f"{self.settings.server.rstrip('/')}/message",
            json=body,
            headers={"X-Gotify-Key": self.settings.app_token},
        )
