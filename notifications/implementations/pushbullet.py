"""Pushbullet: a note pushed to the account's devices, chosen devices or channels (v2 `pushes`)."""

from dataclasses import dataclass
from typing import Any, ClassVar

from notifications.implementations.base import MESSAGE_EVENTS
from notifications.implementations.messaging import (
    CheckedNotification,
    message_text,
    message_title,
    service_url,
)
from notifications.payloads import Notice
from radarr.providers import ProviderError, safe_message, setting

REFUSED = "Pushbullet refused the access token"


class PushBullet(CheckedNotification):
    implementation = "PushBullet"
    implementation_name = "Pushbullet"
    info_link = "https://wiki.servarr.com/radarr/supported#pushbullet"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        api_key: str = setting("Access Token", required=True, secret=True, privacy="apiKey")
        device_ids: list = setting(
            "Device IDs",
            [],
            field_type="device",
            placeholder="123456789,987654321",
            help_text="List of device IDs (leave blank to send to all devices)",
            options_action="getDevices",
        )
        channel_tags: list = setting(
            "Channel Tags",
            [],
            field_type="tag",
            placeholder="Channel1234,Channel4321",
            help_text="List of Channel Tags to send notifications to",
        )
        sender_id: str = setting(
            "Sender ID",
            help_text="The device ID to send notifications from, use device_iden in the device's "
            "URL on pushbullet.com (leave blank to send from yourself)",
        )

    def send(self, notice: Notice) -> None:
        self.push(message_title(notice, branded=True), message_text(notice))

    def push(self, title: str, text: str) -> None:
        if not self.settings.api_key:
            raise ProviderError("Set the Pushbullet access token", permanent=True)
        targets: list[dict[str, Any]]
        if self.settings.channel_tags:
            targets = [{"channel_tag": tag} for tag in self.settings.channel_tags if tag]
        elif self.settings.device_ids:
            targets = [_device_target(str(device)) for device in self.settings.device_ids if device]
        else:
            targets = [{}]
        failed = []
        for target in targets:
            body = {**target, "type": "note", "title": title, "body": text}
            if self.settings.sender_id:
                body["source_device_iden"] = self.settings.sender_id
            try:
                self.request(
                    "POST",
                    f"{service_url('pushbullet')}/pushes",
                    data=body,
                    auth=self._auth(),
                    refused=REFUSED,
                )
            except ProviderError as error:
                if error.message.startswith(REFUSED):
                    raise  # the same token for every target: stop at the first refusal
                failed.append(safe_message(error.message))
        if failed:
            raise ProviderError(
                f"Unable to send Pushbullet notifications to all channels or devices: {'; '.join(failed)}"
            )

    def _auth(self) -> tuple[str, str]:
        return (str(self.settings.api_key), "")

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        """`getDevices`: the account's named devices, for the Device IDs picker (Radarr's shape)."""
        if action.lower() != "getdevices":
            return {}
        if not self.settings.api_key:
            return {"devices": []}
        response = self.request(
            "GET", f"{service_url('pushbullet')}/devices", auth=self._auth(), refused=REFUSED
        )
        devices = (response.json() or {}).get("devices") or []
        named = [d for d in devices if isinstance(d, dict) and d.get("nickname")]
        named.sort(key=lambda d: str(d["nickname"]).lower())
        return {"options": [{"id": d.get("iden"), "name": d["nickname"]} for d in named]}


def _device_target(device: str) -> dict[str, Any]:
    """Radarr's rule: an all-digit id is a `device_id`, anything else a `device_iden`."""
    return {"device_id": int(device)} if device.isdigit() else {"device_iden": device}
