"""rTorrent through XML-RPC: over HTTP (ruTorrent's /RPC2 or /plugins/rpc/rpc.php, a web server's
SCGI mount) or, with a blank URL Path, straight to rTorrent's SCGI port (network.scgi.open_port).

The label is the torrent's d.custom1 (ruTorrent's; it may arrive URL-encoded); the priority is
d.priority (0 off, 1 low, 2 normal, 3 high). rTorrent never stops a torrent at a seeding goal, so a
finished torrent may be removed only once the grabbing indexer's goal is met (downloads/seeding.py).
After an import the torrent gets the post-import label and joins the "radarr_imported" view.
"""

import logging
import time
import xmlrpc.client
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from downloads.implementations.base import (
    AUTHENTICATION_FAILED,
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_int,
    category_recommended,
    torrent_to_add,
)
from downloads.implementations.localdata import delete_download_data
from downloads.implementations.xmlrpc import parse_answer, request_body, scgi_request
from downloads.seeding import seed_goal
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting
from releases.releaseinfo import ReleaseInfo

logger = logging.getLogger(__name__)

IMPORTED_VIEW = "radarr_imported"
MINIMUM_VERSION = (0, 9, 0)
ADD_TRIES, ADD_RETRY_SECONDS = 10, 0.5
PRIORITIES = [(0, "Don't Download"), (1, "Low"), (2, "Normal"), (3, "High")]
NORMAL_PRIORITY = 2
# what d.multicall2 asks of every torrent, in this order
TORRENT_FIELDS = (
    "d.name=",
    "d.hash=",
    "d.base_path=",
    "d.custom1=",
    "d.size_bytes=",
    "d.left_bytes=",
    "d.down.rate=",
    "d.ratio=",  # per mille
    "d.is_open=",
    "d.is_active=",
    "d.complete=",
    "d.timestamp.finished=",
)


@dataclass(slots=True)
class RTorrentTorrent:
    name: str
    hash: str
    path: str
    label: str
    size: int
    left: int
    down_rate: int
    ratio: float
    is_open: bool
    is_active: bool
    is_finished: bool
    finished_at: datetime | None

    @classmethod
    def from_row(cls, row: list[Any]) -> "RTorrentTorrent":
        finished = as_int(row[11])
        return cls(
            name=str(row[0]),
            hash=str(row[1]).upper(),
            path=str(row[2] or ""),
            label=unquote(str(row[3] or "")),
            size=as_int(row[4]),
            left=as_int(row[5]),
            down_rate=as_int(row[6]),
            ratio=as_int(row[7]) / 1000,
            is_open=bool(as_int(row[8])),
            is_active=bool(as_int(row[9])),
            is_finished=bool(as_int(row[10])),
            finished_at=datetime.fromtimestamp(finished, UTC) if finished > 0 else None,
        )


