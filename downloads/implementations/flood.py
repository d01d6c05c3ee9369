"""Flood (jesec/flood), the web UI in front of rTorrent, qBittorrent, Transmission or Deluge, through its
REST API under /api: a login sets the `jwt` cookie every other call carries.

Tags are Flood's labels: a torrent is ours when it carries every tag of the Tags setting; post-import
tags are added to the ones it has. Flood does not stop a torrent at a seeding goal, so a finished
torrent may be removed only once the grabbing indexer's goal is met (downloads/seeding.py).
"""

import base64
import posixpath
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

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
from downloads.seeding import seed_goal
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.parser import parse_movie_title
from releases.releaseinfo import ReleaseInfo

# Radarr's AdditionalTags: facts of the grab added as tags (collection and studio need the movie,
# which a grab does not hand the client here, so those two add nothing)
COLLECTION, QUALITY, LANGUAGES, RELEASE_GROUP, YEAR, INDEXER, STUDIO = range(7)
ADDITIONAL_TAGS = [
    (COLLECTION, "Collection"),
    (QUALITY, "Quality"),
    (LANGUAGES, "Languages"),
    (RELEASE_GROUP, "Release Group"),
    (YEAR, "Year"),
    (INDEXER, "Indexer"),
    (STUDIO, "Studio"),
]


