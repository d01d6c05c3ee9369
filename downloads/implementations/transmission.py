"""Transmission through its JSON RPC (Transmission 2.40 and newer; 3.x and 4.x).

Every RPC call needs the X-Transmission-Session-Id header; the first call answers 409 with the id
to use (and so does any later call once the daemon restarted). The category becomes a sub-folder of
the download folder, as in Radarr: the folder is how we tell our torrents apart.
"""

import base64
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

from downloads.implementations.base import (
    PRIORITY_LAST_FIRST,
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

SESSION_HEADER = "X-Transmission-Session-Id"
MINIMUM_RPC_VERSION = 14  # Transmission 2.40
STOPPED, CHECK_WAIT, CHECKING, DOWNLOAD_WAIT, DOWNLOADING, SEED_WAIT, SEEDING = range(7)
TORRENT_FIELDS = [
    "id",
    "hashString",
    "name",
    "downloadDir",
    "totalSize",
    "leftUntilDone",
    "isFinished",
    "eta",
    "status",
    "errorString",
    "uploadedEver",
    "downloadedEver",
    "uploadRatio",
    "peersGettingFromUs",
    "peersSendingToUs",
    "seedRatioLimit",
    "seedRatioMode",
]


class Transmission(BaseDownloadClient):
    implementation = "Transmission"
    implementation_name = "Transmission"
    info_link = "https://wiki.servarr.com/radarr/supported#transmission"
    protocol = "torrent"
    torrent_fields: ClassVar[list[str]] = TORRENT_FIELDS

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 9091)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        url_base: str = setting(
            "URL Base",
            "/transmission/",
            advanced=True,
            help_text="Adds a prefix to the Transmission rpc url, eg http://[host]:[port]/[urlBase]/rpc",
        )
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            help_text="Adding a category specific to Radarr avoids conflicts with unrelated downloads. "
            "Creates a [category] subdirectory in the output directory.",
        )
        movie_directory: str = setting(
            "Directory",
            advanced=True,
            help_text="Optional location to put downloads in; blank: Transmission's default",
        )
        recent_movie_priority: int = setting(
            "Recent Priority", 0, field_type="select", select_options=PRIORITY_LAST_FIRST
        )
        older_movie_priority: int = setting(
            "Older Priority", 0, field_type="select", select_options=PRIORITY_LAST_FIRST
        )
        add_paused: bool = setting("Add Paused", False, field_type="checkbox")

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self._session_id = ""
        self._download_dir: str | None = None

    def rpc(self, method: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
        body = {"method": method, "arguments": arguments or {}}
        auth = (self.settings.username, self.settings.password) if self.settings.username else None
        url = f"{self.base_url()}/rpc"
        for _attempt in range(2):
            response = self.request(
                "POST", url, json=body, auth=auth, headers={SESSION_HEADER: self._session_id}
            )
            if response.status_code != 409:
                break
            self._session_id = response.headers.get(SESSION_HEADER, "")
        self.reject_unauthorized(response)
        if response.status_code == 409:
            raise ProviderError("Transmission kept refusing the session id (check the URL Base)")
        self.reject_http_error(response)
        answer = self.json_object(response, "no RPC result")
        if "result" not in answer:
            raise self.unexpected("no RPC result")
        if answer["result"] != "success":
            raise ProviderError(f"Transmission refused {method}: {answer['result']}")
        arguments = answer.get("arguments")
        return arguments if isinstance(arguments, dict) else {}

    def session_settings(self) -> dict[str, Any]:
        return self.rpc("session-get")

    def download_dir(self) -> str | None:
        """Radarr's rule: the Directory setting, else <download-dir>/<category>, else any folder."""
        if self.settings.movie_directory:
            return self.settings.movie_directory
        if not self.settings.movie_category:
            return None
        if self._download_dir is None:
            self._download_dir = str(self.session_settings().get("download-dir", "")).rstrip("/")
        return f"{self._download_dir}/{self.settings.movie_category}"

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        arguments: dict[str, Any] = {"paused": self.settings.add_paused}
        if category_override is not None:
            base = str(self.session_settings().get("download-dir", "")).rstrip("/")
            arguments["download-dir"] = f"{base}/{category_override}" if category_override else base
        elif folder := self.download_dir():
            arguments["download-dir"] = folder
        download_id, magnet = torrent_to_add(release, payload)
        if payload:
            arguments["metainfo"] = base64.b64encode(payload).decode()
        else:
            arguments["filename"] = magnet
        added = self.rpc("torrent-add", arguments)
        if not (added.get("torrent-added") or added.get("torrent-duplicate")):
            raise self.unexpected("torrent-add returned no torrent")
        if self.priority_for(is_recent) == 1:
            self.rpc("queue-move-top", {"ids": [download_id.lower()]})
        return download_id

    def items(self) -> list[DownloadItem]:
        torrents = self.rpc("torrent-get", {"fields": self.torrent_fields}).get("torrents")
        if not isinstance(torrents, list):
            raise self.unexpected("the torrent list is not a list")
        folder = self.download_dir()
        items = []
        for torrent in torrents:
            if not isinstance(torrent, dict):
                continue
            directory = str(torrent.get("downloadDir", "")).rstrip("/")
            if folder is not None and directory != folder.rstrip("/"):
                continue  # not one of ours
            items.append(self._item(torrent))
        return items

    def _item(self, torrent: dict[str, Any]) -> DownloadItem:
        total = as_int(torrent.get("totalSize"))
        left = as_int(torrent.get("leftUntilDone"))
        state = as_int(torrent.get("status"))
        error = str(torrent.get("errorString") or "")
        eta = as_int(torrent.get("eta"), -1)
        finished = bool(torrent.get("isFinished"))
        if error:
            status = ItemStatus.WARNING
        elif total == 0:
            status = ItemStatus.QUEUED  # a magnet still fetching its metadata
        elif (left == 0 and state in (STOPPED, SEED_WAIT, SEEDING)) or (
            finished and state not in (CHECK_WAIT, CHECKING)
        ):
            status = ItemStatus.COMPLETED
        elif state == STOPPED:
            status = ItemStatus.PAUSED
        elif state in (CHECK_WAIT, CHECKING, DOWNLOAD_WAIT):
            status = ItemStatus.QUEUED
        else:
            status = ItemStatus.DOWNLOADING
        removable = state == STOPPED and finished  # Transmission stops a torrent that met its seed goal
        return DownloadItem(
            download_id=str(torrent.get("hashString", "")).upper(),
            title=str(torrent.get("name", "")),
            status=status,
            category=self.settings.movie_category,
            total_size=total,
            remaining_size=left,
            remaining_time=timedelta(seconds=eta) if eta >= 0 else None,
            message=error,
            output_path=self.map_path(self.output_path(torrent)),
            can_move_files=removable,
            can_be_removed=removable,
            seed_ratio=as_float(torrent.get("uploadRatio")),
            seeders=as_int(torrent.get("peersSendingToUs")),
            peers=as_int(torrent.get("peersGettingFromUs")),
        )

    def output_path(self, torrent: dict[str, Any]) -> str:
        """Where the torrent's file or folder is, as the client sees it."""
        directory = str(torrent.get("downloadDir", "")).rstrip("/")
        return f"{directory}/{torrent.get('name', '')}"

    def remove(self, download_id: str, delete_data: bool) -> None:
        self.rpc("torrent-remove", {"ids": [download_id.lower()], "delete-local-data": delete_data})

    def status(self) -> ClientStatus:
        folder = self.download_dir() or str(self.session_settings().get("download-dir", ""))
        return self.client_status(folder)

    def check(self) -> list[Failure]:
        category = self.settings.movie_category
        if category and not re.fullmatch(r"\.?[-a-zA-Z]*", category):
            return [Failure("movieCategory", "Allowed characters a-z and -", category)]
        if category and self.settings.movie_directory:
            return [Failure("movieCategory", "Cannot use Category and Directory", category)]
        if failure := self.check_version():
            return [failure]
        self.rpc("torrent-get", {"fields": ["id"]})
        return []

    def check_version(self) -> Failure | None:
        version = as_int(self.session_settings().get("rpc-version"))
        if version < MINIMUM_RPC_VERSION:
            return Failure("host", "Transmission version not supported: 2.40 or newer is needed")
        return None