class RTorrent(BaseDownloadClient):
    implementation = "RTorrent"
    implementation_name = "rTorrent"
    info_link = "https://wiki.servarr.com/radarr/supported#rtorrent"
    protocol = "torrent"

    @dataclass
    class Settings:
        host: str = setting("Host", "localhost")
        port: int = setting("Port", 8080)
        use_ssl: bool = setting(
            "Use SSL", False, field_type="checkbox", help_text="Use a secure connection to rTorrent"
        )
        url_base: str = setting(
            "URL Path",
            "RPC2",
            help_text="Path to the XMLRPC endpoint, see http(s)://[host]:[port]/[urlPath]. This is usually "
            "RPC2 or /plugins/rpc/rpc.php when using ruTorrent. Leave blank to talk to rTorrent's SCGI "
            "port directly (network.scgi.open_port).",
        )
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            "radarr",
            help_text="Adding a category specific to Radarr avoids conflicts with unrelated non-Radarr "
            "downloads. Using a category is optional, but strongly recommended.",
        )
        movie_imported_category: str = setting(
            "Post-Import Category",
            advanced=True,
            help_text="Category for Radarr to set after it has imported the download. Radarr will not "
            "remove torrents in that category even if seeding finished. Leave blank to keep same category.",
        )
        movie_directory: str = setting(
            "Directory",
            advanced=True,
            help_text="Optional location to put downloads in, leave blank to use the default rTorrent "
            "location",
        )
        recent_movie_priority: int = setting(
            "Recent Priority",
            NORMAL_PRIORITY,
            field_type="select",
            select_options=PRIORITIES,
            help_text="Priority to use when grabbing movies that released within the last 21 days",
        )
        older_movie_priority: int = setting(
            "Older Priority",
            NORMAL_PRIORITY,
            field_type="select",
            select_options=PRIORITIES,
            help_text="Priority to use when grabbing movies that released over 21 days ago",
        )
        add_stopped: bool = setting(
            "Add Stopped",
            False,
            field_type="checkbox",
            help_text="Enabling will add torrents and magnets to rTorrent in a stopped state. "
            "This may break magnet files.",
        )

    # ---- transport

    def uses_scgi(self) -> bool:
        return not str(self.settings.url_base or "").strip("/ ")

    def endpoint(self) -> str:
        """Where the calls go, as messages name it."""
        if self.uses_scgi():
            return f"scgi://{self.host}:{self.settings.port}"
        return self.base_url()

    def call(self, method: str, *params: Any) -> Any:
        body = request_body(method, params)
        if self.uses_scgi():
            answer = self._scgi(body)
        else:
            auth = (self.settings.username, self.settings.password) if self.settings.username else None
            response = self.request(
                "POST", self.base_url(), data=body, auth=auth, headers={"Content-Type": "text/xml"}
            )
            self.reject_unauthorized(response)
            self.reject_http_error(response)
            answer = response.content
        return parse_answer(answer, self.implementation_name)

    def _scgi(self, body: bytes) -> bytes:
        try:
            return scgi_request(self.host.strip().strip("[]"), int(self.settings.port), body)
        except TimeoutError as error:
            raise ProviderError(f"rTorrent at {self.endpoint()} did not answer in time") from error
        except OSError as error:
            reason = safe_message(error.strerror or str(error))
            raise ProviderError(f"Unable to connect to rTorrent at {self.endpoint()}: {reason}") from error
        except ValueError as error:
            raise ProviderError(
                f"rTorrent at {self.endpoint()} gave no SCGI answer ({error}): is this rTorrent's SCGI "
                "port? An HTTP endpoint needs its URL Path"
            ) from error

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
        commands = self._load_commands(self.category_for(category_override), self.priority_for(is_recent))
        if payload:
            method = "load.raw" if self.settings.add_stopped else "load.raw_start"
            result = self.call(method, "", xmlrpc.client.Binary(payload), *commands)
        else:
            method = "load.normal" if self.settings.add_stopped else "load.start"
            result = self.call(method, "", magnet, *commands)
        if as_int(result, -1) != 0:
            raise ProviderError(f"rTorrent could not add the torrent {release.title}")
        if payload and not self._wait_for(download_id):
            # rTorrent answers 0 even for a torrent it then refuses (bad metadata): Radarr checks it is there
            raise ProviderError(f"rTorrent did not add the torrent {release.title}: is the .torrent valid?")
        return download_id

    def _wait_for(self, download_id: str) -> bool:
        """Whether rTorrent holds the torrent, asked a few times as it loads it (Radarr: 10 x 0.5 s)."""
        for attempt in range(ADD_TRIES):
            if attempt:
                time.sleep(ADD_RETRY_SECONDS)
            try:
                name = str(self.call("d.name", download_id.upper()) or "")
            except ProviderError:
                continue  # "Could not find info-hash" until it is loaded
            if name and name != f"{download_id.upper()}.meta":
                return True
        return False

    def _load_commands(self, label: str, priority: int) -> list[str]:
        commands = []
        if label.strip():
            commands.append(f"d.custom1.set={label}")
        if priority != NORMAL_PRIORITY:
            commands.append(f"d.priority.set={priority}")
        if self.settings.movie_directory.strip():
            commands.append(f"d.directory.set={self.settings.movie_directory}")
        return commands

    def torrents(self) -> list[RTorrentTorrent]:
        rows = self.call("d.multicall2", "", "", *TORRENT_FIELDS)
        if not isinstance(rows, list):
            raise self.unexpected("the torrent list is not a list")
        return [
            RTorrentTorrent.from_row(row)
            for row in rows
            if isinstance(row, list) and len(row) == len(TORRENT_FIELDS)
        ]

    def items(self) -> list[DownloadItem]:
        wanted = self.settings.movie_category
        now = datetime.now(UTC)
        items = []
        for torrent in self.torrents():
            if wanted and torrent.label != wanted:
                continue
            if not torrent.path or torrent.path.startswith("."):
                continue  # rTorrent has no absolute path for it (a closed or misconfigured torrent)
            items.append(self._item(torrent, now))
        return items

    def _item(self, torrent: RTorrentTorrent, now: datetime) -> DownloadItem:
        if torrent.is_finished:
            status = ItemStatus.COMPLETED
        elif torrent.is_active:
            status = ItemStatus.DOWNLOADING
        else:
            status = ItemStatus.PAUSED
        removable = False
        if torrent.is_finished and self.definition.remove_completed_downloads:
            goal = seed_goal(torrent.hash)
            removable = goal is not None and goal.reached(torrent.ratio, torrent.finished_at, now)
        remaining = (
            timedelta(seconds=torrent.left // torrent.down_rate) if torrent.down_rate > 0 else timedelta(0)
        )
        return DownloadItem(
            download_id=torrent.hash,
            title=torrent.name,
            status=status,
            category=torrent.label,
            total_size=torrent.size,
            remaining_size=torrent.left,
            remaining_time=remaining,
            output_path=self.map_path(torrent.path),
            can_move_files=removable,
            can_be_removed=removable,
            seed_ratio=torrent.ratio,
        )

    def remove(self, download_id: str, delete_data: bool) -> None:
        if delete_data:
            torrent = next((t for t in self.torrents() if t.hash == download_id.upper()), None)
            if torrent is not None and torrent.path:
                delete_download_data(self.map_path(torrent.path))
        if as_int(self.call("d.erase", download_id.upper()), -1) != 0:
            raise ProviderError(f"rTorrent could not remove the torrent {download_id}")

    def mark_imported(self, download_id: str) -> None:
        """The post-import label (when one differs from the category), then the imported view."""
        label = self.settings.movie_imported_category
        if label.strip() and label != self.settings.movie_category:
            try:
                if self.call("d.custom1.set", download_id.lower(), label) != label:
                    raise ProviderError(f"rTorrent did not take the label {label}")
            except ProviderError as error:
                logger.warning("Could not set the post-import label %r on %s: %s", label, download_id, error)
        try:
            if as_int(self.call("d.views.push_back_unique", download_id.lower(), IMPORTED_VIEW), -1) != 0:
                raise ProviderError(f"rTorrent did not add the torrent to the view {IMPORTED_VIEW}")
        except ProviderError as error:
            logger.warning("Could not add %s to the view %s: %s", download_id, IMPORTED_VIEW, error)

    def status(self) -> ClientStatus:
        folder = self.settings.movie_directory.strip() or str(self.call("directory.default") or "")
        return self.client_status(folder)

    # ---- the test button

    def failing_field(self, error: ProviderError) -> str:
        if error.message == AUTHENTICATION_FAILED:
            return "password" if self.settings.username else "username"
        if error.message.startswith(("Unable to connect", "rTorrent at")):
            return "host"
        if "check the host and URL Base" in error.message:
            return "urlBase"
        return ""

    def check(self) -> list[Failure]:
        version = str(self.call("system.client_version") or "0.0.0")
        if _version(version) < MINIMUM_VERSION:
            return [Failure("", f"rTorrent {version} is not supported: 0.9.0 or newer is needed")]
        self.torrents()
        failures = self._directory_failures()
        if not self.settings.movie_category:
            failures.append(category_recommended())
        return failures

    def _directory_failures(self) -> list[Failure]:
        """Radarr checks the Directory only for an rTorrent on this machine: an absolute, existing path."""
        directory = self.settings.movie_directory.strip()
        if not directory or not self.is_localhost():
            return []
        path = PurePosixPath(directory)
        if not path.is_absolute():
            return [Failure("movieDirectory", "Invalid Path", directory)]
        if not Path(directory).is_dir():
            return [Failure("movieDirectory", f"Path '{directory}' does not exist", directory)]
        return []


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)
