"""Freebox Download (the downloader of French ISP Free's Freebox) through the Freebox OS API.

An app registered on the box (its App ID and App Token, approved on the box's screen) opens a session:
GET /login gives a challenge, POST /login/session sends HMAC-SHA1(app token, challenge) and gets a
session token, which every call carries in X-Fbx-App-Auth. Folders travel base64-encoded. The
category is a sub-folder of the download folder, as for Transmission.
"""

import base64
import binascii
import hashlib
import hmac
import re
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import requests

from downloads.implementations.base import (
    PRIORITY_LAST_FIRST,
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_int,
    clean_file_name,
    torrent_to_add,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

SESSION_HEADER = "X-Fbx-App-Auth"
STATUS_BY_STATE = {
    "stopped": ItemStatus.PAUSED,
    "stopping": ItemStatus.PAUSED,
    "queued": ItemStatus.QUEUED,
    "starting": ItemStatus.DOWNLOADING,
    "downloading": ItemStatus.DOWNLOADING,
    "retry": ItemStatus.DOWNLOADING,
    "checking": ItemStatus.DOWNLOADING,
    "error": ItemStatus.WARNING,
    "done": ItemStatus.COMPLETED,
    "seeding": ItemStatus.COMPLETED,
}
# the box's error codes in plain words (its API documentation's)
API_ERRORS = {
    "invalid_request": "Your request is invalid.",
    "invalid_api_version": "Invalid API base url or unknown API version.",
    "internal_error": "Internal error.",
    "auth_required": "Invalid session token, or no session token sent.",
    "invalid_token": "The app token you are trying to use is invalid or has been revoked.",
    "pending_token": "The app token you are trying to use has not been validated by user yet.",
    "insufficient_rights": "Your app permissions does not allow accessing this API.",
    "denied_from_external_ip": "You are trying to get an app_token from a remote IP.",
    "ratelimited": "Too many auth error have been made from your IP.",
    "new_apps_denied": "New application token request has been disabled.",
    "apps_denied": "API access from apps has been disabled.",
    "task_not_found": "No task was found with the given id.",
    "invalid_operation": "Attempt to perform an invalid operation.",
    "invalid_file": "Error with the download file (invalid format ?).",
    "invalid_url": "URL is invalid.",
    "hibernating": "The downloader is hibernating.",
    "too_many_tasks": "Too many tasks.",
    "exists": "Same task already exists.",
}
TASK_ERRORS = {
    "internal": "Internal error.",
    "disk_full": "The disk is full.",
    "unknown": "Unknown error.",
    "parse_error": "Parse error.",
    "unknown_host": "Unknown host.",
    "timeout": "Timeout.",
    "bad_authentication": "Invalid credentials.",
    "connection_refused": "Remote host refused connection.",
    "bt_tracker_error": "Unable to announce on tracker.",
    "bt_missing_files": "Missing torrent files.",
    "bt_file_error": "Error accessing torrent files.",
    "missing_ctx_file": "Error accessing task context file.",
}
CATEGORY_RULE = re.compile(r"\.?[-a-z]*", re.IGNORECASE)

_sessions: dict[str, str] = {}  # session token per box and app; outlives one provider object
_lock = threading.Lock()


def _encode(path: str) -> str:
    return base64.b64encode(path.encode()).decode()


def _object(value: Any) -> dict[str, Any]:
    """A result that should be an object; anything else reads as an empty one (and fails its checks)."""
    return value if isinstance(value, dict) else {}


def _decode(value: Any) -> str:
    try:
        return base64.b64decode(str(value or "")).decode()
    except (binascii.Error, UnicodeDecodeError):
        return ""


class FreeboxError(ProviderError):
    """The box refused our app or session (`code`: its error_code, e.g. invalid_token, auth_required)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, permanent=code != "auth_required")
        self.code = code


class TorrentFreeboxDownload(BaseDownloadClient):
    implementation = "TorrentFreeboxDownload"
    implementation_name = "Freebox Download"
    info_link = "https://wiki.servarr.com/radarr/supported#torrentfreeboxdownload"
    protocol = "torrent"

    @dataclass
    class Settings:
        host: str = setting(
            "Host",
            "mafreebox.freebox.fr",
            help_text="The Freebox's host name or address (mafreebox.freebox.fr)",
        )
        port: int = setting("Port", 443, help_text="The port of the Freebox's API (443)")
        use_ssl: bool = setting("Use SSL", True, field_type="checkbox", help_text="Use a secure connection")
        api_url: str = setting(
            "API URL",
            "/api/v1/",
            advanced=True,
            help_text="The Freebox API's base URL with its version, e.g. http://[host]:[port]/[api_base_url]/"
            "[api_version]/; /api/v1/ by default",
        )
        app_id: str = setting(
            "App ID", help_text="The App ID given when the app was registered on the Freebox"
        )
        app_token: str = setting(
            "App Token",
            field_type="password",
            secret=True,
            help_text="The App Token the Freebox gave when the app was registered",
        )
        destination_directory: str = setting(
            "Destination",
            advanced=True,
            help_text="Optional location to put downloads in; blank: the Freebox's default",
        )
        movie_category: str = setting(
            "Category",
            name="category",
            help_text="Adding a category specific to Radarr avoids conflicts with unrelated downloads. "
            "Creates a [category] subdirectory in the output directory.",
        )
        recent_movie_priority: int = setting(
            "Recent Priority",
            0,
            name="recentPriority",
            field_type="select",
            select_options=PRIORITY_LAST_FIRST,
        )
        older_movie_priority: int = setting(
            "Older Priority", 0, name="olderPriority", field_type="select", select_options=PRIORITY_LAST_FIRST
        )
        add_paused: bool = setting("Add Paused", False, field_type="checkbox")

    @classmethod
    def config_contract(cls) -> str:
        return "FreeboxDownloadSettings"

    def validate(self) -> list[Failure]:
        settings = self.settings
        failures = [
            Failure(name, f"'{label}' must not be empty.")
            for name, label, value in (
                ("apiUrl", "API URL", settings.api_url),
                ("appId", "App ID", settings.app_id),
                ("appToken", "App Token", settings.app_token),
            )
            if not str(value or "").strip()
        ]
        category = settings.movie_category or ""
        if not CATEGORY_RULE.fullmatch(category):
            failures.append(Failure("category", "Allowed characters a-z and -", category))
        if category and settings.destination_directory:
            message = "Cannot use 'Category' and 'Destination Directory' at the same time."
            failures.append(Failure("category", message, category))
        return failures

    # ---- transport

    def base_url(self) -> str:
        api = "/" + str(self.settings.api_url or "").strip("/")
        scheme = "https" if self.settings.use_ssl else "http"
        return f"{scheme}://{self.host.strip()}:{self.settings.port}{api}"

    def _session_key(self) -> str:
        return f"{self.host}:{self.settings.app_id}:{self.settings.app_token}"

    def _send(self, method: str, resource: str, token: str | None, **kwargs: Any) -> Any:
        headers = {SESSION_HEADER: token} if token else {}
        response = self.request(method, f"{self.base_url()}{resource}", headers=headers, **kwargs)
        return self._result(response)

    def _result(self, response: requests.Response) -> Any:
        if response.status_code in (401, 403):
            with _lock:
                _sessions.pop(self._session_key(), None)
            answer = self._error_answer(response)
            reason = self._describe(answer) if answer else f"HTTP {response.status_code}"
            message = f"Authentication to the Freebox API failed: {reason}"
            raise FreeboxError(message, str(answer.get("error_code") or ""))
        if response.status_code == 404:
            raise ProviderError("Unable to reach the Freebox API: check the API URL (base and version)")
        if response.status_code != 200:
            raise ProviderError(f"Freebox answered HTTP {response.status_code}: check the host and port")
        answer = self.json_object(response, "not a JSON object")
        if not answer.get("success"):
            raise ProviderError(f"The Freebox API refused: {self._describe(answer)}")
        return answer.get("result")

    def _error_answer(self, response: requests.Response) -> dict[str, Any]:
        try:
            return self.json_object(response, "no error")
        except ProviderError:
            return {}

    @staticmethod
    def _describe(answer: dict[str, Any]) -> str:
        code = str(answer.get("error_code") or "")
        return API_ERRORS.get(code) or f"{code or 'unknown'} - {answer.get('msg') or 'Unknown error'}"

    def _open_session(self) -> str:
        login = self._send("GET", "/login", None)
        challenge = str(_object(login).get("challenge") or "")
        if not challenge:
            raise self.unexpected("the login answer holds no challenge")
        key = self.settings.app_token.encode()
        password = hmac.new(key, challenge.encode(), hashlib.sha1).hexdigest()
        body = {"app_id": self.settings.app_id, "password": password}
        session = self._send("POST", "/login/session", None, json=body)
        token = str(_object(session).get("session_token") or "")
        if not token:
            raise self.unexpected("the session answer holds no session token")
        with _lock:
            _sessions[self._session_key()] = token
        return token

    def call(self, method: str, resource: str, **kwargs: Any) -> Any:
        """A call in our session; an expired session (auth_required) is opened again, once."""
        token = _sessions.get(self._session_key()) or self._open_session()
        try:
            return self._send(method, resource, token, **kwargs)
        except FreeboxError as error:
            if error.code != "auth_required":
                raise
        return self._send(method, resource, self._open_session(), **kwargs)  # the session expired

    # ---- the interface

    def download_directory(self) -> str:
        """Radarr's rule: the Destination setting, else the box's download folder (+ /category)."""
        if self.settings.destination_directory:
            return self.settings.destination_directory.rstrip("/")
        config = self.call("GET", "/downloads/config/")
        folder = _decode(_object(config).get("download_dir")).rstrip("/")
        if self.settings.movie_category:
            folder = f"{folder}/{self.settings.movie_category}"
        return folder

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        folder = _encode(self.download_directory())
        _, magnet = torrent_to_add(release, payload)
        if magnet:
            task = self.call("POST", "/downloads/add", data={"download_url": magnet, "download_dir": folder})
        else:
            files = {"download_file": (f"{clean_file_name(release.title)}.torrent", payload)}
            task = self.call("POST", "/downloads/add", data={"download_dir": folder}, files=files)
        task_id = str(_object(task).get("id", ""))
        if not task_id:
            raise ProviderError(f"The Freebox did not add {release.title}")
        changes: dict[str, Any] = {}
        if self.settings.add_paused:
            changes["status"] = "stopped"
        if self.priority_for(is_recent) == 1:
            changes["queue_pos"] = "1"
        if release.seed_ratio is not None:  # the box stops seeding at this ratio (in hundredths; 0: never)
            changes["stop_ratio"] = release.seed_ratio * 100
        if changes:
            self.call("PUT", f"/downloads/{task_id}", json=changes)
        return task_id

    def items(self) -> list[DownloadItem]:
        tasks = self.call("GET", "/downloads/") or []
        if not isinstance(tasks, list):
            raise self.unexpected("the task list is not a list")
        destination = self.settings.destination_directory.rstrip("/")
        category = self.settings.movie_category
        items = []
        for task in tasks:
            if not isinstance(task, dict) or str(task.get("type", "")).lower() != "bt":
                continue
            folder = _decode(task.get("download_dir")).rstrip("/")
            if destination and not (folder == destination or folder.startswith(destination + "/")):
                continue
            if not destination and category and category not in re.split(r"[\\/]", folder):
                continue
            items.append(self._item(task, folder))
        return items

    def _item(self, task: dict[str, Any], folder: str) -> DownloadItem:
        state = str(task.get("status", "")).lower()
        size = as_int(task.get("size"))
        eta = as_int(task.get("eta"))
        status = STATUS_BY_STATE.get(state, ItemStatus.DOWNLOADING)
        if state == "error":
            error = str(task.get("error") or "")
            message = TASK_ERRORS.get(error, f"{error} - Unknown error")
        elif state in STATUS_BY_STATE:
            message = ""
        else:
            message = f"Unknown download state: {state}"
        stop_ratio = as_int(task.get("stop_ratio"))
        return DownloadItem(
            download_id=str(task.get("id", "")),
            title=str(task.get("name", "")),
            status=status,
            category=self.settings.movie_category,
            total_size=size,
            remaining_size=round(size * (1 - as_int(task.get("rx_pct")) / 10000)),
            remaining_time=timedelta(seconds=eta) if eta > 0 else None,
            message=message,
            output_path=self.map_path(f"{folder}/{task.get('name', '')}"),
            # a torrent that reached its seed ratio stops seeding and is "done"
            can_move_files=state == "done",
            can_be_removed=state == "done",
            seed_ratio=stop_ratio / 100 if stop_ratio > 0 else 0.0,
        )

    def remove(self, download_id: str, delete_data: bool) -> None:
        self.call("DELETE", f"/downloads/{download_id}" + ("/erase" if delete_data else ""))

    def status(self) -> ClientStatus:
        return self.client_status(self.download_directory())

    def check(self) -> list[Failure]:
        try:
            login = self._send("GET", "/login", _sessions.get(self._session_key()) or self._open_session())
            if not _object(login).get("logged_in"):  # a session the box forgot: open a new one, once
                login = self._send("GET", "/login", self._open_session())
        except FreeboxError as error:
            return [Failure("appId", error.message), Failure("appToken", error.message)]
        if not _object(login).get("logged_in"):
            return [
                Failure("appToken", "The Freebox did not open a session for this app: check the App Token")
            ]
        return []
