"""The one factory of outbound HTTP sessions: every call to TMDB, indexers, download clients and
notification services goes through a session made here, so none can hang without a timeout."""

from typing import Any

import requests
from django.conf import settings

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
        return super().request(method, url, **kwargs)


def session(connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT) -> requests.Session:
    """A new session with our user agent and (connect, read) timeouts applied to every request."""
    return TimeoutSession((connect_timeout, read_timeout))
