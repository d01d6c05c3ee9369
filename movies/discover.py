"""Discover (Radarr's GET importlist/movie): what the import lists named at their last sync, and on
request TMDB's recommendations for the library, the week's trending and the popular movies, one entry
per movie in Radarr's ImportListMoviesResource shape, flagged as in the library or excluded.

The lists' movies come from the sync's cache (no TMDB request per movie). Recommendations are asked
for the library's latest additions only (a bounded number of requests) and, like trending and popular,
stay in the TMDB cache for a day. TMDB being down leaves those sources out, never the lists.
"""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from movies import adding, tmdb
from movies.metadata import MovieMetadata
from movies.models import ImportExclusion, ImportList, ImportListItem, MinimumAvailability, Movie, RootFolder
from movies.resourcevalues import date_text, image_resources
from movies.titles import sort_title
from releases.models import QualityProfile

logger = logging.getLogger(__name__)

RECOMMENDATION_SOURCES = 10  # the latest added library movies whose recommendations are asked
MAX_RECOMMENDATIONS = 60  # Radarr shows a bounded handful too

SOURCE_FLAGS = ("isRecommendation", "isTrending", "isPopular")


def discover_movies(
    *, recommendations: bool = False, trending: bool = False, popular: bool = False
) -> list[dict[str, Any]]:
    """Radarr's order: recommendations, trending, popular, then the enabled lists' movies; a movie met
    twice keeps its first (richest) entry and gathers the flags and lists of the others."""
    library = set(Movie.objects.values_list("tmdb_id", flat=True))
    excluded = set(ImportExclusion.objects.values_list("tmdb_id", flat=True))
    entries: dict[int, dict[str, Any]] = {}
    if recommendations:
        _gather(entries, _recommended(library, excluded), "isRecommendation")
    if trending:
        _gather(entries, _safely(tmdb.fetch_trending, "trending"), "isTrending")
    if popular:
        _gather(entries, _safely(tmdb.fetch_popular, "popular"), "isPopular")
    items = ImportListItem.objects.filter(import_list__enabled=True).order_by("pk")
    for item in items.values_list("tmdb_id", "import_list_id", "imdb_id", "title", "year").iterator():
        tmdb_id, list_id, imdb_id, title, year = item
        entry = entries.get(tmdb_id)
        if entry is None:
            entry = entries[tmdb_id] = _list_entry(tmdb_id, imdb_id, title, year)
        if list_id not in entry["lists"]:
            entry["lists"].append(list_id)
    for tmdb_id, entry in entries.items():
        entry["isExisting"] = tmdb_id in library
        entry["isExcluded"] = tmdb_id in excluded
    return list(entries.values())


def _safely(fetch: Callable[[], list[MovieMetadata]], what: str) -> list[MovieMetadata]:
    try:
        return fetch()
    except tmdb.TmdbError as error:
        logger.warning("Discover left out TMDB's %s movies: %s", what, error.message)
        return []


def _recommended(library: set[int], excluded: set[int]) -> list[MovieMetadata]:
    """TMDB's recommendations for the latest additions, none in the library or excluded (as Radarr)."""
    sources = Movie.objects.order_by("-added", "-pk").values_list("tmdb_id", flat=True)
    found: dict[int, MovieMetadata] = {}
    for tmdb_id in sources[:RECOMMENDATION_SOURCES]:
        for metadata in _safely(lambda tmdb_id=tmdb_id: tmdb.fetch_recommendations(tmdb_id), "recommended"):
            if metadata.tmdb_id not in library and metadata.tmdb_id not in excluded:
                found.setdefault(metadata.tmdb_id, metadata)
    return list(found.values())[:MAX_RECOMMENDATIONS]


def _gather(entries: dict[int, dict[str, Any]], movies: Iterable[MovieMetadata], flag: str) -> None:
    for metadata in movies:
        entry = entries.get(metadata.tmdb_id)
        if entry is None:
            entry = entries[metadata.tmdb_id] = _metadata_entry(metadata)
        entry[flag] = True


