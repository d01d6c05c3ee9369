"""Apprise: one provider for the 100+ services the `apprise` package knows (ntfy, Gotify, Matrix...).

With a server URL it talks to an Apprise API server as Radarr does (`/notify/{key}` or stateless
`/notify`); without one it sends to the Apprise URLs itself through the `apprise` package.
"""

from dataclasses import dataclass

from notifications.implementations.base import MESSAGE_EVENTS, BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

NOTIFICATION_TYPES = [(0, "Info"), (1, "Success"), (2, "Warning"), (3, "Failure")]


class Apprise(BaseNotification):
    implementation = "Apprise"
    implementation_name = "Apprise"
    info_link = "https://wiki.servarr.com/radarr/supported#apprise"
    supported_events = MESSAGE_EVENTS  # Radarr's Apprise implements these

    @dataclass
    class Settings:
        server_url: str = setting(
            "Apprise Server URL", help_text="Leave empty to send through the Apprise library directly"
        )
        configuration_key: str = setting("Apprise Configuration Key", secret=True, privacy="apiKey")
        stateless_urls: str = setting(  # each Apprise URL holds its service's token or password
            "Apprise URLs", help_text="One or more Apprise URLs separated by commas or spaces", secret=True
        )
        notification_type: int = setting(
            "Apprise Notification Type", 0, field_type="select", select_options=NOTIFICATION_TYPES
        )
        tags: list = setting("Apprise Tags", [], field_type="tag")
        auth_username: str = setting("Username", advanced=True, privacy="userName")
        auth_password: str = setting("Password", secret=True, field_type="password", advanced=True)

    def _type(self) -> str:
        return ["info", "success", "warning", "failure"][int(self.settings.notification_type or 0) % 4]

    def send(self, notice: Notice) -> None:
        if self.settings.server_url:
            self._send_to_server(notice)
        else:
            self._send_directly(notice)

    def _send_to_server(self, notice: Notice) -> None:
        base = self.settings.server_url.rstrip("/")
        body = {"title": notice.title, "body": notice.message, "type": self._type(), "format": "text"}
        if self.settings.tags:
            body["tag"] = ",".join(self.settings.tags)
        if self.settings.configuration_key:
            url = f"{base}/notify/{self.settings.configuration_key}"
        elif self.settings.stateless_urls:
            url = f"{base}/notify"
            body["urls"] = self.settings.stateless_urls
        else:
            raise ProviderError("Set a configuration key or Apprise URLs", permanent=True)
        auth = (
            (self.settings.auth_username, self.settings.auth_password)
            if self.settings.auth_username
            else None
        )
        self.request("POST", url, json=body, auth=auth)

    def _send_directly(self, notice: Notice) -> None:
        import apprise

        urls = [url for url in self.settings.stateless_urls.replace(",", " ").split() if url]
        if not urls:
            raise ProviderError("Set an Apprise server URL or Apprise URLs", permanent=True)
        sender = apprise.Apprise()
        for url in urls:
            if not sender.add(url):
                raise ProviderError(f"Apprise does not understand the URL {url.split('://', 1)[0]}://...")
        sent = sender.notify(title=notice.title, body=notice.message, notify_type=self._type())
        if not sent:
            raise ProviderError(
                "Apprise could not deliver the notification (see the log for the service's answer)"
            )
