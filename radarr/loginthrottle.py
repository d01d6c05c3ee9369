"""Failed logins are throttled (django-axes) and password checks are rationed, so guessing is slow and
hammering the login page cannot starve the API.

- An address gets RADARR_LOGIN_FAILURE_LIMIT failures; a user name, from all addresses together, four
  times as many (a guesser spread over many addresses). Failures count while each follows the previous
  one within RADARR_LOGIN_LOCKOUT_MINUTES; a success clears its address's count.
- A refused login is cheap: the lockout is read before any password is hashed, and a refusal writes
  nothing. Each refusal answers 429 with Retry-After (seconds) and says until when.
- At most PASSWORD_CHECKS_AT_ONCE password hashes (about half a second of CPU each) run at a time; a
  login that finds them busy is told to retry at once instead of holding a web server thread.
"""

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

# a user name may fail this many times the address limit (from several addresses) before it is refused
USER_LIMIT_FACTOR = 4
PASSWORD_CHECKS_AT_ONCE = 1
USERNAME_MAX_LENGTH = 150  # Django's; axes stores at most 255 and PostgreSQL would refuse longer
_password_checks = threading.BoundedSemaphore(PASSWORD_CHECKS_AT_ONCE)


def address_limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def user_limit() -> int:
    return address_limit() * USER_LIMIT_FACTOR


def cool_off() -> timedelta:
    return settings.AXES_COOLOFF_TIME


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with a separate, higher limit per user name than per address.

    axes compares one number with one limit; with AXES_LOCKOUT_PARAMETERS ["ip_address", "username"]
    its attempt lists come in that order, and the user name's failures are scaled to the address limit.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        by_address, by_user = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return max(by_address, by_user // USER_LIMIT_FACTOR)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A successful login clears its address's failures only: axes would also clear the user name's
        failures from every other address, handing a guesser a fresh count each time the owner logs in."""
        if not request.axes_ip_address:
            return 0
        deleted, _ = AccessAttempt.objects.filter(ip_address=request.axes_ip_address).delete()
        return deleted


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The user name a login tried (AXES_USERNAME_CALLABLE), cut to what a user name can be."""
    name = credentials.get("username") if credentials else request.POST.get("username")
    return name[:USERNAME_MAX_LENGTH] if isinstance(name, str) else None


def lift_time(attempts: Iterable[tuple[datetime, int]], limit: int) -> datetime | None:
    """When a lockout built from `attempts` (time of each row's last failure, its failures) ends: rows
    leave the count a cool-off after their last failure, oldest first, until fewer than `limit` remain."""
    counted = 0
    for last_failure, failures in sorted(attempts, reverse=True):
        counted += failures
        if counted >= limit:
            return last_failure + cool_off()
    return None


def _recent(**lookup: Any) -> list[tuple[datetime, int]]:
    since = timezone.now() - cool_off()
    rows = AccessAttempt.objects.filter(attempt_time__gte=since, **lookup)
    return list(rows.values_list("attempt_time", "failures_since_start"))


def locked_until(address: str, username: str | None) -> tuple[datetime, str] | None:
    """Until when logins from `address` (or as `username`) are refused, and what is refused (the
    address or the user name); None when neither is."""
    now = timezone.now()
    ends = [(lift_time(_recent(ip_address=address or None), address_limit()), "from your address")]
    if username is not None:
        ends.append((lift_time(_recent(username=username), user_limit()), f"as {username}"))
    future = [(end, what) for end, what in ends if end is not None and end > now]
    return max(future, default=None)


def is_refused(request: HttpRequest) -> bool:
    """Whether axes refuses this login attempt now (read-only: two aggregate queries)."""
    return not AxesProxyHandler.is_allowed(request, {"username": attempted_username(request)})


def _login_page(request: HttpRequest, message: str, retry_after: int) -> HttpResponse:
    form = AuthenticationForm(request, initial={"username": attempted_username(request) or ""})
    context = {"form": form, "refusal": message, "next": request.POST.get("next", "")}
    response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The login page, 429, for a refused login (AXES_LOCKOUT_CALLABLE): until when, and Retry-After."""
    refused = locked_until(request.axes_ip_address, attempted_username(request, credentials))
    until, what = refused or (timezone.now() + cool_off(), "from your address")
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    message = (
        f"Too many failed logins. Logins {what} are refused until {until:%H:%M:%S} UTC "
        f"(in {math.ceil(seconds / 60)} minute{'s' if seconds > 60 else ''})."
    )
    return _login_page(request, message, seconds)


def busy_response(request: HttpRequest) -> HttpResponse:
    return _login_page(request, "The server is checking other logins right now: try again.", 1)


def try_password_check() -> bool:
    """Take a password-check slot without waiting; `release_password_check` gives it back."""
    return _password_checks.acquire(blocking=False)


def release_password_check() -> None:
    _password_checks.release()


@dataclass(frozen=True, slots=True)
class Lockout:
    address: str | None  # the refused address, or None when a user name is refused
    username: str | None
    failures: int
    until: datetime


def current_lockouts() -> list[Lockout]:
    """Every address and user name refused right now, for the health check (one query)."""
    since = timezone.now() - cool_off()
    rows = list(
        AccessAttempt.objects.filter(attempt_time__gte=since).values(
            "ip_address", "username", "attempt_time", "failures_since_start"
        )
    )
    found = []
    for field, limit in (("ip_address", address_limit()), ("username", user_limit())):
        groups: dict[str, list[tuple[datetime, int]]] = {}
        for row in rows:
            if row[field] is not None:
                groups.setdefault(row[field], []).append((row["attempt_time"], row["failures_since_start"]))
        for key, attempts in sorted(groups.items()):
            until = lift_time(attempts, limit)
            if until is not None and until > timezone.now():
                address, username = (key, None) if field == "ip_address" else (None, key)
                found.append(Lockout(address, username, sum(count for _, count in attempts), until))
    return found
