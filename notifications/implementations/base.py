"""The interface every notification implements, and the HTTP handling they share.

`send(notice)` delivers one event or raises ProviderError with a message fit for the UI; the sending
loop (notifications.sending) records back-off. `test()` sends Radarr's Test notice.
"""

from typing import Any, ClassVar

import requests

from notifications.models import EVENT_FLAGS
from notifications.payloads import Notice, notice_for_test
from radarr.api.errors import Failure
from radarr.http import session
from radarr.providers import Provider, ProviderError, safe_message

# every trigger a notification can subscribe to (include_health_warnings is a modifier, not an event)
ALL_EVENTS = frozenset(flag for flag, _name, _label in EVENT_FLAGS if flag != "include_health_warnings")
# Radarr's messaging kinds (Pushover, Telegram, Email, Join, Prowl...) implement every event but Rename
MESSAGE_EVENTS = ALL_EVENTS - {"on_rename"}
# media servers refresh their library when files change; nothing else concerns them
LIBRARY_EVENTS = frozenset(
    {
        "on_download",
        "on_upgrade",
        "on_rename",
        "on_movie_delete",
        "on_movie_file_delete",
        "on_movie_file_delete_for_upgrade",
    }
)


class BaseNotification(Provider):
    supported_events: ClassVar[frozenset[str]] = ALL_EVENTS
    do_not_call_in_templates = True  # templates read the class's names; never instantiate it

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self.session = session()

    def send(self, notice: Notice) -> None:
        raise NotImplementedError

    def test(self) -> list[Failure]:
        try:
            self.send(notice_for_test())
        except ProviderError as error:
            return [Failure("", f"Unable to send test message: {safe_message(error.message)}")]
        return []

    def request(self, method: str, url: str, *, refused: str = "", **kwargs: Any) -> requests.Response:
        """One HTTP call; connection trouble and error statuses become ProviderError (`refused` is the
        service's own words for a 401/403: "Prowl refused the API key")."""
        try:
            response = self.session.request(method, url, **kwargs)
        except requests.RequestException as error:
            raise ProviderError(f"Unable to reach {_host(url)}: {safe_message(str(error))}") from error
        if response.status_code in (401, 403):
            what = refused or f"{_host(url)} refused the credentials"
            raise ProviderError(f"{what} (HTTP {response.status_code})", permanent=False)
        if response.status_code >= 400:
            text = safe_message(response.text[:200].strip())
            raise ProviderError(f"{_host(url)} answered HTTP {response.status_code}: {text}")
        return response


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.netloc or url


def changes_library(notice: Notice) -> bool:
    """Whether a media server should look at the notice's folder again (files there came or went)."""
    return bool(notice.folder_path) and notice.event.subscription() in LIBRARY_EVENTS


def media_server_url(settings: Any, default_port: int) -> str:
    """The base URL from a media server's Host, Port, Use SSL and URL Base settings."""
    port = int(settings.port or default_port)
    return server_url(settings.host, port, settings.use_ssl, settings.url_base)


def connect_failure(server: str, error: ProviderError) -> list[Failure]:
    """The Test button's answer when a media server cannot be reached or refuses us."""
    return [Failure("host", f"Unable to connect to {server}: {safe_message(error.message)}")]


def server_url(host: str, port: int, use_ssl: bool, url_base: str = "") -> str:
    """http(s)://host:port/base for the media servers' host/port/SSL settings."""
    scheme = "https" if use_ssl else "http"
    base = "/" + url_base.strip("/") if url_base and url_base.strip("/") else ""
    host = host.strip().rstrip("/")
    if "://" in host:
        host = host.split("://", 1)[1]
    return f"{scheme}://{host}:{port}{base}"


def map_path(path: str, map_from: str, map_to: str) -> str:
    """Our path as the media server sees it (its library may be mounted elsewhere)."""
    if map_from and map_to and path.startswith(map_from):
        mapped = map_to + path[len(map_from) :]
        return mapped.replace("\\", "/") if "/" in map_to else mapped.replace("/", "\\")
    return path
