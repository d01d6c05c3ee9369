"""NZBGet through its JSON-RPC (`/jsonrpc`, HTTP basic auth; NZBGet 13 and newer).

`listgroups` is the queue, `history` what finished; an item's id is its NZBID. Sizes come split
in Lo/Hi 32-bit halves.
"""

import base64
import shutil
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from pathlib import Path
from typing import Any

from downloads.implementations.base import (
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_int,
    category_recommended,
    clean_file_name,
    require_nzb,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

PRIORITIES = [
    (-100, "Very Low"),
    (-50, "Low"),
    (0, "Normal"),
    (50, "High"),
    (100, "Very High"),
    (900, "Force"),
]
MINIMUM_VERSION = 12
POST_PROCESSING = {
    "PP_QUEUED",
    "LOADING_PARS",
    "VERIFYING_SOURCES",
    "REPAIRING",
    "VERIFYING_REPAIRED",
    "RENAMING",
    "UNPACKING",
    "MOVING",
    "EXECUTING_SCRIPT",
    "PP_FINISHED",
}


def _size(item: dict[str, Any], name: str) -> int:
    return (as_int(item.get(f"{name}Hi")) << 32) + as_int(item.get(f"{name}Lo"))


class Nzbget(BaseDownloadClient):
    implementation = "Nzbget"
    implementation_name = "NZBGet"
    info_link = "https://wiki.servarr.com/radarr/supported#nzbget"
    protocol = "usenet"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 6789)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        url_base: str = setting(
            "URL Base",
            advanced=True,
            help_text="Adds a prefix to the nzbget url, such as http://[host]:[port]/[urlBase]/jsonrpc",
        )
        username: str = setting("Username", "nzbget", privacy="userName")
        password: str = setting("Password", "tegbzn6789", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            "Movies",
            help_text="A category specific to Radarr avoids conflicts with unrelated downloads",
        )
        recent_movie_priority: int = setting(
            "Recent Priority", 0, field_type="select", select_options=PRIORITIES
        )
        older_movie_priority: int = setting(
            "Older Priority", 0, field_type="select", select_options=PRIORITIES
        )
        add_paused: bool = setting(
            "Add Paused",
            False,
            field_type="checkbox",
            help_text="This option requires at least NZBGet version 16.0",
        )

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self._ids = count(1)

    def call(self, method: str, *params: Any) -> Any:
        body = {"method": method, "params": list(params), "id": next(self._ids), "version": "1.1"}
        auth = (self.settings.username, self.settings.password) if self.settings.username else None
        response = self.request("POST", f"{self.base_url()}/jsonrpc", json=body, auth=auth)
        self.reject_unauthorized(response)
        self.reject_http_error(response)
        answer = self.json_object(response, "no JSON-RPC envelope")
        if error := answer.get("error"):
            raise self.refused(method, error)
        return answer.get("result")

    def version(self) -> str:
        return str(self.call("version") or "")

    def config(self) -> dict[str, str]:
        entries = self.call("config")
        if not isinstance(entries, list):
            raise self.unexpected("the configuration is not a list")
        return {str(e.get("Name")): str(e.get("Value")) for e in entries if isinstance(e, dict)}

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        nzb_id = self.call(
            "append",
            f"{clean_file_name(release.title)}.nzb",
            base64.b64encode(require_nzb(payload)).decode(),
            self.category_for(category_override),
            self.priority_for(is_recent),
            False,  # add to top
            self.settings.add_paused,
            "",  # dupe key
            0,  # dupe score
            "Score",  # dupe mode
            [],  # post-processing parameters
        )
        if not isinstance(nzb_id, int) or nzb_id <= 0:
            raise ProviderError(f"NZBGet could not add {release.title} (is it a valid NZB?)")
        return str(nzb_id)

    def items(self) -> list[DownloadItem]:
        groups = self.call("listgroups", 0)
        history = self.call("history", False)
        status = self.call("status")
        if not isinstance(groups, list) or not isinstance(history, list):
            raise self.unexpected("the queue or history is not a list")
        paused = bool(isinstance(status, dict) and status.get("DownloadPaused"))
        rate = as_int(status.get("DownloadRate")) if isinstance(status, dict) else 0
        queue = [self._queue_item(group, paused, rate) for group in groups if self._ours(group)]
        done = [self._history_item(entry) for entry in history if self._ours(entry) and self._listed(entry)]
        return queue + done

    def _ours(self, entry: Any) -> bool:
        return isinstance(entry, dict) and self.is_our_category(entry.get("Category"))

    @staticmethod
    def _listed(entry: dict[str, Any]) -> bool:
        """Only NZBs; those a person deleted by hand are gone, as in Radarr."""
        return entry.get("Kind", "NZB") == "NZB" and str(entry.get("Status", "")) != "DELETED/MANUAL"

    def _queue_item(self, group: dict[str, Any], paused: bool, rate: int) -> DownloadItem:
        total = _size(group, "FileSize")
        remaining = _size(group, "RemainingSize") - _size(group, "PausedSize")
        state = str(group.get("Status", ""))
        if state in POST_PROCESSING:
            status = ItemStatus.DOWNLOADING
        elif paused or (remaining <= 0 and _size(group, "PausedSize") > 0) or state == "PAUSED":
            status = ItemStatus.PAUSED
        elif state == "QUEUED" or as_int(group.get("ActiveDownloads")) == 0:
            status = ItemStatus.QUEUED
        else:
            status = ItemStatus.DOWNLOADING
        return DownloadItem(
            download_id=str(group.get("NZBID", "")),
            title=str(group.get("NZBName", "")),
            status=status,
            category=str(group.get("Category") or ""),
            total_size=total,
            remaining_size=max(0, remaining),
            remaining_time=timedelta(seconds=remaining // rate) if rate > 0 and not paused else None,
            can_move_files=True,
            can_be_removed=True,
        )

    def _history_item(self, entry: dict[str, Any]) -> DownloadItem:
        outcome, _, detail = str(entry.get("Status", "")).partition("/")
        message = ""
        if outcome == "SUCCESS":
            status = ItemStatus.COMPLETED
        elif outcome == "WARNING":
            status = ItemStatus.WARNING
            message = f"NZBGet reports a warning: {detail}"
        else:  # FAILURE/..., DELETED/HEALTH, DELETED/DUPE...
            status = ItemStatus.FAILED
            message = f"NZBGet reports a failure: {entry.get('Status')}"
        return DownloadItem(
            download_id=str(entry.get("NZBID", "")),
            title=str(entry.get("Name", "")),
            status=status,
            category=str(entry.get("Category") or ""),
            total_size=_size(entry, "FileSize"),
            remaining_time=timedelta(0),
            message=message,
            output_path=self.map_path(str(entry.get("FinalDir") or entry.get("DestDir") or "")),
            can_move_files=True,
            can_be_removed=True,
            is_encrypted=str(entry.get("UnpackStatus")) == "PASSWORD",
        )

    def remove(self, download_id: str, delete_data: bool) -> None:
        nzb_id = as_int(download_id)
        groups = self.call("listgroups", 0) or []
        if any(as_int(group.get("NZBID")) == nzb_id for group in groups if isinstance(group, dict)):
            self._edit("GroupFinalDelete" if delete_data else "GroupDelete", nzb_id)
            return
        history = self.call("history", False) or []
        entry = next((e for e in history if isinstance(e, dict) and as_int(e.get("NZBID")) == nzb_id), None)
        if entry is None:
            return  # already gone
        if delete_data:
            folder = self.map_path(str(entry.get("FinalDir") or entry.get("DestDir") or ""))
            if folder and Path(folder).is_dir():
                shutil.rmtree(folder)  # NZBGet keeps the files of a history item: Radarr deletes them itself
        self._edit("HistoryFinalDelete", nzb_id)

    def _edit(self, command: str, nzb_id: int) -> None:
        if self.call("editqueue", command, "", [nzb_id]) is not True:
            raise ProviderError(f"NZBGet refused to {command} item {nzb_id}")

    def status(self) -> ClientStatus:
        config = self.config()
        folder = config.get("DestDir", "")
        category = self._category(config)
        if category is not None:
            folder = (
                config.get(f"{category}.DestDir") or f"{folder.rstrip('/')}/{self.settings.movie_category}"
            )
        return self.client_status(folder)

    def _category(self, config: dict[str, str]) -> str | None:
        """The config prefix (`Category3`) of our category, if NZBGet has it."""
        wanted = self.settings.movie_category.lower()
        for name, value in config.items():
            if name.startswith("Category") and name.endswith(".Name") and value.lower() == wanted:
                return name.removesuffix(".Name")
        return None

    def check(self) -> list[Failure]:
        version = self.version()
        if as_int(version.split(".")[0].split("-")[0]) < MINIMUM_VERSION:
            return [Failure("host", f"NZBGet version {version} is not supported: 12.0 or newer is needed")]
        config = self.config()
        if self.settings.movie_category and self._category(config) is None:
            return [self.missing_category()]
        if as_int(config.get("KeepHistory"), 1) == 0:
            return [Failure("", "NZBGet's KeepHistory is 0: Radarr cannot see completed downloads")]
        if not self.settings.movie_category:
            return [category_recommended()]
        return []
