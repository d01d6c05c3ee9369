"""Newznab (usenet) indexers, and the caps discovery Torznab shares.

Caps (`t=caps`) say which movie-search parameters an indexer takes; they are cached per indexer for
a day. A search asks by TMDB or IMDb id when the caps allow, and falls back to the title (and year,
unless Remove Year is set) when the ids find nothing, as Radarr's request tiers do.
"""

import hashlib
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import parse_qsl

from django.core.cache import cache

from indexers.feeds import Capabilities, feed_total, parse_caps, parse_znab_feed
from indexers.fetching import FeedResponse
from indexers.implementations.base import (
    DEFAULT_CATEGORIES,
    MOVIE_CATEGORIES,
    WIKI,
    BaseIndexer,
    MovieSearchCriteria,
    fail_downloads_setting,
    multi_language_setting,
    not_empty,
    valid_additional_parameters,
    valid_root_url,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

CAPS_CACHE_SECONDS = 24 * 60 * 60
MAX_SEARCH_PAGES = 5  # at the indexer's page size (100 at most): plenty for one movie
DEFAULT_CAPABILITIES = Capabilities()
# what the category picker offers when the caps cannot be read (Radarr's list)
DEFAULT_CATEGORY_TREE = (
    (2000, "Movies"), (2010, "Movies/Foreign"), (2020, "Movies/Other"), (2030, "Movies/SD"),
    (2040, "Movies/HD"), (2045, "Movies/UHD"), (2050, "Movies/BluRay"), (2060, "Movies/3D"),
)  # fmt: skip
_IGNORED_CATEGORIES = {1000, 3000, 4000, 6000, 7000}  # consoles, audio, PC, XXX, books: not for movies
_UNIMPORTANT_CATEGORIES = {0, 5000}  # listed last


def category_options(categories: tuple[tuple[int, str], ...]) -> list[dict[str, Any]]:
    """Select options as Radarr builds them: parents (movies first) with their subcategories after each."""
    parents = sorted(
        ((pk, name) for pk, name in categories if pk % 1000 == 0 and pk not in _IGNORED_CATEGORIES),
        key=lambda category: (category[0] in _UNIMPORTANT_CATEGORIES, category[0]),
    )
    options: list[dict[str, Any]] = []
    for parent, name in parents:
        options.append({"value": parent, "name": name, "order": 0, "hint": f"({parent})"})
        for pk, sub_name in sorted(c for c in categories if c[0] % 1000 and c[0] // 1000 * 1000 == parent):
            short_name = sub_name.rsplit("/", 1)[-1]
            options.append(
                {"value": pk, "name": short_name, "order": 0, "hint": f"({pk})", "parentValue": parent}
            )
    return options


class Newznab(BaseIndexer):
    implementation = "Newznab"
    implementation_name = "Newznab"
    info_link = WIKI + "newznab"
    protocol: ClassVar[str] = "usenet"

    @dataclass
    class Settings:
        base_url: str = setting("URL", required=True)
        api_path: str = setting("API Path", "/api", advanced=True, help_text="Path to the api, usually /api")
        api_key: str = setting("API Key", secret=True, privacy="apiKey")
        categories: list[int] = setting(
            "Categories",
            DEFAULT_CATEGORIES,
            field_type="select",
            select_options=MOVIE_CATEGORIES,
            help_text="Drop down list; at least one category must be selected.",
            options_action="newznabCategories",
        )
        additional_parameters: str = setting(
            "Additional Parameters", advanced=True, help_text="Additional Newznab parameters"
        )
        multi_languages: list[int] = multi_language_setting()
        remove_year: bool = setting(
            "Remove year from search string",
            False,
            field_type="checkbox",
            advanced=True,
            help_text="Should Radarr remove the year after the title when searching this indexer?",
        )
        fail_downloads: list[int] = fail_downloads_setting()

    # ---- settings

    def validate(self) -> list[Failure]:
        settings = self.settings
        failures = valid_root_url("baseUrl", settings.base_url)
        if not str(settings.api_path or "").startswith("/"):
            failures.append(Failure("apiPath", "API Path must start with /, usually /api", settings.api_path))
        failures += not_empty("categories", "Categories", settings.categories)
        failures += valid_additional_parameters(settings.additional_parameters or "")
        return failures

    def api_url(self) -> str:
        return (
            str(self.settings.base_url).rstrip("/") + "/" + str(self.settings.api_path or "/api").strip("/")
        )

    def _params(self, function: str, **extra: Any) -> dict[str, Any]:
        params: dict[str, Any] = {"t": function}
        if function != "caps":
            params["cat"] = ",".join(str(category) for category in self.settings.categories or [])
            params["extended"] = "1"
        if self.settings.api_key:
            params["apikey"] = self.settings.api_key
        params.update(extra)
        if function != "caps":
            params.update(parse_qsl((self.settings.additional_parameters or "").lstrip("&")))
        return params

    # ---- capabilities

    def _caps_cache_key(self) -> str:
        identity = f"{self.api_url()}|{self.settings.api_key}"
        return "indexers:caps:" + hashlib.sha256(identity.encode()).hexdigest()[:32]

    def fetch_capabilities(self) -> Capabilities:
        """Ask the indexer (no cache): the test and the settings page use this."""
        return parse_caps(self.get(self.api_url(), params=self._params("caps")).content)

    def capabilities(self) -> Capabilities:
        """Caps from the cache, or fetched; an indexer without readable caps gets Radarr's defaults."""
        key = self._caps_cache_key()
        cached = cache.get(key)
        if isinstance(cached, Capabilities):
            return cached
        try:
            capabilities = self.fetch_capabilities()
        except ProviderError as error:
            if error.permanent:
                raise
            return DEFAULT_CAPABILITIES
        cache.set(key, capabilities, CAPS_CACHE_SECONDS)
        return capabilities

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        """`newznabCategories`: the settings page's category choices, from the caps when they answer."""
        if action.lower() != "newznabcategories":
            return None
        categories: tuple[tuple[int, str], ...] = ()
        if self.settings.base_url and self.settings.api_path:
            try:
                categories = self.capabilities().categories
            except ProviderError:
                categories = ()  # Radarr falls back to the standard movie categories
        return {"options": category_options(categories or DEFAULT_CATEGORY_TREE)}

    # ---- feeds

    def parse(self, response: FeedResponse) -> list[ReleaseInfo]:
        return parse_znab_feed(response.content, response.url, self.layout())

    def _fetch_pages(
        self, params: dict[str, Any], capabilities: Capabilities, pages: int
    ) -> list[ReleaseInfo]:
        limit = min(capabilities.max_page_size or 100, 100)
        releases: list[ReleaseInfo] = []
        for page in range(pages):
            response = self.get(self.api_url(), params={**params, "offset": page * limit, "limit": limit})
            found = self.parse(response)
            releases.extend(found)
            total = feed_total(response.content)
            if len(found) < limit or (total is not None and (page + 1) * limit >= total):
                break
        return releases

    def fetch_recent(self) -> list[ReleaseInfo]:
        capabilities = self.capabilities()
        function = "movie" if capabilities.movie_search_available else "search"
        return self._fetch_pages(self._params(function), capabilities, pages=1)

    def search(self, criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
        capabilities = self.capabilities()
        for params in self.search_requests(criteria, capabilities):
            releases = self._fetch_pages(params, capabilities, pages=MAX_SEARCH_PAGES)
            if releases:
                return releases
        return []

    def search_requests(
        self, criteria: MovieSearchCriteria, capabilities: Capabilities
    ) -> list[dict[str, Any]]:
        """The tiers of a movie search: by ids together (as the caps allow), then by title."""
        movie_params = capabilities.movie_search_params
        ids: dict[str, Any] = {}
        if criteria.tmdb_id and "tmdbid" in movie_params:
            ids["tmdbid"] = criteria.tmdb_id
        if criteria.imdb_id and "imdbid" in movie_params:
            ids["imdbid"] = criteria.imdb_id.lower().removeprefix("tt")  # Newznab wants the digits
        tiers = [self._params("movie", **ids)] if ids else []
        function = "movie" if "q" in movie_params else "search" if "q" in capabilities.search_params else ""
        if function:
            for title in criteria.titles[:3]:
                query = (
                    title if self.settings.remove_year or not criteria.year else f"{title} {criteria.year}"
                )
                tiers.append(self._params(function, q=query))
        return tiers

    def test_request(self) -> None:
        """Caps asked afresh, not from the cache (and cached for the feeds after), then one feed page."""
        capabilities = self.fetch_capabilities()
        cache.set(self._caps_cache_key(), capabilities, CAPS_CACHE_SECONDS)
        function = "movie" if capabilities.movie_search_available else "search"
        self._fetch_pages(self._params(function), capabilities, pages=1)