def _base(tmdb_id: int) -> dict[str, Any]:
    return {
        "tmdbId": tmdb_id,
        "lists": [],
        "isExcluded": False,
        "isExisting": False,
        **dict.fromkeys(SOURCE_FLAGS, False),
    }


def _metadata_entry(metadata: MovieMetadata) -> dict[str, Any]:
    posters = (image["remoteUrl"] for image in metadata.images if image.get("coverType") == "poster")
    poster = next(posters, None)
    return {
        **_base(metadata.tmdb_id),
        "imdbId": metadata.imdb_id or None,
        "title": metadata.title,
        "sortTitle": metadata.sort_title,
        "year": metadata.year,
        "overview": metadata.overview,
        "status": metadata.status,
        "inCinemas": date_text(metadata.in_cinemas),
        "images": image_resources(0, list(metadata.images), local=False),
        "remotePoster": poster,
        "genres": list(metadata.genres),
        "ratings": metadata.ratings,
        "popularity": metadata.popularity,
    }


def _list_entry(tmdb_id: int, imdb_id: str, title: str, year: int) -> dict[str, Any]:
    return {
        **_base(tmdb_id),
        "imdbId": imdb_id or None,
        "title": title,
        "sortTitle": sort_title(title),
        "year": year,
        "overview": "",
        "status": "announced" if not year else "released",
        "inCinemas": None,
        "images": [],
        "remotePoster": None,
        "genres": [],
        "ratings": {},
        "popularity": 0.0,
    }


def add_options(import_list: ImportList | None, defaults: dict[str, Any]) -> dict[str, Any]:
    """How Discover's one-click Add adds a movie: with the options of the list that named it, else with
    `defaults` (Add Movie's last choices: root_folder_path, quality_profile, minimum_availability,
    monitor), falling back to the first root folder and profile."""
    if import_list is not None:
        return {
            "root_folder_path": import_list.root_folder_path,
            "quality_profile_id": import_list.quality_profile_id,
            "minimum_availability": import_list.minimum_availability,
            "monitor": import_list.monitor,
            "monitored": import_list.monitor != "none",
            "tag_ids": [tag.pk for tag in import_list.tags.all()],
            "search_for_movie": import_list.search_on_add,
            "add_method": "list",
        }
    root = defaults.get("root_folder_path") or RootFolder.objects.values_list("path", flat=True).first()
    profile = defaults.get("quality_profile") or QualityProfile.objects.values_list("pk", flat=True).first()
    monitor = defaults.get("monitor") or "movieOnly"
    return {
        "root_folder_path": root or "",
        "quality_profile_id": profile or 0,
        "minimum_availability": defaults.get("minimum_availability") or MinimumAvailability.RELEASED,
        "monitor": monitor,
        "monitored": monitor != "none",
        "tag_ids": [],
        "search_for_movie": False,
    }


def add_discovered(tmdb_id: int, list_id: int | None, defaults: dict[str, Any]) -> Movie:
    """Add a movie Discover shows with add_options (the first enabled list naming it when `list_id` is
    not one of them); raises ValidationFailed or tmdb.TmdbError as adding does."""
    naming = ImportList.objects.filter(enabled=True, items__tmdb_id=tmdb_id).order_by("list_order", "pk")
    import_list = (naming.filter(pk=list_id).first() if list_id else None) or naming.first()
    return adding.add_movie_by_tmdb_id(tmdb_id, **add_options(import_list, defaults))


def discover_artwork(tmdb_id: int) -> tuple[str, float | None]:
    """(TMDB's poster URL or "", its rating or None) for a movie a list named by id and title only."""
    try:
        metadata = tmdb.fetch_movie(tmdb_id)
    except tmdb.TmdbError:
        return "", None
    poster = next((image["remoteUrl"] for image in metadata.images if image.get("coverType") == "poster"), "")
    rating = metadata.ratings.get("tmdb", {}).get("value")
    return poster, rating
