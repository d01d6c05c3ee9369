"""Import lists: the kinds of list Radarr reads movies from (Radarr's ImportLists), as providers.

Each kind is a `radarr.providers.Provider`: an ImportList row names the class, its Settings
dataclass drives the v3 fields and the form. A list only fetches: `fetch()` answers the movies it
names now (ListMovie, a TMDB id and/or an IMDb id) or raises ProviderError; movies.importlistsync
maps them to TMDB ids, caches them and adds the new ones.
"""

import contextlib
import csv
import dataclasses
import io
import json
import logging
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

import requests
from django.conf import settings as django_settings
from django.core.cache import cache

from movies import tmdb
from radarr import http
from radarr.api.errors import Failure
from radarr.providers import Provider, ProviderError, camel_case, safe_message, setting
from radarr.trakt import TraktOAuth

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ListMovie:
    """A movie as a list names it: at least one id; title and year as the list gives them."""

    tmdb_id: int = 0
    imdb_id: str = ""
    title: str = ""
    year: int = 0


class ImportListProvider(Provider):
    """Base of the list kinds."""

    list_type: ClassVar[str] = "other"  # Radarr's ImportListType: how the add picker groups the kinds
    min_refresh_interval: ClassVar[timedelta] = timedelta(hours=12)
    # Radarr's template default: a new list of this kind is enabled (when its settings are valid)
    enabled_by_default: ClassVar[bool] = True
    # Radarr's presets: ready-made lists of the kind, (name, settings in v3 names)
    presets: ClassVar[tuple[tuple[str, dict[str, Any]], ...]] = ()

    def fetch(self) -> list[ListMovie]:
        raise NotImplementedError

    def test(self) -> list[Failure]:
        """Radarr's test: the list answers (an empty list is fine)."""
        try:
            self.fetch()
        except ProviderError as error:
            return [Failure("", error.message)]
        return []

    def validate(self) -> list[Failure]:
        return []


def _url_failure(name: str, label: str, value: Any) -> list[Failure]:
    """Radarr's ValidRootUrl: an http(s) URL with a host."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return [Failure(name, f"'{label}' must be a valid http(s) URL", value)]
    return []


def _get(url: str, **kwargs: Any) -> requests.Response:
    """GET a list through the one HTTP client; any failure is a ProviderError (the list backs off)."""
    try:
        response = http.session().get(url, **kwargs)
    except requests.RequestException as error:
        raise ProviderError(f"Unable to connect to the list: {safe_message(str(error))}") from error
    if response.status_code in (401, 403):
        raise ProviderError(f"The list refused the request (HTTP {response.status_code})", permanent=True)
    if response.status_code != 200:
        raise ProviderError(f"The list answered HTTP {response.status_code}")
    return response


def _get_json(url: str, **kwargs: Any) -> Any:
    try:
        return _get(url, **kwargs).json()
    except ValueError as error:
        raise ProviderError("The list did not answer JSON") from error


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _is_option(value: Any, options: dict[int, Any]) -> bool:
    """Whether a select's value is one of its options (a whole number; never a crash on a list sent)."""
    return isinstance(value, int) and not isinstance(value, bool) and value in options


def _year(value: Any) -> int:
    """The year of a TMDB-style `release_date` (`2020-05-01`), or a year given as a number."""
    if isinstance(value, int):
        return value
    return _int(str(value or "")[:4])


class RadarrListImport(ImportListProvider):
    """Custom Lists: a URL answering a JSON array of movies with their TMDB `id` (or `tmdbId`, or an
    `imdb_id`), the shape of Radarr's own list service."""

    implementation = "RadarrListImport"
    implementation_name = "Custom Lists"
    info_link = "https://wiki.servarr.com/radarr/supported#radarrlistimport"
    list_type = "advanced"
    min_refresh_interval = timedelta(hours=12)

    @dataclasses.dataclass
    class Settings:
        url: str = setting("List URL", "", help_text="The URL for the movie list")

    def validate(self) -> list[Failure]:
        return _url_failure("url", "List URL", self.settings.url)

    def fetch(self) -> list[ListMovie]:
        data = _get_json(self.settings.url)
        if isinstance(data, dict) and data.get("errors"):
            raise ProviderError(f"The list answered an error: {safe_message(str(data['errors']))[:200]}")
        if not isinstance(data, list):
            raise ProviderError("The list did not answer a JSON array of movies")
        movies = []
        for item in data:
            if not isinstance(item, dict):
                continue
            tmdb_id = _int(item.get("id") or item.get("tmdbId"))
            imdb_id = str(item.get("imdb_id") or item.get("imdbId") or "")
            if tmdb_id > 0 or imdb_id:
                title = str(item.get("title") or "")
                year = _year(item.get("year") or item.get("release_date"))
                movies.append(ListMovie(max(tmdb_id, 0), imdb_id, title, year))
        return movies


class StevenLuImport(ImportListProvider):
    """StevenLu's popular movies: a JSON array of {title, imdb_id, poster_url}."""

    implementation = "StevenLuImport"
    implementation_name = "StevenLu Custom"
    info_link = "https://wiki.servarr.com/radarr/supported#stevenluimport"
    list_type = "advanced"
    min_refresh_interval = timedelta(hours=24)

    @dataclasses.dataclass
    class Settings:
        link: str = setting(
            "URL",
            "https://popular-movies-data.stevenlu.com/movies.json",
            help_text="Don't change this unless you know what you are doing.",
        )

    def validate(self) -> list[Failure]:
        return _url_failure("link", "URL", self.settings.link)

    def fetch(self) -> list[ListMovie]:
        data = _get_json(self.settings.link)
        if not isinstance(data, list):
            raise ProviderError("The list did not answer a JSON array of movies")
        return [
            ListMovie(imdb_id=str(item["imdb_id"]), title=str(item.get("title") or ""))
            for item in data
            if isinstance(item, dict) and item.get("imdb_id")
        ]


