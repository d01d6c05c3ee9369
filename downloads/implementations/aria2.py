"""aria2 through its RPC interface, as XML-RPC on the RPC path (aria2 serves XML-RPC and JSON-RPC on the
same /rpc; Radarr's Aria2Proxy speaks XML-RPC, so we do too and read the same answers and faults).

Every call carries the secret as its first parameter ("token:<secret>"); a wrong one is fault 1
"Unauthorized". aria2 has no categories or labels: every torrent it holds is listed. It cannot
delete a download's files, so removing with data deletes them from this machine, as Radarr does.
"""

import contextlib
import os
import xmlrpc.client
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from downloads.implementations.base import (
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_int,
    torrent_to_add,
)
from downloads.implementations.localdata import delete_download_data
from downloads.implementations.xmlrpc import parse_answer, request_body
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

MINIMUM_VERSION = (1, 34, 0)
LIST_LIMIT = 10 * 1024  # how many waiting / stopped downloads one call lists, as Radarr asks
BAD_TOKEN = "Authentication failed: check the secret token"
STATUSES = {
    "waiting": ItemStatus.QUEUED,
    "paused": ItemStatus.PAUSED,
    "error": ItemStatus.FAILED,
    "complete": ItemStatus.COMPLETED,
}


class Aria2(BaseDownloadClient):
    implementation = "Aria2"
    implementation_name = "Aria2"
    info_link = "https://wiki.servarr.com/radarr/supported#aria2"
    protocol = "torrent"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 6800, field_type="number")
        rpc_path: str = setting("XML RPC Path", "/rpc")
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox")
        secret_token: str = setting("Secret token", "MySecretToken", field_type="password", secret=True)
        directory: str = setting(
            "Directory",
            help_text="Optional location to put downloads in, leave blank to use the default Aria2 location",
        )

    def rpc_url(self) -> str:
        path = "/" + str(self.settings.rpc_path or "").strip().lstrip("/")
        return f"{self.base_url()}{path}"

    def call(self, method: str, *params: Any) -> Any:
        body = request_body(method, (f"token:{self.settings.secret_token}", *params))
        response = self.request("POST", self.rpc_url(), data=body, headers={"Content-Type": "text/xml"})
        if response.status_code == 404:
            raise ProviderError(
                f"Aria2 answered HTTP 404 at {self.rpc_url()}: check the host and XML RPC Path"
            )
        if response.status_code >= 400 and b"<methodResponse" not in response.content:
            self.reject_http_error(response)
        try:
            return parse_answer(response.content, self.implementation_name)
        except ProviderError as error:
            if "Unauthorized" in error.message:
                raise ProviderError(BAD_TOKEN, permanent=True) from error
            raise

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
        options = {"dir": self.settings.directory} if self.settings.directory.strip() else {}
        if payload:
            gid = self.call("aria2.addTorrent", xmlrpc.client.Binary(payload), [], options)
        else:
            gid = self.call("aria2.addUri", [magnet], options)
        if not isinstance(gid, str) or not gid:
            raise self.unexpected("no id for the added torrent")
        return download_id

    def downloads(self) -> list[dict[str, Any]]:
        found = []
        for method, params in (
            ("aria2.tellActive", ()),
            ("aria2.tellWaiting", (0, LIST_LIMIT)),
            ("aria2.tellStopped", (0, LIST_LIMIT)),
        ):
            answer = self.call(method, *params)
            if not isinstance(answer, list):
                raise self.unexpected(f"{method} did not answer a list")
            found.extend(entry for entry in answer if isinstance(entry, dict))
        return found

    def items(self) -> list[DownloadItem]:
        items = []
        for download in self.downloads():
            files = [f for f in download.get("files") or [] if isinstance(f, dict)]
            if any("[METADATA]" in str(f.get("path", "")) for f in files[:1]):
                continue  # a magnet link still fetching its metadata: its real download follows
            if not download.get("infoHash") or download.get("status") == "removed":
                continue  # not a torrent, or removed from aria2 (only its result lingers)
            items.append(self._item(download, files))
        return items

    def _item(self, download: dict[str, Any], files: list[dict[str, Any]]) -> DownloadItem:
        total = as_int(download.get("totalLength"))
        done = as_int(download.get("completedLength"))
        uploaded = as_int(download.get("uploadLength"))
        speed = as_int(download.get("downloadSpeed"))
        state = str(download.get("status", ""))
        if state == "active":
            status = ItemStatus.COMPLETED if done == total else ItemStatus.DOWNLOADING
        else:
            status = STATUSES.get(state, ItemStatus.FAILED)
        info = (download.get("bittorrent") or {}).get("info") or {}
        removable = self.definition.remove_completed_downloads and state == "complete"
        return DownloadItem(
            download_id=str(download["infoHash"]).upper(),
            title=str(info.get("name") or ""),
            status=status,
            total_size=total,
            remaining_size=total - done,
            remaining_time=timedelta(seconds=(total - done) // speed) if speed else None,
            message=str(download.get("errorMessage") or ""),
            output_path=self.map_path(_output_path(files)),
            can_move_files=False,
            can_be_removed=removable,
            seed_ratio=uploaded / total if total > 0 else 0.0,
        )

    def remove(self, download_id: str, delete_data: bool) -> None:
        wanted = download_id.lower()
        download = next((d for d in self.downloads() if str(d.get("infoHash", "")).lower() == wanted), None)
        if download is None:
            raise ProviderError(f"Aria2 holds no torrent {download_id}")
        gid = str(download.get("gid", ""))
        files = [f for f in download.get("files") or [] if isinstance(f, dict)]
        if download.get("status") in ("complete", "error", "removed"):
            if self.call("aria2.removeDownloadResult", gid) != "OK":
                raise ProviderError(f"Aria2 could not remove the torrent {download_id}")
        else:
            if self.call("aria2.forceRemove", gid) != gid:
                raise ProviderError(f"Aria2 could not remove the torrent {download_id}")
            # drop the "removed" result it leaves behind; one still stopping is skipped by `items` anyway
            with contextlib.suppress(ProviderError):
                self.call("aria2.removeDownloadResult", gid)
        if delete_data:
            delete_download_data(self.map_path(_output_path(files)))

    def status(self) -> ClientStatus:
        options = self.call("aria2.getGlobalOption")
        folder = str(options.get("dir", "")) if isinstance(options, dict) else ""
        return self.client_status(folder)

    # ---- the test button

    def failing_field(self, error: ProviderError) -> str:
        if error.message == BAD_TOKEN:
            return "secretToken"
        if "XML RPC Path" in error.message:
            return "rpcPath"
        return "host" if error.message.startswith(("Unable to connect", "Aria2 answered")) else ""

    def check(self) -> list[Failure]:
        answer = self.call("aria2.getVersion")
        version = str(answer.get("version", "")) if isinstance(answer, dict) else ""
        if _version(version) < MINIMUM_VERSION:
            return [
                Failure(
                    "", f"Aria2 {version or 'of unknown version'} is not supported: 1.34.0 or newer is needed"
                )
            ]
        return []


def _output_path(files: list[dict[str, Any]]) -> str:
    """A single file's path, else the folder all files share (Radarr's longest common path)."""
    paths = [str(f.get("path", "")) for f in files if f.get("path")]
    if not paths:
        return ""
    if len(paths) == 1:
        return paths[0]
    return os.path.commonpath(paths)


def _version(text: str) -> tuple[int, ...]:
    return (
        tuple(as_int("".join(ch for ch in part if ch.isdigit())) for part in text.split(".")) if text else ()
    )
