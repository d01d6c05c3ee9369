"""The interface every download client implements, and the HTTP handling they share.

Tracking code (queue, completed-download handling) talks only to this interface:
`add`, `items`, `remove`, `mark_imported`, `status`, `test`. Every failure is a ProviderError with a
message fit for the UI: wrong credentials, a client that is down, a garbage answer.
"""

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any, ClassVar

import orjson
import requests

from downloads.models import RemotePathMapping
from downloads.remotepaths import map_remote_path
from downloads.torrentfiles import magnet_info_hash, torrent_info_hash
from radarr.api.errors import Failure
from radarr.http import session
from radarr.providers import Provider, ProviderError, safe_message
from releases.releaseinfo import ReleaseInfo

AUTHENTICATION_FAILED = "Authentication failed: check the username and password"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


class ItemStatus(StrEnum):
    """Radarr's DownloadItemStatus, in the words the queue API uses."""

    QUEUED = "queued"
    PAUSED = "paused"
    DOWNLOADING = "downloading"
    COMPLETED = "completed"
    FAILED = "failed"
    WARNING = "warning"
    DELAY = "delay"


@dataclass(slots=True)
class DownloadItem:
    """One download as its client reports it (Radarr's DownloadClientItem)."""

    download_id: str  # torrent info-hash upper-case, SABnzbd nzo_id, NZBGet NZBID
    title: str
    status: ItemStatus
    category: str = ""
    total_size: int = 0  # bytes
    remaining_size: int = 0  # bytes
    remaining_time: timedelta | None = None
    message: str = ""
    output_path: str = ""  # already mapped through the remote path mappings
    can_move_files: bool = False
    can_be_removed: bool = False
    is_encrypted: bool = False
    seed_ratio: float | None = None
    seeders: int | None = None
    peers: int | None = None


@dataclass(slots=True)
class ClientStatus:
    """Where the client puts finished downloads (mapped), and whether it runs on this machine."""

    output_root_folders: list[str] = field(default_factory=list)
    is_localhost: bool = False


def clean_file_name(title: str) -> str:
    """A release title made safe as a file name (the blackholes and NZB uploads name files after it)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', " ", title).strip(" .")
    return re.sub(r"\s+", " ", cleaned) or "download"


def magnet_link(release: ReleaseInfo) -> str:
    """The release's magnet link, for a torrent client given no .torrent file."""
    magnet = release.magnet_url or release.download_url
    if not magnet.startswith("magnet:"):
        raise ProviderError("Nothing to add: no torrent file and no magnet link", permanent=True)
    return magnet


def torrent_to_add(release: ReleaseInfo, payload: bytes | None) -> tuple[str, str]:
    """The info-hash of what a torrent client adds, and the magnet link when there is no .torrent file."""
    if payload:
        return torrent_info_hash(payload), ""
    magnet = magnet_link(release)
    return magnet_info_hash(magnet), magnet


def require_nzb(payload: bytes | None) -> bytes:
    """A usenet client adds only an NZB file: a grab without its bytes cannot go further."""
    if not payload:
        raise ProviderError("Nothing to add: the NZB file was not downloaded", permanent=True)
    return payload


def category_recommended() -> Failure:
    return Failure("movieCategory", "A category is recommended", severity="warning")


