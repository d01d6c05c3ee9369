"""The one way an indexer is called: back-off, request spacing, timeouts, size limits, clear errors.

`fetch_from` wraps one action on one indexer (recent feed, search, test): a backed-off indexer is
skipped, a failure escalates its back-off (Retry-After honoured) and is logged without credentials,
a success clears it. One failing indexer never stops the others: callers loop and carry on.
`http_request` is what implementations use for every HTTP call.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests

from radarr.http import session
from radarr.providers import BACKOFF_MINUTES, ProviderError, record_failure, record_success, safe_message
from releases.releaseinfo import ReleaseInfo

if TYPE_CHECKING:
    from indexers.implementations.base import BaseIndexer, MovieSearchCriteria
    from indexers.models import Indexer

logger = logging.getLogger(__name__)

REQUEST_SPACING_SECONDS = 2.0  # between two requests to the same indexer (tests shorten it)
CONNECT_TIMEOUT_SECONDS = 10.0
READ_TIMEOUT_SECONDS = 30.0  # a slow search is normal; a hung one is not
MAX_RESPONSE_BYTES = 20 * 1024 * 1024  # a feed past 20 MB is a broken or hostile server
DEFAULT_RETRY_AFTER = timedelta(hours=1)  # Radarr's pause after a 429 or a request limit without a hint
PERMANENT_PAUSE = timedelta(minutes=BACKOFF_MINUTES[-1])  # until saved again with new settings

_last_request: dict[str, float] = {}
_spacing_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class FeedResponse:
    url: str  # the final URL, for resolving relative links
    status: int
    content: bytes
    headers: dict[str, str]


def _wait_for_turn(key: str) -> None:
    """Space requests to the same indexer (per process): trackers ban clients that hammer them."""
    with _spacing_lock:
        now = time.monotonic()
        earliest = _last_request.get(key, 0.0) + REQUEST_SPACING_SECONDS
        wait = max(0.0, earliest - now)
        _last_request[key] = now + wait
    if wait:
        time.sleep(wait)


def _retry_after(value: str | None) -> timedelta:
    """Retry-After as seconds or an HTTP date; Radarr's one hour when absent or unreadable."""
    if not value:
        return DEFAULT_RETRY_AFTER
    if value.strip().isdigit():
        return timedelta(seconds=int(value.strip()))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return max(when - datetime.now(UTC), timedelta(0))


def _read_limited(response: requests.Response) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
        raise ProviderError(f"The response is {int(declared) // 1024**2} MB, over the 20 MB a feed may be")
    chunks, total = [], 0
    for chunk in response.iter_content(64 * 1024):
        total += len(chunk)
        if total > MAX_RESPONSE_BYTES:
            raise ProviderError("The response is over the 20 MB a feed may be; refused")
        chunks.append(chunk)
    return b"".join(chunks)


class HttpStatusError(ProviderError):
    """An error status from the indexer; `status` lets an implementation say what it means there."""

    def __init__(self, message: str, status: int, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.status = status


def _raise_for_status(response: requests.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    if status == 429:
        raise HttpStatusError(
            "The indexer asked us to slow down (HTTP 429)",
            status,
            retry_after=_retry_after(response.headers.get("Retry-After")),
        )
    if status == 401:
        raise HttpStatusError("API key is invalid or access was denied (HTTP 401)", status, permanent=True)
    reason = response.reason or "error"
    raise HttpStatusError(f"The indexer answered HTTP {status} ({reason})", status)


def http_request(key: str, method: str, url: str, **kwargs: Any) -> FeedResponse:
    """One HTTP call to an indexer, spaced from the last one to the same `key`; errors as ProviderError."""
    _wait_for_turn(key)
    http = session(CONNECT_TIMEOUT_SECONDS, READ_TIMEOUT_SECONDS)
    host = urlsplit(url).netloc or url
    try:
        with http.request(method, url, stream=True, **kwargs) as response:
            _raise_for_status(response)
            content = _read_limited(response)
            return FeedResponse(response.url, response.status_code, content, dict(response.headers))
    except requests.Timeout:
        raise ProviderError(f"{host} did not answer within {READ_TIMEOUT_SECONDS:.0f} seconds") from None
    except requests.ConnectionError as error:
        raise ProviderError(safe_message(f"Unable to connect to {host}: {_reason(error)}")) from None
    except requests.RequestException as error:
        raise ProviderError(safe_message(f"Request to {host} failed: {error}")) from None
    finally:
        http.close()


def _reason(error: Exception) -> str:
    """The innermost cause of a connection error: 'Connection refused', not a urllib3 repr."""
    cause: BaseException = error
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__  # type: ignore[assignment]
    text = str(cause)
    return text.rsplit(": ", 1)[-1] if ": " in text else text or type(cause).__name__


def _record(indexer: "Indexer", error: ProviderError) -> None:
    if error.permanent:
        error = ProviderError(error.message, permanent=True, retry_after=PERMANENT_PAUSE)
    record_failure(indexer, error)


def fetch_from(indexer: "Indexer", action: Callable[["BaseIndexer"], list[ReleaseInfo]]) -> list[ReleaseInfo]:
    """Run `action` on the indexer's implementation; [] when it is backed off or fails (recorded)."""
    if indexer.is_backed_off():
        logger.info("Indexer %s is backed off until %s; skipped", indexer.name, indexer.disabled_until)
        return []
    try:
        releases = action(indexer.provider())
    except ProviderError as error:
        logger.warning("Indexer %s failed: %s", indexer.name, safe_message(error.message))
        _record(indexer, error)
        return []
    except Exception as error:  # noqa: BLE001 - a bug in one indexer must not end the sync
        logger.exception("Indexer %s failed unexpectedly", indexer.name)
        _record(indexer, ProviderError(f"Unexpected error: {error}"))
        return []
    record_success(indexer)
    return [
        replace(release, indexer_id=indexer.pk, indexer=indexer.name, indexer_priority=indexer.priority)
        for release in releases
    ]


def download_headers(indexer_id: int) -> dict[str, str]:
    """What the grab must send with the .torrent request of a release from `indexer_id` besides its
    URL (PassThePopcorn's ApiUser and ApiKey, as Radarr's GetDownloadRequest adds them); {} for
    indexers that need nothing or are gone."""
    from indexers.implementations import IMPLEMENTATIONS
    from indexers.models import Indexer

    row = Indexer.objects.filter(pk=indexer_id).first() if indexer_id else None
    if row is None or row.implementation not in IMPLEMENTATIONS:
        return {}
    return row.provider().download_headers()


def fetch_recent_releases(indexers: Iterable["Indexer"]) -> list[ReleaseInfo]:
    """Every indexer's recent feed (RSS sync); failing indexers add nothing and are backed off."""
    releases: list[ReleaseInfo] = []
    for indexer in indexers:
        if indexer.provider().supports_rss:
            releases.extend(fetch_from(indexer, lambda provider: provider.fetch_recent()))
    return releases


def search_releases(indexers: Iterable["Indexer"], criteria: "MovieSearchCriteria") -> list[ReleaseInfo]:
    """Every indexer's answer to a movie search; failing indexers add nothing and are backed off."""
    releases: list[ReleaseInfo] = []
    for indexer in indexers:
        if indexer.provider().supports_search:
            releases.extend(fetch_from(indexer, lambda provider: provider.search(criteria)))
    return releases
