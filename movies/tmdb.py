"""The TMDB metadata client: search, movie and collection details, with retries, a cache and errors
that say what is wrong (no key, key rejected, TMDB unreachable) instead of a stack trace.

Every answer is cached in Django's cache (Redis when configured) by URL without the key. The key is
sent as `api_key` (a v3 key) or as a Bearer token (a v4 read token) and never written into a message.
"""

import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache

from movies.metadata import CollectionMetadata, MovieMetadata
from movies.tmdbparse import collection_from_details, movie_from_details, movie_from_result
from radarr import http
from radarr.system.health import HealthIssue

logger = logging.getLogger(__name__)

LANGUAGE = "en-US"  # details in English: Settings → UI "Movie Info Language" is kept, not applied
APPENDED = "alternative_titles,release_dates,credits,images,videos,keywords,external_ids"
MOVIE_TTL = 6 * 3600  # seconds a movie's or collection's details stay cached
SEARCH_TTL = 3600
DISCOVER_TTL = 24 * 3600  # recommendations, trending and popular: Discover asks again once a day
ERROR_TTL = 300  # how long the last failure is shown in the UI banner and health check
LAST_ERROR_KEY = "tmdb:last-error"
MAX_TRIES = 3
BACKOFF_SECONDS = 1.0  # doubled after each failed try
MAX_RETRY_AFTER = 10.0  # seconds: a longer Retry-After gives up rather than hold a page for minutes

_TMDB_URL = re.compile(r"themoviedb\.org/movie/(\d+)", re.IGNORECASE)
_IMDB_URL = re.compile(r"imdb\.com/title/(tt\d+)", re.IGNORECASE)
_TMDB_TERM = re.compile(r"^tmdb(?:id)?:\s*(\d+)$", re.IGNORECASE)
_IMDB_TERM = re.compile(r"^(?:imdb(?:id)?:\s*)?(tt\d{5,})$", re.IGNORECASE)
# "The Matrix (1999)", "The Matrix 1999", "The.Matrix.[1999]": Radarr searches the title for that year
_TITLE_YEAR = re.compile(r"^(?P<title>.+?)[\s._]+[(\[]?(?P<year>(?:18|19|20)\d{2})[)\]]?$")

_local = threading.local()


class TmdbError(Exception):
    """TMDB could not answer; `status` is what our API answers with, `message` is for people."""

    status = 503

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class TmdbNotConfigured(TmdbError):
    pass


class TmdbKeyRejected(TmdbError):
    pass


class TmdbUnavailable(TmdbError):
    pass


class TmdbNotFound(TmdbError):
    status = 404


PARALLEL_REQUESTS = 8  # TMDB requests in flight at once for a batch (fetch_many)


