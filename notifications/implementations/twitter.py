"""Twitter/X: a post through API v2 (`POST /2/tweets`), or a direct message to the mentioned account
(`/2/dm_conversations/with/{id}/messages`), each signed with OAuth 1.0a (HMAC-SHA1) from the app's
consumer key and secret and the account's access token and secret. Radarr used API 1.1, which X
closed; the texts and the sign-in actions are Radarr's."""

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote

import requests

from notifications.implementations.base import MESSAGE_EVENTS
from notifications.implementations.messaging import CheckedNotification, service_url
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting

PREFIXES = {
    "Grab": "[Radarr] Grabbed: ",
    "Download": "[Radarr] Imported: ",
    "MovieAdded": "[Radarr] Added: ",
    "MovieFileDelete": "Movie File Deleted: ",
    "MovieDelete": "Movie Deleted: ",
    "Health": "Health Issue: ",
    "HealthRestored": "Health Issue Resolved: ",
    "ApplicationUpdate": "Application Updated: ",
    "ManualInteractionRequired": "Manual Interaction Required: ",
}


def _escape(value: str) -> str:
    """RFC 3986 percent-encoding, as OAuth 1.0a signs it."""
    return quote(str(value), safe="~-._")


def oauth_header(
    method: str,
    url: str,
    consumer: tuple[str, str],
    token: tuple[str, str] = ("", ""),
    params: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
) -> str:
    """The `Authorization: OAuth ...` header of a request: query/form `params` are signed with the
    oauth_* values; a JSON body is not (RFC 5849 §3.4.1.3)."""
    oauth = {
        "oauth_consumer_key": consumer[0],
        "oauth_nonce": secrets.token_hex(16),
        "oauth_signature_method": "HMAC-SHA1",
        "oauth_timestamp": str(int(time.time())),
        "oauth_version": "1.0",
        **(extra or {}),
    }
    if token[0]:
        oauth["oauth_token"] = token[0]
    signed = sorted((_escape(k), _escape(v)) for k, v in {**(params or {}), **oauth}.items())
    parameter_text = "&".join(f"{k}={v}" for k, v in signed)
    base = "&".join([method.upper(), _escape(url), _escape(parameter_text)])
    key = f"{_escape(consumer[1])}&{_escape(token[1])}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
    oauth["oauth_signature"] = base64.b64encode(digest).decode()
    return "OAuth " + ", ".join(f'{_escape(k)}="{_escape(v)}"' for k, v in sorted(oauth.items()))