class RadarrImport(ImportListProvider):
    """Another Radarr (or this one): its movies, limited to some quality profiles, tags or root folders."""

    implementation = "RadarrImport"
    implementation_name = "Radarr"
    info_link = "https://wiki.servarr.com/radarr/supported#radarrimport"
    list_type = "program"
    min_refresh_interval = timedelta(minutes=15)

    @dataclasses.dataclass
    class Settings:
        base_url: str = setting(
            "Full URL", "", help_text="URL, including port, of the Radarr instance to import from"
        )
        api_key: str = setting(
            "API Key", "", privacy="apiKey", secret=True, help_text="API key of the Radarr instance"
        )
        profile_ids: list = setting(
            "Quality Profiles",
            [],
            field_type="select",
            options_action="getProfiles",
            help_text="Quality profiles from the source instance to import from",
        )
        tag_ids: list = setting(
            "Tags", [], field_type="select", options_action="getTags", help_text="Tags to import from"
        )
        root_folder_paths: list = setting(
            "Root Folders",
            [],
            field_type="select",
            options_action="getRootFolders",
            help_text="Root folders from the source instance to import from",
        )

    def validate(self) -> list[Failure]:
        failures = _url_failure("baseUrl", "Full URL", self.settings.base_url)
        if not self.settings.api_key:
            failures.append(Failure("apiKey", "'API Key' must not be empty", ""))
        return failures

    def _get(self, resource: str) -> Any:
        url = f"{self.settings.base_url.rstrip('/')}/api/v3/{resource}"
        return _get_json(url, headers={"X-Api-Key": self.settings.api_key})

    def fetch(self) -> list[ListMovie]:
        data = self._get("movie")
        if not isinstance(data, list):
            raise ProviderError("Radarr did not answer a list of movies")
        profiles = {_int(value) for value in self.settings.profile_ids or []}
        tags = {_int(value) for value in self.settings.tag_ids or []}
        roots = [str(value).lower() for value in self.settings.root_folder_paths or []]
        movies = []
        for movie in data:
            if not isinstance(movie, dict) or _int(movie.get("tmdbId")) <= 0:
                continue
            if profiles and _int(movie.get("qualityProfileId")) not in profiles:
                continue
            if tags and not tags & {_int(tag) for tag in movie.get("tags") or []}:
                continue
            if roots and not any(root in str(movie.get("path") or "").lower() for root in roots):
                continue
            movies.append(
                ListMovie(
                    _int(movie["tmdbId"]),
                    str(movie.get("imdbId") or ""),
                    str(movie.get("title") or ""),
                    _int(movie.get("year")),
                )
            )
        return movies

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        """The source's quality profiles, tags and root folders as the selects' options."""
        if not self.settings.api_key or not self.settings.base_url:
            return {"options": []}
        action = action.lower()
        try:
            if action == "getprofiles":
                rows = self._get("qualityprofile")
                pairs = [(row.get("id"), str(row.get("name"))) for row in rows]
            elif action == "gettags":
                rows = self._get("tag")
                pairs = [(row.get("id"), str(row.get("label"))) for row in rows]
            elif action == "getrootfolders":
                rows = self._get("rootfolder")
                pairs = [(row.get("path"), str(row.get("path"))) for row in rows]
            else:
                return None
        except (ProviderError, AttributeError, TypeError):
            return {"options": []}
        pairs.sort(key=lambda pair: pair[1].lower())
        return {"options": [{"value": value, "name": name} for value, name in pairs]}


def _tmdb_id_failure(name: str, label: str, value: Any) -> list[Failure]:
    """Radarr's `^[1-9][0-9]*$` rule for a TMDB id typed as text."""
    if not isinstance(value, str) or not re.fullmatch(r"[1-9][0-9]*", value):
        return [Failure(name, f"'{label}' must be a TMDB id (a number)", value)]
    return []


def _tmdb_movies(items: list[dict[str, Any]]) -> list[ListMovie]:
    return [
        ListMovie(_int(item.get("id")), "", str(item.get("title") or ""), _year(item.get("release_date")))
        for item in items
        if _int(item.get("id")) > 0
    ]