class _RateLimit:
    """At most `settings.RADARR_TMDB_REQUESTS_PER_SECOND` requests a second from this process, over all
    its threads (TMDB allows about 50 a second per IP): each request takes the next free slot."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        rate = float(getattr(settings, "RADARR_TMDB_REQUESTS_PER_SECOND", 40) or 0)
        if rate <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + 1.0 / rate
        if slot > now:
            time.sleep(slot - now)


_rate = _RateLimit()


def fetch_many[T, R](function: Callable[[T], R], items: list[T]) -> list[R | TmdbError]:
    """`function` of each item (a TMDB fetch), PARALLEL_REQUESTS at a time within the rate limit, in
    order; an item whose fetch failed has its TmdbError in its place. The function must not use the
    database (threads would each open a connection)."""

    def one(item: T) -> R | TmdbError:
        try:
            return function(item)
        except TmdbError as error:
            return error

    if len(items) <= 1:
        return [one(item) for item in items]
    with ThreadPoolExecutor(max_workers=PARALLEL_REQUESTS, thread_name_prefix="tmdb") as pool:
        return list(pool.map(one, items))


def search_movies(term: str) -> list[MovieMetadata]:
    """Radarr's lookup: words (with an optional year), `tmdb:603`, `imdb:tt0133093`, `tt0133093`, or a
    TMDB/IMDb page URL. Id forms give the full details; an unknown id gives an empty list."""
    term = term.strip()
    if not term:
        return []
    tmdb_id, imdb_id = _ids_in(term)
    try:
        if tmdb_id is not None:
            return [fetch_movie(tmdb_id)]
        if imdb_id is not None:
            return [fetch_movie_by_imdb(imdb_id)]
    except TmdbNotFound:
        return []
    match = _TITLE_YEAR.match(term)
    if match:
        results = _search(match["title"].replace(".", " ").strip(), match["year"])
        if results:
            return results
    # "Blade Runner 2049", "1917": the number was part of the title after all
    return _search(term, None)


def fetch_movie(
    tmdb_id: int, certification_country: str | None = None, *, keep: bool = True
) -> MovieMetadata:
    """Full details in one request: dates, alternative titles, collection, credits, images, videos;
    the certification of `certification_country` (TMDB's region code, `GB`) when given, else the US's.
    `keep=False` (a library refresh) does not cache the answer: 20,000 details of ~100 KB each would
    only push out what pages reuse."""
    data = _get(f"/movie/{int(tmdb_id)}", {"append_to_response": APPENDED}, MOVIE_TTL if keep else 0)
    return movie_from_details(data, certification_region=certification_country)


def fetch_movie_by_imdb(imdb_id: str) -> MovieMetadata:
    """Find the TMDB id of an IMDb id, then fetch that movie; TmdbNotFound when TMDB has no such film."""
    data = _get(f"/find/{imdb_id.strip().lower()}", {"external_source": "imdb_id"}, MOVIE_TTL)
    results = data.get("movie_results") or []
    if not results:
        raise TmdbNotFound(f"TMDB knows no movie with IMDb id {imdb_id}")
    return fetch_movie(int(results[0]["id"]))


def find_tmdb_id(imdb_id: str) -> int | None:
    """The TMDB id of an IMDb id (TMDB's find), None when TMDB has no such film."""
    data = _get(f"/find/{imdb_id.strip().lower()}", {"external_source": "imdb_id"}, MOVIE_TTL)
    results = data.get("movie_results") or []
    return int(results[0]["id"]) if results and results[0].get("id") else None


def fetch_list(list_id: str) -> list[dict[str, Any]]:
    """A TMDB list's movies (`/list/{id}`): each as TMDB gives it (id, title, release_date...)."""
    data = _get(f"/list/{list_id}", {}, SEARCH_TTL)
    return [item for item in data.get("items") or [] if item.get("media_type", "movie") == "movie"]


def fetch_result_pages(path: str, params: dict[str, str], max_pages: int = 5) -> list[dict[str, Any]]:
    """The `results` of a paged TMDB answer (discover, popular...), up to `max_pages` pages."""
    results: list[dict[str, Any]] = []
    page, total = 1, 1
    while page <= min(total, max_pages):
        data = _get(path, {**params, "page": str(page)}, SEARCH_TTL)
        results += [item for item in data.get("results") or [] if isinstance(item, dict)]
        total = int(data.get("total_pages") or 1)
        page += 1
    return results


def fetch_recommendations(tmdb_id: int) -> list[MovieMetadata]:
    """TMDB's recommendations for a movie (`/movie/{id}/recommendations`, first page), cached a day."""
    data = _get(f"/movie/{int(tmdb_id)}/recommendations", {"page": "1"}, DISCOVER_TTL)
    return _results(data)


def fetch_trending() -> list[MovieMetadata]:
    """The week's trending movies (`/trending/movie/week`, first page), cached a day."""
    return _results(_get("/trending/movie/week", {"page": "1"}, DISCOVER_TTL))


def fetch_popular() -> list[MovieMetadata]:
    """TMDB's popular movies (`/movie/popular`, first page), cached a day."""
    return _results(_get("/movie/popular", {"page": "1"}, DISCOVER_TTL))


def _results(data: dict[str, Any]) -> list[MovieMetadata]:
    return [
        movie_from_result(result)
        for result in data.get("results") or []
        if isinstance(result, dict) and result.get("id") and result.get("media_type", "movie") == "movie"
    ]


def fetch_person_credits(person_id: str) -> dict[str, Any]:
    """A person's movie credits (`cast` and `crew`, each movie with its id, title, release_date)."""
    return _get(f"/person/{person_id}/movie_credits", {}, SEARCH_TTL)


def fetch_collection(tmdb_id: int) -> CollectionMetadata:
    data = _get(f"/collection/{int(tmdb_id)}", {}, MOVIE_TTL)
    return collection_from_details(data)


def v4_url(path: str) -> str:
    """TMDB's v4 API address for `path`: RADARR_TMDB_URL's `/3` made `/4` (the user lists live there)."""
    base = settings.RADARR_TMDB_URL.rstrip("/")
    base = base[:-2] if base.endswith("/3") else base
    return f"{base}/4{path}"


def tmdb_status() -> str | None:
    """Why TMDB is not usable right now, for the UI banner; None when nothing is known to be wrong."""
    if not settings.RADARR_TMDB_API_KEY:
        return _not_configured().message
    return cache.get(LAST_ERROR_KEY)


def tmdb_check() -> list[HealthIssue]:
    """Health check: without TMDB nothing can be added or refreshed."""
    message = tmdb_status()
    if message is None:
        return []
    level = "error" if not settings.RADARR_TMDB_API_KEY else "warning"
    return [HealthIssue("TmdbCheck", level, message)]


def _ids_in(term: str) -> tuple[int | None, str | None]:
    """(TMDB id, IMDb id) named by a term or URL; (None, None) for words."""
    tmdb_match = _TMDB_TERM.match(term) or _TMDB_URL.search(term)
    if tmdb_match:
        return int(tmdb_match[1]), None
    imdb_match = _IMDB_TERM.match(term) or _IMDB_URL.search(term)
    if imdb_match:
        return None, imdb_match[1].lower()
    return None, None


def _search(query: str, year: str | None) -> list[MovieMetadata]:
    params = {"query": query, "include_adult": "false"}
    if year:
        params["year"] = year
    data = _get("/search/movie", params, SEARCH_TTL)
    return [movie_from_result(result) for result in data.get("results") or [] if result.get("id")]


def _not_configured() -> TmdbNotConfigured:
    return TmdbNotConfigured(
        "TMDB is not configured: set RADARR_TMDB_API_KEY to a TMDB API key "
        "(https://www.themoviedb.org/settings/api) and restart"
    )


def _get(path: str, params: dict[str, str], ttl: int) -> dict[str, Any]:
    """TMDB's JSON for `path`, from the cache when fresh; errors are remembered for the banner."""
    key = settings.RADARR_TMDB_API_KEY
    if not key:
        raise _not_configured()
    base = settings.RADARR_TMDB_URL.rstrip("/")
    query = {"language": LANGUAGE, **params}
    cache_key = (
        "tmdb:" + hashlib.sha256(f"{base}{path}?{urlencode(sorted(query.items()))}".encode()).hexdigest()
    )
    cached = cache.get(cache_key)
    if cached is not None:
        return cached
    try:
        data = _request(base + path, query, key)
    except TmdbNotFound:
        raise
    except TmdbError as error:
        cache.set(LAST_ERROR_KEY, error.message, ERROR_TTL)
        logger.warning("TMDB request %s failed: %s", path, error.message)
        raise
    if ttl > 0:
        cache.set(cache_key, data, ttl)
    cache.delete(LAST_ERROR_KEY)
    return data


def _request(url: str, query: dict[str, str], key: str) -> dict[str, Any]:
    """One GET with up to MAX_TRIES tries on 429 and 5xx; network errors fail at once (no slow pages)."""
    headers = {"Accept": "application/json"}
    if key.startswith("eyJ") and len(key) > 100:  # a v4 read access token (a JWT)
        headers["Authorization"] = f"Bearer {key}"
    else:
        query = {**query, "api_key": key}
    for attempt in range(1, MAX_TRIES + 1):
        _rate.wait()
        try:
            response = _session().get(url, params=query, headers=headers)
        except requests.Timeout:
            raise TmdbUnavailable("TMDB did not answer in time") from None
        except requests.RequestException as error:
            # requests' own message carries the URL and so the key: only its kind is reported
            raise TmdbUnavailable(f"TMDB could not be reached ({type(error).__name__})") from None
        if response.status_code == 429 or response.status_code >= 500:
            if attempt == MAX_TRIES:
                raise TmdbUnavailable(f"TMDB answered HTTP {response.status_code} {MAX_TRIES} times")
            time.sleep(_wait_before_retry(response, attempt))
            continue
        return _read(response)
    raise AssertionError("unreachable")  # the loop returns or raises


def _wait_before_retry(response: requests.Response, attempt: int) -> float:
    """TMDB's Retry-After when it sends one (capped), else exponential backoff."""
    retry_after = response.headers.get("Retry-After", "")
    if retry_after.strip().isdigit():
        return min(float(retry_after), MAX_RETRY_AFTER)
    return BACKOFF_SECONDS * 2 ** (attempt - 1)


def _read(response: requests.Response) -> dict[str, Any]:
    status = response.status_code
    if status == 401:
        raise TmdbKeyRejected(
            f"TMDB rejected the API key: check RADARR_TMDB_API_KEY ({_tmdb_message(response)})"
        )
    if status == 404:
        raise TmdbNotFound(f"TMDB has no such item ({_tmdb_message(response)})")
    if status >= 400:
        raise TmdbError(f"TMDB refused the request: HTTP {status} ({_tmdb_message(response)})", 502)
    try:
        data = response.json()
    except ValueError:
        raise TmdbUnavailable("TMDB answered with something that is not JSON") from None
    if not isinstance(data, dict):
        raise TmdbUnavailable("TMDB answered with an unexpected JSON shape")
    return data


def _tmdb_message(response: requests.Response) -> str:
    """TMDB's status_message from an error body (`Invalid API key: ...`), else the HTTP reason."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    message = body.get("status_message") if isinstance(body, dict) else None
    return str(message or response.reason or "no details")


def _session() -> requests.Session:
    """One session per thread: connections to TMDB are reused across a refresh of many movies."""
    if getattr(_local, "session", None) is None:
        _local.session = http.session()
    return _local.session
