"""Searching indexers for movies: automatic (decide and grab) and interactive (decide and show).

A movie is searched by its TMDB and IMDb ids where the indexer's caps allow, then by its title,
original title and alternative titles (Radarr never searches alternative titles: users of non-English
and anime libraries asked for years). Every eligible indexer is asked in parallel; every result is
decided for the searched movie (a result that is really another library movie is rejected as the
wrong movie; one matching nothing as unknown).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from indexers.deciding import Processed, decision_context, facts_for, process_decisions
from indexers.evidence import record_batch
from indexers.gathering import gather_search
from indexers.implementations.base import MovieSearchCriteria
from indexers.matching import LibraryIndex
from indexers.models import Indexer
from movies.models import AlternativeTitle, Movie
from movies.titles import clean_title
from radarr.commands import report_progress
from releases.decisions.context import Context, SearchCriteria
from releases.decisions.engine import Decision, decide
from releases.parser import parse_movie_title
from releases.releaseinfo import ReleaseInfo

logger = logging.getLogger(__name__)


def search_terms(movie: Movie, alternative_titles: Iterable[str] = ()) -> list[str]:
    """Title, original title, then alternative titles; one per clean title, in that order."""
    terms, seen = [], set()
    for title in (movie.title, movie.original_title, *alternative_titles):
        cleaned = clean_title(title or "")
        if cleaned and cleaned not in seen:
            seen.add(cleaned)
            terms.append(title.strip())
    return terms


def search_criteria(movie: Movie) -> MovieSearchCriteria:
    """What indexers are asked for `movie` (its alternative titles should be prefetched)."""
    alternatives = [alternative.title for alternative in movie.alternative_titles.all()]
    return MovieSearchCriteria(
        imdb_id=movie.imdb_id,
        tmdb_id=movie.tmdb_id,
        titles=search_terms(movie, alternatives),
        year=movie.year or None,
    )


def searchable_movies(movie_ids: Iterable[int]) -> list[Movie]:
    """The movies with what a search reads (titles and tags), in three queries."""
    alternatives = Prefetch("alternative_titles", queryset=AlternativeTitle.objects.order_by("pk"))
    movies = Movie.objects.filter(pk__in=list(movie_ids)).prefetch_related(alternatives, "tags")
    return list(movies.order_by("sort_title"))


def indexers_for(movie: Movie, *, interactive: bool) -> list[Indexer]:
    """Indexers this search may use: the right switch on, and untagged or sharing a tag with the movie."""
    movie_tags = {tag.pk for tag in movie.tags.all()}
    indexers = Indexer.objects.for_search(interactive).for_resource()
    return [
        indexer
        for indexer in indexers
        if not (tags := {tag.pk for tag in indexer.tags.all()}) or tags & movie_tags
    ]


def _unique(releases: list[ReleaseInfo]) -> list[ReleaseInfo]:
    """One release per (indexer, guid): id and title tiers of one indexer may return the same post."""
    seen: set[tuple[int, str]] = set()
    unique = []
    for release in releases:
        key = (release.indexer_id, release.guid)
        if key not in seen:
            seen.add(key)
            unique.append(release)
    return unique


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
    matched = [
        (release, library.match_for_search(release, parse_movie_title(release.title), movie.pk))
        for release in releases
    ]
    movie_ids = {movie.pk} | {movie_id for _, movie_id in matched if movie_id is not None}
    context = decision_context(movie_ids)
    facts = facts_for(movie_ids, context)
    search = SearchCriteria(movie.pk, user_invoked=user_invoked, monitored_movies_only=not user_invoked)
    pairs = [(release, facts.get(movie_id) if movie_id else None) for release, movie_id in matched]
    return decide(pairs, context, search), context


def search_movie(
    movie: Movie, library: LibraryIndex, *, interactive: bool = False, user_invoked: bool = True
) -> MovieSearchResult:
    """Ask every eligible indexer for one movie and decide every result (nothing is grabbed here)."""
    releases = _unique(gather_search(indexers_for(movie, interactive=interactive), search_criteria(movie)))
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