class BaseDownloadClient(Provider):
    """A download client implementation; `protocol` is "usenet" or "torrent"."""

    protocol: ClassVar[str]
    # Radarr's ProviderMessage: a warning shown when one is added ({"message", "type": "warning"})
    message: ClassVar[dict[str, str] | None] = None

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        _text_settings_as_text(self.settings)
        self.session = session()
        self._mappings: list[RemotePathMapping] | None = None

    # ---- the interface

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        """Send a release (its .torrent/.nzb bytes, or a magnet link in the release) and return its id.

        `is_recent` picks the "recent" priority (Radarr: released within the last 21 days).
        """
        raise NotImplementedError

    def items(self) -> list[DownloadItem]:
        raise NotImplementedError

    def remove(self, download_id: str, delete_data: bool) -> None:
        raise NotImplementedError

    def mark_imported(self, download_id: str) -> None:
        """Move the download to the post-import category, where the client has one (else nothing)."""

    def status(self) -> ClientStatus:
        raise NotImplementedError

    def test(self) -> list[Failure]:
        """Radarr's test: connect, check version and settings; failures name the setting at fault."""
        try:
            return self.check()
        except ProviderError as error:
            return [Failure(self.failing_field(error), error.message)]

    def check(self) -> list[Failure]:
        """What `test` runs; raise ProviderError for a hard failure, return warnings and soft failures."""
        return []

    # ---- helpers shared by the implementations

    def failing_field(self, error: ProviderError) -> str:
        if error.message == AUTHENTICATION_FAILED:
            return "username" if self._has("username") else "password"
        if error.message.startswith("Unable to connect"):
            return "host"
        return ""

    def _has(self, attribute: str) -> bool:
        return hasattr(self.settings, attribute)

    def category_for(self, category_override: str | None) -> str:
        """The category a grab goes to: the override when the grab names one (even blank)."""
        return self.settings.movie_category if category_override is None else category_override

    def priority_for(self, is_recent: bool) -> int:
        return self.settings.recent_movie_priority if is_recent else self.settings.older_movie_priority

    def is_our_category(self, category: Any) -> bool:
        """Whether a download in `category` is ours; without a Category setting every download is."""
        wanted = self.settings.movie_category
        return not wanted or str(category or "").lower() == wanted.lower()

    def category_filter(self, key: str) -> dict[str, str]:
        """The client's list filter (`{key: category}`) for our category; none without one."""
        category = self.settings.movie_category
        return {key: category} if category else {}

    def category_failures(self, is_valid: Callable[[str], bool], rule: str) -> list[Failure]:
        """The Category and Post-Import Category settings the client would refuse, with its rule."""
        failures = []
        for name, value in (
            ("movieCategory", self.settings.movie_category),
            ("movieImportedCategory", self.settings.movie_imported_category),
        ):
            if not is_valid(value or ""):
                failures.append(Failure(name, rule, value))
        return failures

    def missing_category(self) -> Failure:
        return Failure(
            "movieCategory",
            f"Category '{self.settings.movie_category}' does not exist in {self.implementation_name}: "
            "create it first",
        )

    def client_status(self, folder: str) -> ClientStatus:
        """A client that puts finished downloads into `folder` (as the client sees it; blank: unknown)."""
        return ClientStatus([self.map_path(folder)] if folder else [], self.is_localhost())

    @property
    def host(self) -> str:
        return str(getattr(self.settings, "host", "localhost"))

    def base_url(self) -> str:
        """`http(s)://host:port/urlBase` without a trailing slash."""
        scheme = "https" if getattr(self.settings, "use_ssl", False) else "http"
        url_base = str(getattr(self.settings, "url_base", "") or "").strip("/")
        host = self.host.strip()
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        url = f"{scheme}://{host}:{self.settings.port}"
        return f"{url}/{url_base}" if url_base else url

    def is_localhost(self) -> bool:
        return self.host.strip().lower() in LOCAL_HOSTS

    def map_path(self, path: str) -> str:
        """A path the client reported, as this machine sees it (remote path mappings applied)."""
        if self._mappings is None:
            self._mappings = list(RemotePathMapping.objects.all())
        return map_remote_path(self.host, path, self._mappings)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One HTTP call; a client that is down or too slow becomes a ProviderError naming it."""
        try:
            return self.session.request(method, url, **kwargs)
        except requests.Timeout as error:
            raise ProviderError(
                f"{self.implementation_name} at {self.base_url()} did not answer in time"
            ) from error
        except requests.ConnectionError as error:
            message = f"Unable to connect to {self.implementation_name} at {self.base_url()}"
            raise ProviderError(f"{message}: {safe_message(_reason(error))}") from error
        except requests.RequestException as error:
            raise ProviderError(f"{self.implementation_name}: {safe_message(str(error))}") from error

    def parse_json(self, response: requests.Response) -> Any:
        """The body as JSON; an HTML page or a truncated body is a clear error, never a crash."""
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError as error:
            snippet = response.text[:100].strip().replace("\n", " ")
            raise ProviderError(
                f"{self.implementation_name} returned an unexpected response "
                f"(HTTP {response.status_code}): {safe_message(snippet) or 'an empty body'}"
            ) from error

    def json_object(self, response: requests.Response, what: str) -> dict[str, Any]:
        """The body as a JSON object; any other JSON is an unexpected response (`what` says how)."""
        answer = self.parse_json(response)
        if not isinstance(answer, dict):
            raise self.unexpected(what)
        return answer

    def reject_unauthorized(self, response: requests.Response) -> None:
        if response.status_code in (401, 403):
            raise ProviderError(AUTHENTICATION_FAILED, permanent=True)

    def reject_http_error(self, response: requests.Response) -> None:
        """Any other HTTP error: most often the address or URL Base leads somewhere else."""
        if response.status_code >= 400:
            answer = f"{self.implementation_name} answered HTTP {response.status_code}"
            raise ProviderError(f"{answer}: check the host and URL Base")

    def refused(self, method: str, error: Any) -> ProviderError:
        """A JSON-RPC error object (or bare message) for `method`, as the UI shows it."""
        message = error.get("message") if isinstance(error, dict) else str(error)
        return ProviderError(f"{self.implementation_name} refused {method}: {message}")

    def unexpected(self, what: str) -> ProviderError:
        return ProviderError(f"{self.implementation_name} returned an unexpected response: {what}")


def _text_settings_as_text(settings: Any) -> None:
    """Text settings a client sent as another JSON type (a number for a category, null) read as text,
    so no rule or call trips over them: 7 is "7", null is ""."""
    for setting_field in dataclasses.fields(settings):
        value = getattr(settings, setting_field.name)
        if setting_field.type is str and not isinstance(value, str):
            setattr(settings, setting_field.name, "" if value is None else str(value))


def _reason(error: Exception) -> str:
    """The innermost cause of a connection error (`Connection refused`), not urllib3's long repr."""
    text = str(error)
    match = re.search(r"\] ([^'\")]+)", text)
    return match.group(1).strip() if match else text


def as_int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def as_float(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


PRIORITY_LAST_FIRST = [(0, "Last"), (1, "First")]
