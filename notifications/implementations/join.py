"""Join (joaoapps): a push to the account's devices through its messaging API (a GET with the message
in the query, as Radarr sends it); Join answers 200 with `success` false when it refuses."""

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
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting

PRIORITIES = [(-2, "Silent"), (-1, "Quiet"), (0, "Normal"), (1, "High"), (2, "Emergency")]
ICON = "https://cdn.rawgit.com/Radarr/Radarr/develop/Logo/256.png"
SMALL_ICON = "https://cdn.rawgit.com/Radarr/Radarr/develop/Logo/96-Outline-White.png"


class Join(CheckedNotification):
    implementation = "Join"
    implementation_name = "Join"
    info_link = "https://wiki.servarr.com/radarr/supported#join"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        api_key: str = setting("API Key", required=True, secret=True, privacy="apiKey")
        device_ids: str = setting(
            "Device IDs", help_text="Deprecated, use Device Names instead", hidden="hiddenIfNotSet"
        )
        device_names: str = setting(
            "Device Names",
            help_text="Comma separated list of full or partial device names you'd like to send notifications "
            "to. If unset, all devices will receive notifications.",
        )
        priority: int = setting("Notification Priority", 0, field_type="select", select_options=PRIORITIES)

    def rules(self) -> list[Failure]:
        if self.settings.device_ids:
            return [Failure("deviceIds", "Use Device Names instead", self.settings.device_ids)]
        return []

    def send(self, notice: Notice) -> None:
        self.push(message_title(notice, branded=True), message_text(notice))

    def push(self, title: str, text: str) -> None:
        if not self.settings.api_key:
            raise ProviderError("Set the Join API key", permanent=True)
        params = {}
        if self.settings.device_names:
            params["deviceNames"] = self.settings.device_names
        elif self.settings.device_ids:
            params["deviceIds"] = self.settings.device_ids
        else:
            params["deviceId"] = "group.all"
        params |= {
            "apikey": self.settings.api_key,
            "title": title,
            "text": text,
            "icon": ICON,
            "smallicon": SMALL_ICON,
            "priority": str(int(self.settings.priority or 0)),
        }
        response = self.request("GET", f"{service_url('join')}/sendPush", params=params)
        try:
            answer = response.json()
        except ValueError:
            raise ProviderError("Join answered with something that is not JSON") from None
        if not isinstance(answer, dict):
            raise ProviderError("Join answered with an unexpected JSON document")
        if answer.get("success"):
            return
        error = str(answer.get("errorMessage") or "")
        # Join takes any key and then finds no device for it: that singular message means the key is wrong
        if answer.get("userAuthError") or error == "No device to send message to":
            raise ProviderError("Join refused the API key (authentication failed)", permanent=False)
        if error == "No devices to send to":
            raise ProviderError("Join found none of the device names on this account")
        raise ProviderError(f"Join refused the message: {safe_message(error) or 'unknown error'}")
