"""Pushsafer: a form POST to its API; it answers errors with its own status codes (250 bad key, 270 and
275 bad device or group), which we say in words."""

import re
from dataclasses import dataclass
from typing import ClassVar

from notifications.implementations.base import MESSAGE_EVENTS
from notifications.implementations.messaging import (
    CheckedNotification,
    message_text,
    message_title,
    service_url,
)
from notifications.payloads import Notice, notice_for_test
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting

PRIORITIES = [(-2, "Silent"), (-1, "Quiet"), (0, "Normal"), (1, "High"), (2, "Emergency")]
EMERGENCY = 2
ERRORS = {
    250: ("apiKey", "Pushsafer refused the private or alias key"),
    270: ("deviceIds", "Pushsafer does not know a device ID of this account"),
    275: ("deviceIds", "Pushsafer does not know the device group ID"),
}
_COLOUR = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")


def _in_range(value: str, low: int, high: int) -> bool:
    return value.strip().isdigit() and low <= int(value) <= high


class Pushsafer(CheckedNotification):
    implementation = "Pushsafer"
    implementation_name = "Pushsafer"
    info_link = "https://wiki.servarr.com/radarr/supported#pushsafer"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        api_key: str = setting("API Key", required=True, secret=True, privacy="apiKey")
        device_ids: list = setting(
            "Device IDs",
            [],
            field_type="tag",
            placeholder="123456789|987654321",
            help_text="Device Group ID or list of Device IDs (leave blank to send to all devices)",
        )
        priority: int = setting("Priority", 0, field_type="select", select_options=PRIORITIES)
        retry: int = setting("Retry", 0, help_text="Interval to retry Emergency alerts, minimum 60 seconds")
        expire: int = setting(
            "Expire", 0, help_text="Maximum time to retry Emergency alerts, maximum 10800 seconds"
        )
        sound: str = setting(
            "Sound", advanced=True, help_text="Notification sound 0-62 (leave blank to use the default)"
        )
        vibration: str = setting(
            "Vibration",
            advanced=True,
            help_text="Vibration pattern 1-3 (leave blank to use the device default)",
        )
        icon: str = setting(
            "Icon",
            advanced=True,
            help_text="Icon number 1-181 (leave blank to use the default Pushsafer icon)",
        )
        icon_color: str = setting(
            "Icon Color",
            advanced=True,
            help_text="Icon color in hex format (leave blank to use the default Pushsafer icon color)",
        )

    def rules(self) -> list[Failure]:
        settings = self.settings
        failures = []
        if int(settings.priority or 0) == EMERGENCY:
            for name, value in (("retry", settings.retry), ("expire", settings.expire)):
                if not 60 <= int(value or 0) <= 10800:
                    failures.append(
                        Failure(name, f"'{name.title()}' must be between 60 and 10800 seconds", value)
                    )
        for name, value, low, high in (
            ("sound", settings.sound, 0, 62),
            ("vibration", settings.vibration, 1, 3),
            ("icon", settings.icon, 1, 181),
        ):
            if value and not _in_range(str(value), low, high):
                failures.append(
                    Failure(name, f"'{name.title()}' must be a number from {low} to {high}", value)
                )
        if settings.icon_color and not _COLOUR.match(str(settings.icon_color)):
            failures.append(
                Failure("iconColor", "'Icon Color' must be a hex colour such as #FF0000", settings.icon_color)
            )
        return failures

    def send(self, notice: Notice) -> None:
        settings = self.settings
        if not settings.api_key:
            raise ProviderError("Set the Pushsafer API key", permanent=True)
        body = {
            "k": settings.api_key,
            "d": "|".join(str(device) for device in settings.device_ids or []),
            "t": message_title(notice),
            "m": message_text(notice),
            "pr": str(int(settings.priority or 0)),
        }
        if int(settings.priority or 0) == EMERGENCY:
            body |= {"re": str(settings.retry), "ex": str(settings.expire)}
        for key, value in (
            ("s", settings.sound),
            ("v", settings.vibration),
            ("i", settings.icon),
            ("c", settings.icon_color),
        ):
            if value:
                body[key] = str(value)
        # Pushsafer's 250/270/275 are not error statuses to an HTTP library: they are read here
        response = self.request(
            "POST", f"{service_url('pushsafer')}/api", data=body, refused="Pushsafer refused the key"
        )
        if response.status_code in ERRORS:
            raise ProviderError(ERRORS[response.status_code][1], permanent=False)
        if response.status_code != 200:
            raise ProviderError(
                f"Pushsafer answered HTTP {response.status_code}: {response.text[:200].strip()}"
            )

    def test(self) -> list[Failure]:
        failures = self.validate()
        if failures:
            return failures
        try:
            self.send(notice_for_test())
        except ProviderError as error:
            field = next((name for name, text in ERRORS.values() if error.message == text), "apiKey")
            return [Failure(field, f"Unable to send test message: {error.message}")]
        return []
