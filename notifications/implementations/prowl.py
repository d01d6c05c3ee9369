"""Prowl: a form POST to its public API's `add`, with the API key and a priority."""

from dataclasses import dataclass
from typing import ClassVar

from notifications.implementations.base import MESSAGE_EVENTS
from notifications.implementations.messaging import (
    CheckedNotification,
    message_text,
    message_title,
    service_url,
)
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

PRIORITIES = [(-2, "Very Low"), (-1, "Low"), (0, "Normal"), (1, "High"), (2, "Emergency")]


class Prowl(CheckedNotification):
    implementation = "Prowl"
    implementation_name = "Prowl"
    info_link = "https://wiki.servarr.com/radarr/supported#prowl"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        api_key: str = setting("API Key", required=True, secret=True, privacy="apiKey")
        priority: int = setting("Priority", 0, field_type="select", select_options=PRIORITIES)

    def send(self, notice: Notice) -> None:
        if not self.settings.api_key:
            raise ProviderError("Set the Prowl API key", permanent=True)
        priority = int(self.settings.priority or 0)
        if not -2 <= priority <= 2:
            raise ProviderError(f"Prowl priorities go from -2 to 2, not {priority}", permanent=True)
        body = {
            "apikey": self.settings.api_key,
            "application": "Radarr",
            "event": message_title(notice),
            "description": message_text(notice),
            "priority": str(priority),
        }
        self.request("POST", f"{service_url('prowl')}/add", data=body, refused="Prowl refused the API key")
