"""SABnzbd through its HTTP API (`/api?mode=...&output=json`), with the API key (or username/password).

The queue holds what is downloading; the history holds what finished (or failed). A wrong key is
answered with HTTP 200 and `{"status": false, "error": "API Key Incorrect"}`.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from downloads.implementations.base import (
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_float,
    as_int,
    category_recommended,
    clean_file_name,
    require_nzb,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

MEGABYTE = 1024 * 1024
HISTORY_LIMIT = 60  # Radarr's DownloadClientHistoryLimit
PRIORITIES = [(-100, "Default"), (-2, "Paused"), (-1, "Low"), (0, "Normal"), (1, "High"), (2, "Force")]
QUEUED_STATES = {"Grabbing", "Queued", "Propagating", "Fetching", "Checking"}


def parse_timeleft(text: str) -> timedelta | None:
    """SABnzbd's `timeleft` is `H:MM:SS`, or `D:HH:MM:SS` past a day."""
    parts = [as_int(part, -1) for part in str(text).split(":")]
    if not parts or any(part < 0 for part in parts) or len(parts) > 4:
        return None
    while len(parts) < 4:
        parts.insert(0, 0)
    days, hours, minutes, seconds = parts
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


class Sabnzbd(BaseDownloadClient):
    implementation = "Sabnzbd"
    implementation_name = "SABnzbd"
    info_link = "https://wiki.servarr.com/radarr/supported#sabnzbd"
    protocol = "usenet"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 8080)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        url_base: str = setting(
            "URL Base",
            advanced=True,
            help_text="Adds a prefix to the Sabnzbd url, such as http://[host]:[port]/[urlBase]/api",
        )
        api_key: str = setting("API Key", secret=True, privacy="apiKey")
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            "movies",
            help_text="A category specific to Radarr avoids conflicts with unrelated downloads",
        )
        recent_movie_priority: int = setting(
            "Recent Priority", -100, field_type="select", select_options=PRIORITIES
        )
        older_movie_priority: int = setting(
            "Older Priority", -100, field_type="select", select_options=PRIORITIES
        )

    # ---- transport

    def _auth(self) -> dict[str, str]:
        if self.settings.api_key:
            return {"apikey": self.settings.api_key}
        return {"ma_username": self.settings.username, "ma_password": self.settings.password}

    def api(self, mode: str, method: str = "GET", files: Any = None, **params: Any) -> dict[str, Any]:
        query = {"mode": mode, "output": "json", **self._auth(), **params}
        response = self.request(method, f"{self.base_url()}/api", params=query, files=files)
        if response.status_code in (401, 403):
            raise self._auth_error()
        self.reject_http_error(response)
        if response.text.lower().startswith("error:"):  # older versions answer errors in plain text
            raise self._error(response.text[6:].strip())
        answer = self.json_object(response, "not a JSON object")
        if answer.get("status") is False or "error" in answer:
            raise self._error(str(answer.get("error") or "unknown error"))
        return answer

    def _auth_error(self) -> ProviderError:
        what = "API key" if self.settings.api_key else "username and password"
        return ProviderError(f"Authentication failed: check the {what}", permanent=True)

    def _error(self, message: str) -> ProviderError:
        if re.search(r"api key|apikey|authentication|login", message, re.IGNORECASE):
            return self._auth_error()
        return ProviderError(f"SABnzbd: {message}")

    def version(self) -> str:
        return str(self.api("version").get("version", ""))

    def config(self) -> dict[str, Any]:
        config = self.api("get_config").get("config")
        if not isinstance(config, dict):
            raise self.unexpected("no configuration")
        return config

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        name = f"{clean_file_name(release.title)}.nzb"
        params = {
            "cat": self.category_for(category_override),
            "priority": self.priority_for(is_recent),
            "nzbname": clean_file_name(release.title),
        }
        files = {"name": (name, require_nzb(payload), "application/x-nzb")}
        answer = self.api("addfile", method="POST", files=files, **params)
        ids = answer.get("nzo_ids")
        if not isinstance(ids, list) or not ids:
            raise ProviderError(f"SABnzbd did not accept {release.title}")
        return str(ids[0])

    def items(self) -> list[DownloadItem]:
        return self._queue_items() + self._history_items()

    def _queue_items(self) -> list[DownloadItem]:
        queue = self.api("queue", start=0, limit=0).get("queue")
        if not isinstance(queue, dict):
            raise self.unexpected("no queue")
        paused = bool(queue.get("paused"))
        items = []
        for slot in queue.get("slots") or []:
            if not isinstance(slot, dict) or not self.is_our_category(slot.get("cat")):
                continue
            state = str(slot.get("status", ""))
            if paused or state == "Paused":
                status = ItemStatus.PAUSED
            elif state in QUEUED_STATES:
                status = ItemStatus.QUEUED
            else:
                status = ItemStatus.DOWNLOADING
            remaining = round(as_float(slot.get("mbleft")) * MEGABYTE)
            timeleft = parse_timeleft(slot.get("timeleft", ""))
            items.append(
                DownloadItem(
                    download_id=str(slot.get("nzo_id", "")),
                    title=str(slot.get("filename", "")),
                    status=status,
                    category=str(slot.get("cat") or ""),
                    total_size=round(as_float(slot.get("mb")) * MEGABYTE),
                    remaining_size=remaining,
                    remaining_time=None if paused or (timeleft == timedelta(0) and remaining) else timeleft,
                    can_move_files=True,
                    can_be_removed=True,
                )
            )
        return items

    def _history_items(self) -> list[DownloadItem]:
        filters = self.category_filter("category")
        history = self.api("history", start=0, limit=HISTORY_LIMIT, **filters).get("history")
        if not isinstance(history, dict):
            raise self.unexpected("no history")
        items = []
        for slot in history.get("slots") or []:
            if not isinstance(slot, dict) or not self.is_our_category(slot.get("category")):
                continue
            state = str(slot.get("status", ""))
            message = str(slot.get("fail_message") or "")
            if state == "Failed":
                status = ItemStatus.FAILED
            elif state == "Completed":
                status = ItemStatus.COMPLETED
            else:  # Verifying, Repairing, Extracting, Moving, Running: still working on it
                status = ItemStatus.DOWNLOADING
            items.append(
                DownloadItem(
                    download_id=str(slot.get("nzo_id", "")),
                    title=str(slot.get("name", "")),
                    status=status,
                    category=str(slot.get("category") or ""),
                    total_size=as_int(slot.get("bytes")),
                    remaining_time=timedelta(0),
                    message=message,
                    output_path=self.map_path(str(slot.get("storage") or "")),
                    can_move_files=True,
                    can_be_removed=True,
                    is_encrypted="encrypted" in message.lower(),
                )
            )
        return items

    def remove(self, download_id: str, delete_data: bool) -> None:
        queue = self.api("queue", start=0, limit=0).get("queue") or {}
        in_queue = any(
            slot.get("nzo_id") == download_id for slot in queue.get("slots") or [] if isinstance(slot, dict)
        )
        mode = "queue" if in_queue else "history"
        self.api(mode, name="delete", value=download_id, del_files=1 if delete_data else 0)

    def status(self) -> ClientStatus:
        config = self.config()
        misc = config.get("misc") or {}
        folder = str(misc.get("complete_dir") or "")
        category = self._category(config)
        if category and category.get("dir"):
            directory = str(category["dir"])
            folder = (
                directory
                if directory.startswith(("/", "\\")) or directory[1:2] == ":"
                else f"{folder.rstrip('/')}/{directory}"
            )
        return self.client_status(folder)

    def _category(self, config: dict[str, Any]) -> dict[str, Any] | None:
        wanted = (self.settings.movie_category or "*").lower()
        for category in config.get("categories") or []:
            if isinstance(category, dict) and str(category.get("name", "")).lower() == wanted:
                return category
        return None

    def check(self) -> list[Failure]:
        if not self.settings.api_key and not (self.settings.username and self.settings.password):
            return [Failure("apiKey", "API Key is required when username/password are not configured")]
        version = self.version()
        if not re.match(r"\d", version) and version != "develop":
            raise self.unexpected(f"version {version[:40]!r}")
        config = self.config()
        if self.settings.movie_category and self._category(config) is None:
            return [self.missing_category()]
        if not self.settings.movie_category:
            return [category_recommended()]
        return []
