"""Slack: an incoming-webhook message with one attachment per event (Radarr's texts and colours)."""

import platform
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import requests

from notifications.implementations.base import ALL_EVENTS
from notifications.implementations.messaging import CheckedNotification
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting

# Slack's documented webhook errors, in words
SLACK_ERRORS = {
    "invalid_payload": "Slack could not read the message",
    "invalid_token": "Slack refused the webhook URL (its token is invalid or revoked)",
    "no_service": "Slack has no webhook at this URL (it was removed or disabled)",
    "no_team": "Slack has no workspace for this webhook URL",
    "team_disabled": "Slack's workspace for this webhook is disabled",
    "channel_not_found": "Slack has no such channel",
    "channel_is_archived": "The Slack channel is archived",
    "action_prohibited": "Slack's workspace admin does not allow posting to this channel",
    "posting_to_general_channel_denied": "Only admins may post to this Slack channel",
    "user_not_found": "Slack has no such user",
}


class Slack(CheckedNotification):
    implementation = "Slack"
    implementation_name = "Slack"
    info_link = "https://wiki.servarr.com/radarr/supported#slack"
    # Radarr's Slack posts renames but not added movies
    supported_events: ClassVar[frozenset[str]] = ALL_EVENTS - {"on_movie_added"}

    @dataclass
    class Settings:
        # the webhook's token is its path: the URL is a secret
        web_hook_url: str = setting("Webhook URL", required=True, field_type="url", secret=True)
        username: str = setting(
            "Username", required=True, privacy="userName", help_text="Username to post as"
        )
        icon: str = setting("Icon", help_text="Change the icon used for messages (Emoji or URL)")
        channel: str = setting("Channel", help_text="Overrides the default channel for the incoming webhook")

    def send(self, notice: Notice) -> None:
        text, attachments = _message(notice)
        self.post(text, attachments)

    def post(self, text: str, attachments: list[dict[str, str]] | None = None) -> None:
        settings = self.settings
        if not settings.web_hook_url:
            raise ProviderError("Set the Slack webhook URL", permanent=True)
        body: dict[str, Any] = {"text": text, "username": settings.username}
        if attachments is not None:
            body["attachments"] = attachments
        icon = str(settings.icon or "")
        if icon:
            body["icon_emoji" if icon.startswith(":") and icon.endswith(":") else "icon_url"] = icon
        if settings.channel:
            body["channel"] = settings.channel
        try:
            response = self.session.post(settings.web_hook_url, json=body)
        except requests.RequestException as error:
            raise ProviderError(f"Unable to reach Slack: {safe_message(str(error))}") from None
        if response.status_code >= 400:
            code = response.text.strip()
            words = SLACK_ERRORS.get(
                code, f"Slack answered HTTP {response.status_code}: {safe_message(code[:200])}"
            )
            raise ProviderError(words)

    def rules(self) -> list[Failure]:
        parts = urlsplit(str(self.settings.web_hook_url or ""))
        if self.settings.web_hook_url and (parts.scheme not in ("http", "https") or not parts.netloc):
            return [Failure("webHookUrl", "'Webhook URL' must be a valid http(s) URL", "")]
        return []

    def test(self) -> list[Failure]:
        try:
            self.post(f"Test message from Radarr posted at {datetime.now():%Y-%m-%d %H:%M:%S}")
        except ProviderError as error:
            return [Failure("webHookUrl", f"Unable to send test message: {error.message}")]
        return []


def _message(notice: Notice) -> tuple[str, list[dict[str, str]]]:
    """Radarr's Slack text and attachment for each event."""
    event = notice.event_type
    movie = notice.payload.get("movie") or {}
    title = str(movie.get("title") or "")
    if event == "Grab":
        return f"Grabbed: {notice.message}", [_attachment(title, notice.message, "warning", fallback=True)]
    if event == "Download":
        return f"Imported: {notice.message}", [_attachment(title, notice.message, "good", fallback=True)]
    if event == "Rename":
        renamed = notice.payload.get("renamedMovieFiles") or []
        return "Renamed", [
            _attachment(title, f"{item.get('previousRelativePath')} renamed to {item.get('relativePath')}")
            for item in renamed
        ]
    if event == "MovieFileDelete":
        path = (notice.payload.get("movieFile") or {}).get("path") or notice.message
        return "Movie File Deleted", [_attachment(title, path)]
    if event == "MovieDelete":
        return "Movie Deleted", [_attachment(title, notice.message)]
    if event == "Health":
        level = str(notice.payload.get("level") or "").lower()
        colour = "warning" if level == "warning" else "danger"
        return "Health Issue", [_attachment(str(notice.payload.get("type") or ""), notice.message, colour)]
    if event == "HealthRestored":
        text = f"The following issue is now resolved: {notice.message}"
        return "Health Issue Resolved", [_attachment(str(notice.payload.get("type") or ""), text, "good")]
    if event == "ApplicationUpdate":
        return "Application Updated", [_attachment(platform.node(), notice.message, "good")]
    if event == "ManualInteractionRequired":
        return "Manual Interaction Required", [_attachment(platform.node(), notice.message, "warning")]
    return notice.message, []


def _attachment(title: str, text: str, colour: str = "", *, fallback: bool = False) -> dict[str, str]:
    attachment = {"title": title, "text": text}
    if fallback:
        attachment["fallback"] = text
    if colour:
        attachment["color"] = colour
    return attachment
