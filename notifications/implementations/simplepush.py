"""Simplepush: a form POST of key, event, title and message to its `send` endpoint."""

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


class Simplepush(CheckedNotification):
    implementation = "Simplepush"
    implementation_name = "Simplepush"
    info_link = "https://wiki.servarr.com/radarr/supported#simplepush"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        key: str = setting("Key", required=True, secret=True, privacy="apiKey")
        event: str = setting("Event", help_text="Customize the behavior of push notifications")

    def send(self, notice: Notice) -> None:
        if not self.settings.key:
            raise ProviderError("Set the Simplepush key", permanent=True)
        body = {
            "key": self.settings.key,
            "event": self.settings.event or "",
            "title": message_title(notice),
            "msg": message_text(notice),
        }
        response = self.request("POST", f"{service_url('simplepush')}/send", data=body)
        try:
            answer = response.json()
        except ValueError:
            return
        # Simplepush answers 200 with {"status": "error", "message": ...} for an unknown key
        if isinstance(answer, dict) and str(answer.get("status", "OK")).lower() == "error":
            raise ProviderError(f"Simplepush refused the message: {answer.get('message') or 'unknown error'}")
