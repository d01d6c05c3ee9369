"""Pushover: a message to a user (or group) key through the Pushover API."""

from dataclasses import dataclass
from typing import Any

from notifications.implementations.base import MESSAGE_EVENTS, BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

PRIORITIES = [(-2, "Silent"), (-1, "Quiet"), (0, "Normal"), (1, "High"), (2, "Emergency")]


class Pushover(BaseNotification):
    implementation = "Pushover"
    implementation_name = "Pushover"
    info_link = "https://wiki.servarr.com/radarr/supported#pushover"
    supported_events = MESSAGE_EVENTS  # Radarr's Pushover implements these

    @dataclass
    class Settings:
        api_key: str = setting("API Key", required=True, secret=True, privacy="apiKey")
        user_key: str = setting("User Key", required=True, secret=True, privacy="userName")
        devices: list = setting("Devices", [], field_type="tag")
        priority: int = setting("Priority", 0, field_type="select", select_options=PRIORITIES)
        retry: int = setting("Retry", 0, field_type="number", unit="seconds")
        expire: int = setting("Expire", 0, field_type="number", unit="seconds")
        sound: str = setting("Sound", advanced=True)
        api_url: str = setting("API URL", "https://api.pushover.net/1/messages.json", advanced=True)

    def send(self, notice: Notice) -> None:
        if not self.settings.api_key or not self.settings.user_key:
            raise ProviderError("Set the API key and the user key", permanent=True)
        body: dict[str, Any] = {
            "token": self.settings.api_key,
            "user": self.settings.user_key,
            "title": notice.title,
            "message": notice.message,
            "priority": int(self.settings.priority or 0),
        }
        if self.settings.devices:
            body["device"] = ",".join(self.settings.devices)
        if body["priority"] == 2:  # emergency messages repeat until acknowledged
            body["retry"] = max(int(self.settings.retry or 0), 30)
            body["expire"] = max(int(self.settings.expire or 0), 60)
        if self.settings.sound:
            body["sound"] = self.settings.sound
        self.request("POST", self.settings.api_url or "https://api.pushover.net/1/messages.json", data=body)
