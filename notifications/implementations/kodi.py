"""Kodi (Radarr's Xbmc): JSON-RPC `VideoLibrary.Scan` of the movie's folder, and on-screen notifications."""

from dataclasses import dataclass
from typing import Any

from notifications.implementations.base import (
    ALL_EVENTS,
    BaseNotification,
    changes_library,
    connect_failure,
    media_server_url,
)
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting


class Xbmc(BaseNotification):
    implementation = "Xbmc"
    implementation_name = "Kodi"
    info_link = "https://wiki.servarr.com/radarr/supported#xbmc"
    # what Radarr's class implements
    supported_events = ALL_EVENTS - {"on_movie_added"}

    @dataclass
    class Settings:
        host: str = setting("Host", required=True)
        port: int = setting("Port", 8080, field_type="number")
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox")
        url_base: str = setting("URL Base", advanced=True)
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", secret=True, field_type="password")
        display_time: int = setting("Display Time", 5, field_type="number", unit="seconds")
        notify: bool = setting("GUI Notification", False, field_type="checkbox")
        update_library: bool = setting("Update Library", False, field_type="checkbox")
        clean_library: bool = setting("Clean Library", False, field_type="checkbox")
        always_update: bool = setting("Always Update", False, field_type="checkbox", advanced=True)

    @property
    def url(self) -> str:
        return media_server_url(self.settings, 8080) + "/jsonrpc"

    def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        body = {"jsonrpc": "2.0", "method": method, "params": params or {}, "id": 1}
        auth = (self.settings.username, self.settings.password) if self.settings.username else None
        answer = self.request("POST", self.url, json=body, auth=auth)
        try:
            data = answer.json()
        except ValueError as error:
            raise ProviderError("Kodi answered with something other than JSON-RPC") from error
        if isinstance(data, dict) and data.get("error"):
            raise ProviderError(f"Kodi refused {method}: {data['error'].get('message', data['error'])}")
        return data.get("result") if isinstance(data, dict) else None

    def send(self, notice: Notice) -> None:
        if self.settings.notify and notice.event.flag in ("", "on_grab", "on_download", "on_upgrade"):
            self.call(
                "GUI.ShowNotification",
                {
                    "title": notice.title,
                    "message": notice.message,
                    "image": notice.poster_url or "",
                    "displaytime": int(self.settings.display_time or 5) * 1000,
                },
            )
        if not changes_library(notice):
            return
        if self.settings.update_library:
            directory = notice.folder_path.rstrip("/") + "/"
            self.call("VideoLibrary.Scan", {"directory": directory})
        if self.settings.clean_library:
            self.call("VideoLibrary.Clean")

    def test(self) -> list[Failure]:
        try:
            self.call("JSONRPC.Version")
            if self.settings.notify:
                self.call(
                    "GUI.ShowNotification",
                    {"title": "Radarr", "message": "Test notification from Radarr", "displaytime": 5000},
                )
        except ProviderError as error:
            return connect_failure("Kodi", error)
        return []
