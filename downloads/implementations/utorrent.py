"""uTorrent (3.0 and newer) through its Web UI API at /gui/.

Every call carries the token from /gui/token.html and the GUID cookie that came with it (and basic
authentication); uTorrent answers 400 or 401 once either expired, so we fetch a new token once and
retry. The torrent list is differential: after the first full list, `cid` asks only for what changed
(`torrentp`) and what went away (`torrentm`), as Radarr keeps it for 15 minutes.
"""

import re
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

import requests

from downloads.implementations.base import (
    AUTHENTICATION_FAILED,
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

MINIMUM_BUILD = 25406  # uTorrent 3.0
LIST_CACHE_SECONDS = 15 * 60
STARTED, CHECKING, START_AFTER_CHECK, CHECKED, ERROR, PAUSED, QUEUED, LOADED = (1, 2, 4, 8, 16, 32, 64, 128)
# positions in a list row
HASH, STATUS, NAME, SIZE, PROGRESS, RATIO, ETA, LABEL = 0, 1, 2, 3, 4, 7, 10, 11
PEERS, SEEDS, REMAINING, ROOT_PATH = 12, 14, 18, 26
START, FORCE_START, PAUSE, STOP = 0, 1, 2, 3
STATE_ACTIONS = {START: "start", FORCE_START: "forcestart", PAUSE: "pause", STOP: "stop"}
TOKEN = re.compile(r"<div[^>]*id=['\"]token['\"][^>]*>([^<]*)</div>", re.IGNORECASE)

# token and cookies per Web UI and password, and the differential list per host, port and category:
# a provider object lives for one call, these live as long as the process (as Radarr's caches)
_sessions: dict[str, tuple[str, dict[str, str]]] = {}
_lists: dict[str, tuple[float, str, dict[str, list[Any]]]] = {}
_lock = threading.Lock()


class UTorrent(BaseDownloadClient):
    implementation = "UTorrent"
    implementation_name = "uTorrent"
    info_link = "https://wiki.servarr.com/radarr/supported#utorrent"
    protocol = "torrent"
    message: ClassVar[dict[str, str] | None] = {
        "message": "uTorrent has shipped cryptominers, malware and adverts: a client such as qBittorrent, "
        "Deluge or rTorrent is the safer choice",
        "type": "warning",
    }

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 8080)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        url_base: str = setting(
            "URL Base",
            advanced=True,
            help_text="Adds a prefix to the uTorrent url, such as http://[host]:[port]/[urlBase]/api",
        )
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            "radarr",
            help_text="A category specific to Radarr avoids conflicts with unrelated downloads",
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
        intial_state: int = setting(  # sic: Radarr's field name
            "Initial State",
            START,
            field_type="select",
            select_options=[(START, "Start"), (FORCE_START, "Force Start"), (PAUSE, "Pause"), (STOP, "Stop")],
            help_text="Initial state for torrents added to uTorrent",
        )

    def validate(self) -> list[Failure]:
        if not self.settings.movie_category.strip():
            return [Failure("movieCategory", "'Category' must not be empty.")]
        return []

    # ---- transport

    def _gui(self) -> str:
        return f"{self.base_url()}/gui/"

    def _auth(self) -> tuple[str, str]:
        return (self.settings.username, self.settings.password)

    def _session_key(self) -> str:
        return f"{self._gui()}:{self.settings.password}"

    def _login(self) -> tuple[str, dict[str, str]]:
        response = self.request("GET", f"{self._gui()}token.html", auth=self._auth())
        if response.status_code == 401:
            raise ProviderError(AUTHENTICATION_FAILED, permanent=True)
        self.reject_http_error(response)
        match = TOKEN.search(response.text)
        if not match:
            raise self.unexpected("token.html holds no token (is this uTorrent's Web UI?)")
        session = (match.group(1).strip(), requests.utils.dict_from_cookiejar(response.cookies))
        with _lock:
            _sessions[self._session_key()] = session
        return session

    def call(self, params: list[tuple[str, Any]], method: str = "GET", files: Any = None) -> dict[str, Any]:
        """One Web UI call with the cached token (a new one once, when uTorrent refuses it)."""
        session = _sessions.get(self._session_key()) or self._login()
        for attempt in range(2):
            token, cookies = session
            response = self.request(
                method,
                self._gui(),
                params=[("token", token), *params],
                cookies=cookies,
                auth=self._auth(),
                files=files,
                headers={"Cache-Control": "no-cache"},
            )
            if response.status_code not in (400, 401) or attempt:
                break
            session = self._login()
        if response.status_code in (400, 401):
            raise ProviderError(AUTHENTICATION_FAILED, permanent=True)
        self.reject_http_error(response)
        return self.json_object(response, "not a JSON object")

    def _settings_values(self) -> tuple[int, dict[str, str]]:
        answer = self.call([("action", "getsettings")])
        values = {}
        for entry in _list(answer.get("settings")):
            if isinstance(entry, list) and len(entry) >= 3:
                values[str(entry[0])] = str(entry[2])
        return as_int(answer.get("build")), values

    def _rows(self) -> list[list[Any]]:
        """Every torrent row, from the differential list kept between calls."""
        key = f"{self.host}:{self.settings.port}:{self.settings.movie_category}"
        cached = _lists.get(key)
        if cached and time.monotonic() - cached[0] > LIST_CACHE_SECONDS:
            cached = None
        params: list[tuple[str, Any]] = [("list", 1)]
        if cached:
            params.append(("cid", cached[1]))
        answer = self.call(params)
        if cached and answer.get("torrents") is None:
            rows = dict(cached[2])
            for removed in _list(answer.get("torrentm")):
                rows.pop(str(removed), None)
            rows.update(_by_hash(answer.get("torrentp")))
        else:
            rows = _by_hash(answer.get("torrents"))
        with _lock:
            _lists[key] = (time.monotonic(), str(answer.get("torrentc") or ""), rows)
        return list(rows.values())

    def _set_props(self, hash_: str, *pairs: tuple[str, Any]) -> None:
        params: list[tuple[str, Any]] = [("action", "setprops"), ("hash", hash_)]
        for name, value in pairs:
            params += [("s", name), ("v", value)]
        self.call(params)

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        download_id, magnet = torrent_to_add(release, payload)
        hash_ = download_id.lower()
        if magnet:
            self.call([("action", "add-url"), ("s", magnet)])
        else:
            name = f"{clean_file_name(release.title)}.torrent"
            files = {"torrent_file": (name, payload, "application/x-bittorrent")}
            self.call([("action", "add-file"), ("path", "")], method="POST", files=files)
        self._set_seed_goal(hash_, release)
        if label := self.category_for(category_override):
            self._set_props(hash_, ("label", label))
        if self.priority_for(is_recent) == 1:
            self.call([("action", "queuetop"), ("hash", hash_)])
        action = STATE_ACTIONS.get(as_int(self.settings.intial_state), "start")
        self.call([("action", action), ("hash", hash_)])
        return download_id

    def _set_seed_goal(self, hash_: str, release: ReleaseInfo) -> None:
        """The indexer's seed criteria override uTorrent's own for this torrent (ratio in per mille)."""
        if release.seed_ratio is None and release.seed_time_minutes is None:
            return
        pairs: list[tuple[str, Any]] = [("seed_override", 1)]
        if release.seed_ratio is not None:
            pairs.append(("seed_ratio", round(release.seed_ratio * 1000)))
        if release.seed_time_minutes is not None:
            pairs.append(("seed_time", release.seed_time_minutes * 60))
        self._set_props(hash_, *pairs)

    def items(self) -> list[DownloadItem]:
        category = self.settings.movie_category or ""
        return [self._item(row) for row in self._rows() if str(row[LABEL] or "") == category]

    def _item(self, row: list[Any]) -> DownloadItem:
        flags = as_int(row[STATUS])
        remaining = as_int(row[REMAINING])
        progress = as_int(row[PROGRESS]) / 1000
        if flags & ERROR:
            status = ItemStatus.WARNING
        elif flags & LOADED and flags & CHECKED and remaining == 0 and progress == 1.0:
            status = ItemStatus.COMPLETED
        elif flags & PAUSED:
            status = ItemStatus.PAUSED
        elif flags & STARTED:
            status = ItemStatus.DOWNLOADING
        else:
            status = ItemStatus.QUEUED
        eta = as_int(row[ETA], -1)
        root = str(row[ROOT_PATH] or "").rstrip("/\\") if len(row) > ROOT_PATH else ""
        name = str(row[NAME])
        path = root if root.replace("\\", "/").rsplit("/", 1)[-1] == name else f"{root}/{name}"
        # stopped after seeding: neither queued nor started ('started' alone is forced seeding)
        removable = not flags & QUEUED and not flags & STARTED
        return DownloadItem(
            download_id=str(row[HASH]).upper(),
            title=name,
            status=status,
            category=str(row[LABEL] or ""),
            total_size=as_int(row[SIZE]),
            remaining_size=remaining,
            remaining_time=timedelta(seconds=eta) if eta >= 0 else None,
            message="uTorrent is reporting an error" if flags & ERROR else "",
            output_path=self.map_path(path),
            can_move_files=removable,
            can_be_removed=removable,
            seed_ratio=as_int(row[RATIO]) / 1000,
            seeders=as_int(row[SEEDS]),
            peers=as_int(row[PEERS]),
        )

    def remove(self, download_id: str, delete_data: bool) -> None:
        self.call([("action", "removedata" if delete_data else "remove"), ("hash", download_id.lower())])

    def mark_imported(self, download_id: str) -> None:
        imported = self.settings.movie_imported_category
        if imported and imported != self.settings.movie_category:
            self._set_props(download_id.lower(), ("label", imported))

    def status(self) -> ClientStatus:
        _, values = self._settings_values()
        folder = ""
        if values.get("dir_active_download_flag") == "true":
            folder = values.get("dir_active_download", "")
        if values.get("dir_completed_download_flag") == "true":
            folder = values.get("dir_completed_download", "")
            if values.get("dir_add_label") == "true" and self.settings.movie_category:
                folder = f"{folder.rstrip('/')}/{self.settings.movie_category}"
        return self.client_status(folder)

    def check(self) -> list[Failure]:
        build, _ = self._settings_values()
        if build < MINIMUM_BUILD:
            return [Failure("", f"uTorrent build {build} is not supported: uTorrent 3.0 or newer is needed")]
        try:
            self.call([("list", 1)])
        except ProviderError as error:
            return [Failure("", f"Failed to get the list of torrents: {error.message}")]
        return []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _by_hash(rows: Any) -> dict[str, list[Any]]:
    if not isinstance(rows, list):
        return {}
    return {str(row[HASH]): row for row in rows if isinstance(row, list) and len(row) > REMAINING}