class Twitter(CheckedNotification):
    implementation = "Twitter"
    implementation_name = "Twitter"
    info_link = "https://wiki.servarr.com/radarr/supported#twitter"
    supported_events = MESSAGE_EVENTS

    @dataclass
    class Settings:
        consumer_key: str = setting(
            "Consumer Key",
            required=True,
            secret=True,
            privacy="apiKey",
            help_text="Consumer key from a Twitter application",
        )
        consumer_secret: str = setting(
            "Consumer Secret",
            required=True,
            secret=True,
            privacy="apiKey",
            help_text="Consumer secret from a Twitter application",
        )
        access_token: str = setting("Access Token", secret=True, privacy="apiKey", advanced=True)
        access_token_secret: str = setting(
            "Access Token Secret", secret=True, privacy="apiKey", advanced=True
        )
        mention: str = setting("Mention", help_text="Mention this user in sent tweets")
        direct_message: bool = setting(
            "Direct Message",
            True,
            field_type="checkbox",
            help_text="Send a direct message instead of a public message",
        )
        authorize_notification: str = setting("Connect to Twitter", "startOAuth", field_type="oAuth")

    def rules(self) -> list[Failure]:
        settings = self.settings
        failures = []
        if settings.direct_message and not settings.mention:
            failures.append(Failure("mention", "'Mention' must not be empty to send a direct message", ""))
        if not settings.access_token or not settings.access_token_secret:
            failures.append(Failure("authorizeNotification", "Authenticate app.", ""))
        return failures

    def send(self, notice: Notice) -> None:
        prefix = PREFIXES.get(notice.event_type, "")
        if notice.event_type == "MovieAdded":
            text = prefix + str((notice.payload.get("movie") or {}).get("title") or notice.message)
        else:
            text = prefix + notice.message
        self.post(text)

    def post(self, text: str) -> None:
        settings = self.settings
        if not all(
            (
                settings.consumer_key,
                settings.consumer_secret,
                settings.access_token,
                settings.access_token_secret,
            )
        ):
            raise ProviderError(
                "Connect to Twitter first (consumer key and secret, access token and secret)", permanent=True
            )
        base = service_url("twitter")
        if settings.direct_message:
            user = self._signed(
                "GET", f"{base}/2/users/by/username/{quote(settings.mention.lstrip('@'), safe='')}"
            )
            user_id = ((user.json() or {}).get("data") or {}).get("id")
            if not user_id:
                raise ProviderError(f"X has no account named @{settings.mention.lstrip('@')}")
            self._signed("POST", f"{base}/2/dm_conversations/with/{user_id}/messages", json={"text": text})
            return
        if settings.mention:
            text += f" @{settings.mention.lstrip('@')}"
        self._signed("POST", f"{base}/2/tweets", json={"text": text})

    def _signed(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        settings = self.settings
        header = oauth_header(
            method,
            url,
            (settings.consumer_key, settings.consumer_secret),
            (settings.access_token, settings.access_token_secret),
        )
        try:
            response = self.session.request(method, url, headers={"Authorization": header}, **kwargs)
        except requests.RequestException as error:
            raise ProviderError(f"Unable to reach X: {safe_message(str(error))}") from None
        if response.status_code == 401:
            raise ProviderError("X refused the consumer key or the access token (HTTP 401): connect again")
        if response.status_code == 429:
            raise ProviderError("X's rate limit was reached (HTTP 429): the post was not sent")
        if response.status_code >= 400:
            raise ProviderError(f"Error received from X (HTTP {response.status_code}): {_detail(response)}")
        return response

    def test(self) -> list[Failure]:
        failures = self.validate()
        if any(failure.property_name == "authorizeNotification" for failure in failures):
            return failures
        try:
            self.post(f"Radarr: Test Message @ {time.strftime('%Y-%m-%d %H:%M:%S')}")
        except ProviderError as error:
            return [Failure("", f"Unable to send test message: {error.message}")]
        return []

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        """Radarr's sign-in: `startOAuth` (with `callbackUrl`) answers the authorize URL of a request
        token; `getOAuthToken` (with `oauth_token`, `oauth_verifier`) the account's access token."""
        settings = self.settings
        action = action.lower()
        if action not in ("startoauth", "getoauthtoken"):
            return {}
        if not settings.consumer_key or not settings.consumer_secret:
            return {"error": "Set the consumer key and the consumer secret first"}
        consumer = (settings.consumer_key, settings.consumer_secret)
        base = service_url("twitter")
        if action == "startoauth":
            if not query.get("callbackUrl"):
                return {"error": "QueryParam callbackUrl invalid."}
            url = f"{base}/oauth/request_token"
            header = oauth_header("POST", url, consumer, extra={"oauth_callback": query["callbackUrl"]})
            answer = self._form(url, header)
            return {
                "oauthUrl": f"{base}/oauth/authorize?oauth_token={_escape(answer.get('oauth_token', ''))}"
            }
        for name in ("oauth_token", "oauth_verifier"):
            if not query.get(name):
                return {"error": f"QueryParam {name} invalid."}
        url = f"{base}/oauth/access_token"
        header = oauth_header(
            "POST",
            url,
            consumer,
            (query["oauth_token"], ""),
            extra={"oauth_verifier": query["oauth_verifier"]},
        )
        answer = self._form(url, header)
        return {
            "accessToken": answer.get("oauth_token", ""),
            "accessTokenSecret": answer.get("oauth_token_secret", ""),
        }

    def _form(self, url: str, header: str) -> dict[str, str]:
        response = self.request(
            "POST", url, headers={"Authorization": header}, refused="X refused the consumer key"
        )
        return dict(parse_qsl(response.text))


def _detail(response: requests.Response) -> str:
    try:
        answer = response.json()
    except ValueError:
        return safe_message(response.text[:200].strip())
    if isinstance(answer, dict):
        return safe_message(str(answer.get("detail") or answer.get("title") or answer)[:200])
    return safe_message(str(answer)[:200])
