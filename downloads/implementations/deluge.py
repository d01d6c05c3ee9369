"""Deluge through the Web UI's JSON-RPC (deluge-web, Deluge 1.3 and 2.x).

`auth.login` with the web password gives a session cookie; the web UI must then be connected to a
daemon (`web.connected`, else `web.connect` to the first known host). The category is a label of
the Label plugin, which must be enabled when a category is set.
"""

import base64
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from typing import Any

from downloads.implementations.base import (
    AUTHENTICATION_FAILED,
    PRIORITY_LAST_FIRST,
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_float,
    as_int,
    clean_file_name,
    torrent_to_add,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

NOT_AUTHENTICATED = 1  # Deluge's JSON error code for a missing or expired session
UNKNOWN_METHOD_RETRIES = 10  # half a second each
LABEL_RULE = re.compile(r"[-a-z0-9]*")
TORRENT_FIELDS = [
    "hash",
    "name",
    "state",
    "progress",
    "eta",
    "message",
    "is_finished",
    "save_path",
    "download_location",
    "total_size",
    "total_done",
    "ratio",
    "is_auto_managed",
    "stop_at_ratio",
    "stop_ratio",
    "num_seeds",
    "num_peers",
    "label",
]


def _label_is_valid(label: str) -> bool:
    return LABEL_RULE.fullmatch(label) is not None


class Deluge(BaseDownloadClient):
    implementation = "Deluge"
    implementation_name = "Deluge"
    info_link = "https://wiki.servarr.com/radarr/supported#deluge"
    protocol = "torrent"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 8112)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        url_base: str = setting(
            "URL Base",
            advanced=True,
            help_text="Adds a prefix to the deluge json url, see http://[host]:[port]/[urlBase]/json",
        )
        password: str = setting("Password", "deluge", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            "radarr",
            help_text="A Deluge label specific to Radarr avoids conflicts with unrelated downloads",
        )
        movie_imported_category: str = setting(
            "Post-Import Category",
            advanced=True,
            help_text="Category Radarr sets after it imported the download; blank: none",
        )
        recent_movie_priority: int = setting(
            "Recent Priority", 0, field_type="select", select_options=PRIORITY_LAST_FIRST
        )
        older_movie_priority: int = setting(
            "Older Priority", 0, field_type="select", select_options=PRIORITY_LAST_FIRST
        )
        add_paused: bool = setting("Add Paused", False, field_type="checkbox")
        download_directory: str = setting(
            "Download Directory", advanced=True, help_text="Optional location to put downloads in"
        )
        completed_directory: str = setting(
            "Move When Completed Directory",
            advanced=True,
            help_text="Optional location to move completed downloads to",
        )

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self._ids = count(1)
        self._ready = False

    # ---- transport

    def _post(self, method: str, params: list[Any]) -> dict[str, Any]:
        body = {"method": method, "params": params, "id": next(self._ids)}
        response = self.request("POST", f"{self.base_url()}/json", json=body)
        self.reject_http_error(response)
        return self.json_object(response, "no JSON-RPC envelope")

    def _login(self) -> None:
        answer = self._post("auth.login", [self.settings.password])
        if answer.get("result") is not True:
            raise ProviderError(AUTHENTICATION_FAILED.replace("username and ", ""), permanent=True)
        if self._post("web.connected", []).get("result") is not True:
            self._connect_daemon()
        self._ready = True

    def _connect_daemon(self) -> None:
        hosts = self._post("web.get_hosts", []).get("result") or []
        if not hosts:
            raise ProviderError(
                "Deluge's web UI knows no daemon to connect to: add one in its Connection Manager"
            )
        self._post("web.connect", [hosts[0][0]])
        if self._post("web.connected", []).get("result") is not True:
            raise ProviderError("Deluge's web UI could not connect to its daemon")

    def call(self, method: str, *params: Any) -> Any:
        if not self._ready:
            self._login()
        answer = self._post(method, list(params))
        error = answer.get("error")
        if isinstance(error, dict) and error.get("code") == NOT_AUTHENTICATED:
            self._login()
            answer = self._post(method, list(params))
            error = answer.get("error")
        for _ in range(UNKNOWN_METHOD_RETRIES):
            # just after connecting to its daemon, deluge-web still learns the daemon's methods
            if not (isinstance(error, dict) and "Unknown method" in str(error.get("message"))):
                break
            time.sleep(0.5)
            answer = self._post(method, list(params))
            error = answer.get("error")
        if error:
            raise self.refused(method, error)
        return answer.get("result")

    def has_label_plugin(self) -> bool:
        plugins = self.call("core.get_enabled_plugins") or []
        return "Label" in plugins

    def _ensure_label(self, label: str) -> None:
        labels = self.call("label.get_labels") or []
        if label not in labels:
            self.call("label.add", label)

    def _set_label(self, hash_: str, label: str) -> None:
        self._ensure_label(label)
        self.call("label.set_torrent", hash_, label)

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        options: dict[str, Any] = {"add_paused": self.settings.add_paused}
        if self.settings.download_directory:
            options["download_location"] = self.settings.download_directory
        if self.settings.completed_directory:
            options["move_completed"] = True
            options["move_completed_path"] = self.settings.completed_directory
        download_id, magnet = torrent_to_add(release, payload)
        if payload:
            name = f"{clean_file_name(release.title)}.torrent"
            result = self.call("core.add_torrent_file", name, base64.b64encode(payload).decode(), options)
        else:
            result = self.call("core.add_torrent_magnet", magnet, options)
        if not result:
            raise ProviderError(f"Deluge did not add {release.title} (already there, or refused)")
        hash_ = download_id.lower()
        if label := self.category_for(category_override):
            self._set_label(hash_, label)
        if self.priority_for(is_recent) == 1:
            self.call("core.queue_top", [hash_])
        return download_id

    def items(self) -> list[DownloadItem]:
        result = self.call("web.update_ui", TORRENT_FIELDS, self.category_filter("label"))
        torrents = result.get("torrents") if isinstance(result, dict) else None
        if not isinstance(torrents, dict):
            raise self.unexpected("the torrent list is not an object")
        return [
            self._item(hash_, torrent) for hash_, torrent in torrents.items() if isinstance(torrent, dict)
        ]

    def _item(self, hash_: str, torrent: dict[str, Any]) -> DownloadItem:
        state = str(torrent.get("state", ""))
        total = as_int(torrent.get("total_size"))
        eta = as_int(torrent.get("eta"))
        if state == "Error":
            status = ItemStatus.WARNING
        elif torrent.get("is_finished") and state != "Checking":
            status = ItemStatus.COMPLETED
        elif state == "Queued":
            status = ItemStatus.QUEUED
        elif state == "Paused":
            status = ItemStatus.PAUSED
        else:
            status = ItemStatus.DOWNLOADING
        ratio = as_float(torrent.get("ratio"))
        removable = (
            bool(torrent.get("is_auto_managed"))
            and bool(torrent.get("stop_at_ratio"))
            and ratio >= as_float(torrent.get("stop_ratio"))
            and state == "Paused"
        )
        folder = str(torrent.get("download_location") or torrent.get("save_path") or "").rstrip("/")
        return DownloadItem(
            download_id=hash_.upper(),
            title=str(torrent.get("name", "")),
            status=status,
            category=str(torrent.get("label") or ""),
            total_size=total,
            remaining_size=max(0, total - as_int(torrent.get("total_done"))),
            remaining_time=timedelta(seconds=eta)
            if eta > 0
            else (timedelta(0) if status == "completed" else None),
            message=str(torrent.get("message") or "") if state == "Error" else "",
            output_path=self.map_path(f"{folder}/{torrent.get('name', '')}"),
            can_move_files=removable,
            can_be_removed=removable,
            seed_ratio=ratio,
            seeders=as_int(torrent.get("num_seeds")),
            peers=as_int(torrent.get("num_peers")),
        )

    def remove(self, download_id: str, delete_data: bool) -> None:
        self.call("core.remove_torrent", download_id.lower(), delete_data)

    def mark_imported(self, download_id: str) -> None:
        if self.settings.movie_imported_category:
            self._set_label(download_id.lower(), self.settings.movie_imported_category)

    def status(self) -> ClientStatus:
        config = self.call(
            "core.get_config_values", ["download_location", "move_completed", "move_completed_path"]
        )
        if not isinstance(config, dict):
            raise self.unexpected("the configuration is not an object")
        folder = (
            config.get("move_completed_path")
            if config.get("move_completed")
            else config.get("download_location")
        )
        folder = self.settings.completed_directory or self.settings.download_directory or folder or ""
        return self.client_status(str(folder))

    def check(self) -> list[Failure]:
        failures = self.category_failures(_label_is_valid, "Allowed characters a-z, 0-9 and -")
        if failures:
            return failures
        has_label = self.has_label_plugin()  # also proves the daemon answers
        if (self.settings.movie_category or self.settings.movie_imported_category) and not has_label:
            return [
                Failure("movieCategory", "Label plugin not activated: enable it in Deluge to use categories")
            ]
        self.call("web.update_ui", ["name"], {})
        return []
