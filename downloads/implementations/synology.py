"""Synology DiskStation's Web API, as Download Station needs it.

Discovery first: SYNO.API.Info (query.cgi, the one fixed path) says where each API lives and which
versions it speaks. SYNO.API.Auth logs in and gives a session id (`sid`) every later call carries as
`_sid`; a session the box forgot (codes 106, 107, 119) is opened again, once. Errors come back as
HTTP 200 with `{"success": false, "error": {"code": N}}`: the code's meaning depends on the API.
What we learn (API paths, sessions, the serial number, shared folders' real paths) is kept for the
process, as Radarr keeps it, because a provider object lives for one call.
"""

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from downloads.implementations.base import as_int
from radarr.providers import ProviderError

if TYPE_CHECKING:
    from downloads.implementations.base import BaseDownloadClient

INFO_API = "SYNO.API.Info"
AUTH_API = "SYNO.API.Auth"
TASK_API = "SYNO.DownloadStation.Task"
TASK2_API = "SYNO.DownloadStation2.Task"
DS_INFO_API = "SYNO.DownloadStation.Info"
LOCATION_API = "SYNO.DownloadStation2.Settings.Location"
FILE_API = "SYNO.FileStation.List"
DSM_INFO_API = "SYNO.DSM.Info"
SESSION_ERRORS = {105, 106, 107, 119}
EXPIRED_SESSION_ERRORS = {106, 107, 119}
INFO_SECONDS, SESSION_SECONDS, SHARE_SECONDS = 3600, 6 * 3600, 3600

COMMON_ERRORS = {
    100: "Unknown error",
    101: "Invalid parameter",
    102: "The requested API does not exist",
    103: "The requested method does not exist",
    104: "The requested version does not support the functionality",
    105: "The logged in session does not have permission",
    106: "Session timeout",
    107: "Session interrupted by duplicate login",
    119: "SID not found",
}
AUTH_ERRORS = {
    400: "No such account or incorrect password",
    401: "Disabled account",
    402: "Denied permission",
    403: "2-step authentication code required",
    404: "Failed to authenticate 2-step authentication code",
    406: "Enforce to authenticate with 2-factor authentication code",
    407: "Blocked IP source",
    408: "Expired password cannot change",
    409: "Expired password",
    410: "Password must be changed",
}
TASK_ERRORS = {
    400: "File upload failed",
    401: "Max number of tasks reached",
    402: "Destination denied",
    403: "Destination does not exist",
    404: "Invalid task id",
    405: "Invalid task action",
    406: "No default destination",
    407: "Set destination failed",
    408: "File does not exist",
}
FILE_ERRORS = {
    160: "Permission denied: give the user access to File Station",
    400: "Invalid parameter of file operation",
    401: "Unknown error of file operation",
    402: "System is too busy",
    407: "Operation not permitted",
    408: "No such file or directory",
    418: "Illegal name or path",
}
ERRORS_BY_API = {AUTH_API: AUTH_ERRORS, TASK_API: TASK_ERRORS, TASK2_API: TASK_ERRORS, FILE_API: FILE_ERRORS}


@dataclass(frozen=True, slots=True)
class ApiInfo:
    name: str
    path: str
    min_version: int
    max_version: int


class DiskStationError(ProviderError):
    """The box answered `success: false` with `code`."""

    def __init__(self, message: str, code: int, *, permanent: bool = False) -> None:
        super().__init__(message, permanent=permanent)
        self.code = code


class DiskStationAuthError(DiskStationError):
    """The box refused the account (wrong password, disabled, 2-step code needed, no permission)."""


_infos: dict[str, tuple[float, dict[str, ApiInfo | None]]] = {}  # None: asked for, the box has none
_sessions: dict[str, tuple[float, str]] = {}
_shares: dict[str, tuple[float, str]] = {}
_lock = threading.Lock()


