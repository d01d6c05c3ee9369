"""Signal through a signal-cli REST API server (bbernhard/signal-cli-rest-api): `POST /v2/send`."""

from dataclasses import dataclass
from typing import Any, ClassVar

import requests

from notifications.implementations.base import MESSAGE_EVENTS, server_url
from notifications.implementations.messaging import CheckedNotification, message_text, message_title
from notifications.payloads import Notice, notice_for_test
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting


class SignalError(ProviderError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class Signal(CheckedNotification):
    implementation = "Signal"
    implementation_name = "Signal"
    info_link = "https://wiki.servarr.com/radarr/supported#signal"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        host: str = setting("Host", required=True, placeholder="localhost")
        port: int = setting("Port", 8080, placeholder="8080", required=True)
        use_ssl: bool = setting(
            "Use SSL", False, field_type="checkbox", help_text="Connect to Signal API over HTTPS"
        )
        sender_number: str = setting(
            "Sender Number",
            required=True,
            secret=True,
            privacy="apiKey",
            help_text="Phone number of the sender registered in signal-api",
        )
        receiver_id: str = setting(
            "Group ID / Phone Number", required=True, help_text="Group ID / Phone Number of the receiver"
        )
        auth_username: str = setting(
            "Username",
            privacy="userName",
            help_text="Username used to authenticate requests toward signal-api",
        )
        auth_password: str = setting(
            "Password",
            secret=True,
            field_type="password",
            help_text="Password used to authenticate requests toward signal-api",
        )

    def send(self, notice: Notice) -> None:
        settings = self.settings
        if not settings.host or not settings.sender_number or not settings.receiver_id:
            raise ProviderError("Set the host, the sender number and the receiver", permanent=True)
        url = server_url(settings.host, int(settings.port or 8080), bool(settings.use_ssl)) + "/v2/send"
        body = {
            "message": f"{message_title(notice)}\n{message_text(notice)}\n",
            "number": settings.sender_number,
            "recipients": [settings.receiver_id],
        }
        auth = None
        if settings.auth_username and settings.auth_password:
            auth = (settings.auth_username, settings.auth_password)
        try:
            response = self.session.post(url, json=body, auth=auth)
        except requests.RequestException as error:
            raise SignalError(
                f"Unable to reach signal-api at {settings.host}: {safe_message(str(error))}", "host"
            ) from None
        if response.status_code < 300:
            return
        if response.status_code == 401:
            raise SignalError("signal-api refused the username or password (HTTP 401)", "authUsername")
        text = response.text
        if response.status_code == 400 and "plain http request was sent to https port" in text.lower():
            raise SignalError("signal-api is served over HTTPS: turn on Use SSL", "useSsl")
        reason = _error_text(response) or text[:200].strip()
        field = "host"
        if "invalid group id" in reason.lower():
            field = "receiverId"
        elif "invalid account" in reason.lower():
            field = "senderNumber"
        raise SignalError(
            f"signal-api refused the message (HTTP {response.status_code}): {safe_message(reason)}", field
        )

    def test(self) -> list[Failure]:
        try:
            self.send(notice_for_test())
        except SignalError as error:
            return [Failure(error.field, f"Unable to send test message: {error.message}")]
        except ProviderError as error:
            return [Failure("", f"Unable to send test message: {error.message}")]
        return []


def _error_text(response: Any) -> str:
    try:
        answer = response.json()
    except ValueError:
        return ""
    return str(answer.get("error") or "") if isinstance(answer, dict) else ""
