"""HDBits: a JSON API (POST /api/torrents with username and passkey), searched by IMDb id."""

from dataclasses import dataclass
from typing import Any, ClassVar

import orjson

from indexers.feeds import imdb_id, parse_date
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

CATEGORY_OPTIONS = [
    (1, "Movie"),
    (2, "TV"),
    (3, "Documentary"),
    (4, "Music"),
    (5, "Sport"),
    (6, "Audio Track"),
    (7, "XXX"),
    (8, "Misc/Demo"),
]
CODEC_OPTIONS = [(1, "H.264"), (2, "MPEG-2"), (3, "VC-1"), (4, "XviD"), (5, "HEVC")]
MEDIUM_OPTIONS = [(1, "Blu-ray/HD DVD"), (3, "Encode"), (4, "Capture"), (5, "Remux"), (6, "WEB-DL")]
# HDBits' documented type_codec and type_medium ids, by the names its pages show
CODEC_NAMES = dict(CODEC_OPTIONS)
MEDIUM_NAMES = dict(MEDIUM_OPTIONS)
AUTHENTICATION_FAILURES = {4, 5}  # HDBits status codes: auth data missing, auth failed
INTERNAL_ORIGIN = 1


def _release(item: dict[str, Any], base_url: str, passkey: str) -> ReleaseInfo:
    torrent_id = item.get("id")
    published = parse_date(str(item.get("added") or ""))
    if published is None:
        raise ProviderError(f"HDBits returned a torrent without a valid date ({item.get('name')!r})")
    flags = 0
    if str(item.get("freeleech", "")).lower() == "yes":
        flags |= IndexerFlag.G_FREELEECH
    if item.get("type_origin") == INTERNAL_ORIGIN:
        flags |= IndexerFlag.G_INTERNAL
    imdb = item.get("imdb") or {}
    category = _count(item.get("type_category"))
    return ReleaseInfo(
        guid=f"HDBits-{torrent_id}",
        title=str(item.get("name") or "Unknown"),
        size=int(item.get("size") or 0),
        protocol="torrent",
        publish_date=published,
        download_url=f"{base_url}/download.php?id={torrent_id}&passkey={passkey}",
        info_url=f"{base_url}/details.php?id={torrent_id}",
        info_hash=str(item.get("hash") or ""),
        seeders=item.get("seeders"),
        leechers=item.get("leechers"),
        indexer_flags=int(flags),
        imdb_id=imdb_id(imdb.get("id") or 0) if isinstance(imdb, dict) else "",
        times_completed=_count(item.get("times_completed")),
        categories=(category,) if category else (),
        medium=MEDIUM_NAMES.get(_count(item.get("type_medium")) or 0, ""),
        codec=CODEC_NAMES.get(_count(item.get("type_codec")) or 0, ""),
    )


def _count(value: Any) -> int | None:
    """HDBits numbers as integers; some answers carry them as strings, absent ones are None."""
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def parse_hdbits_response(content: bytes, base_url: str, passkey: str) -> list[ReleaseInfo]:
    try:
        body = orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise ProviderError(f"HDBits answered with something that is not JSON ({error})") from None
    if not isinstance(body, dict):
        raise ProviderError("HDBits answered with an unexpected JSON document")
    status = body.get("status")
    if status != 0:
        message = body.get("message") or f"status {status}"
        if status in AUTHENTICATION_FAILURES:
            raise ProviderError(f"Invalid username or passkey ({message})", permanent=True)
        raise ProviderError(f"HDBits reported an error: {message}")
    return [_release(item, base_url, passkey) for item in body.get("data") or [] if isinstance(item, dict)]


class HDBits(BaseIndexer):
    implementation = "HDBits"
    implementation_name = "HDBits"
    info_link = WIKI + "hdbits"
    protocol: ClassVar[str] = "torrent"

    @dataclass
    class Settings:
        base_url: str = setting("API URL", "https://hdbits.org", advanced=True)
        username: str = setting("Username", required=True)
        api_key: str = setting("API Key", secret=True, privacy="apiKey", required=True)
        categories: list[int] = setting(
            "Categories",
            [1],
            field_type="select",
            select_options=CATEGORY_OPTIONS,
            help_text="If unspecified, all options are used.",
        )
        codecs: list[int] = setting(
            "Codecs",
            [],
            field_type="select",
            select_options=CODEC_OPTIONS,
            advanced=True,
            help_text="If unspecified, all options are used.",
        )
        mediums: list[int] = setting(
            "Mediums",
            [],
            field_type="select",
            select_options=MEDIUM_OPTIONS,
            advanced=True,
            help_text="If unspecified, all options are used.",
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
        return failures + not_empty("apiKey", "API Key", settings.api_key)

    def _query(self, **extra: Any) -> list[ReleaseInfo]:
        settings = self.settings
        base_url = str(settings.base_url).rstrip("/")
        body: dict[str, Any] = {"username": settings.username, "passkey": settings.api_key}
        for key, values in (
            ("category", settings.categories),
            ("codec", settings.codecs),
            ("medium", settings.mediums),
        ):
            if values:
                body[key] = list(values)
        body.update(extra)
        response = self.get_json(f"{base_url}/api/torrents", body)
        return parse_hdbits_response(response, base_url, str(settings.api_key))

    def get_json(self, url: str, body: dict[str, Any]) -> bytes:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        return self.post(url, data=orjson.dumps(body), headers=headers).content

    def fetch_recent(self) -> list[ReleaseInfo]:
        return self._query()

    def search(self, criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
        imdb = imdb_id(criteria.imdb_id)
        if not imdb:
            return []  # HDBits is searched by IMDb id only, as in Radarr
        return self._query(imdb={"id": int(imdb.removeprefix("tt"))})
