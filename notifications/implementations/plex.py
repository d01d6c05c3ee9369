"""Plex Media Server: refresh the library section that holds the movie's folder (path mapped)."""

import posixpath
from dataclasses import dataclass
from typing import Any

from notifications.implementations.base import (
    LIBRARY_EVENTS,
    BaseNotification,
    connect_failure,
    map_path,
    media_server_url,
)
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting


class PlexServer(BaseNotification):
    implementation = "PlexServer"
    implementation_name = "Plex Media Server"
    info_link = "https://wiki.servarr.com/radarr/supported#plexserver"
    supported_events = LIBRARY_EVENTS

    @dataclass
    class Settings:
        host: str = setting("Host", required=True)
        port: int = setting("Port", 32400, field_type="number")
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox")
        url_base: str = setting("URL Base", advanced=True)
        auth_token: str = setting("Auth Token", secret=True, privacy="apiKey", required=True)
        update_library: bool = setting("Update Library", True, field_type="checkbox")
        map_from: str = setting("Map Paths From", advanced=True, help_text="Our path of the movie folders")
        map_to: str = setting("Map Paths To", advanced=True, help_text="The same folders as Plex sees them")

    @property
    def base(self) -> str:
        return media_server_url(self.settings, 32400)

    def _get(self, route: str, params: dict[str, Any] | None = None) -> Any:
        params = {**(params or {}), "X-Plex-Token": self.settings.auth_token}
        headers = {"Accept": "application/json"}
        response = self.request("GET", self.base + route, params=params, headers=headers)
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError as error:
            raise ProviderError(f"Plex answered {route} with something other than JSON") from error

    def sections(self) -> list[dict[str, Any]]:
        data = self._get("/library/sections")
        directories = (data.get("MediaContainer") or {}).get("Directory") or []
        return [item for item in directories if item.get("type") == "movie"]

    def send(self, notice: Notice) -> None:
        if not self.settings.update_library or not notice.folder_path:
            return
        folder = map_path(notice.folder_path, self.settings.map_from, self.settings.map_to)
        matched = [
            section
            for section in self.sections()
            if any(_inside(folder, location.get("path", "")) for location in section.get("Location") or [])
        ]
        for section in matched:
            self._get(f"/library/sections/{section['key']}/refresh", {"path": folder})
        if not matched:  # no section holds the path: refresh every movie section, as Radarr does
            for section in self.sections():
                self._get(f"/library/sections/{section['key']}/refresh")

    def test(self) -> list[Failure]:
        try:
            sections = self.sections()
        except ProviderError as error:
            return connect_failure("Plex Media Server", error)
        if not sections:
            return [Failure("", "Plex Media Server has no movie library", severity="warning")]
        return []


def _inside(path: str, root: str) -> bool:
    if not root:
        return False
    root = root.rstrip("/\\")
    normal = path.replace("\\", "/")
    return normal == root.replace("\\", "/") or normal.startswith(posixpath.join(root.replace("\\", "/"), ""))
