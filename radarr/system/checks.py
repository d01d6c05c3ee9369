"""Health checks of the instance itself: a guessable API key, a clock that is off, password guessing."""

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests
from django.conf import settings

from radarr.hostconfig import pending_restart
from radarr.http import session
from radarr.loginthrottle import current_lockouts
from radarr.system.health import WIKI, HealthIssue

MIN_API_KEY_LENGTH = 20
# a well-run server whose Date header we compare the local clock with: TMDB, which we talk to anyway
# (through RADARR_TMDB_URL, so a mirror, a proxy or a test's unreachable address is used for this too)
CLOCK_REFERENCE_PATH = "/configuration"
CLOCK_TOLERANCE_SECONDS = 24 * 3600


def pending_restart_check() -> list[HealthIssue]:
    """Settings → General saved an address, port, URL base or instance name the server reads only at
    start: say so until a restart applies it (Radarr's UI asks for the restart)."""
    pending = pending_restart()
    if not pending:
        return []
    message = (
        f"Saved settings apply when Radarr restarts: {', '.join(pending)}. How to fix: restart Radarr "
        "(the container, or `make run`)"
    )
    return [HealthIssue("PendingRestartCheck", "notice", message)]


def api_key_check() -> list[HealthIssue]:
    """A short API key can be guessed; every client holds it, so a long one costs nothing."""
    if len(settings.RADARR_API_KEY) >= MIN_API_KEY_LENGTH:
        return []
    message = (
        f"The API key is shorter than {MIN_API_KEY_LENGTH} characters and can be guessed. How to fix: "
        "set RADARR_API_KEY to a long random value (or unset it to have one generated), then update clients"
    )
    return [HealthIssue("ApiKeyValidationCheck", "warning", message, WIKI + "api-key-validation-check")]


def reference_time(url: str = "") -> datetime | None:
    """The time in a server's Date header (any status answers with one), None when unreachable."""
    url = url or settings.RADARR_TMDB_URL.rstrip("/") + CLOCK_REFERENCE_PATH
    try:
        response = session(connect_timeout=5, read_timeout=5).get(url, allow_redirects=False)
        return parsedate_to_datetime(response.headers["Date"])
    except (requests.RequestException, KeyError, TypeError, ValueError):
        return None


def system_clock_check() -> list[HealthIssue]:
    """A clock a day off breaks indexer logins and TLS; compared with a server's Date header."""
    remote = reference_time()
    if remote is None:
        return []  # unreachable: other checks say so; the clock cannot be judged
    offset = (datetime.now(tz=UTC) - remote).total_seconds()
    if abs(offset) <= CLOCK_TOLERANCE_SECONDS:
        return []
    message = (
        f"The system clock is off by {abs(offset) / 3600:.0f} hours. How to fix: enable time "
        "synchronisation (NTP) on the machine or container host"
    )
    return [HealthIssue("SystemTimeCheck", "error", message, WIKI + "system-time-is-off")]


def failed_login_check() -> list[HealthIssue]:
    """Someone is guessing passwords: say from where, and until when their logins are refused."""
    issues = []
    for lockout in current_lockouts():
        until = f"{lockout.until:%Y-%m-%d %H:%M:%S} UTC"
        if lockout.username is not None:
            found = f"{lockout.failures} failed logins for user {lockout.username} from several addresses"
            refused = f"logins as {lockout.username} are refused until {until}"
        else:
            found = f"{lockout.failures} failed logins from {lockout.address}"
            refused = f"logins from it are refused until {until}"
        message = (
            f"{found}; {refused}. How to fix: if it was you, wait; otherwise keep the server off the "
            "internet or put it behind a proxy with its own login"
        )
        issues.append(HealthIssue("FailedLoginCheck", "warning", message))
    return issues
