"""Searching for movies: automatic (decide and grab) and interactive (decide and show).

`indexers.search` asks every eligible indexer for the movie once; every result is decided here for
each searched version of the movie (a result that is really another library movie is rejected as the
wrong movie; one matching nothing as unknown). Which versions a search is for: the ones named by their
keys (0 the primary version, else the extra version's id), by default the primary version and the
monitored extra ones.
"""

import logging
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone

from downloads.deciding import (
    Processed,
    decision_context,
    one_per_release,
    process_decisions,
    version_facts_for,
)
from indexers.evidence import record_batch
from indexers.matching import LibraryIndex
from indexers.search import search_releases, searchable_movies
from movies.models import Movie, MovieVersion
from radarr.commands import report_progress
from releases.decisions.context import Context, MovieFacts, SearchCriteria
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
    versions: list[MovieFacts] = field(default_factory=list)  # the versions searched for, primary first


def searched_versions(versions: list[MovieFacts], keys: Collection[int] | None) -> list[MovieFacts]:
    """The versions a search is for: those whose key is in `keys`; by default (None) the primary
    version and the monitored extra ones (an unmonitored 4K version is not wanted now)."""
    if keys is None:
        return [version for version in versions if version.version_id is None or version.monitored]
    return [version for version in versions if version.version_key in keys]


def decide_search_results(
    movie: Movie,
    releases: list[ReleaseInfo],
    library: LibraryIndex,
    *,
    user_invoked: bool,
    version_keys: Collection[int] | None = None,
) -> tuple[list[Decision], Context, list[MovieFacts]]:
    """Match each result to the searched movie (or whichever library movie it really is) and decide
    it for each searched version; also the versions searched for."""
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
    facts = version_facts_for(movie_ids, context)
    versions = searched_versions(facts.get(movie.pk, []), version_keys)
    search = SearchCriteria(movie.pk, user_invoked=user_invoked, monitored_movies_only=not user_invoked)
    batch = []
    for release, parsed, movie_id in matched:
        if movie_id == movie.pk:
            batch.extend((release, parsed, version) for version in versions)
        else:  # another library movie (rejected as the wrong one) or none: one decision
            batch.append((release, parsed, facts[movie_id][0] if movie_id in facts else None))
    return decide_parsed(batch, context, search), context, versions


def search_movie(
    movie: Movie,
    library: LibraryIndex,
    *,
    interactive: bool = False,
    user_invoked: bool = True,
    version_keys: Collection[int] | None = None,
) -> MovieSearchResult:
    """Ask every eligible indexer for one movie and decide every result for each searched version
    (nothing is grabbed here)."""
    releases = search_releases(movie, interactive=interactive)
    decisions, context, versions = decide_search_results(
        movie, releases, library, user_invoked=user_invoked, version_keys=version_keys
    )
    # automatic and interactive alike; one sighting per release
    record_batch(releases, one_per_release(decisions), context, source="search")
    return MovieSearchResult(movie, decisions, context, versions=versions)


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


def search_and_grab(
    movie: Movie,
    library: LibraryIndex,
    *,
    user_invoked: bool = True,
    version_keys: Collection[int] | None = None,
) -> MovieSearchResult:
    """Search one movie, grab the best accepted release of each searched version, keep temporarily
    rejected ones as pending, and record when each version was searched (the backlog search and the
    Wanted pages read it)."""
    result = search_movie(movie, library, user_invoked=user_invoked, version_keys=version_keys)
    result.processed = process_decisions(result.decisions, result.context)
    now = timezone.now()
    if any(version.version_id is None for version in result.versions):
        Movie.objects.filter(pk=movie.pk).update(last_search_time=now)
    extras = [version.version_id for version in result.versions if version.version_id is not None]
    if extras:
        MovieVersion.objects.filter(pk__in=extras).update(last_search_time=now)
    logger.info("Search for %s: %d releases, %s", movie, len(result.decisions), result.processed.summary())
    return result


def automatic_search(
    movie_ids: Iterable[int],
    *,
    user_invoked: bool = True,
    version_keys: Mapping[int, Collection[int]] | None = None,
) -> SearchSummary:
    """Search each movie in turn (each one's indexers in parallel); the library is read once per run.
    `version_keys` names, by movie id, the versions to search (0: the primary one); a movie it does
    not name is searched for its default versions (`searched_versions`)."""
    movies = searchable_movies(movie_ids)
    library = LibraryIndex.load()
    summary = SearchSummary()
    for number, movie in enumerate(movies, start=1):
        report_progress(f"Searching {number} of {len(movies)}: {movie.title}")
        keys = (version_keys or {}).get(movie.pk)
        summary.add(search_and_grab(movie, library, user_invoked=user_invoked, version_keys=keys))
    return summary
