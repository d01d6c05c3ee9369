"""Notifiarr: Radarr's webhook payload posted to its Radarr endpoint with the API key in a header.

As Radarr, a 400 is not a failure (Notifiarr answers it for an event the user's setup does not route),
and a gateway or Cloudflare error is said as such."""

from dataclasses import dataclass

import requests

from notifications.implementations.messaging import CheckedNotification, service_url
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting


class Notifiarr(CheckedNotification):
    implementation = "Notifiarr"
    implementation_name = "Notifiarr"
    info_link = "https://wiki.servarr.com/radarr/supported#notifiarr"

    @dataclass
    class Settings:
        api_key: str = setting(
            "API Key",
            name="aPIKey",
            required=True,
            secret=True,
            privacy="apiKey",
            help_text="Your API key from your profile",
        )

    def send(self, notice: Notice) -> None:
        if not self.settings.api_key:
            raise ProviderError("Set the Notifiarr API key", permanent=True)
        headers = {"X-API-Key": str(self.settings.api_key), "Accept": "application/json"}
        try:
            response = self.session.post(
                f"{service_url('notifiarr')}/api/v1/notification/radarr", json=notice.payload, headers=headers
            )
        except requests.RequestException as error:
            raise ProviderError(f"Unable to reach Notifiarr: {safe_message(str(error))}") from None
        status = response.status_code
        if status < 300 or status == 400:
            return
        if status == 401:
            raise ProviderError("Notifiarr refused the API key (HTTP 401)")
        if status in (502, 503, 504):
            raise ProviderError(f"Unable to send notification: Notifiarr is unavailable (HTTP {status})")
        if 520 <= status <= 524:
            raise ProviderError(
                f"Unable to send notification: Cloudflare could not reach Notifiarr (HTTP {status})"
            )
        raise ProviderError(f"Unable to send notification: Notifiarr answered HTTP {status}")

    def test(self) -> list[Failure]:
        failures = super().test()
        return [Failure("aPIKey", failure.message) for failure in failures]
