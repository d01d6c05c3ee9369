"""qBittorrent through its WebUI API v2 (qBittorrent 4.1 and newer, 5.x included).

A session cookie from /auth/login; a 403 later means the cookie expired, so we log in once more.
qBittorrent 5 renamed paused to stopped (states `stoppedUP`/`stoppedDL`, the `stopped` add option);
both spellings are understood and sent.
"""

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import requests

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

START, FORCE_START, PAUSE = 0, 1, 2
CONTENT_LAYOUTS = {1: "Original", 2: "Subfolder"}
ADD_WAIT_SECONDS = 5
ETA_UNKNOWN = 8_640_000  # seconds: qBittorrent's "infinity"

STATUS_BY_STATE = {
    "error": ItemStatus.FAILED,
    "missingFiles": ItemStatus.WARNING,
    "pausedDL": ItemStatus.PAUSED,
    "stoppedDL": ItemStatus.PAUSED,
    "queuedDL": ItemStatus.QUEUED,
    "checkingDL": ItemStatus.QUEUED,
    "metaDL": ItemStatus.QUEUED,
    "forcedMetaDL": ItemStatus.QUEUED,
    "checkingResumeData": ItemStatus.QUEUED,
    "pausedUP": ItemStatus.COMPLETED,
    "stoppedUP": ItemStatus.COMPLETED,
    "uploading": ItemStatus.COMPLETED,
    "stalledUP": ItemStatus.COMPLETED,
    "queuedUP": ItemStatus.COMPLETED,
    "checkingUP": ItemStatus.COMPLETED,
    "forcedUP": ItemStatus.COMPLETED,
    "stalledDL": ItemStatus.WARNING,
}
MESSAGE_BY_STATE = {
    "error": "qBittorrent is reporting an error",
    "missingFiles": "The download is missing files",
    "metaDL": "qBittorrent is downloading metadata",
    "forcedMetaDL": "qBittorrent is downloading metadata",
    "stalledDL": "The download is stalled with no connections",
}
CATEGORY_RULE = "Can not contain '\\', '//', or start/end with '/'"


def _category_is_valid(category: str) -> bool:
    return not category or not (
        "\\" in category or "//" in category or category.startswith("/") or category.endswith("/")
    )


