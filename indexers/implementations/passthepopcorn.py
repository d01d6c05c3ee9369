"""PassThePopcorn: its JSON browse API (`torrents.php?json=noredirect`), with ApiUser and ApiKey headers.

Golden Popcorn, checked (approved), scene and freeleech become Radarr's indexer flags, which custom
formats and the "prefer indexer flags" option read."""

from dataclasses import dataclass
from datetime import UTC
from typing import Any, ClassVar
from urllib.parse import urlencode

import orjson

from indexers.feeds import imdb_id, parse_date
from indexers.fetching import FeedResponse, HttpStatusError
from indexers.implementations.base import (
    WIKI,
    BaseIndexer,
    MovieSearchCriteria,
    fail_downloads_setting,
    minimum_seeders_setting,
    multi_language_setting,
    not_empty,
    reject_blocklisted_setting,
    required_flags_setting,
    seed_ratio_setting,
    seed_time_setting,
    valid_root_url,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import IndexerFlag, ReleaseInfo

# PTP's FreeleechType values, as Radarr maps them
FREELEECH_FLAGS = {
    "FREELEECH": IndexerFlag.G_FREELEECH,
    "NEUTRAL LEECH": IndexerFlag.G_FREELEECH,
    "HALF LEECH": IndexerFlag.G_HALFLEECH,
}


def torrent_flags(torrent: dict[str, Any]) -> int:
    flags = IndexerFlag(0)
    if torrent.get("GoldenPopcorn") is True:
        flags |= IndexerFlag.PTP_GOLDEN
    if torrent.get("Checked") is True:
        flags |= IndexerFlag.PTP_APPROVED
    flags |= FREELEECH_FLAGS.get(str(torrent.get("FreeleechType") or "").upper(), IndexerFlag(0))
    if torrent.get("Scene") is True:
        flags |= IndexerFlag.G_SCENE
    return int(flags)


def _number(value: Any, what: str, torrent_id: Any) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ProviderError(
            f"PassThePopcorn returned torrent {torrent_id} with an unreadable {what} ({value!r})"
        ) from None


def _release(movie: dict[str, Any], torrent: dict[str, Any], base_url: str) -> ReleaseInfo:
    torrent_id = torrent.get("Id")
    published = parse_date(str(torrent.get("UploadTime") or ""))  # UTC without a zone: read as UTC
    if published is None:
        raise ProviderError(f"PassThePopcorn returned torrent {torrent_id} without a valid upload time")
    seeders = _number(torrent.get("Seeders"), "seeder count", torrent_id)
    leechers = _number(torrent.get("Leechers"), "leecher count", torrent_id)
    group = str(movie.get("GroupId") or "")
    return ReleaseInfo(
        guid=f"PassThePopcorn-{torrent_id}",
        title=str(torrent.get("ReleaseName") or "Unknown"),
        size=_number(torrent.get("Size"), "size", torrent_id),
        protocol="torrent",
        publish_date=published.astimezone(UTC),
        download_url=f"{base_url}/torrents.php?{urlencode({'action': 'download', 'id': torrent_id})}",
        info_url=f"{base_url}/torrents.php?{urlencode({'id': group, 'torrentid': torrent_id})}",
        seeders=seeders,
        leechers=leechers,
        indexer_flags=torrent_flags(torrent),
        imdb_id=imdb_id(str(movie.get("ImdbId") or "")),
        times_completed=_number(torrent.get("Snatched") or 0, "snatch count", torrent_id),
        container=str(torrent.get("Container") or ""),
        medium=str(torrent.get("Source") or ""),
        codec=str(torrent.get("Codec") or ""),
    )


def parse_ptp_response(response: FeedResponse, base_url: str) -> list[ReleaseInfo]:
    kind = response.headers.get("Content-Type", response.headers.get("content-type", ""))
    if "json" not in kind.lower():
        # PTP sends its login page (HTML) to a request whose ApiUser/ApiKey it does not accept
        raise ProviderError(
            "PassThePopcorn answered with a web page instead of JSON: check the API user and API key "
            "(PTP → Edit profile → Security)",
            permanent=True,
        )
    try:
        body = orjson.loads(response.content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise ProviderError(f"PassThePopcorn answered with something that is not JSON ({error})") from None
    if not isinstance(body, dict):
        raise ProviderError("PassThePopcorn answered with an unexpected JSON document")
    if body.get("Result") == "ERROR" or (body.get("error") and "Movies" not in body):
        raise ProviderError(f"PassThePopcorn reported an error: {body.get('Message') or body.get('error')}")
    total = str(body.get("TotalResults") or "").strip()
    movies = body.get("Movies")
    if total in ("", "0") or not isinstance(movies, list):
        return []
    releases = []
    for movie in movies:
        if not isinstance(movie, dict):
            continue
        for torrent in movie.get("Torrents") or []:
            if isinstance(torrent, dict):
                releases.append(_release(movie, torrent, base_url))
    return releases


class PassThePopcorn(BaseIndexer):
    implementation = "PassThePopcorn"
    implementation_name = "PassThePopcorn"
    info_link = WIKI + "passthepopcorn"
    protocol: ClassVar[str] = "torrent"

    @dataclass
    class Settings:
        base_url: str = setting(
            "API URL",
            "https://passthepopcorn.me",
            advanced=True,
            help_text="Do not change this unless you know what you're doing. Since your API key will be sent "
            "to that host.",
        )
        api_user: str = setting(
            "API User",
            name="aPIUser",
            required=True,
            privacy="userName",
            help_text="These settings are found in your PassThePopcorn security settings (Edit Profile > "
            "Security).",
        )
        api_key: str = setting("API Key", name="aPIKey", secret=True, field_type="password", required=True)
        minimum_seeders: int = minimum_seeders_setting()
        seed_ratio: float | None = seed_ratio_setting()
        seed_time: int | None = seed_time_setting()
        reject_blocklisted_torrent_hashes_while_grabbing: bool = reject_blocklisted_setting()
        multi_languages: list[int] = multi_language_setting()
        fail_downloads: list[int] = fail_downloads_setting()
        required_flags: list[int] = required_flags_setting()

    def validate(self) -> list[Failure]:
        settings = self.settings
        failures = valid_root_url("baseUrl", settings.base_url)
        failures += not_empty("aPIUser", "API User", settings.api_user)
        return failures + not_empty("aPIKey", "API Key", settings.api_key)

    def download_headers(self) -> dict[str, str]:
        return {"ApiUser": str(self.settings.api_user), "ApiKey": str(self.settings.api_key)}

    def _query(self, search: str = "", year: int | None = None) -> list[ReleaseInfo]:
        base_url = str(self.settings.base_url).strip().rstrip("/")
        params: dict[str, Any] = {
            "action": "advanced",
            "json": "noredirect",
            "grouping": "0",
            "order_by": "time",
            "order_way": "desc",
            "searchstr": search,
        }
        if year:
            params["year"] = str(year)
        headers = {"Accept": "application/json", **self.download_headers()}
        try:
            response = self.get(f"{base_url}/torrents.php", params=params, headers=headers)
        except HttpStatusError as error:
            if error.status in (401, 403):
                raise ProviderError(
                    f"PassThePopcorn refused the API user or API key (HTTP {error.status})", permanent=True
                ) from None
            raise
        return parse_ptp_response(response, base_url)

    def fetch_recent(self) -> list[ReleaseInfo]:
        return self._query()

    def search(self, criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
        imdb = imdb_id(criteria.imdb_id)
        if imdb:
            return self._query(imdb)
        if not criteria.year:
            return []
        releases: list[ReleaseInfo] = []
        for title in criteria.titles[:3]:
            releases += self._query(title, criteria.year)
        return releases
