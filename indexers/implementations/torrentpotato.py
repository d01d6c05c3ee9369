"""TorrentPotato: the CouchPotato-era JSON torrent API (`?passkey=&user=&imdbid=`), still served by some
trackers and proxies. Sizes are in megabytes; a magnet link's info hash makes the guid."""

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import orjson

from indexers.feeds import imdb_id, parse_date
from indexers.fetching import HttpStatusError
from indexers.implementations.base import (
    WIKI,
    BaseIndexer,
    MovieSearchCriteria,
    fail_downloads_setting,
    minimum_seeders_setting,
    multi_language_setting,
    reject_blocklisted_setting,
    required_flags_setting,
    seed_ratio_setting,
    seed_time_setting,
    valid_root_url,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import IndexerFlag, ReleaseInfo

_MAGNET_HASH = re.compile(r"^magnet:\?xt=urn:btih:([a-fA-F0-9]+)")


def _number(value: Any) -> int:
    try:
        return int(value) if not isinstance(value, bool) else 0
    except (TypeError, ValueError):
        return 0


def _release(item: dict[str, Any]) -> ReleaseInfo:
    link = str(item.get("download_url") or "")
    published = parse_date(str(item.get("publish_date") or ""))
    if published is None:
        raise ProviderError(f"TorrentPotato returned {item.get('release_name')!r} without a valid date")
    magnet = _MAGNET_HASH.match(link)
    seeders, leechers = _number(item.get("seeders")), _number(item.get("leechers"))
    return ReleaseInfo(
        guid=f"potato-{magnet.group(1) if magnet else link}",
        title=str(item.get("release_name") or "Unknown"),
        size=_number(item.get("size")) * 1000 * 1000,
        protocol="torrent",
        publish_date=published,
        download_url=link,
        magnet_url=link if magnet else "",
        info_hash=magnet.group(1).lower() if magnet else "",
        info_url=str(item.get("details_url") or ""),
        seeders=seeders,
        leechers=leechers,
        # Radarr reads no flag from TorrentPotato; its `freeleech` is plain enough to keep
        indexer_flags=int(IndexerFlag.G_FREELEECH) if item.get("freeleech") is True else 0,
    )


def parse_potato_response(content: bytes) -> list[ReleaseInfo]:
    try:
        body = orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise ProviderError(f"TorrentPotato answered with something that is not JSON ({error})") from None
    if not isinstance(body, dict):
        raise ProviderError("TorrentPotato answered with an unexpected JSON document")
    if body.get("error"):
        raise ProviderError(f"TorrentPotato reported an error: {body['error']}")
    return [_release(item) for item in body.get("results") or [] if isinstance(item, dict)]


class TorrentPotato(BaseIndexer):
    implementation = "TorrentPotato"
    implementation_name = "TorrentPotato"
    info_link = WIKI + "torrentpotato"
    protocol: ClassVar[str] = "torrent"

    @dataclass
    class Settings:
        base_url: str = setting("API URL", "http://127.0.0.1", advanced=True)
        user: str = setting("Username", privacy="userName", help_text="The username you use at your indexer.")
        passkey: str = setting(
            "Passkey", secret=True, privacy="password", help_text="The password you use at your Indexer."
        )
        minimum_seeders: int = minimum_seeders_setting()
        seed_ratio: float | None = seed_ratio_setting()
        seed_time: int | None = seed_time_setting()
        reject_blocklisted_torrent_hashes_while_grabbing: bool = reject_blocklisted_setting()
        multi_languages: list[int] = multi_language_setting()
        fail_downloads: list[int] = fail_downloads_setting()
        required_flags: list[int] = required_flags_setting()

    def validate(self) -> list[Failure]:
        return valid_root_url("baseUrl", self.settings.base_url)

    def _query(self, **params: str) -> list[ReleaseInfo]:
        query = {"passkey": str(self.settings.passkey or ""), "user": str(self.settings.user or ""), **params}
        try:
            response = self.get(
                str(self.settings.base_url), params=query, headers={"Accept": "application/json"}
            )
        except HttpStatusError as error:
            if error.status in (401, 403):
                raise ProviderError(
                    f"TorrentPotato refused the username or passkey (HTTP {error.status})", permanent=True
                ) from None
            raise
        return parse_potato_response(response.content)

    def fetch_recent(self) -> list[ReleaseInfo]:
        return self._query(search="-")

    def search(self, criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
        imdb = imdb_id(criteria.imdb_id)
        if imdb:
            return self._query(imdbid=imdb)
        if not criteria.titles:
            return []
        return self._query(search=f"{criteria.titles[0]} {criteria.year or ''}".strip())