def error_message(api: str, code: int) -> str:
    specific = ERRORS_BY_API.get(api, {})
    return specific.get(code) or COMMON_ERRORS.get(code) or f"{code} - Unknown error"


class DiskStation:
    """Calls to one DiskStation, through the provider's HTTP session and settings."""

    def __init__(self, client: "BaseDownloadClient") -> None:
        self.client = client
        settings = client.settings
        self.box = f"{client.host}:{settings.port}"
        # the password is part of the key: the test button must not pass on a session the right one opened
        secret = hashlib.sha256(str(settings.password).encode()).hexdigest()[:16]
        self.session_key = f"{settings.username}@{self.box}#{secret}"

    # ---- discovery and session

    def api(self, name: str) -> ApiInfo | None:
        """Where `name` lives and which versions it speaks; None when the box does not have it."""
        cached = _infos.get(self.box)
        if cached is None or time.monotonic() - cached[0] > INFO_SECONDS or name not in cached[1]:
            self._discover(name)
            cached = _infos[self.box]
        return cached[1].get(name)

    def _discover(self, name: str) -> None:
        wanted = {AUTH_API, TASK_API, TASK2_API, DS_INFO_API, FILE_API, DSM_INFO_API, name}
        params = {"api": INFO_API, "version": 1, "method": "query", "query": ",".join(sorted(wanted))}
        data = self._answer(INFO_API, "get api info", self._send("GET", "query.cgi", params=params))
        if not isinstance(data, dict):
            raise self.client.unexpected("the API list is not an object")
        known: dict[str, ApiInfo | None] = {**_infos.get(self.box, (0.0, {}))[1], **dict.fromkeys(wanted)}
        for api_name, info in data.items():
            if isinstance(info, dict) and info.get("path"):
                known[api_name] = ApiInfo(
                    api_name,
                    str(info["path"]).lstrip("/\\"),
                    as_int(info.get("minVersion"), 1),
                    as_int(info.get("maxVersion"), 1),
                )
        with _lock:
            _infos[self.box] = (time.monotonic(), known)

    def require(self, name: str) -> ApiInfo:
        info = self.api(name)
        if info is None:
            raise ProviderError(
                f"The DiskStation at {self.box} has no {name} API: is Download Station installed?"
            )
        return info

    def sid(self) -> str:
        cached = _sessions.get(self.session_key)
        if cached and time.monotonic() - cached[0] < SESSION_SECONDS:
            return cached[1]
        auth = self.require(AUTH_API)
        settings = self.client.settings
        params = {
            "api": AUTH_API,
            "version": 6 if auth.max_version >= 7 else 2,
            "method": "login",
            "account": settings.username,
            "passwd": settings.password,
            "format": "sid",
            "session": "DownloadStation",
        }
        data = self._answer(AUTH_API, "log in", self._send("GET", auth.path, params=params))
        sid = str((data or {}).get("sid") or "")
        if not sid:
            raise self.client.unexpected("the login answer holds no session id")
        with _lock:
            _sessions[self.session_key] = (time.monotonic(), sid)
        return sid

    def forget_session(self) -> None:
        with _lock:
            _sessions.pop(self.session_key, None)

    # ---- calls

    def call(
        self,
        name: str,
        method: str,
        version: int,
        operation: str,
        *,
        params: dict[str, Any] | list[tuple[str, Any]] | None = None,
        form: dict[str, Any] | None = None,
        files: Any = None,
        sid_in_query: bool = False,
    ) -> Any:
        """One authenticated call of API `name`; `operation` names it in errors ("get tasks")."""
        info = self.require(name)
        if not info.min_version <= version <= info.max_version:
            raise ProviderError(
                f"{name} speaks versions {info.min_version} to {info.max_version}, Radarr needs {version}"
            )
        arguments = (info, method, version, operation, params, form, files, sid_in_query)
        try:
            return self._call_once(*arguments)
        except DiskStationError as error:
            if error.code not in EXPIRED_SESSION_ERRORS:
                raise
        return self._call_once(*arguments)  # the box forgot our session: a new one, once

    def _call_once(
        self,
        info: ApiInfo,
        method: str,
        version: int,
        operation: str,
        params: dict[str, Any] | list[tuple[str, Any]] | None,
        form: dict[str, Any] | None,
        files: Any,
        sid_in_query: bool,
    ) -> Any:
        sid = self.sid()
        fixed = {"api": info.name, "version": version, "method": method}
        query = list(params.items() if isinstance(params, dict) else params or [])
        if form is None and files is None:
            response = self._send("GET", info.path, params=[("_sid", sid), *fixed.items(), *query])
        else:
            body = {**fixed, **(form or {})}
            if sid_in_query:
                query.insert(0, ("_sid", sid))
            else:
                body["_sid"] = sid
            response = self._send("POST", info.path, params=query, data=body, files=files)
        return self._answer(info.name, operation, response)

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        url = f"{self.client.base_url()}/webapi/{path}"
        return self.client.request(method, url, allow_redirects=False, **kwargs)

    def _answer(self, api: str, operation: str, response: Any) -> Any:
        if response.status_code != 200:
            raise ProviderError(
                f"Unable to connect to the DiskStation ({self.box} answered HTTP {response.status_code}): "
                "check the host, port and Use SSL"
            )
        try:
            answer = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            answer = None
        if not isinstance(answer, dict) or "success" not in answer:
            raise self.client.unexpected("not a DiskStation API answer (is this a Synology box?)")
        if answer["success"]:
            return answer.get("data")
        error = answer.get("error")
        code = as_int(error.get("code"), 100) if isinstance(error, dict) else 100
        message = f"Failed to {operation}: {error_message(api, code)}"
        if code in SESSION_ERRORS:
            self.forget_session()
        if api == AUTH_API or code == 105:
            raise DiskStationAuthError(f"Authentication failed: {message}", code, permanent=True)
        raise DiskStationError(message, code)

    # ---- facts about the box

    def serial_hash(self) -> str:
        """The box's serial number, hashed (Radarr's download ids start with it)."""
        key = f"serial:{self.client.host}"
        cached = _shares.get(key)
        if cached and time.monotonic() - cached[0] < 300:
            return cached[1]
        info = self.require(DSM_INFO_API)
        data = self.call(DSM_INFO_API, "getinfo", info.min_version, "get serial number")
        serial = str((data or {}).get("serial") or "")
        hashed = hashlib.sha1(serial.encode()).hexdigest().upper()
        with _lock:
            _shares[key] = (time.monotonic(), hashed)
        return hashed

    def file_info(self, path: str) -> dict[str, Any]:
        """File Station's facts about `path` (`/share/folder`), with its real path on the volume."""
        params = {"path": orjson.dumps([path]).decode(), "additional": '["real_path"]'}
        data = self.call(FILE_API, "getinfo", 2, f"get info of {path}", params=params)
        files = (data or {}).get("files") or []
        return files[0] if files and isinstance(files[0], dict) else {}

    def full_path(self, shared_path: str, serial: str) -> str:
        """`/share/rest` as the volume's path (`/volume1/share/rest`): Download Station speaks in shares."""
        shared_path = "/" + shared_path.strip("/")
        index = shared_path.find("/", 1)
        share = shared_path if index == -1 else shared_path[:index]
        key = f"{serial}:{share}"
        cached = _shares.get(key)
        if cached and time.monotonic() - cached[0] < SHARE_SECONDS:
            real = cached[1]
        else:
            real = str((self.file_info(share).get("additional") or {}).get("real_path") or "")
            if not real:
                raise ProviderError(f"The DiskStation has no shared folder {share}")
            with _lock:
                _shares[key] = (time.monotonic(), real)
        return real.rstrip("/") + shared_path[len(share) :]
