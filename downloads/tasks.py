"""Job entry points of the downloads app (named in radarr/jobs.py): RSS sync and the searches end in a
grab, so they live where grabbing lives. Each loads fresh rows and returns a one-line summary."""

from downloads.backlog import backlog_search as run_backlog_search
from downloads.blocklist import clear_blocklist as _clear_blocklist
from downloads.rsssync import rss_sync as run_rss_sync
from downloads.search import automatic_search
from movies.models import MovieVersion
from movies.versions import Version
from movies.wanted import cutoff_unmet_versions, missing_versions


def rss_sync() -> str:
    """RssSync: every RSS-enabled indexer's recent feed, decided against the library, best grabbed."""
    result = run_rss_sync()
    return "RSS sync is turned off" if result is None else str(result)


def _ids(values: object) -> list[int]:
    """The whole numbers of a command body's list (anything else in it is ignored)."""
    if not isinstance(values, list):
        return []
    return [value for value in values if isinstance(value, int) and not isinstance(value, bool)]


def search_movies(movie_ids: list[int] | None = None, version_ids: list[int] | None = None) -> str:
    """MoviesSearch {movieIds, versionIds}: a search the user asked for (availability and monitoring
    waived). Without `versionIds` (ours) each movie's primary version and monitored extra versions are
    searched; with it, only the versions it names: extra versions by id (their movies need not be in
    `movieIds`), and 0 for the primary version of each movie in `movieIds`."""
    movie_ids, version_ids = _ids(movie_ids), _ids(version_ids) if version_ids is not None else None
    keys: dict[int, set[int]] | None = None
    if version_ids is not None:
        keys = {movie_id: ({0} if 0 in version_ids else set()) for movie_id in movie_ids}
        extras = MovieVersion.objects.filter(pk__in=[pk for pk in version_ids if pk]).values_list(
            "movie_id", "pk"
        )
        for movie_id, version_id in extras:
            keys.setdefault(movie_id, set()).add(version_id)
        movie_ids = [movie_id for movie_id, wanted in keys.items() if wanted]
    if not movie_ids:
        return "No movies to search"
    return str(automatic_search(movie_ids, user_invoked=True, version_keys=keys))


def _search_versions(versions: list[Version]) -> str:
    keys: dict[int, set[int]] = {}
    for version in versions:
        keys.setdefault(version.movie_id, set()).add(version.key)
    return str(automatic_search(list(keys), user_invoked=False, version_keys=keys))


def search_missing_movies() -> str:
    """MissingMoviesSearch: every monitored version without a file that is available by its own
    minimum availability (the primary ones as Radarr's movies, and the extra ones)."""
    return _search_versions(missing_versions())


def search_cutoff_unmet_movies() -> str:
    """CutoffUnmetMoviesSearch: every monitored, available version whose file has not met its own
    profile's cutoff."""
    return _search_versions(cutoff_unmet_versions(available_only=True))


def backlog_search() -> str:
    """BacklogSearch: a few wanted movies per run, oldest-searched first, with per-movie back-off."""
    return str(run_backlog_search())


def clear_blocklist() -> str:
    """ClearBlocklist."""
    return _clear_blocklist()
