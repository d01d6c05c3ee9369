"""The one factory of outbound HTTP sessions: every call to TMDB, indexers, download clients and
notification services goes through a session made here, so none can hang without a timeout, and each
goes through the proxy of Settings → General (radarr/hostconfig.py) unless its host is bypassed."""

import fnmatch
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from django.conf import settings

from radarr.auth import is_local_address
from radarr.hostconfig import host_settings

# seconds: connecting fails fast when a host is down; reading allows a slow search or a large poster
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 15


def user_agent() -> str:
    """`Radarr/6.1.0.10000 (radarr-django 0.1.0)`: services that check for Radarr see its version first."""
    return f"Radarr/{settings.RADARR_COMPAT_VERSION} (radarr-django {settings.RADARR_VERSION})"


class TimeoutSession(requests.Session):
    """A Session whose requests get the default timeouts unless the caller passes its own."""

    def __init__(self, timeout: tuple[float, float]) -> None:
        super().__init__()
        self.timeout = timeout
        self.headers["User-Agent"] = user_agent()

    def request(self, method: str | bytes, url: str | bytes, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        values = host_settings()  # read per request: a save in the web process reaches the job worker
        host = urlsplit(url if isinstance(url, str) else url.decode()).hostname or ""
        if kwargs.get("proxies") is None and (proxy := proxy_url(values, host)):
            kwargs["proxies"] = {"http": proxy, "https": proxy}
        if kwargs.get("verify") is None and not validates_certificate(values, host):
            kwargs["verify"] = False
        return super().request(method, url, **kwargs)


def session(connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT) -> requests.Session:
    """A new session with our user agent and (connect, read) timeouts applied to every request."""
    return TimeoutSession((connect_timeout, read_timeout))


def _is_local_host(host: str) -> bool:
    return host == "localhost" or host.endswith(".localhost") or is_local_address(host)


def is_bypassed(values: dict[str, Any], host: str) -> bool:
    """Radarr's bypass list: comma-separated host names with * wildcards (`*.lan, 192.168.1.*`), and
    local addresses (loopback, private networks) when asked."""
    if values["proxyBypassLocalAddresses"] and _is_local_host(host):
        return True
    patterns = [entry.strip().lower() for entry in values["proxyBypassFilter"].split(",") if entry.strip()]
    return any(fnmatch.fnmatchcase(host.lower(), pattern) for pattern in patterns)


def proxy_url(values: dict[str, Any], host: str) -> str | None:
    """The proxy a request to `host` goes through, as requests takes it; None when it goes direct."""
    if not values["proxyEnabled"] or not values["proxyHostname"] or is_bypassed(values, host):
        return None
    # socks5h: the proxy resolves names too, so a name is never looked up outside it
    scheme = {"http": "http", "socks4": "socks4a", "socks5": "socks5h"}[values["proxyType"]]
    credentials = ""
    if values["proxyUsername"]:
        credentials = (
            quote(values["proxyUsername"], safe="") + ":" + quote(values["proxyPassword"], safe="") + "@"
        )
    return f"{scheme}://{credentials}{values['proxyHostname']}:{values['proxyPort']}"


def validates_certificate(values: dict[str, Any], host: str) -> bool:
    """Radarr's certificate validation: always, never, or not for local addresses (self-signed boxes)."""
    mode = values["certificateValidation"]
    return mode == "enabled" or (mode == "disabledForLocalAddresses" and not _is_local_host(host))
