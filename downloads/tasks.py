"""Job entry points of the downloads app (named in radarr/jobs.py): RSS sync and the searches end in a
grab, so they live where grabbing lives. Each loads fresh rows and returns a one-line summary."""

from downloads.backlog import backlog_search as run_backlog_search
from downloads.blocklist import clear_blocklist as _clear_blocklist
from downloads.rsssync import rss_sync as run_rss_sync
from downloads.search import automatic_search
from movies.models import Movie


def rss_sync() -> str:
    """RssSync: every RSS-enabled indexer's recent feed, decided against the library, best grabbed."""
    result = run_rss_sync()
    return "RSS sync is turned off" if result is None else str(result)


def search_movies(movie_ids: list[int] | None = None) -> str:
    """MoviesSearch {movieIds}: a search the user asked for (availability and monitoring waived)."""
    if not movie_ids:
        return "No movies to search"
    return str(automatic_search(movie_ids, user_invoked=True))


def search_missing_movies() -> str:
    """MissingMoviesSearch: every monitored, available movie without a file."""
    movies = Movie.objects.monitored().missing().available().order_by("sort_title")
    return str(automatic_search(list(movies.values_list("pk", flat=True)), user_invoked=False))


def search_cutoff_unmet_movies() -> str:
    """CutoffUnmetMoviesSearch: every monitored, available movie whose file has not met its cutoff."""
    movies = Movie.objects.monitored().available().cutoff_unmet().order_by("sort_title")
    return str(automatic_search(list(movies.values_list("pk", flat=True)), user_invoked=False))


def backlog_search() -> str:
    """BacklogSearch: a few wanted movies per run, oldest-searched first, with per-movie back-off."""
    return str(run_backlog_search())


def clear_blocklist() -> str:
    """ClearBlocklist."""
    return _clear_blocklist()
