"""What every indexer implementation shares: protocol, capabilities, HTTP through fetching, tests."""

import dataclasses
import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

from indexers.feeds import FeedLayout
from indexers.fetching import FeedResponse, http_request
from radarr.api.errors import Failure
from radarr.providers import Provider, ProviderError, setting
from releases.languages import LANGUAGES, LANGUAGES_BY_ID, Language
from releases.releaseinfo import IndexerFlag, ReleaseInfo

WIKI = "https://wiki.servarr.com/radarr/supported#"

# Newznab's standard movie categories (Radarr fills the list from the indexer's caps; these are the
# ones every indexer shares)
MOVIE_CATEGORIES = [
    (2000, "Movies"),
    (2010, "Movies/Foreign"),
    (2020, "Movies/Other"),
    (2030, "Movies/SD"),
    (2040, "Movies/HD"),
    (2045, "Movies/UHD"),
    (2050, "Movies/BluRay"),
    (2060, "Movies/3D"),
    (2070, "Movies/DVD"),
    (2080, "Movies/WEB-DL"),
    (2090, "Movies/x265"),
]
DEFAULT_CATEGORIES = [2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060]
LANGUAGE_OPTIONS = [(language.id, language.name) for language in LANGUAGES if language.id > 0]
FLAG_OPTIONS = [(int(flag), flag.name or "") for flag in IndexerFlag]
FAIL_DOWNLOAD_OPTIONS = [(0, "Executables"), (1, "Potentially Dangerous")]
MINIMUM_SEEDERS = 1  # Radarr's IndexerDefaults.MINIMUM_SEEDERS

_ADDITIONAL_PARAMETERS = re.compile(r"(&.+?=.+?)+")


@dataclasses.dataclass(frozen=True, slots=True)
class MovieSearchCriteria:
    """What a movie search asks indexers: ids first, titles (and the year) as the fallback."""

    imdb_id: str = ""
    tmdb_id: int = 0
    titles: list[str] = dataclasses.field(default_factory=list)
    year: int | None = None


def multi_language_setting() -> Any:
    return setting(
        "Multi Languages",
        [],
        field_type="select",
        select_options=LANGUAGE_OPTIONS,
        advanced=True,
        help_text="What languages are normally in a multi release on this indexer?",
    )


def fail_downloads_setting() -> Any:
    return setting(
        "Fail Downloads",
        [],
        field_type="select",
        select_options=FAIL_DOWNLOAD_OPTIONS,
        advanced=True,
        help_text="While processing completed downloads Radarr will treat these file types as failed",
    )


# The settings every torrent indexer adds (Radarr's ITorrentIndexerSettings); each implementation lists
# them in its Settings dataclass so the field order stays visible there.


def minimum_seeders_setting() -> Any:
    return setting(
        "Minimum Seeders",
        MINIMUM_SEEDERS,
        field_type="number",
        advanced=True,
        help_text="Minimum number of seeders required.",
    )


def seed_ratio_setting() -> Any:
    return setting(
        "Seed Ratio",
        None,
        name="seedCriteria.seedRatio",
        advanced=True,
        help_text="The ratio a torrent should reach before stopping, empty is download client's default",
    )


def seed_time_setting() -> Any:
    return setting(
        "Seed Time",
        None,
        name="seedCriteria.seedTime",
        field_type="number",
        unit="minutes",
        advanced=True,
        help_text="The time a torrent should be seeded before stopping, empty is download client's default",
    )


def reject_blocklisted_setting() -> Any:
    return setting(
        "Reject Blocklisted Torrent Hashes While Grabbing",
        False,
        field_type="checkbox",
        advanced=True,
        help_text="Reject a torrent whose hash is blocklisted after it is grabbed, before it reaches the "
        "download client (for indexers that hide the hash until then)",
    )


def required_flags_setting() -> Any:
    return setting(
        "Required Flags",
        [],
        field_type="select",
        select_options=FLAG_OPTIONS,
        advanced=True,
        help_text="What indexer flags are required?",
    )


def valid_root_url(name: str, value: Any) -> list[Failure]:
    parts = urlsplit(str(value or ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [Failure(name, "Invalid Url: must be an http:// or https:// address", value)]
    return []


def valid_additional_parameters(value: str) -> list[Failure]:
    if value and not _ADDITIONAL_PARAMETERS.fullmatch(value.strip()):
        message = "Additional Parameters must look like &name=value&other=value"
        return [Failure("additionalParameters", message, value)]
    return []


def not_empty(name: str, label: str, value: Any) -> list[Failure]:
    return [Failure(name, f"'{label}' must not be empty", value)] if value in (None, "", []) else []


class BaseIndexer(Provider):
    """An indexer: reads a recent feed (RSS sync) and answers movie searches, as `ReleaseInfo`s."""

    protocol: ClassVar[str]  # "usenet" or "torrent"
    supports_rss: ClassVar[bool] = True
    supports_search: ClassVar[bool] = True

    def fetch_recent(self) -> list[ReleaseInfo]:
        raise NotImplementedError

    def search(self, criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
        return []

    def test(self) -> list[Failure]:
        """Radarr's test: settings checks, then one request that must succeed; its error says what to fix."""
        failures = self.validate()
        if failures:
            return failures
        try:
            self.test_request()
        except ProviderError as error:
            return [Failure("apiKey" if error.permanent else "", error.message)]
        return []

    def test_request(self) -> None:
        """What `test` asks the indexer: its recent feed, or a search where it has none."""
        self.fetch_recent() if self.supports_rss else self.search(MovieSearchCriteria(titles=["test"]))

    def download_headers(self) -> dict[str, str]:
        """Headers the .torrent download needs besides its URL (PassThePopcorn's ApiUser and ApiKey)."""
        return {}

    # ---- helpers for implementations

    @property
    def request_key(self) -> str:
        """Requests to the same indexer are spaced; unsaved ones (tests) are told apart by host."""
        if getattr(self.definition, "pk", None):
            return f"indexer-{self.definition.pk}"
        return urlsplit(self.base_address()).netloc

    def base_address(self) -> str:
        return str(getattr(self.settings, "base_url", "") or "")

    def get(self, url: str, **kwargs: Any) -> FeedResponse:
        return http_request(self.request_key, "GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> FeedResponse:
        return http_request(self.request_key, "POST", url, **kwargs)

    def multi_languages(self) -> list[Language]:
        ids = getattr(self.settings, "multi_languages", None) or []
        found = [LANGUAGES_BY_ID.get(int(i)) for i in ids if str(i).lstrip("-").isdigit()]
        return [language for language in found if language is not None and language.id > 0]

    def layout(self, **overrides: Any) -> FeedLayout:
        return FeedLayout(protocol=self.protocol, multi_languages=self.multi_languages(), **overrides)
