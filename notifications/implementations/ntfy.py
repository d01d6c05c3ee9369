"""ntfy: a JSON publish to one or more topics of an ntfy server."""

from dataclasses import dataclass

from notifications.implementations.base import MESSAGE_EVENTS, BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

PRIORITIES = [(1, "Min"), (2, "Low"), (3, "Default"), (4, "High"), (5, "Max")]


class Ntfy(BaseNotification):
    implementation = "Ntfy"
    implementation_name = "ntfy.sh"
    info_link = "https://wiki.servarr.com/radarr/supported#ntfy"
    supported_events = MESSAGE_EVENTS  # Radarr's Ntfy implements these

    @dataclass
    class Settings:
        server_url: str = setting("Server URL", "https://ntfy.sh")
        access_token: str = setting("Access Token", secret=True, privacy="apiKey", advanced=True)
        user_name: str = setting("Username", privacy="userName")
        password: str = setting("Password", secret=True, field_type="password")
        priority: int = setting("Priority", 3, field_type="select", select_options=PRIORITIES)
        topics: list = setting("Topics", [], field_type="tag", required=True)
        tags: list = setting("Ntfy Tags and Emojis", [], field_type="tag", advanced=True)
        click_url: str = setting("Click URL", advanced=True)

    def send(self, notice: Notice) -> None:
        topics = [topic for topic in self.settings.topics or [] if topic]
        if not topics:
            raise ProviderError("Add at least one topic", permanent=True)
        headers = {}
        auth = None
        if self.settings.access_token:
            headers["Authorization"] = f"Bearer {self.settings.access_token}"
        elif self.settings.user_name:
            auth = (self.settings.user_name, self.settings.password)
        base = (self.settings.server_url or "https://ntfy.sh").rstrip("/")
        for topic in topics:
            body = {
                "topic": topic,
                "title": notice.title,
                "message": notice.message,
                "priority": int(self.settings.priority or 3),
            }
            if self.settings.tags:
                body["tags"] = list(self.settings.tags)
            if self.settings.click_url:
                body["click"] = self.settings.click_url
            self.request("POST", base, json=body, headers=headers, auth=auth)
