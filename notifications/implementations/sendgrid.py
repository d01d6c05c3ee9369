"""SendGrid: a plain-text mail through its v3 `mail/send` JSON API with a bearer API key."""

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
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting

_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+$")


class SendGrid(CheckedNotification):
    implementation = "SendGrid"
    implementation_name = "SendGrid"
    info_link = "https://wiki.servarr.com/radarr/supported#sendgrid"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        api_key: str = setting("API Key", required=True, secret=True, privacy="apiKey")
        from_: str = setting("From Address", name="from", required=True)
        recipients: list = setting(
            "Recipient Address(es)", [], field_type="tag", placeholder="example@email.com,example1@email.com"
        )

    def rules(self) -> list[Failure]:
        failures = []
        if self.settings.from_ and not _ADDRESS.match(str(self.settings.from_)):
            failures.append(
                Failure("from", "'From Address' is not a valid email address", self.settings.from_)
            )
        if not self.settings.recipients:
            failures.append(Failure("recipients", "'Recipient Address(es)' must not be empty", []))
        for recipient in self.settings.recipients or []:
            if not _ADDRESS.match(str(recipient)):
                failures.append(
                    Failure("recipients", f"'{recipient}' is not a valid email address", recipient)
                )
        return failures

    def send(self, notice: Notice) -> None:
        settings = self.settings
        if not settings.api_key or not settings.from_ or not settings.recipients:
            raise ProviderError(
                "Set the API key, the from address and at least one recipient", permanent=True
            )
        body = {
            "from": {"email": settings.from_},
            "personalizations": [
                {
                    "to": [{"email": recipient} for recipient in settings.recipients],
                    "subject": message_title(notice),
                }
            ],
            "content": [{"type": "text/plain", "value": message_text(notice)}],
        }
        headers = {"Authorization": f"Bearer {settings.api_key}"}
        self.request(
            "POST",
            f"{service_url('sendgrid')}/mail/send",
            json=body,
            headers=headers,
            refused="SendGrid refused the API key",
        )