class TMDbImportBase(ImportListProvider):
    list_type = "tmdb"
    min_refresh_interval = timedelta(hours=12)

    def tmdb_items(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def fetch(self) -> list[ListMovie]:
        try:
            return _tmdb_movies(self.tmdb_items())
        except tmdb.TmdbError as error:
            raise ProviderError(f"TMDB: {error.message}") from error


# Radarr's TMDbPopularListType: the value a list stores, TMDB's list it reads
_POPULAR_LISTS = {1: ("In Theaters", "/movie/now_playing"), 2: ("Popular", "/movie/popular"),
                  3: ("Top Rated", "/movie/top_rated"), 4: ("Upcoming", "/movie/upcoming")}  # fmt: skip


class TMDbPopularImport(TMDbImportBase):
    """TMDB's in theaters, popular, top rated or upcoming movies (the first pages)."""

    implementation = "TMDbPopularImport"
    implementation_name = "TMDb Popular"
    info_link = "https://wiki.servarr.com/radarr/supported#tmdbpopularimport"

    @dataclasses.dataclass
    class Settings:
        tmdb_list_type: int = setting(
            "List Type",
            2,
            name="tMDbListType",
            field_type="select",
            select_options=[(value, label) for value, (label, _) in _POPULAR_LISTS.items()],
            help_text="Type of list your seeking to import from",
        )

    def validate(self) -> list[Failure]:
        if not _is_option(self.settings.tmdb_list_type, _POPULAR_LISTS):
            return [
                Failure("tMDbListType", "'List Type' is not one of its options", self.settings.tmdb_list_type)
            ]
        return []

    def tmdb_items(self) -> list[dict[str, Any]]:
        return tmdb.fetch_result_pages(_POPULAR_LISTS[self.settings.tmdb_list_type][1], {})


class TMDbCompanyImport(TMDbImportBase):
    """The movies of a production company (TMDB's discover)."""

    implementation = "TMDbCompanyImport"
    implementation_name = "TMDb Company"
    info_link = "https://wiki.servarr.com/radarr/supported#tmdbcompanyimport"

    @dataclasses.dataclass
    class Settings:
        company_id: str = setting("Company Id", "", help_text="TMDb Id of Company to Follow")

    def validate(self) -> list[Failure]:
        return _tmdb_id_failure("companyId", "Company Id", self.settings.company_id)

    def tmdb_items(self) -> list[dict[str, Any]]:
        return tmdb.fetch_result_pages("/discover/movie", {"with_companies": self.settings.company_id})


class TMDbKeywordImport(TMDbImportBase):
    """The movies TMDB tags with a keyword (TMDB's discover)."""

    implementation = "TMDbKeywordImport"
    implementation_name = "TMDb Keyword"
    info_link = "https://wiki.servarr.com/radarr/supported#tmdbkeywordimport"

    @dataclasses.dataclass
    class Settings:
        keyword_id: str = setting("Keyword Id", "", help_text="TMDb Id of keyword to Follow")

    def validate(self) -> list[Failure]:
        return _tmdb_id_failure("keywordId", "Keyword Id", self.settings.keyword_id)

    def tmdb_items(self) -> list[dict[str, Any]]:
        return tmdb.fetch_result_pages("/discover/movie", {"with_keywords": self.settings.keyword_id})


# Radarr's person credit switches: (setting, TMDB crew department)
_PERSON_DEPARTMENTS = (
    ("person_cast_director", "Directing"),
    ("person_cast_producer", "Production"),
    ("person_cast_sound", "Sound"),
    ("person_cast_writing", "Writing"),
)


class TMDbPersonImport(TMDbImportBase):
    """A person's movies: as cast and in the crew departments chosen."""

    implementation = "TMDbPersonImport"
    implementation_name = "TMDb Person"
    info_link = "https://wiki.servarr.com/radarr/supported#tmdbpersonimport"

    @dataclasses.dataclass
    class Settings:
        person_id: str = setting("PersonId", "", help_text="TMDb Id of Person to Follow")
        person_cast: bool = setting(
            "Person Cast",
            False,
            field_type="checkbox",
            help_text="Select if you want to include Cast credits",
        )
        person_cast_director: bool = setting(
            "Person Director Credits",
            False,
            field_type="checkbox",
            help_text="Select if you want to include Director credits",
        )
        person_cast_producer: bool = setting(
            "Person Producer Credits",
            False,
            field_type="checkbox",
            help_text="Select if you want to include Producer credits",
        )
        person_cast_sound: bool = setting(
            "Person Sound Credits",
            False,
            field_type="checkbox",
            help_text="Select if you want to include Sound credits",
        )
        person_cast_writing: bool = setting(
            "Person Writing Credits",
            False,
            field_type="checkbox",
            help_text="Select if you want to include Writing credits",
        )

    def validate(self) -> list[Failure]:
        return _tmdb_id_failure("personId", "PersonId", self.settings.person_id)

    def tmdb_items(self) -> list[dict[str, Any]]:
        credits = tmdb.fetch_person_credits(self.settings.person_id)
        items = list(credits.get("cast") or []) if self.settings.person_cast else []
        departments = {department for name, department in _PERSON_DEPARTMENTS if getattr(self.settings, name)}
        items += [item for item in credits.get("crew") or [] if item.get("department") in departments]
        return [item for item in items if isinstance(item, dict)]


class TMDbListImport(TMDbImportBase):
    """A public TMDB list, by its id."""

    implementation = "TMDbListImport"
    implementation_name = "TMDb List"
    info_link = "https://wiki.servarr.com/radarr/supported#tmdblistimport"

    @dataclasses.dataclass
    class Settings:
        list_id: str = setting("List Id", "", help_text="TMDb Id of List to Follow")

    def validate(self) -> list[Failure]:
        return _tmdb_id_failure("listId", "List Id", self.settings.list_id)

    def tmdb_items(self) -> list[dict[str, Any]]:
        return tmdb.fetch_list(self.settings.list_id)


class TMDbCollectionImport(TMDbImportBase):
    """The movies of a TMDB collection (`/collection/{id}`'s parts), e.g. every film of a saga."""

    implementation = "TMDbCollectionImport"
    implementation_name = "TMDb Collection"
    info_link = "https://wiki.servarr.com/radarr/supported#tmdbcollectionimport"

    @dataclasses.dataclass
    class Settings:
        collection_id: str = setting("Collection Id", "", help_text="TMDb Id of Collection to Follow")

    def validate(self) -> list[Failure]:
        return _tmdb_id_failure("collectionId", "Collection Id", self.settings.collection_id)

    def fetch(self) -> list[ListMovie]:
        try:
            collection = tmdb.fetch_collection(int(self.settings.collection_id))
        except tmdb.TmdbError as error:
            raise ProviderError(f"TMDB: {error.message}") from error
        return [
            ListMovie(part.tmdb_id, part.imdb_id or "", part.title, part.year or 0)
            for part in collection.parts
        ]


# Radarr's TMDbUserListType: the value a list stores, (label, TMDB v4 account list)
_TMDB_USER_LISTS = {1: ("Watchlist", "watchlist"), 2: ("Recommendations", "recommendations"),
                    3: ("Rated", "rated"), 4: ("Favorite", "favorites")}  # fmt: skip
TMDB_USER_MAX_PAGES = 50  # a bound on a runaway `total_pages`; 20 movies a page


class TMDbUserImport(TMDbImportBase):
    """A TMDB user's watchlist, recommendations, rated or favorite movies: TMDB's v4
    `/account/{account_id}/movie/{list}` read with the user's own access token, every page."""

    implementation = "TMDbUserImport"
    implementation_name = "TMDb User"
    info_link = "https://wiki.servarr.com/radarr/supported#tmdbuserimport"

    @dataclasses.dataclass
    class Settings:
        account_id: str = setting("Account Id", "", hidden="hidden")
        access_token: str = setting("Access Token", "", secret=True, hidden="hidden")
        list_type: int = setting(
            "List Type",
            1,
            field_type="select",
            select_options=[(value, label) for value, (label, _) in _TMDB_USER_LISTS.items()],
            help_text="Type of list your seeking to import from",
        )

    def validate(self) -> list[Failure]:
        failures = []
        if not str(self.settings.account_id or "").strip():
            failures.append(Failure("accountId", "'Account Id' must not be empty", ""))
        if not self.settings.access_token:
            failures.append(Failure("accessToken", "'Access Token' must not be empty", ""))
        if not _is_option(self.settings.list_type, _TMDB_USER_LISTS):
            failures.append(
                Failure("listType", "'List Type' is not one of its options", self.settings.list_type)
            )
        return failures

    def fetch(self) -> list[ListMovie]:
        kind = _TMDB_USER_LISTS[self.settings.list_type][1]
        url = tmdb.v4_url(f"/account/{str(self.settings.account_id).strip()}/movie/{kind}")
        headers = {"Authorization": f"Bearer {self.settings.access_token}", "Accept": "application/json"}
        items: list[dict[str, Any]] = []
        page, total = 1, 1
        while page <= min(total, TMDB_USER_MAX_PAGES):
            data = _get_json(url, params={"page": str(page)}, headers=headers)
            if not isinstance(data, dict):
                raise ProviderError("TMDB did not answer a page of movies")
            items += [item for item in data.get("results") or [] if isinstance(item, dict)]
            total = _int(data.get("total_pages")) or 1
            page += 1
        return _tmdb_movies(items)


class CouchPotatoImport(ImportListProvider):
    """A CouchPotato instance's movies (only the wanted ones by default); those already done or
    seeding are left out."""

    implementation = "CouchPotatoImport"
    implementation_name = "CouchPotato"
    info_link = "https://wiki.servarr.com/radarr/supported#couchpotatoimport"
    list_type = "program"
    min_refresh_interval = timedelta(minutes=30)

    @dataclasses.dataclass
    class Settings:
        link: str = setting(
            "CouchPotato URL", "http://localhost", help_text="URL to access your CouchPotato instance."
        )
        port: int = setting("CouchPotato Port", 5050, help_text="Port your CouchPotato instance uses.")
        url_base: str = setting(
            "CouchPotato Url Base",
            "",
            help_text="If you have CouchPotato configured via reverse proxy put the base path here. "
            "e.g. couchpotato. Leave blank for no base URL.",
        )
        api_key: str = setting(
            "CouchPotato API Key",
            "",
            privacy="apiKey",
            secret=True,
            help_text="CouchPotato API Key. This can found within Settings > General",
        )
        only_active: bool = setting(
            "Only Wanted", True, field_type="checkbox", help_text="Only add wanted movies."
        )

    def validate(self) -> list[Failure]:
        failures = _url_failure("link", "CouchPotato URL", self.settings.link)
        if not isinstance(self.settings.port, int) or not 0 < self.settings.port < 65536:
            failures.append(
                Failure("port", "'CouchPotato Port' must be between 1 and 65535", self.settings.port)
            )
        return failures

    def fetch(self) -> list[ListMovie]:
        base = str(self.settings.url_base or "").strip("/")
        base = f"/{base}" if base else ""
        status = "?status=active" if self.settings.only_active else ""
        server = f"{self.settings.link.strip()}:{self.settings.port}{base}"
        data = _get_json(f"{server}/api/{self.settings.api_key}/movie.list/{status}")
        movies = []
        for item in (data.get("movies") if isinstance(data, dict) else None) or []:
            if not isinstance(item, dict) or item.get("type") is None or item.get("releases") is None:
                continue
            releases = [release for release in item["releases"] if isinstance(release, dict)]
            if any(release.get("status") in ("done", "seeding") for release in releases):
                continue
            info = item.get("info") if isinstance(item.get("info"), dict) else {}
            if releases or item.get("type") == "movie":
                movies.append(
                    ListMovie(
                        _int(info.get("tmdb_id")), str(info.get("imdb") or ""), str(item.get("title") or "")
                    )
                )
        return [movie for movie in movies if movie.tmdb_id > 0 or movie.imdb_id]


class MDBListImport(ImportListProvider):
    """An MDBList list (ours: Radarr has none): its public JSON, `<list URL>/json`, of movies with
    their TMDB and IMDb ids; shows are skipped."""

    implementation = "MDBListImport"
    implementation_name = "MDBList"
    info_link = "https://mdblist.com/"
    list_type = "other"
    min_refresh_interval = timedelta(hours=6)

    @dataclasses.dataclass
    class Settings:
        list_url: str = setting(
            "List URL", "", help_text="The list's address, e.g. https://mdblist.com/lists/user/list-name"
        )

    def validate(self) -> list[Failure]:
        return _url_failure("listUrl", "List URL", self.settings.list_url)

    def fetch(self) -> list[ListMovie]:
        url = self.settings.list_url.rstrip("/")
        data = _get_json(url if url.endswith("/json") else url + "/json")
        if not isinstance(data, list):
            raise ProviderError("MDBList did not answer a JSON array of movies")
        return [
            ListMovie(
                _int(item.get("id") or item.get("tmdb_id")),
                str(item.get("imdb_id") or ""),
                str(item.get("title") or ""),
                _int(item.get("release_year")),
            )
            for item in data
            if isinstance(item, dict)
            and item.get("mediatype", "movie") == "movie"
            and (_int(item.get("id") or item.get("tmdb_id")) > 0 or item.get("imdb_id"))
        ]


_IMDB_ID = re.compile(r"\b(tt\d{7,})\b")
_NOT_MOVIES = ("tv series", "mini-series", "tv episode")


def _rss_items(content: bytes) -> list[ET.Element]:
    """The <item>s of an RSS feed; documents declaring entities are refused (no expansion attacks)."""
    head = content[:4096].lower()
    if b"<!entity" in head or b"<!doctype" in head:
        raise ProviderError("The feed declares a DOCTYPE or entities: refused")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as error:
        raise ProviderError(f"The feed is not valid XML ({error})") from None
    channel = root.find("channel")
    return list(channel.findall("item")) if channel is not None else []


class RSSImport(ImportListProvider):
    """An RSS feed of movies (IMDb lists and watchlists offered one): each item's IMDb id, from its
    title or its link; TV items are skipped."""

    implementation = "RSSImport"
    implementation_name = "RSS List"
    info_link = "https://wiki.servarr.com/radarr/supported#rssimport"
    list_type = "advanced"
    min_refresh_interval = timedelta(hours=12)

    @dataclasses.dataclass
    class Settings:
        link: str = setting("RSS Link", "", help_text="Link to the rss feed of movies.")

    def validate(self) -> list[Failure]:
        return _url_failure("link", "RSS Link", self.settings.link)

    def fetch(self) -> list[ListMovie]:
        movies = []
        for item in _rss_items(_get(self.settings.link).content):
            title = (item.findtext("title") or "").strip()
            if any(kind in title.lower() for kind in _NOT_MOVIES):
                continue
            found = _IMDB_ID.search(title) or _IMDB_ID.search(item.findtext("link") or "")
            if found:
                year = re.search(r"\((\d{4})\)", title)
                movies.append(
                    ListMovie(imdb_id=found.group(1), title=title, year=int(year.group(1)) if year else 0)
                )
        return movies


def service_url(service: str) -> str:
    """The base of a list service (settings.RADARR_LIST_SERVICE_URLS: tests point it at a fake)."""
    return str(django_settings.RADARR_LIST_SERVICE_URLS[service]).rstrip("/")


# IMDb's title types that are not movies (the export's "Title Type", the page's titleType id)
_IMDB_NOT_MOVIES = {
    *("tv series", "tv mini series", "tv episode", "tv special", "podcast series", "video game"),
    *("tvseries", "tvminiseries", "tvepisode", "tvspecial", "podcastseries", "videogame"),
}
_NEXT_DATA = re.compile(r'<script[^>]*id="__NEXT_DATA__"[^>]*>(.*?)</script>', re.DOTALL)
_TITLE_LINK = re.compile(r'href="(?:https?://www\.imdb\.com)?/title/(tt\d{7,})/')


def _imdb_csv_movies(text: str) -> list[ListMovie]:
    """IMDb's list export: a CSV with Const (the IMDb id), Title, Title Type and Year columns."""
    movies = []
    for row in csv.DictReader(io.StringIO(text)):
        imdb_id = (row.get("Const") or "").strip()
        kind = (row.get("Title Type") or "").strip().lower()
        if not _IMDB_ID.fullmatch(imdb_id) or kind in _IMDB_NOT_MOVIES:
            continue
        movies.append(
            ListMovie(imdb_id=imdb_id, title=(row.get("Title") or "").strip(), year=_int(row.get("Year")))
        )
    return movies


def _imdb_page_titles(data: Any, found: dict[str, ListMovie]) -> None:
    """The titles a page's __NEXT_DATA__ names: objects with a `tt` id and a titleText."""
    if isinstance(data, list):
        for value in data:
            _imdb_page_titles(value, found)
        return
    if not isinstance(data, dict):
        return
    imdb_id = data.get("id")
    title = data.get("titleText")
    if isinstance(imdb_id, str) and _IMDB_ID.fullmatch(imdb_id) and isinstance(title, dict):
        kind = data.get("titleType") if isinstance(data.get("titleType"), dict) else {}
        year = data.get("releaseYear") if isinstance(data.get("releaseYear"), dict) else {}
        if str(kind.get("id") or "").lower() not in _IMDB_NOT_MOVIES and imdb_id not in found:
            found[imdb_id] = ListMovie(
                imdb_id=imdb_id, title=str(title.get("text") or ""), year=_int(year.get("year"))
            )
    for value in data.values():
        if isinstance(value, dict | list):
            _imdb_page_titles(value, found)


def _imdb_page_movies(text: str) -> list[ListMovie]:
    """An IMDb list, watchlist or chart page: the titles of its embedded data, else its title links."""
    found: dict[str, ListMovie] = {}
    embedded = _NEXT_DATA.search(text)
    if embedded:
        with contextlib.suppress(ValueError):
            _imdb_page_titles(json.loads(embedded.group(1)), found)
    if not found:
        for imdb_id in _TITLE_LINK.findall(text):
            found.setdefault(imdb_id, ListMovie(imdb_id=imdb_id))
    return list(found.values())


class IMDbListImport(ImportListProvider):
    """An IMDb list (`ls…`: its CSV export), a user's watchlist (`ur…`) or the `top250` and `popular`
    charts (their pages). Radarr reads these through its own metadata server; we read IMDb itself.
    The IMDb ids are mapped to TMDB by the sync (TMDB's find)."""

    implementation = "IMDbListImport"
    implementation_name = "IMDb Lists"
    info_link = "https://wiki.servarr.com/radarr/supported#imdblistimport"
    list_type = "other"
    min_refresh_interval = timedelta(hours=12)
    presets = (("IMDb Top 250", {"listId": "top250"}), ("IMDb Popular Movies", {"listId": "popular"}))

    @dataclasses.dataclass
    class Settings:
        list_id: str = setting(
            "List/User ID",
            "",
            help_text="IMDb list ID (e.g. ls12345678), user ID (e.g. ur12345678) for "
            "a watchlist, 'top250' or 'popular'",
        )

    def validate(self) -> list[Failure]:
        value = self.settings.list_id
        if not isinstance(value, str) or not re.fullmatch(r"(top250|popular)|(ls|ur)\d+", value.strip()):
            message = (
                "List ID must be 'top250', 'popular', a list 'ls12345678' or a user watchlist 'ur12345678'"
            )
            return [Failure("listId", message, value)]
        return []

    def fetch(self) -> list[ListMovie]:
        base = service_url("imdb")
        list_id = self.settings.list_id.strip()
        headers = {"Accept-Language": "en-US"}
        if list_id.startswith("ls"):
            try:
                response = _get(f"{base}/list/{list_id}/export", headers=headers)
            except ProviderError as error:
                if error.permanent:
                    raise
                response = None
            if response is not None and (
                "csv" in response.headers.get("Content-Type", "") or response.text.startswith("Position,")
            ):
                return _imdb_csv_movies(response.text)
            # no export (IMDb now asks to sign in for it): the list's own page
            return _imdb_page_movies(_get(f"{base}/list/{list_id}/", headers=headers).text)
        paths = {"top250": "/chart/top/", "popular": "/chart/moviemeter/"}
        path = paths.get(list_id, f"/user/{list_id}/watchlist/")
        return _imdb_page_movies(_get(base + path, headers=headers).text)


# Radarr's PlexImport reads 10 pages of 100 at most
_PLEX_PAGE_SIZE = 100
_PLEX_MAX_PAGES = 10


def _plex_guid(guids: Any, scheme: str) -> str:
    for guid in guids if isinstance(guids, list) else []:
        value = str(guid.get("id") or "") if isinstance(guid, dict) else ""
        if value.startswith(f"{scheme}://"):
            return value.removeprefix(f"{scheme}://")
    return ""


def plex_client_identifier() -> str:
    """This install's Plex client id (Radarr's PlexClientIdentifier): stable, derived from the instance
    without revealing its API key."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"radarr-django:plex:{django_settings.RADARR_API_KEY}"))


class PlexImport(ImportListProvider):
    """A Plex account's watchlist (Plex's discover API with the account's token), movies only, paged."""

    implementation = "PlexImport"
    implementation_name = "Plex Watchlist"
    info_link = "https://wiki.servarr.com/radarr/supported#pleximport"
    list_type = "plex"
    min_refresh_interval = timedelta(hours=6)

    @dataclasses.dataclass
    class Settings:
        access_token: str = setting(
            "Access Token", "", secret=True, help_text="The Plex account's token (X-Plex-Token)"
        )

    def validate(self) -> list[Failure]:
        if not self.settings.access_token:
            return [Failure("accessToken", "Must authenticate with Plex", "")]
        return []

    def fetch(self) -> list[ListMovie]:
        movies: list[ListMovie] = []
        start = 0
        for _page in range(_PLEX_MAX_PAGES):
            params = {
                "includeFields": "title,type,year,ratingKey",
                "excludeElements": "Image",
                "includeGuids": "1",
                "sort": "watchlistedAt:desc",
                "type": "1",  # movies
                "X-Plex-Container-Size": str(_PLEX_PAGE_SIZE),
                "X-Plex-Container-Start": str(start),
            }
            headers = {"Accept": "application/json", "X-Plex-Token": self.settings.access_token}
            url = f"{service_url('plex')}/library/sections/watchlist/all"
            data = _get_json(url, params=params, headers=headers)
            container = data.get("MediaContainer") if isinstance(data, dict) else None
            if not isinstance(container, dict):
                raise ProviderError("Plex did not answer a watchlist")
            items = [item for item in container.get("Metadata") or [] if isinstance(item, dict)]
            for item in items:
                movie = ListMovie(
                    _int(_plex_guid(item.get("Guid"), "tmdb")),
                    _plex_guid(item.get("Guid"), "imdb"),
                    str(item.get("title") or ""),
                    _int(item.get("year")),
                )
                if movie.tmdb_id > 0 or movie.imdb_id:
                    movies.append(movie)
            start += len(items)
            total = _int(container.get("totalSize"))
            # Plex may answer fewer than asked: its totalSize says whether more pages follow
            if not items or (start >= total if total else len(items) < _PLEX_PAGE_SIZE):
                break
        return movies

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        """Plex's PIN sign-in: `startOAuth` makes a PIN at plex.tv and answers the URL where the user
        signs in (`oauthUrl`) and the `pinId`; `getOAuthToken` (with `pinId`) answers the account's
        token once signed in (`accessToken`), else `{"pending": true}`."""
        action = action.lower()
        client = plex_client_identifier()
        headers = {
            "Accept": "application/json",
            "X-Plex-Client-Identifier": client,
            "X-Plex-Product": "Radarr",
        }
        try:
            if action == "startoauth":
                try:
                    response = http.session().post(
                        f"{service_url('plextv')}/api/v2/pins", params={"strong": "true"}, headers=headers
                    )
                except requests.RequestException as error:
                    raise ProviderError(
                        f"Unable to connect to plex.tv: {safe_message(str(error))}"
                    ) from error
                data = response.json() if response.status_code in (200, 201) else None
                if not isinstance(data, dict) or not data.get("code"):
                    return {"error": f"plex.tv refused the sign-in (HTTP {response.status_code})"}
                params = {"clientID": client, "code": data["code"], "context[device][product]": "Radarr"}
                if query.get("callbackUrl"):
                    params["forwardUrl"] = query["callbackUrl"]
                return {"oauthUrl": "https://app.plex.tv/auth#?" + urlencode(params), "pinId": data.get("id")}
            if action == "getoauthtoken":
                pin = _int(query.get("pinId"))
                data = _get_json(f"{service_url('plextv')}/api/v2/pins/{pin}", headers=headers)
                token = str(data.get("authToken") or "") if isinstance(data, dict) else ""
                return {"accessToken": token} if token else {"pending": True}
        except (ProviderError, ValueError) as error:
            return {"error": getattr(error, "message", "plex.tv did not answer JSON")}
        return {}


class PlexRssImport(ImportListProvider):
    """A Plex watchlist's RSS feed: items of category `movie` with an `imdb://` or `tmdb://` guid."""

    implementation = "PlexRssImport"
    implementation_name = "Plex Watchlist RSS"
    info_link = "https://wiki.servarr.com/radarr/supported#plexrssimport"
    list_type = "plex"
    min_refresh_interval = timedelta(hours=6)

    @dataclasses.dataclass
    class Settings:
        url: str = setting("Url", "", help_text="The watchlist's RSS link (Plex: Settings → Watchlist)")

    def validate(self) -> list[Failure]:
        return _url_failure("url", "Url", self.settings.url)

    def fetch(self) -> list[ListMovie]:
        movies = []
        for item in _rss_items(_get(self.settings.url).content):
            if (item.findtext("category") or "").strip() != "movie":
                continue
            guid = (item.findtext("guid") or "").strip()
            imdb = _IMDB_ID.search(guid.removeprefix("imdb://")) if guid.startswith("imdb://") else None
            tmdb_id = _int(guid.removeprefix("tmdb://")) if guid.startswith("tmdb://") else 0
            if imdb or tmdb_id > 0:
                title = (item.findtext("title") or "").strip()
                movies.append(ListMovie(tmdb_id, imdb.group(1) if imdb else "", title))
        return movies


# ---- Trakt: its API with an app's client id, tokens from OAuth's device flow (Radarr goes through its
# own OAuth proxy; we ask Trakt itself, with the user's app: Trakt → Settings → Your API Apps)


def _trakt_settings(own: list[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    """A Trakt kind's settings in Radarr's order: the tokens (TraktSettingsBase's hidden fields), the
    kind's own, the limit; then the app's client id and secret that the device flow needs (ours)."""
    tokens = {
        "access_token": setting("Access Token", "", secret=True, hidden="hidden"),
        "refresh_token": setting("Refresh Token", "", secret=True, hidden="hidden"),
        "expires": setting("Expires", "", hidden="hidden"),
        "auth_user": setting("Auth User", "", hidden="hidden"),
    }
    rest = {
        "limit": setting("Limit", 100, help_text="Limit the number of movies to get"),
        "client_id": setting(
            "Client ID",
            "",
            advanced=True,
            help_text="Your Trakt API app's client ID (Trakt → Settings → Your API Apps)",
        ),
        "client_secret": setting(
            "Client Secret", "", secret=True, advanced=True, help_text="Your Trakt API app's client secret"
        ),
    }
    return [
        *((name, Any, value) for name, value in tokens.items()),
        *own,
        *((name, Any, value) for name, value in rest.items()),
    ]


def _trakt_movie(entry: Any) -> ListMovie | None:
    """A movie of a Trakt answer: `{movie: {...}}` items, or the movie itself (popular)."""
    movie = entry.get("movie", entry) if isinstance(entry, dict) else None
    ids = movie.get("ids") if isinstance(movie, dict) else None
    if not isinstance(ids, dict):
        return None
    found = ListMovie(
        _int(ids.get("tmdb")),
        str(ids.get("imdb") or ""),
        str(movie.get("title") or ""),
        _int(movie.get("year")),
    )
    return found if found.tmdb_id > 0 or found.imdb_id else None


class TraktImportBase(TraktOAuth, ImportListProvider):
    """Radarr's Trakt kinds: one API request with the account's bearer token, refreshed when it is
    about to expire or Trakt answers 401; the refreshed tokens are saved onto the list (the OAuth
    part is radarr.trakt's, shared with the Trakt notification)."""

    list_type = "trakt"
    min_refresh_interval = timedelta(hours=12)

    def validate(self) -> list[Failure]:
        failures = []
        if not self.settings.access_token:
            failures.append(Failure("signIn", "Must authenticate with Trakt", ""))
        if _int(self.settings.limit) <= 0:
            failures.append(Failure("limit", "Must be integer greater than 0", self.settings.limit))
        return failures

    def trakt_path(self) -> tuple[str, dict[str, str]]:
        raise NotImplementedError

    def fetch(self) -> list[ListMovie]:
        if not self.settings.access_token:
            raise ProviderError("Must authenticate with Trakt", permanent=True)
        self.refresh_if_expiring()
        path, params = self.trakt_path()
        params = {"limit": str(_int(self.settings.limit) or 100), **params}
        url = f"{service_url('trakt')}{path}"
        try:
            data = _get_json(url, params=params, headers=self.trakt_headers(self.settings.access_token))
        except ProviderError as error:
            # a token revoked or expired early: refresh once and ask again
            if not error.permanent or not self.refresh_tokens():
                raise
            data = _get_json(url, params=params, headers=self.trakt_headers(self.settings.access_token))
        if not isinstance(data, list):
            raise ProviderError("Trakt did not answer a list of movies")
        return [movie for entry in data if (movie := _trakt_movie(entry)) is not None]

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        return self.oauth_action(action, query)


def _trakt_slug(name: str) -> str:
    """Trakt's list slug: other than letters, digits and `_`, runs become one dash."""
    return re.sub(r"-+", "-", re.sub(r"[^\w]", "-", name.strip().lower())).strip("-")


class TraktListImport(TraktImportBase):
    """A Trakt user's list (public, or one the account may read)."""

    implementation = "TraktListImport"
    implementation_name = "Trakt List"
    info_link = "https://wiki.servarr.com/radarr/supported#traktlistimport"

    Settings = dataclasses.make_dataclass(
        "Settings",
        _trakt_settings(
            [
                (
                    "username",
                    str,
                    setting(
                        "Username", "", privacy="userName", help_text="Username for the List to import from"
                    ),
                ),
                (
                    "listname",
                    str,
                    setting(
                        "List Name",
                        "",
                        help_text="List name for import, list must be public or you must have access to it",
                    ),
                ),
            ]
        ),
    )

    def validate(self) -> list[Failure]:
        failures = super().validate()
        for name, label in (("username", "Username"), ("listname", "List Name")):
            if not str(getattr(self.settings, name) or "").strip():
                failures.append(Failure(name, f"'{label}' must not be empty", ""))
        return failures

    def trakt_path(self) -> tuple[str, dict[str, str]]:
        user = self.settings.username.strip()
        return f"/users/{user}/lists/{_trakt_slug(self.settings.listname)}/items/movies", {}


_TRAKT_POPULAR = {
    0: ("Trending Movies", "/movies/trending"),
    1: ("Popular Movies", "/movies/popular"),
    2: ("Top Anticipated Movies", "/movies/anticipated"),
    3: ("Top Box Office Movies", "/movies/boxoffice"),
    4: ("Top Watched Movies By Week", "/movies/watched/weekly"),
    5: ("Top Watched Movies By Month", "/movies/watched/monthly"),
    7: ("Top Watched Movies Of All Time", "/movies/watched/all"),
    8: ("Recommended Movies By Week", "/movies/recommended/weekly"),
    9: ("Recommended Movies By Month", "/movies/recommended/monthly"),
    11: ("Recommended Movies Of All Time", "/movies/recommended/all"),
}
_CERTIFICATIONS = {"nr", "g", "pg", "pg-13", "r", "nc-17"}


class TraktPopularImport(TraktImportBase):
    """Trakt's trending, popular, anticipated, box office, most watched or recommended movies, with
    Radarr's filters (ratings, certifications, genres, years) and any extra parameters."""

    implementation = "TraktPopularImport"
    implementation_name = "Trakt Popular List"
    info_link = "https://wiki.servarr.com/radarr/supported#traktpopularimport"

    Settings = dataclasses.make_dataclass(
        "Settings",
        _trakt_settings(
            [
                (
                    "trakt_list_type",
                    int,
                    setting(
                        "List Type",
                        1,
                        field_type="select",
                        select_options=[(value, label) for value, (label, _) in _TRAKT_POPULAR.items()],
                        help_text="Type of list you're seeking to import from",
                    ),
                ),
                (
                    "rating",
                    str,
                    setting("Rating", "0-100", help_text="Filter movies by rating range (0-100)"),
                ),
                (
                    "certification",
                    str,
                    setting(
                        "Certification",
                        "NR,G,PG,PG-13,R,NC-17",
                        help_text="Filter movies by certifications (NR,G,PG,PG-13,R,NC-17), comma separated",
                    ),
                ),
                (
                    "genres",
                    str,
                    setting(
                        "Genres",
                        "",
                        help_text="Filter movies by Trakt genre slugs, comma separated (popular lists only)",
                    ),
                ),
                ("years", str, setting("Years", "", help_text="Filter movies by year or year range")),
                (
                    "trakt_additional_parameters",
                    str,
                    setting(
                        "Additional Parameters",
                        "",
                        advanced=True,
                        help_text="Additional Trakt API parameters",
                    ),
                ),
            ]
        ),
    )

    def validate(self) -> list[Failure]:
        failures = super().validate()
        if not _is_option(self.settings.trakt_list_type, _TRAKT_POPULAR):
            failures.append(
                Failure(
                    "traktListType", "Yearly lists are no longer supported", self.settings.trakt_list_type
                )
            )
        rating, years = str(self.settings.rating or ""), str(self.settings.years or "")
        if rating and not re.fullmatch(r"\d+-\d+", rating):
            failures.append(Failure("rating", "Not a valid rating", rating))
        certifications = [
            c.strip().lower() for c in str(self.settings.certification or "").split(",") if c.strip()
        ]
        if any(c not in _CERTIFICATIONS for c in certifications):
            failures.append(
                Failure("certification", "Not a valid certification", self.settings.certification)
            )
        if years and not re.fullmatch(r"\d+(-\d+)?", years):
            failures.append(Failure("years", "Not a valid year or range of years", years))
        return failures

    def trakt_path(self) -> tuple[str, dict[str, str]]:
        params = {
            "years": str(self.settings.years or ""),
            "genres": str(self.settings.genres or "").lower(),
            "ratings": str(self.settings.rating or ""),
            "certifications": str(self.settings.certification or "").lower(),
        }
        extra = str(self.settings.trakt_additional_parameters or "").lstrip("&?")
        for pair in filter(None, extra.split("&")):
            key, _, value = pair.partition("=")
            params[key] = value
        return _TRAKT_POPULAR[self.settings.trakt_list_type][1], {k: v for k, v in params.items() if v}


_TRAKT_USER_LISTS = {0: "Watch List", 1: "Watched List", 2: "Collection List"}
_TRAKT_SORTING = {0: "rank", 1: "added", 2: "title", 3: "released"}


class TraktUserImport(TraktImportBase):
    """A Trakt user's watchlist (in the sorting chosen), watched movies or collection."""

    implementation = "TraktUserImport"
    implementation_name = "Trakt User"
    info_link = "https://wiki.servarr.com/radarr/supported#traktuserimport"

    Settings = dataclasses.make_dataclass(
        "Settings",
        _trakt_settings(
            [
                (
                    "trakt_list_type",
                    int,
                    setting(
                        "List Type",
                        0,
                        field_type="select",
                        select_options=list(_TRAKT_USER_LISTS.items()),
                        help_text="Type of list you're seeking to import from",
                    ),
                ),
                (
                    "trakt_watch_sorting",
                    int,
                    setting(
                        "Watch List Sorting",
                        0,
                        field_type="select",
                        select_options=[(0, "Rank"), (1, "Added"), (2, "Title"), (3, "Released")],
                        help_text="If List Type is Watch, select the order to sort the list by",
                    ),
                ),
                (
                    "username",
                    str,
                    setting(
                        "Username",
                        "",
                        help_text="Username for the List to import from (empty to use Auth User)",
                    ),
                ),
            ]
        ),
    )

    def validate(self) -> list[Failure]:
        failures = super().validate()
        if not _is_option(self.settings.trakt_list_type, _TRAKT_USER_LISTS):
            failures.append(
                Failure(
                    "traktListType", "'List Type' is not one of its options", self.settings.trakt_list_type
                )
            )
        if self.settings.access_token and not (self.settings.username or self.settings.auth_user):
            failures.append(Failure("authUser", "'Auth User' must not be empty", ""))
        return failures

    def trakt_path(self) -> tuple[str, dict[str, str]]:
        user = str(self.settings.username or "").strip() or str(self.settings.auth_user or "").strip()
        kind = self.settings.trakt_list_type
        if kind == 1:
            return f"/users/{user}/watched/movies", {}
        if kind == 2:
            return f"/users/{user}/collection/movies", {}
        return (
            f"/users/{user}/watchlist/movies/{_TRAKT_SORTING.get(self.settings.trakt_watch_sorting, 'rank')}",
            {},
        )


# ---- Simkl: its API with an app's client id and the account's token (Simkl's PIN flow; its tokens
# do not expire)

_SIMKL_LISTS = {0: "Watching", 1: "Plan To Watch", 2: "Hold", 3: "Completed", 4: "Dropped"}


class SimklUserImport(ImportListProvider):
    """A Simkl user's movies in one of its lists (watching, plan to watch, hold, completed, dropped)."""

    implementation = "SimklUserImport"
    implementation_name = "Simkl User Watchlist"
    info_link = "https://wiki.servarr.com/radarr/supported#simkluserimport"
    list_type = "simkl"
    min_refresh_interval = timedelta(hours=6)

    @dataclasses.dataclass
    class Settings:
        access_token: str = setting("Access Token", "", secret=True, hidden="hidden")
        refresh_token: str = setting("Refresh Token", "", secret=True, hidden="hidden")
        expires: str = setting("Expires", "", hidden="hidden")
        auth_user: str = setting("Auth User", "", hidden="hidden")
        list_type: int = setting(
            "List Type",
            0,
            field_type="select",
            select_options=list(_SIMKL_LISTS.items()),
            help_text="Type of list you're seeking to import from",
        )
        client_id: str = setting(
            "Client ID",
            "",
            advanced=True,
            help_text="Your Simkl app's client ID (simkl.com/settings/developer)",
        )

    def validate(self) -> list[Failure]:
        failures = []
        if not self.settings.access_token:
            failures.append(Failure("signIn", "Must authenticate with Simkl", ""))
        if not _is_option(self.settings.list_type, _SIMKL_LISTS):
            failures.append(
                Failure("listType", "'List Type' is not one of its options", self.settings.list_type)
            )
        return failures

    def _headers(self, token: str = "") -> dict[str, str]:
        headers = {"Accept": "application/json", "simkl-api-key": str(self.settings.client_id or "")}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def fetch(self) -> list[ListMovie]:
        if not self.settings.access_token:
            raise ProviderError("Must authenticate with Simkl", permanent=True)
        status = _SIMKL_LISTS.get(self.settings.list_type, "Watching").replace(" ", "").lower()
        url = f"{service_url('simkl')}/sync/all-items/movies/{status}"
        data = _get_json(url, headers=self._headers(self.settings.access_token))
        if data is None or data == []:  # Simkl answers null for an empty list
            return []
        if not isinstance(data, dict):
            raise ProviderError("Simkl did not answer a list of movies")
        movies = []
        for entry in data.get("movies") or []:
            movie = entry.get("movie") if isinstance(entry, dict) else None
            ids = movie.get("ids") if isinstance(movie, dict) else None
            if not isinstance(ids, dict):
                continue
            found = ListMovie(
                _int(ids.get("tmdb")),
                str(ids.get("imdb") or ""),
                str(movie.get("title") or ""),
                _int(movie.get("year")),
            )
            if found.tmdb_id > 0 or found.imdb_id:
                movies.append(found)
        return movies

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        """Simkl's PIN flow: `startOAuth` gives a code the user enters at Simkl's verification URL;
        `getOAuthToken` (with `userCode`) polls once: the token once approved, else `{"pending": true}`."""
        action = action.lower()
        base = service_url("simkl")
        client = {"client_id": str(self.settings.client_id or "")}
        try:
            if action == "startoauth":
                data = _get_json(f"{base}/oauth/pin", params=client, headers=self._headers())
                keys = ("user_code", "verification_url", "expires_in", "interval")
                return {camel_case(key): data.get(key) for key in keys} if isinstance(data, dict) else {}
            if action == "getoauthtoken":
                code = re.sub(r"[^A-Za-z0-9]", "", query.get("userCode", ""))
                data = _get_json(f"{base}/oauth/pin/{code}", params=client, headers=self._headers())
                token = str(data.get("access_token") or "") if isinstance(data, dict) else ""
                if not token:
                    return {"pending": True}
                user = _get_json(f"{base}/users/settings", headers=self._headers(token))
                account = user.get("account") if isinstance(user, dict) else None
                auth_user = str(account.get("id") or "") if isinstance(account, dict) else ""
                return {"accessToken": token, "refreshToken": "", "expires": "", "authUser": auth_user}
        except ProviderError as error:
            return {"error": error.message}
        return {}


# ---- Letterboxd (ours: Radarr has none): a list's or watchlist's pages, or a user's RSS

_LETTERBOXD_MAX_PAGES = 20
_LETTERBOXD_SLUG = re.compile(r'data-(?:film|item)-slug="([a-z0-9-]+)"')
_LETTERBOXD_TARGET = re.compile(r'data-target-link="/film/([a-z0-9-]+)/"')
_LETTERBOXD_NEXT = re.compile(r'<a[^>]*class="next"[^>]*href="([^"]+)"')
_LETTERBOXD_TMDB = re.compile(r'data-tmdb-id="(\d+)"')
_LETTERBOXD_TMDB_TYPE = re.compile(r'data-tmdb-type="(\w+)"')
_LETTERBOXD_IMDB = re.compile(r"imdb\.com/title/(tt\d{7,})")
_LETTERBOXD_FILM_TTL = 30 * 86400  # a film's TMDB id does not change: each page is read once a month
_TMDB_NS = "{https://themoviedb.org}"


class LetterboxdImport(ImportListProvider):
    """A Letterboxd list or watchlist (its pages: each film's TMDB id from the film's page, remembered
    for a month), or a Letterboxd RSS feed (its items' `tmdb:movieId`)."""

    implementation = "LetterboxdImport"
    implementation_name = "Letterboxd"
    info_link = "https://letterboxd.com/"
    list_type = "other"
    min_refresh_interval = timedelta(hours=12)

    @dataclasses.dataclass
    class Settings:
        url: str = setting(
            "List URL",
            "",
            help_text="A list (https://letterboxd.com/user/list/name/), a watchlist "
            "(https://letterboxd.com/user/watchlist/) or an RSS feed (https://letterboxd.com/user/rss/)",
        )

    def validate(self) -> list[Failure]:
        return _url_failure("url", "List URL", self.settings.url)

    def fetch(self) -> list[ListMovie]:
        url = self.settings.url.strip()
        if urlsplit(url).path.rstrip("/").endswith("/rss"):
            return self._rss(url)
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        slugs: list[str] = []
        page_url: str | None = url.rstrip("/") + "/"
        for _page in range(_LETTERBOXD_MAX_PAGES):
            if page_url is None:
                break
            text = _get(page_url).text
            for slug in _LETTERBOXD_SLUG.findall(text) + _LETTERBOXD_TARGET.findall(text):
                if slug not in slugs:
                    slugs.append(slug)
            following = _LETTERBOXD_NEXT.search(text)
            page_url = (
                origin + following.group(1) if following and following.group(1).startswith("/") else None
            )
        movies = [self._film(origin, slug) for slug in slugs]
        return [movie for movie in movies if movie is not None]

    def _film(self, origin: str, slug: str) -> ListMovie | None:
        """A film's ids from its page (`data-tmdb-id`, the IMDb link); TV entries are skipped."""
        key = f"letterboxd:film:{slug}"
        known = cache.get(key)
        if known is None:
            try:
                text = _get(f"{origin}/film/{slug}/").text
            except ProviderError as error:
                logger.warning("Letterboxd film %s: %s", slug, error.message)
                return None
            kind = _LETTERBOXD_TMDB_TYPE.search(text)
            tmdb_id = _LETTERBOXD_TMDB.search(text)
            imdb = _LETTERBOXD_IMDB.search(text)
            is_movie = kind is None or kind.group(1) == "movie"
            known = {
                "tmdb": int(tmdb_id.group(1)) if tmdb_id and is_movie else 0,
                "imdb": imdb.group(1) if imdb and is_movie else "",
            }
            cache.set(key, known, _LETTERBOXD_FILM_TTL)
        if not known["tmdb"] and not known["imdb"]:
            return None
        return ListMovie(known["tmdb"], known["imdb"], slug.replace("-", " "))

    def _rss(self, url: str) -> list[ListMovie]:
        movies = []
        for item in _rss_items(_get(url).content):
            tmdb_id = _int(item.findtext(f"{_TMDB_NS}movieId"))
            if tmdb_id > 0:
                title = item.findtext("{https://letterboxd.com}filmTitle") or item.findtext("title") or ""
                year = _int(item.findtext("{https://letterboxd.com}filmYear"))
                movies.append(ListMovie(tmdb_id, "", title.strip(), year))
        return list({movie.tmdb_id: movie for movie in movies}.values())


IMPLEMENTATIONS: dict[str, type[ImportListProvider]] = {
    cls.implementation: cls
    for cls in (
        CouchPotatoImport,
        IMDbListImport,
        LetterboxdImport,
        MDBListImport,
        PlexImport,
        PlexRssImport,
        RadarrImport,
        RadarrListImport,
        RSSImport,
        SimklUserImport,
        StevenLuImport,
        TMDbCollectionImport,
        TMDbCompanyImport,
        TMDbKeywordImport,
        TMDbListImport,
        TMDbPersonImport,
        TMDbPopularImport,
        TMDbUserImport,
        TraktListImport,
        TraktPopularImport,
        TraktUserImport,
    )
}
