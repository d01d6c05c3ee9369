"""FileList.io: a JSON API (`api.php`, HTTP basic auth with username and passkey), searched by IMDb id."""

from dataclasses import dataclass
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

# FileList's category ids, labelled as its site and Radarr's FileListCategories label them
CATEGORY_OPTIONS = [
    (24, "Anime"),
    (15, "Animation"),
    (1, "Movies SD"),
    (2, "Movies DVD"),
    (3, "Movies DVD-RO"),
    (4, "Movies HD"),
    (19, "Movies HD-RO"),
    (6, "Movies 4K"),
    (20, "Movies Blu-Ray"),
    (26, "Movies 4K Blu-Ray"),
    (25, "Movies 3D"),
    (28, "RO Dubbed"),
    (7, "XXX"),
]
DEFAULT_CATEGORIES = [1, 4, 19, 6]


def _flag(value: Any) -> bool:
    """FileList sends its yes/no columns as 0/1 (older answers: true/false)."""
    return value is True or str(value).strip().lower() in ("1", "true", "yes")


def _number(value: Any) -> int | None:
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _release(item: dict[str, Any], base_url: str, passkey: str) -> ReleaseInfo:
    torrent_id = str(item.get("id") or "")
    published = parse_date(str(item.get("upload_date") or ""))
    if not torrent_id or published is None:
        raise ProviderError(
            f"FileList returned a torrent without an id or a valid date ({item.get('name')!r})"
        )
    flags = IndexerFlag(0)
    if _flag(item.get("freeleech")):
        flags |= IndexerFlag.G_FREELEECH
    if _flag(item.get("internal")):
        flags |= IndexerFlag.G_INTERNAL
    seeders = _number(item.get("seeders"))
    leechers = _number(item.get("leechers"))
    return ReleaseInfo(
        guid=f"FileList-{torrent_id}",
        title=str(item.get("name") or "Unknown"),
        size=_number(item.get("size")) or 0,
        protocol="torrent",
        publish_date=published,
        download_url=f"{base_url}/download.php?{urlencode({'id': torrent_id, 'passkey': passkey.strip()})}",
        info_url=f"{base_url}/details.php?{urlencode({'id': torrent_id})}",
        seeders=seeders,
        leechers=leechers,
        indexer_flags=int(flags),
        imdb_id=imdb_id(str(item.get("imdb") or "")),
        times_completed=_number(item.get("times_completed")),
    )


def parse_filelist_response(response: FeedResponse, base_url: str, passkey: str) -> list[ReleaseInfo]:
    """A FileList answer: a JSON list of torrents, or `{"error": ...}` when it refuses the request."""
    kind = response.headers.get("Content-Type", response.headers.get("content-type", ""))
    if "json" not in kind.lower():
        raise ProviderError(
            f"FileList answered with {kind or 'no content type'}, not JSON: check the API URL"
        )
    try:
        body = orjson.loads(response.content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise ProviderError(f"FileList answered with something that is not JSON ({error})") from None
    if isinstance(body, dict) and body.get("error"):
        raise ProviderError(f"FileList reported an error: {body['error']}")
    if not isinstance(body, list):
        raise ProviderError(
            "FileList answered with an unexpected JSON document (a list of torrents expected)"
        )
    return [_release(item, base_url, passkey) for item in body if isinstance(item, dict)]


class FileList(BaseIndexer):
    implementation = "FileList"
    implementation_name = "FileList.io"
    info_link = WIKI + "filelist"
    protocol: ClassVar[str] = "torrent"

    @dataclass
    class Settings:
        username: str = setting("Username", required=True, privacy="userName")
        passkey: str = setting("Passkey", secret=True, privacy="apiKey", required=True)
        base_url: str = setting(
            "API URL",
            "https://filelist.io",
            advanced=True,
            help_text="Do not change this unless you know what you're doing. Since your API key will be sent "
            "to that host.",
        )
        categories: list[int] = setting(
            "Categories",
            DEFAULT_CATEGORIES,
            field_type="select",
            select_options=CATEGORY_OPTIONS,
            help_text="Categories for use in search and feeds",
        )
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
        failures += not_empty("username", "Username", settings.username)
        failures += not_empty("passkey", "Passkey", settings.passkey)
        return failures + not_empty("categories", "Categories", settings.categories)

    def _query(self, action: str, extra: dict[str, str] | None = None) -> list[ReleaseInfo]:
        settings = self.settings
        categories = list(dict.fromkeys(int(c) for c in settings.categories or []))
        if not categories:
            return []  # as Radarr: no category, no request
        base_url = str(settings.base_url).strip().rstrip("/")
        params = {"action": action, "category": ",".join(str(c) for c in categories), **(extra or {})}
        auth = (str(settings.username).strip(), str(settings.passkey).strip())
        try:
            response = self.get(
                f"{base_url}/api.php", params=params, auth=auth, headers={"Accept": "application/json"}
            )
        except HttpStatusError as error:
            if error.status in (401, 403):
                raise ProviderError(
                    f"FileList refused the username or passkey (HTTP {error.status}): check both on your "
                    "FileList profile",
                    permanent=True,
                ) from None
            raise
        return parse_filelist_response(response, base_url, str(settings.passkey))

    def fetch_recent(self) -> list[ReleaseInfo]:
        return self._query("latest-torrents")

    def search(self, criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
        imdb = imdb_id(criteria.imdb_id)
        if imdb:
            return self._query("search-torrents", {"type": "imdb", "query": imdb})
        if not criteria.year:
            return []
        releases: list[ReleaseInfo] = []
        for title in criteria.titles[:3]:
            releases += self._query("search-torrents", {"type": "name", "query": f"{title} {criteria.year}"})
        return releases
