"""Backlog search (Radarr lacks it): a throttled, scheduled search of wanted movies.

Each run searches at most `movies_per_run` movies with a monitored version that is missing (and, when
chosen, whose file is below its profile's cutoff) and available, and not waiting out a back-off,
oldest-searched first; the search is for the versions that need it. A search that grabs nothing makes
the movie wait `retry_days`, doubled after each further fruitless search up to `max_retry_days`; a grab
clears the back-off.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from downloads.search import SearchSummary, search_and_grab
from indexers.matching import LibraryIndex
from indexers.models import BacklogSettings, BacklogState
from indexers.search import searchable_movies
from movies.models import Movie
from movies.wanted import cutoff_unmet_versions, missing_versions
from radarr.commands import report_progress
from radarr.idsets import in_ids


def wanted_version_keys(settings: BacklogSettings) -> dict[int, set[int]]:
    """The versions the backlog wants searched, by movie id (0: the primary version)."""
    versions = missing_versions()
    if settings.include_cutoff_unmet:
        versions += cutoff_unmet_versions(available_only=True)
    keys: dict[int, set[int]] = {}
    for version in versions:
        keys.setdefault(version.movie_id, set()).add(version.key)
    return keys


def wanted_movies(
    settings: BacklogSettings, now: datetime, keys: dict[int, set[int]] | None = None
) -> list[Movie]:
    """The next movies due for a backlog search, oldest-searched first (never-searched before all);
    `keys` are `wanted_version_keys`, read when not given."""
    keys = wanted_version_keys(settings) if keys is None else keys
    movies = Movie.objects.filter(pk__in=in_ids(keys)).exclude(backlog_state__next_search__gt=now)
    movies = movies.order_by(F("last_search_time").asc(nulls_first=True), "pk")
    return list(movies[: settings.movies_per_run])


def retry_delay(settings: BacklogSettings, fruitless_searches: int) -> timedelta:
    """How long a movie waits after its n-th fruitless backlog search (1 → retry_days, then doubling)."""
    days = settings.retry_days * 2 ** max(fruitless_searches - 1, 0)
    return timedelta(days=min(days, settings.max_retry_days))


def record_outcome(settings: BacklogSettings, movie_id: int, grabbed: bool, now: datetime) -> None:
    if grabbed:
        BacklogState.objects.filter(movie_id=movie_id).delete()
        return
    state = BacklogState.objects.filter(movie_id=movie_id).first() or BacklogState(movie_id=movie_id)
    state.fruitless_searches += 1
    state.next_search = now + retry_delay(settings, state.fruitless_searches)
    state.save()


@dataclass(slots=True)
class BacklogRun:
    ran: bool
    summary: SearchSummary
    reason: str = ""

    def __str__(self) -> str:
        return str(self.summary) if self.ran else self.reason


def backlog_search(now: datetime | None = None) -> BacklogRun:
    """One run, when turned on and due (the job runs often; `interval_minutes` spaces real runs)."""
    now = now or timezone.now()
    settings = BacklogSettings.load()
    if not settings.enabled:
        return BacklogRun(False, SearchSummary(), "Backlog search is turned off")
    due = settings.last_run + timedelta(minutes=settings.interval_minutes) if settings.last_run else now
    if now < due:
        return BacklogRun(False, SearchSummary(), f"Backlog search is not due until {due:%Y-%m-%d %H:%M} UTC")
    BacklogSettings.objects.filter(pk=settings.pk).update(last_run=now)
    keys = wanted_version_keys(settings)
    movies = searchable_movies([movie.pk for movie in wanted_movies(settings, now, keys)])
    library = LibraryIndex.load() if movies else None
    summary = SearchSummary()
    for number, movie in enumerate(movies, start=1):
        report_progress(f"Backlog search {number} of {len(movies)}: {movie.title}")
        result = search_and_grab(movie, library, user_invoked=False, version_keys=keys[movie.pk])
        summary.add(result)
        record_outcome(settings, movie.pk, bool(result.processed.grabbed), now)
    return BacklogRun(True, summary)
