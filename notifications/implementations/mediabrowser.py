"""Emby and Jellyfin (Radarr's MediaBrowser): a library update for the movie's path, and notifications."""

from dataclasses import dataclass

from notifications.builders import Notice
from notifications.implementations.base import LIBRARY_EVENTS, BaseNotification, map_path, server_url
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting

UPDATES = {"MovieDelete": "Deleted", "MovieFileDelete": "Deleted", "Download": "Created"}


class MediaBrowser(BaseNotification):
    implementation = "MediaBrowser"
    implementation_name = "Emby / Jellyfin"
    info_link = "https://wiki.servarr.com/radarr/supported#mediabrowser"

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
        return server_url(
            self.settings.host, int(self.settings.port or 8096), self.settings.use_ssl, self.settings.url_base
        )

    @property
    def headers(self) -> dict[str, str]:
        return {"X-MediaBrowser-Token": self.settings.api_key, "X-Emby-Token": self.settings.api_key}

    def send(self, notice: Notice) -> None:
        if self.settings.notify and notice.event.flag not in ("", "on_movie_file_delete"):
            self._notify(notice)
        if (
            self.settings.update_library
            and notice.folder_path
            and notice.event.subscription() in LIBRARY_EVENTS
        ):
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
                from notifications.builders import notice_for_test

                self._notify(notice_for_test())
        except ProviderError as error:
            return [Failure("host", f"Unable to connect to Emby / Jellyfin: {safe_message(error.message)}")]
        return []
