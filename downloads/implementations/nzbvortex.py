"""NZBVortex 3 (API level 2.3 and newer) through its HTTPS API at /api.

NZBVortex never sees the API key: we ask for a nonce, send sha256(nonce:cnonce:key) (base64) and get a
session id that every later call carries; a call answered `notLoggedIn` logs in again, once. The
category is an NZBVortex group. NZBVortex serves only HTTPS (usually with its own certificate: see
Settings → General → Certificate Validation).
"""

import base64
import hashlib
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from downloads.implementations.base import (
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_int,
    clean_file_name,
    require_nzb,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

API_KEY_INCORRECT = "Authentication failed: the API Key is incorrect"
MINIMUM_API_LEVEL = (2, 3)
DONE_LIMIT = 30  # finished downloads NZBVortex lists with the queue (Radarr's)
PRIORITIES = [(-1, "Low"), (0, "Normal"), (1, "High")]
WAITING, PASSWORD_REQUEST, DONE = 0, 5, 20
FAILED_STATES = {21: "Uncompressing failed", 22: "Check failed: the data is corrupt", 24: "Badly encoded"}

_sessions: dict[str, str] = {}  # session id per API address and key; outlives one provider object
_lock = threading.Lock()


def _lower_keys(value: Any) -> dict[str, Any]:
    """NZBVortex's JSON with its keys lower-cased (its casing varies between versions)."""
    return {str(key).lower(): item for key, item in value.items()} if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _result(answer: dict[str, Any]) -> str:
    return str(answer.get("result", "ok")).replace("_", "").lower()


class NzbVortex(BaseDownloadClient):
    implementation = "NzbVortex"
    implementation_name = "NZBVortex"
    info_link = "https://wiki.servarr.com/radarr/supported#nzbvortex"
    protocol = "usenet"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 4321)
        url_base: str = setting(
            "URL Base",
            advanced=True,
            help_text="Adds a prefix to the NZBVortex url, such as http://[host]:[port]/[urlBase]/api",
        )
        api_key: str = setting("API Key", secret=True, privacy="apiKey")
        movie_category: str = setting(
            "Group",
            "Movies",
            name="tvCategory",  # Radarr's field name
            help_text="A group specific to Radarr avoids conflicts with unrelated downloads",
        )
        recent_movie_priority: int = setting(
            "Recent Priority", 0, field_type="select", select_options=PRIORITIES
        )
        older_movie_priority: int = setting(
            "Older Priority", 0, field_type="select", select_options=PRIORITIES
        )

    def validate(self) -> list[Failure]:
        if not self.settings.api_key.strip():
            return [Failure("apiKey", "API Key is required")]
        return []

    def base_url(self) -> str:
        url_base = str(self.settings.url_base or "").strip("/")
        url = f"https://{self.host.strip()}:{self.settings.port}"
        return f"{url}/{url_base}" if url_base else url

    # ---- transport

    def _get(self, resource: str, **params: Any) -> dict[str, Any]:
        response = self.request("GET", f"{self.base_url()}/api/{resource}", params=params)
        self.reject_http_error(response)
        return _lower_keys(self.json_object(response, "not a JSON object"))

    def _login(self) -> str:
        nonce = str(self._get("auth/nonce").get("authnonce") or "")
        if not nonce:
            raise self.unexpected("no authentication nonce")
        cnonce = str(uuid.uuid4())
        digest = hashlib.sha256(f"{nonce}:{cnonce}:{self.settings.api_key}".encode()).digest()
        answer = self._get("auth/login", nonce=nonce, cnonce=cnonce, hash=base64.b64encode(digest).decode())
        if str(answer.get("loginresult", "")).lower() != "successful" or not answer.get("sessionid"):
            raise ProviderError(API_KEY_INCORRECT, permanent=True)
        with _lock:
            _sessions[self._session_key()] = str(answer["sessionid"])
        return str(answer["sessionid"])

    def _session_key(self) -> str:
        return f"{self.base_url()}:{self.settings.api_key}"

    def call(self, resource: str, method: str = "GET", files: Any = None, **params: Any) -> dict[str, Any]:
        """An authenticated call; a `notLoggedIn` answer logs in once more and retries."""
        session = _sessions.get(self._session_key()) or self._login()
        for attempt in range(2):
            response = self.request(
                method,
                f"{self.base_url()}/api/{resource}",
                params={**params, "sessionid": session},
                files=files,
            )
            self.reject_http_error(response)
            answer = _lower_keys(self.json_object(response, "not a JSON object"))
            if _result(answer) != "notloggedin":
                break
            if attempt:
                raise ProviderError("NZBVortex keeps refusing the session: check the API Key")
            session = self._login()
        if _result(answer) == "unknowncommand":
            raise ProviderError(f"NZBVortex does not know {resource}: version 3 or newer is needed")
        return answer

    def groups(self) -> list[str]:
        groups = _list(self.call("group").get("groups"))
        return [str(_lower_keys(group).get("groupname", "")) for group in groups if isinstance(group, dict)]

    def _queue(self, done_limit: int = DONE_LIMIT) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"limitDone": done_limit}
        if self.settings.movie_category:
            params["groupName"] = self.settings.movie_category
        nzbs = self.call("nzb", **params).get("nzbs")
        if nzbs is None:
            return []
        if not isinstance(nzbs, list):
            raise self.unexpected("the queue is not a list")
        return [_lower_keys(nzb) for nzb in nzbs if isinstance(nzb, dict)]

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        params: dict[str, Any] = {"priority": self.priority_for(is_recent)}
        if group := self.category_for(category_override):
            params["groupname"] = group
        files = {"name": (f"{clean_file_name(release.title)}.nzb", require_nzb(payload), "application/x-nzb")}
        answer = self.call("nzb/add", method="POST", files=files, **params)
        added = answer.get("add_uuid")
        if not added:
            raise ProviderError(f"NZBVortex did not accept {release.title}")
        return str(added)

    def items(self) -> list[DownloadItem]:
        return [self._item(nzb) for nzb in self._queue()]

    def _item(self, nzb: dict[str, Any]) -> DownloadItem:
        state = as_int(nzb.get("state"))
        total = as_int(nzb.get("totaldownloadsize"))
        if nzb.get("ispaused"):
            status = ItemStatus.PAUSED
        elif state == WAITING:
            status = ItemStatus.QUEUED
        elif state == DONE:
            status = ItemStatus.COMPLETED
        elif state in FAILED_STATES:
            status = ItemStatus.FAILED
        else:
            status = ItemStatus.DOWNLOADING
        item = DownloadItem(
            download_id=str(nzb.get("adduuid") or nzb.get("id", "")),
            title=str(nzb.get("uititle", "")),
            status=status,
            category=str(nzb.get("groupname") or ""),
            total_size=total,
            remaining_size=max(0, total - as_int(nzb.get("downloadedsize"))),
            remaining_time=timedelta(0) if status == ItemStatus.COMPLETED else None,
            message=FAILED_STATES.get(state, ""),
            can_move_files=True,
            can_be_removed=True,
            is_encrypted=state == PASSWORD_REQUEST,
        )
        item.output_path = self._output_path(nzb, item)
        return item

    def _output_path(self, nzb: dict[str, Any], item: DownloadItem) -> str:
        """The destination folder when it is the job's own; else, once done, its one file in it."""
        folder = self.map_path(str(nzb.get("destinationpath") or "")).rstrip("/\\")
        if folder.replace("\\", "/").rsplit("/", 1)[-1] == item.title:
            return folder
        if as_int(nzb.get("state")) != DONE:
            return ""
        files = _list(self.call(f"file/{as_int(nzb.get('id'))}").get("files"))
        names = [str(_lower_keys(file).get("filename", "")) for file in files if isinstance(file, dict)]
        if not names:
            return folder
        if len(names) > 1:
            item.status = ItemStatus.WARNING
            item.message = (
                f"NZBVortex put several files straight into {folder}: set it to move each download into "
                "a folder of its own, else Radarr cannot tell which files are this download's"
            )
        return f"{folder}/{names[0]}"

    def remove(self, download_id: str, delete_data: bool) -> None:
        action = "cancelDelete" if delete_data else "cancel"
        if download_id.isdigit():
            self.call(f"nzb/{download_id}/{action}")
            return
        for nzb in self._queue():
            if str(nzb.get("adduuid")) == download_id:
                self.call(f"nzb/{as_int(nzb.get('id'))}/{action}")
                return

    def status(self) -> ClientStatus:
        return ClientStatus([], self.is_localhost())

    def check(self) -> list[Failure]:
        self._get("app/appversion")
        level = str(self._get("app/apilevel").get("apilevel", ""))
        parts = tuple(as_int(part, -1) for part in level.split(".")[:2])
        if len(parts) < 2 or parts < MINIMUM_API_LEVEL:
            return [
                Failure("host", f"NZBVortex API level {level or 'unknown'} is not supported: 2.3 or newer")
            ]
        try:
            groups = self.groups()
        except ProviderError as error:
            if error.message == API_KEY_INCORRECT:
                return [Failure("apiKey", "API Key is incorrect")]
            raise
        group = self.settings.movie_category
        if not group:
            return [Failure("tvCategory", "A category is recommended", severity="warning")]
        if group not in groups:
            return [Failure("tvCategory", f"Group '{group}' does not exist in NZBVortex: create it first")]
        return []