class Flood(BaseDownloadClient):
    implementation = "Flood"
    implementation_name = "Flood"
    info_link = "https://wiki.servarr.com/radarr/supported#flood"
    protocol = "torrent"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 3000)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        url_base: str = setting(
            "URL Base",
            help_text="Adds a prefix to the Flood API, such as [protocol]://[host]:[port]/[urlBase]/api",
        )
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", field_type="password", secret=True)
        destination: str = setting("Destination", help_text="Manual download destination")
        tags: list = setting(
            "Tags",
            ["radarr"],
            field_type="tag",
            help_text="Initial tags of a download. To be recognized, a download must have all initial tags. "
            "This avoids conflicts with unrelated downloads.",
        )
        post_import_tags: list = setting(
            "Post-Import Tags",
            [],
            field_type="tag",
            advanced=True,
            help_text="Appends tags after a download is imported.",
        )
        additional_tags: list = setting(
            "Additional Tags",
            [],
            field_type="select",
            select_options=ADDITIONAL_TAGS,
            advanced=True,
            help_text="Adds properties of media as tags. Hints are examples.",
        )
        add_paused: bool = setting("Add Paused", False, field_type="checkbox")

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self._logged_in = False

    # ---- transport

    def api_url(self, resource: str) -> str:
        return f"{self.base_url()}/api/{resource}"

    def _login(self) -> None:
        body = {"username": self.settings.username, "password": self.settings.password}
        response = self.request("POST", self.api_url("auth/authenticate"), json=body)
        if response.status_code in (401, 403, 422):
            raise ProviderError(AUTHENTICATION_FAILED, permanent=True)
        self._reject(response)
        self._logged_in = True

    def call(self, method: str, resource: str, body: Any = None) -> requests.Response:
        """One API call, logging in first (and once more when the session expired)."""
        for attempt in range(2):
            if not self._logged_in:
                self._login()
            response = self.request(method, self.api_url(resource), json=body)
            if response.status_code != 401 or attempt:
                break
            self._logged_in = False
        self.reject_unauthorized(response)
        self._reject(response)
        return response

    def _reject(self, response: requests.Response) -> None:
        if response.status_code >= 400:
            answer = self.parse_json(response) if response.content.startswith(b"{") else {}
            message = answer.get("message") if isinstance(answer, dict) else ""
            if message and response.status_code != 404:
                raise ProviderError(f"Flood refused the request: {message}")
            self.reject_http_error(response)

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
        body: dict[str, Any] = {"tags": self._tags_for(release)}
        if self.settings.destination:
            body["destination"] = self.settings.destination
        if not self.settings.add_paused:
            body["start"] = True
        if payload:
            body["files"] = [base64.b64encode(payload).decode()]
            self.call("POST", "torrents/add-files", body)
        else:
            body["urls"] = [magnet]
            self.call("POST", "torrents/add-urls", body)
        return download_id

    def _tags_for(self, release: ReleaseInfo) -> list[str]:
        tags = [str(tag) for tag in self.settings.tags]
        wanted = {as_int(choice, -1) for choice in self.settings.additional_tags}
        parsed = parse_movie_title(release.title) if wanted else None
        extra: list[str] = []
        if parsed is not None:
            if QUALITY in wanted:
                extra.append(parsed.quality.quality.name)
            if LANGUAGES in wanted:
                extra.extend(language.name for language in parsed.languages)
            if RELEASE_GROUP in wanted and parsed.release_group:
                extra.append(parsed.release_group)
            if YEAR in wanted and parsed.year:
                extra.append(str(parsed.year))
        if INDEXER in wanted and release.indexer:
            extra.append(release.indexer)
        for tag in extra:
            if tag.strip() and tag not in tags:
                tags.append(tag)
        return tags

    def torrents(self) -> dict[str, dict[str, Any]]:
        answer = self.json_object(self.call("GET", "torrents"), "no torrent list")
        torrents = answer.get("torrents")
        if not isinstance(torrents, dict):
            raise self.unexpected("no torrent list")
        return {str(key).upper(): value for key, value in torrents.items() if isinstance(value, dict)}

    def items(self) -> list[DownloadItem]:
        wanted = [str(tag) for tag in self.settings.tags]
        now = datetime.now(UTC)
        items = []
        for download_id, torrent in self.torrents().items():
            tags = [str(tag) for tag in torrent.get("tags") or []]
            if not all(tag in tags for tag in wanted):
                continue
            items.append(self._item(download_id, torrent, tags, now))
        return items

    def _item(
        self, download_id: str, torrent: dict[str, Any], tags: list[str], now: datetime
    ) -> DownloadItem:
        states = [str(state) for state in torrent.get("status") or []]
        if "seeding" in states or "complete" in states:
            status = ItemStatus.COMPLETED
        elif "stopped" in states:
            status = ItemStatus.PAUSED
        elif "error" in states:
            status = ItemStatus.WARNING
        elif "downloading" in states:
            status = ItemStatus.DOWNLOADING
        else:
            status = ItemStatus.QUEUED  # what Radarr's item holds when no state matched (its default)
        size, done = as_int(torrent.get("sizeBytes")), as_int(torrent.get("bytesDone"))
        ratio = as_float(torrent.get("ratio"))
        eta = as_int(torrent.get("eta"), -1)
        removable = False
        if status == ItemStatus.COMPLETED and self.definition.remove_completed_downloads:
            goal = seed_goal(download_id)
            finished = as_int(torrent.get("dateFinished"))
            finished_at = datetime.fromtimestamp(finished, UTC) if finished > 0 else None
            removable = goal is not None and goal.reached(ratio, finished_at, now)
        directory = str(torrent.get("directory") or "")
        if status == ItemStatus.COMPLETED:
            directory = self._content_path(download_id, directory)
        return DownloadItem(
            download_id=download_id,
            title=str(torrent.get("name") or ""),
            status=status,
            category=tags[0] if tags else "",
            total_size=size,
            remaining_size=size - done,
            remaining_time=timedelta(seconds=eta) if eta > 0 else None,
            message=str(torrent.get("message") or ""),
            output_path=self.map_path(directory),
            can_move_files=removable,
            can_be_removed=removable,
            seed_ratio=ratio,
        )

    def _content_path(self, download_id: str, directory: str) -> str:
        """Radarr's import path: a single-file torrent's file, a multi-file one's shared top folder."""
        contents = self.call("GET", f"torrents/{download_id}/contents")
        paths = [
            str(entry.get("path", "")) for entry in self.parse_json(contents) or [] if isinstance(entry, dict)
        ]
        paths = [path for path in paths if path]
        if not paths:
            raise ProviderError(f"Flood listed no contents for the torrent {download_id}")
        if len(paths) == 1:
            return posixpath.join(directory, paths[0])
        tops = {path.replace("\\", "/").strip("/").split("/")[0] for path in paths}
        return posixpath.join(directory, tops.pop()) if len(tops) == 1 else directory

    def remove(self, download_id: str, delete_data: bool) -> None:
        self.call("POST", "torrents/delete", {"hashes": [download_id.upper()], "deleteData": delete_data})

    def mark_imported(self, download_id: str) -> None:
        extra = [str(tag) for tag in self.settings.post_import_tags]
        if not extra:
            return
        torrent = self.torrents().get(download_id.upper())
        if torrent is None:
            return
        tags = [str(tag) for tag in torrent.get("tags") or []]
        tags += [tag for tag in extra if tag not in tags]
        self.call("PATCH", "torrents/tags", {"hashes": [download_id.upper()], "tags": tags})

    def status(self) -> ClientStatus:
        folder = self.settings.destination
        if not folder:
            settings = self.json_object(self.call("GET", "client/settings"), "no client settings")
            folder = str(settings.get("directoryDefault") or "")
        return self.client_status(folder)

    # ---- the test button

    def failing_field(self, error: ProviderError) -> str:
        return "password" if error.message == AUTHENTICATION_FAILED else "host"

    def check(self) -> list[Failure]:
        self.call("GET", "auth/verify")
        return []
