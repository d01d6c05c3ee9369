"""Webhook: Radarr's JSON payload POSTed (or PUT) to a URL, with optional basic auth and headers."""

from dataclasses import dataclass

import orjson

from notifications.implementations.base import BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting


class Webhook(BaseNotification):
    implementation = "Webhook"
    implementation_name = "Webhook"
    info_link = "https://wiki.servarr.com/radarr/supported#webhook"

    @dataclass
    class Settings:
        # receivers (Slack, Home Assistant, n8n...) put their token in the URL (Radarr shows it)
        url: str = setting("Webhook URL", required=True, field_type="url", secret=True)
        method: int = setting("Method", 1, field_type="select", select_options=[(1, "POST"), (2, "PUT")])
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", secret=True, field_type="password")
        headers: list = setting("Headers", [], field_type="keyValueList", advanced=True)

    def send(self, notice: Notice) -> None:
        if not self.settings.url:
            raise ProviderError("The webhook URL is empty", permanent=True)
        headers = {"Content-Type": "application/json"}
        for header in self.settings.headers or []:
            if isinstance(header, dict) and header.get("key"):
                headers[str(header["key"])] = str(header.get("value") or "")
        auth = (self.settings.username, self.settings.password) if self.settings.username else None
        method = "PUT" if int(self.settings.method or 1) == 2 else "POST"
        self.request(method, self.settings.url, data=orjson.dumps(notice.payload), headers=headers, auth=auth)
