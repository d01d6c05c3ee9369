"""Pushcut: a JSON POST to one of the user's defined notifications, with the poster and movie links as
actions; an invalid API key is a 403."""

from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote

from notifications.implementations.base import MESSAGE_EVENTS
from notifications.implementations.messaging import (
    METADATA_LINK_OPTIONS,
    CheckedNotification,
    message_text,
    message_title,
    metadata_links,
    service_url,
)
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

# Radarr brands the titles of the events that name no movie
BRANDED = {"Health", "HealthRestored", "ApplicationUpdate", "ManualInteractionRequired"}


class Pushcut(CheckedNotification):
    implementation = "Pushcut"
    implementation_name = "Pushcut"
    info_link = "https://wiki.servarr.com/radarr/supported#pushcut"
    supported_events: ClassVar[frozenset[str]] = MESSAGE_EVENTS

    @dataclass
    class Settings:
        notification_name: str = setting(
            "Notification Name",
            required=True,
            help_text="Notification name from Notifications tab of the Pushcut app",
        )
        api_key: str = setting(
            "API Key",
            required=True,
            secret=True,
            privacy="apiKey",
            help_text="API Keys can be managed in the Account view of the Pushcut app",
        )
        time_sensitive: bool = setting(
            "Time Sensitive",
            False,
            field_type="checkbox",
            help_text="Check to mark the notification as 'Time-Sensitive'",
        )
        include_poster: bool = setting(
            "Include Poster", False, field_type="checkbox", help_text="Include poster with notification"
        )
        metadata_links: list = setting(
            "Metadata Links",
            [],
            field_type="select",
            select_options=METADATA_LINK_OPTIONS,
            help_text="Add links to movie metadata when sending notifications",
        )

    def send(self, notice: Notice) -> None:
        settings = self.settings
        if not settings.notification_name or not settings.api_key:
            raise ProviderError("Set the notification name and the API key", permanent=True)
        movie_event = notice.event_type not in BRANDED
        body: dict[str, Any] = {
            "title": message_title(notice, branded=not movie_event, upgrade=True),
            "text": message_text(notice),
            "isTimeSensitive": bool(settings.time_sensitive),
            "actions": [
                {"name": label, "url": url}
                for label, url in (metadata_links(notice, settings.metadata_links) if movie_event else [])
            ],
        }
        if settings.include_poster and movie_event and notice.poster_url:
            body["image"] = notice.poster_url
        url = f"{service_url('pushcut')}/notifications/{quote(str(settings.notification_name), safe='')}"
        headers = {"API-Key": str(settings.api_key), "Accept": "application/json"}
        self.request("POST", url, json=body, headers=headers, refused="Pushcut refused the API key")
