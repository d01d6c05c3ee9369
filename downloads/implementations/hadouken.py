"""Hadouken (5.1 and newer) through its JSON-RPC API at /api, with HTTP basic authentication.

`webui.list` answers uTorrent-style rows (positional arrays); the category is Hadouken's label,
given when the torrent is added.
"""

import base64
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from typing import Any

from downloads.implementations.base import (
    AUTHENTICATION_FAILED,
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_float,
    as_int,
    torrent_to_add,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

MINIMUM_VERSION = (5, 1)
# the row positions of webui.list (the same layout as uTorrent's list)
HASH, STATE, NAME, SIZE, PROGRESS, DOWNLOADED, UPLOADED, DOWNLOAD_RATE, LABEL, ERROR, SAVE_PATH = (
    0, 1, 2, 3, 4, 5, 6, 9, 11, 21, 26,
)  # fmt: skip
STARTED, CHECKING, PAUSED, QUEUED_FOR_CHECKING = 1, 2, 32, 64  # state bits, tested in Radarr's order


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for part in str(text).split("."):
        if not part.isdigit():
            break
        parts.append(int(part))
    return tuple(parts)


class Hadouken(BaseDownloadClient):
    implementation = "Hadouken"
    implementation_name = "Hadouken"
    info_link = "https://wiki.servarr.com/radarr/supported#hadouken"
    protocol = "torrent"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 7070)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        url_base: str = setting(
            "URL Base",
            advanced=True,
            help_text="Adds a prefix to the Hadouken url, such as http://[host]:[port]/[urlBase]/api",
        )
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            "radarr",
            name="category",
            help_text="A category specific to Radarr avoids conflicts with unrelated downloads",
        )

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self._ids = count(1)

    def validate(self) -> list[Failure]:
        return [
            Failure(name, f"{label} must not be empty.")
            for name, label, value in (
                ("username", "Username", self.settings.username),
                ("password", "Password", self.settings.password),
            )
            if not str(value or "").strip()
        ]

    def call(self, method: str, *params: Any) -> Any:
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": list(params)}
        auth = (self.settings.username, self.settings.password)
        response = self.request("POST", f"{self.base_url()}/api", json=body, auth=auth)
        if response.status_code == 401:
            raise ProviderError(AUTHENTICATION_FAILED, permanent=True)
        self.reject_http_error(response)
        answer = self.json_object(response, "no JSON-RPC envelope")
        if answer.get("error"):
            raise self.refused(method, answer["error"])
        if "result" not in answer:
            raise self.unexpected("no JSON-RPC result")
        return answer["result"]

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        options = {"label": self.category_for(category_override)}
        download_id, magnet = torrent_to_add(release, payload)
        if magnet:
            self.call("webui.addTorrent", "url", magnet, options)
            return download_id
        added = self.call("webui.addTorrent", "file", base64.b64encode(payload or b"").decode(), options)
        return str(added or download_id).upper()

    def items(self) -> list[DownloadItem]:
        result = self.call("webui.list")
        rows = result.get("torrents") if isinstance(result, dict) else None
        if rows is None:
            return []
        if not isinstance(rows, list):
            raise self.unexpected("the torrent list is not a list")
        category = self.settings.movie_category
        items = []
        for row in rows:
            if not isinstance(row, list) or len(row) <= SAVE_PATH:
                continue  # Radarr skips rows it cannot read
            if category and str(row[LABEL] or "") != category:
                continue
            items.append(self._item(row))
        return items

    def _item(self, row: list[Any]) -> DownloadItem:
        state = as_int(row[STATE])
        total = as_int(row[SIZE])
        downloaded = as_int(row[DOWNLOADED])
        rate = as_int(row[DOWNLOAD_RATE])
        finished = as_float(row[PROGRESS]) >= 1000  # per mille
        error = str(row[ERROR] or "")
        checking = not state & STARTED and bool(state & CHECKING)
        paused = not state & (STARTED | CHECKING) and bool(state & PAUSED)
        if error:
            status = ItemStatus.WARNING
        elif finished and not checking:
            status = ItemStatus.COMPLETED
        elif not state & (STARTED | CHECKING | PAUSED) and state & QUEUED_FOR_CHECKING:
            status = ItemStatus.QUEUED
        elif paused:
            status = ItemStatus.PAUSED
        else:
            status = ItemStatus.DOWNLOADING
        remaining = max(0, total - downloaded)
        save_path = str(row[SAVE_PATH] or "").rstrip("/\\")
        return DownloadItem(
            download_id=str(row[HASH]).upper(),
            title=str(row[NAME]),
            status=status,
            category=str(row[LABEL] or ""),
            total_size=total,
            remaining_size=remaining,
            remaining_time=timedelta(seconds=remaining // rate) if rate > 0 else None,
            message=error,
            output_path=self.map_path(f"{save_path}/{row[NAME]}"),
            # Hadouken pauses a torrent that reached its seeding goal
            can_move_files=finished and paused,
            can_be_removed=finished and paused,
            seed_ratio=as_int(row[UPLOADED]) / downloaded if downloaded > 0 else 0.0,
        )

    def remove(self, download_id: str, delete_data: bool) -> None:
        self.call("webui.perform", "removedata" if delete_data else "remove", [download_id.lower()])

    def status(self) -> ClientStatus:
        config = self.call("webui.getSettings")
        if not isinstance(config, dict):
            raise self.unexpected("the settings are not an object")
        return self.client_status(str(config.get("bittorrent.defaultSavePath") or ""))

    def check(self) -> list[Failure]:
        info = self.call("core.getSystemInfo")
        versions = info.get("versions") if isinstance(info, dict) else None
        reported = str((versions or {}).get("hadouken", "")) if isinstance(versions, dict) else ""
        if not reported:
            raise self.unexpected("no Hadouken version")
        if _version(reported) < MINIMUM_VERSION:
            return [Failure("", f"Hadouken {reported} is not supported: version 5.1 or newer is needed")]
        try:
            self.items()
        except ProviderError as error:
            return [Failure("", f"Failed to get the list of torrents: {error.message}")]
        return []
