"""Mailgun: a mail through its messages API (form fields, basic auth `api:<key>`), US or EU region."""

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


class MailGun(CheckedNotification):
    implementation = "MailGun"
    implementation_name = "Mailgun"
    info_link = "https://wiki.servarr.com/radarr/supported#mailgun"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        api_key: str = setting("API Key", required=True, secret=True, privacy="apiKey")
        use_eu_endpoint: bool = setting(
            "Use EU Endpoint", False, field_type="checkbox", help_text="Use the EU Mailgun endpoint"
        )
        from_: str = setting("From Address", name="from", required=True)
        sender_domain: str = setting("Sender Domain")
        recipients: list = setting(
            "Recipient Address(es)", [], field_type="tag", placeholder="example@email.com,example1@email.com"
        )

    def rules(self) -> list[Failure]:
        if not self.settings.recipients:
            return [Failure("recipients", "'Recipient Address(es)' must not be empty", [])]
        return []

    def send(self, notice: Notice) -> None:
        settings = self.settings
        if not settings.api_key or not settings.from_ or not settings.recipients:
            raise ProviderError(
                "Set the API key, the from address and at least one recipient", permanent=True
            )
        base = service_url("mailgun_eu" if settings.use_eu_endpoint else "mailgun")
        body = [("from", settings.from_)]
        body += [("to", recipient) for recipient in settings.recipients]
        text = message_text(notice)
        if notice.event_type == "MovieFileDelete":
            text += " deleted."  # Radarr's Mailgun words a file deletion so
        body += [("subject", message_title(notice, upgrade=True)), ("text", text)]
        self.request(
            "POST",
            f"{base}/{settings.sender_domain}/messages",
            data=body,
            auth=("api", settings.api_key),
            refused="Mailgun refused the API key",
        )
