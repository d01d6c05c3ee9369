"""django-q2 entry points of the indexers app: RSS sync and the searches (Radarr's command names in
radarr/jobs.py). Each loads fresh rows and returns a one-line summary."""

from django.utils import timezone

from indexers.backlog import backlog_search as run_backlog_search
from indexers.models import IndexerConfig
from indexers.rsssync import rss_sync as run_rss_sync
from indexers.search import automatic_search
from movies.availability import is_available
from movies.indexquery import cutoff_unmet
from movies.models import Movie
from releases.models import QualityProfile


def rss_sync() -> str:
    """RssSync: every RSS-enabled indexer's recent feed, decided against the library, best grabbed."""
    result = run_rss_sync()
    return "RSS sync is turned off" if result is None else str(result)


def search_movies(movie_ids: list[int] | None = None) -> str:
    """MoviesSearch {movieIds}: a search the user asked for (availability and monitoring waived)."""
    if not movie_ids:
        return "No movies to search"
    return str(automatic_search(movie_ids, user_invoked=True))


def _available_ids(movies: object) -> list[int]:
    delay = IndexerConfig.get().availability_delay
    today = timezone.localdate()
    return [movie.pk for movie in movies if is_available(movie, today=today, delay_days=delay)]  # type: ignore[attr-defined]


def search_missing_movies() -> str:
    """MissingMoviesSearch: every monitored, available movie without a file."""
    movies = Movie.objects.monitored().missing().order_by("sort_title")
    return str(automatic_search(_available_ids(movies), user_invoked=False))


def search_cutoff_unmet_movies() -> str:
    """CutoffUnmetMoviesSearch: every monitored, available movie whose file is below its cutoff."""
    movies = Movie.objects.monitored().filter(cutoff_unmet(list(QualityProfile.objects.all())))
    return str(automatic_search(_available_ids(movies.order_by("sort_title")), user_invoked=False))


def backlog_search() -> str:
    """BacklogSearch: a few wanted movies per run, oldest-searched first, with per-movie back-off."""
    return str(run_backlog_search())
