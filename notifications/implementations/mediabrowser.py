"""Emby and Jellyfin (Radarr's MediaBrowser): a library update for the movie's path, and notifications."""

from dataclasses import dataclass

from notifications.implementations.base import (
    ALL_EVENTS,
    BaseNotification,
    changes_library,
    connect_failure,
    map_path,
    media_server_url,
)
from notifications.payloads import Notice, notice_for_test
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting

UPDATES = {"MovieDelete": "Deleted", "MovieFileDelete": "Deleted", "Download": "Created"}


class MediaBrowser(BaseNotification):
    implementation = "MediaBrowser"
    implementation_name = "Emby / Jellyfin"
    info_link = "https://wiki.servarr.com/radarr/supported#mediabrowser"
    # what Radarr's class implements
    supported_events = ALL_EVENTS - {"on_movie_added", "on_manual_interaction_required"}

    @dataclass
    class Settings:
        host: str = setting("Host", required=True)
        port: int = setting("Port", 8096, field_type="number")
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox")
        url_base: str = setting("URL Base", advanced=True)
        api_key: str = setting("API Key", secret=True, privacy="apiKey", required=True)
        notify: bool = setting("Send Notifications", False, field_type="checkbox")
        update_library: bool = setting("Update Library", False, field_type="checkbox")
        map_from: str = setting("Map Paths From", advanced=True)
        map_to: str = setting("Map Paths To", advanced=True)

    @property
    def base(self) -> str:
        return media_server_url(self.settings, 8096)

    @property
    def headers(self) -> dict[str, str]:
        return {"X-MediaBrowser-Token": self.settings.api_key, "X-Emby-Token": self.settings.api_key}

    def send(self, notice: Notice) -> None:
        if self.settings.notify and notice.event.flag not in ("", "on_movie_file_delete"):
            self._notify(notice)
        if self.settings.update_library and changes_library(notice):
            path = map_path(notice.folder_path, self.settings.map_from, self.settings.map_to)
            update = UPDATES.get(notice.event_type, "Modified")
            self.request(
                "POST",
                f"{self.base}/Library/Media/Updated",
                json={"Updates": [{"Path": path, "UpdateType": update}]},
                headers=self.headers,
            )

    def _notify(self, notice: Notice) -> None:
        body = {"Name": notice.title, "Description": notice.message, "ImageUrl": notice.poster_url or None}
        self.request("POST", f"{self.base}/Notifications/Admin", json=body, headers=self.headers)

    def test(self) -> list[Failure]:
        try:
            self.request("GET", f"{self.base}/System/Info", headers=self.headers)
            if self.settings.notify:
                self._notify(notice_for_test())
        except ProviderError as error:
            return connect_failure("Emby / Jellyfin", error)
        return []