class QBittorrent(BaseDownloadClient):
    implementation = "QBittorrent"
    implementation_name = "qBittorrent"
    info_link = "https://wiki.servarr.com/radarr/supported#qbittorrent"
    protocol = "torrent"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 8080)
        use_ssl: bool = setting(
            "Use SSL",
            False,
            field_type="checkbox",
            help_text="Use a secure connection (qBittorrent: Options -> Web UI -> Use HTTPS)",
        )
        url_base: str = setting(
            "URL Base",
            advanced=True,
            help_text="Adds a prefix to the qBittorrent url, such as http://[host]:[port]/[urlBase]/api",
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
            "Recent Priority",
            0,
            field_type="select",
            select_options=PRIORITY_LAST_FIRST,
            help_text="Priority to use when grabbing movies that released within the last 21 days",
        )
        older_movie_priority: int = setting(
            "Older Priority",
            0,
            field_type="select",
            select_options=PRIORITY_LAST_FIRST,
            help_text="Priority to use when grabbing movies that released over 21 days ago",
        )
        initial_state: int = setting(
            "Initial State",
            START,
            field_type="select",
            select_options=[(START, "Started"), (FORCE_START, "Force Started"), (PAUSE, "Stopped")],
            help_text="Initial state for torrents added to qBittorrent",
        )
        sequential_order: bool = setting(
            "Sequential Order", False, field_type="checkbox", help_text="Download in sequential order"
        )
        first_and_last: bool = setting(
            "First and Last First",
            False,
            field_type="checkbox",
            help_text="Download first and last pieces first",
        )
        content_layout: int = setting(
            "Content Layout",
            0,
            field_type="select",
            select_options=[(0, "Default"), (1, "Original"), (2, "Subfolder")],
            help_text="Whether to use qBittorrent's configured content layout, the torrent's original "
            "layout or always create a subfolder",
        )

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self._logged_in = False
        self._api_version: tuple[int, ...] | None = None

    # ---- transport

    def _url(self, endpoint: str) -> str:
        return f"{self.base_url()}/api/v2/{endpoint}"

    def _login(self) -> None:
        settings = self.settings
        if not settings.username and not settings.password:
            self._logged_in = True  # "bypass authentication for clients on localhost" or a whitelist
            return
        response = self.request(
            "POST",
            self._url("auth/login"),
            data={"username": settings.username, "password": settings.password},
        )
        if response.status_code == 403:
            raise ProviderError(
                f"{AUTHENTICATION_FAILED} (qBittorrent has banned this address after too many failed logins)",
                permanent=True,
            )
        if response.status_code == 404:
            raise ProviderError(
                "qBittorrent's WebUI API v2 was not found: check the URL Base (qBittorrent 4.1+)"
            )
        if response.status_code != 200 or response.text.strip() != "Ok.":
            raise ProviderError(AUTHENTICATION_FAILED, permanent=True)
        self._logged_in = True

    def _call(self, method: str, endpoint: str, **kwargs: Any) -> requests.Response:
        if not self._logged_in:
            self._login()
        response = self.request(method, self._url(endpoint), **kwargs)
        if response.status_code == 403:  # the session expired: log in again, once
            self._logged_in = False
            self._login()
            response = self.request(method, self._url(endpoint), **kwargs)
            if response.status_code == 403:
                raise ProviderError(AUTHENTICATION_FAILED, permanent=True)
        return response

    def _ok(self, method: str, endpoint: str, **kwargs: Any) -> requests.Response:
        response = self._call(method, endpoint, **kwargs)
        if response.status_code >= 400:
            detail = response.text[:100].strip() or f"HTTP {response.status_code}"
            raise ProviderError(f"qBittorrent refused {endpoint}: {detail}")
        return response

    def _json(self, endpoint: str, **params: Any) -> Any:
        return self.parse_json(self._ok("GET", endpoint, params=params))

    def api_version(self) -> tuple[int, ...]:
        if self._api_version is None:
            response = self._call("GET", "app/webapiVersion")
            if response.status_code == 404:
                raise ProviderError("qBittorrent is too old: version 4.1 or newer is needed (WebUI API v2)")
            text = response.text.strip()
            try:
                self._api_version = tuple(int(part) for part in text.split("."))
            except ValueError:
                raise self.unexpected(f"API version {text[:40]!r}") from None
        return self._api_version

    def preferences(self) -> dict[str, Any]:
        preferences = self._json("app/preferences")
        if not isinstance(preferences, dict):
            raise self.unexpected("the preferences are not an object")
        return preferences

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        form: dict[str, str] = {}
        if category := self.category_for(category_override):
            form["category"] = category
        if self.settings.initial_state == PAUSE:
            form["paused"] = form["stopped"] = "true"  # 4.x reads paused, 5.x stopped
        if self.settings.sequential_order:
            form["sequentialDownload"] = "true"
        if self.settings.first_and_last:
            form["firstLastPiecePrio"] = "true"
        if layout := CONTENT_LAYOUTS.get(self.settings.content_layout):
            form["contentLayout"] = layout
        download_id, magnet = torrent_to_add(release, payload)
        if payload:
            files = {
                "torrents": (f"{clean_file_name(release.title)}.torrent", payload, "application/x-bittorrent")
            }
            response = self._ok("POST", "torrents/add", data=form, files=files)
        else:
            response = self._ok("POST", "torrents/add", data={**form, "urls": magnet})
        if response.text.strip() == "Fails.":
            raise ProviderError(f"qBittorrent refused the torrent {release.title}")
        self._after_add(download_id.lower(), is_recent)
        return download_id

    def _wait_until_known(self, hash_: str) -> None:
        """qBittorrent adds asynchronously: wait (briefly) until it lists the torrent, so what follows
        (force start, queue position, a category change right after) finds it."""
        deadline = time.monotonic() + ADD_WAIT_SECONDS
        while time.monotonic() < deadline:
            listed = self._json("torrents/info", hashes=hash_)
            if isinstance(listed, list) and listed:
                return
            time.sleep(0.1)

    def _after_add(self, hash_: str, is_recent: bool) -> None:
        """Force start and queue position; qBittorrent answers 409 when queueing is off: ignored."""
        self._wait_until_known(hash_)
        if self.settings.initial_state == FORCE_START:
            self._call("POST", "torrents/setForceStart", data={"hashes": hash_, "value": "true"})
        if self.priority_for(is_recent) == 1:
            self._call("POST", "torrents/topPrio", data={"hashes": hash_})

    def items(self) -> list[DownloadItem]:
        preferences = self.preferences()
        torrents = self._json("torrents/info", **self.category_filter("category"))
        if not isinstance(torrents, list):
            raise self.unexpected("the torrent list is not a list")
        return [self._item(torrent, preferences) for torrent in torrents if isinstance(torrent, dict)]

    def _item(self, torrent: dict[str, Any], preferences: dict[str, Any]) -> DownloadItem:
        state = str(torrent.get("state", ""))
        size = as_int(torrent.get("size"))
        progress = as_float(torrent.get("progress"))
        eta = as_int(torrent.get("eta"), ETA_UNKNOWN)
        status = STATUS_BY_STATE.get(state, ItemStatus.DOWNLOADING)
        removable = state in ("pausedUP", "stoppedUP") and self._reached_seed_limit(torrent, preferences)
        return DownloadItem(
            download_id=str(torrent.get("hash", "")).upper(),
            title=str(torrent.get("name", "")),
            status=status,
            category=str(torrent.get("category") or ""),
            total_size=size,
            remaining_size=round(size * (1.0 - progress)),
            remaining_time=timedelta(0)
            if status == ItemStatus.COMPLETED
            else (timedelta(seconds=eta) if 0 <= eta < ETA_UNKNOWN else None),
            message=MESSAGE_BY_STATE.get(state, ""),
            output_path=self.map_path(self._content_path(torrent)),
            can_move_files=removable,
            can_be_removed=removable,
            seed_ratio=as_float(torrent.get("ratio")),
            seeders=as_int(torrent.get("num_seeds")),
            peers=as_int(torrent.get("num_leechs")),
        )

    @staticmethod
    def _content_path(torrent: dict[str, Any]) -> str:
        """content_path (API 2.6.1+) is the file or folder itself; older ones: save_path + name."""
        content = str(torrent.get("content_path") or "")
        save_path = str(torrent.get("save_path") or "")
        if content and content.rstrip("/\\") != save_path.rstrip("/\\"):
            return content
        name = str(torrent.get("name") or "")
        separator = "\\" if "\\" in save_path else "/"
        return save_path.rstrip("/\\") + separator + name if save_path else name

    @staticmethod
    def _reached_seed_limit(torrent: dict[str, Any], preferences: dict[str, Any]) -> bool:
        """Radarr removes a torrent only once it met its seeding goals (per torrent, else global)."""
        ratio_limit = as_float(torrent.get("ratio_limit"), -2)
        if ratio_limit == -2 and preferences.get("max_ratio_enabled"):
            ratio_limit = as_float(preferences.get("max_ratio"), -1)
        if ratio_limit >= 0 and as_float(torrent.get("ratio")) >= ratio_limit - 0.001:
            return True
        time_limit = as_int(torrent.get("seeding_time_limit"), -2)  # minutes
        if time_limit == -2 and preferences.get("max_seeding_time_enabled"):
            time_limit = as_int(preferences.get("max_seeding_time"), -1)
        seeding_seconds = as_int(torrent.get("seeding_time"))
        return time_limit >= 0 and seeding_seconds >= time_limit * 60

    def remove(self, download_id: str, delete_data: bool) -> None:
        data = {"hashes": download_id.lower(), "deleteFiles": "true" if delete_data else "false"}
        self._ok("POST", "torrents/delete", data=data)

    def mark_imported(self, download_id: str) -> None:
        category = self.settings.movie_imported_category
        if not category:
            return
        data = {"hashes": download_id.lower(), "category": category}
        response = self._call("POST", "torrents/setCategory", data=data)
        if response.status_code == 409:  # the category does not exist yet
            self._ok("POST", "torrents/createCategory", data={"category": category})
            response = self._call("POST", "torrents/setCategory", data=data)
        if response.status_code >= 400:
            raise ProviderError(f"qBittorrent refused the post-import category {category}")

    def status(self) -> ClientStatus:
        preferences = self.preferences()
        save_path = str(preferences.get("save_path") or "")
        category = self.settings.movie_category
        if category:
            categories = self._json("torrents/categories")
            category_path = (
                (categories.get(category) or {}).get("savePath") if isinstance(categories, dict) else ""
            )
            if category_path:
                is_absolute = category_path.startswith("/") or category_path[1:2] == ":"
                save_path = category_path if is_absolute else save_path.rstrip("/\\") + "/" + category_path
        return self.client_status(save_path)

    def check(self) -> list[Failure]:
        failures = self.category_failures(_category_is_valid, CATEGORY_RULE)
        if failures:
            return failures
        self.api_version()
        preferences = self.preferences()
        if preferences.get("max_ratio_enabled") and preferences.get("max_ratio_act") in (1, 3):
            failures.append(
                Failure(
                    "",
                    "qBittorrent is configured to remove torrents when they reach their Share Ratio Limit: "
                    "Radarr could not import them. Choose 'Pause them' in qBittorrent's BitTorrent options.",
                )
            )
        uses_top = 1 in (self.settings.recent_movie_priority, self.settings.older_movie_priority)
        if uses_top and not preferences.get("queueing_enabled"):
            failures.append(
                Failure(
                    "recentMoviePriority",
                    "Torrent Queueing is not enabled in qBittorrent: enable it or choose 'Last' as priority",
                )
            )
        if not self.settings.movie_category:
            failures.append(
                Failure(
                    "movieCategory",
                    "Category is recommended: Radarr will not import completed downloads without one",
                    severity="warning",
                )
            )
        self._json("torrents/info", **self.category_filter("category"))
        return failures
