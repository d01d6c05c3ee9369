"""Searching for movies: automatic (decide and grab) and interactive (decide and show).

`indexers.search` asks every eligible indexer for the movie; every result is decided here for the
searched movie (a result that is really another library movie is rejected as the wrong movie; one
matching nothing as unknown).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from downloads.deciding import Processed, decision_context, facts_for, process_decisions
from indexers.evidence import record_batch
from indexers.matching import LibraryIndex
from indexers.search import search_releases, searchable_movies
from movies.models import Movie
from radarr.commands import report_progress
from releases.decisions.context import Context, SearchCriteria
from releases.decisions.engine import Decision, decide_parsed
from releases.parser import ParsedMovieInfo, parse_movie_title
from releases.releaseinfo import ReleaseInfo

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class MovieSearchResult:
    movie: Movie
    decisions: list[Decision]
    context: Context
    processed: Processed = field(default_factory=Processed)


def decide_search_results(
    movie: Movie, releases: list[ReleaseInfo], library: LibraryIndex, *, user_invoked: bool
) -> tuple[list[Decision], Context]:
    """Match each result to the searched movie (or whichever library movie it really is) and decide."""
    matched: list[tuple[ReleaseInfo, ParsedMovieInfo | None, int | None]] = []
    for release in releases:
        parsed = parse_movie_title(release.title)
        without_year = library.match_without_year(release) if parsed is None else None
        if without_year is not None:  # no year: the one library movie with that title, explained
            matched.append((release, *without_year))
        else:
            matched.append((release, parsed, library.match_for_search(release, parsed, movie.pk)))
    movie_ids = {movie.pk} | {movie_id for _, _, movie_id in matched if movie_id is not None}
    context = decision_context(movie_ids)
    facts = facts_for(movie_ids, context)
    search = SearchCriteria(movie.pk, user_invoked=user_invoked, monitored_movies_only=not user_invoked)
    batch = [
        (release, parsed, facts.get(movie_id) if movie_id else None) for release, parsed, movie_id in matched
    ]
    return decide_parsed(batch, context, search), context


def search_movie(
    movie: Movie, library: LibraryIndex, *, interactive: bool = False, user_invoked: bool = True
) -> MovieSearchResult:
    """Ask every eligible indexer for one movie and decide every result (nothing is grabbed here)."""
    releases = search_releases(movie, interactive=interactive)
    decisions, context = decide_search_results(movie, releases, library, user_invoked=user_invoked)
    record_batch(releases, decisions, context, source="search")  # automatic and interactive alike
    return MovieSearchResult(movie, decisions, context)


@dataclass(slots=True)
class SearchSummary:
    searched: int = 0
    releases: int = 0
    grabbed: int = 0
    pending: int = 0
    failed_grabs: int = 0

    def __str__(self) -> str:
        text = (
            f"{self.searched} movie(s) searched, {self.releases} release(s) found, "
            f"{self.grabbed} grabbed, {self.pending} pending"
        )
        return text + (f", {self.failed_grabs} grab(s) failed" if self.failed_grabs else "")

    def add(self, result: "MovieSearchResult") -> None:
        self.searched += 1
        self.releases += len(result.decisions)
        self.grabbed += len(result.processed.grabbed)
        self.pending += result.processed.pending
        self.failed_grabs += len(result.processed.failures)


def search_and_grab(movie: Movie, library: LibraryIndex, *, user_invoked: bool = True) -> MovieSearchResult:
    """Search one movie, grab its best accepted release, keep temporarily rejected ones as pending,
    and record when it was searched (the backlog search and the Wanted pages read it)."""
    result = search_movie(movie, library, user_invoked=user_invoked)
    result.processed = process_decisions(result.decisions, result.context)
    Movie.objects.filter(pk=movie.pk).update(last_search_time=timezone.now())
    logger.info("Search for %s: %d releases, %s", movie, len(result.decisions), result.processed.summary())
    return result


def automatic_search(movie_ids: Iterable[int], *, user_invoked: bool = True) -> SearchSummary:
    """Search each movie in turn (each one's indexers in parallel); the library is read once per run."""
    movies = searchable_movies(movie_ids)
    library = LibraryIndex.load()
    summary = SearchSummary()
    for number, movie in enumerate(movies, start=1):
        report_progress(f"Searching {number} of {len(movies)}: {movie.title}")
        summary.add(search_and_grab(movie, library, user_invoked=user_invoked))
    return summary
