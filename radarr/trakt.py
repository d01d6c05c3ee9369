"""Trakt's OAuth, shared by the Trakt import lists (movies.importlists) and the Trakt Connect kind
(notifications.implementations.trakt): both sit right of `radarr`, so the code both need lives here.

Radarr signs in through its own OAuth proxy (auth.servarr.com) with Radarr's client id; we ask Trakt
itself with the user's own API app (Trakt → Settings → Your API Apps) through OAuth's device flow:
`startOAuth` returns a code to enter at Trakt's verification URL, `getOAuthToken` polls once for the
tokens. A token this close to expiring is refreshed before use, as Radarr does; the refreshed tokens
are saved onto the provider's row.
"""

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from django.conf import settings as django_settings

from radarr import http
from radarr.providers import ProviderError, camel_case, safe_message

logger = logging.getLogger(__name__)

REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"
REFRESH_MARGIN = timedelta(minutes=5)  # as Radarr: a token this close to expiring is refreshed
DEVICE_ERRORS = {
    404: "invalid code",
    409: "code already used",
    410: "code expired",
    418: "denied by the user",
}


def trakt_url() -> str:
    """Trakt's API base (settings.RADARR_LIST_SERVICE_URLS["trakt"]: tests point it at a fake)."""
    return str(django_settings.RADARR_LIST_SERVICE_URLS["trakt"]).rstrip("/")


def parse_expiry(value: Any) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _json_or_none(response: requests.Response) -> Any:
    if response.status_code not in (200, 201):
        return None
    try:
        return response.json()
    except ValueError:
        return None


class TraktOAuth:
    """Mixed into a provider whose Settings carry access_token, refresh_token, expires, auth_user,
    client_id and client_secret (Radarr's hidden token fields plus the app's id and secret)."""

    settings: Any
    definition: Any

    def trakt_headers(self, token: str = "") -> dict[str, str]:
        headers = {"Content-Type": "application/json", "trakt-api-version": "2"}
        if self.settings.client_id:
            headers["trakt-api-key"] = self.settings.client_id
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def trakt_call(self, method: str, path: str, token: str = "", **kwargs: Any) -> requests.Response:
        try:
            url = f"{trakt_url()}{path}"
            return http.session().request(method, url, headers=self.trakt_headers(token), **kwargs)
        except requests.RequestException as error:
            raise ProviderError(f"Unable to connect to Trakt: {safe_message(str(error))}") from error

    def trakt_post(self, path: str, body: dict[str, Any]) -> requests.Response:
        return self.trakt_call("POST", path, json=body)

    def refresh_tokens(self) -> bool:
        """Trade the refresh token for new tokens (saved on the row); False when Trakt refuses."""
        if not self.settings.refresh_token:
            return False
        response = self.trakt_post(
            "/oauth/token",
            {
                "refresh_token": self.settings.refresh_token,
                "client_id": self.settings.client_id,
                "client_secret": self.settings.client_secret,
                "redirect_uri": REDIRECT_URI,
                "grant_type": "refresh_token",
            },
        )
        data = _json_or_none(response)
        if not isinstance(data, dict) or not data.get("access_token"):
            name = getattr(self.definition, "name", "")
            logger.warning("Trakt refused to refresh the token of %s (HTTP %s)", name, response.status_code)
            return False
        self.save_tokens(data)
        return True

    def save_tokens(self, data: dict[str, Any]) -> None:
        expires = datetime.now(UTC) + timedelta(seconds=_int(data.get("expires_in")) or 86400 * 90)
        self.settings.access_token = str(data["access_token"])
        self.settings.refresh_token = str(data.get("refresh_token") or self.settings.refresh_token)
        self.settings.expires = expires.isoformat()
        stored = dict(self.definition.settings or {})
        stored |= {
            "accessToken": self.settings.access_token,
            "refreshToken": self.settings.refresh_token,
            "expires": self.settings.expires,
        }
        self.definition.settings = stored
        if getattr(self.definition, "pk", None):
            type(self.definition).objects.filter(pk=self.definition.pk).update(settings=stored)

    def refresh_if_expiring(self) -> None:
        expires = parse_expiry(self.settings.expires)
        if expires is None or expires < datetime.now(UTC) + REFRESH_MARGIN:
            self.refresh_tokens()

    def oauth_action(self, action: str, query: dict[str, str]) -> Any:
        """OAuth's device flow: `startOAuth` asks Trakt for a code the user enters at its verification
        URL; `getOAuthToken` (with `deviceCode`) polls once: the tokens once the user approved, else
        `{"pending": true}` (poll again after `interval` seconds) or an error."""
        action = action.lower()
        if action == "startoauth":
            response = self.trakt_post("/oauth/device/code", {"client_id": self.settings.client_id})
            data = _json_or_none(response)
            if not isinstance(data, dict):
                return {"error": f"Trakt refused the device code request (HTTP {response.status_code})"}
            keys = ("device_code", "user_code", "verification_url", "expires_in", "interval")
            return {camel_case(key): data.get(key) for key in keys}
        if action == "getoauthtoken":
            body = {
                "code": query.get("deviceCode", ""),
                "client_id": self.settings.client_id,
                "client_secret": self.settings.client_secret,
            }
            response = self.trakt_post("/oauth/device/token", body)
            if response.status_code in (400, 429):
                return {"pending": True}
            data = _json_or_none(response)
            if not isinstance(data, dict) or not data.get("access_token"):
                reason = DEVICE_ERRORS.get(response.status_code, f"HTTP {response.status_code}")
                return {"error": f"Trakt did not authorize: {reason}"}
            expires = datetime.now(UTC) + timedelta(seconds=_int(data.get("expires_in")))
            return {
                "accessToken": data["access_token"],
                "refreshToken": data.get("refresh_token") or "",
                "expires": expires.isoformat(),
                "authUser": self.trakt_user_name(str(data["access_token"])),
            }
        return {}

    def trakt_user_settings(self, token: str) -> requests.Response:
        return self.trakt_call("GET", "/users/settings", token)

    def trakt_user_name(self, token: str) -> str:
        try:
            response = self.trakt_user_settings(token)
        except ProviderError:
            return ""
        data = _json_or_none(response)
        user = data.get("user") if isinstance(data, dict) else None
        return str(user.get("username") or "") if isinstance(user, dict) else ""
