"""Asking indexers for one movie: by its TMDB and IMDb ids where the indexer's caps allow, then by its
title, original title and alternative titles (Radarr never searches alternative titles: users of
non-English and anime libraries asked for years). Every eligible indexer is asked in parallel; what
the results are worth is decided by `downloads.search`.
"""

from collections.abc import Iterable

from django.db.models import Prefetch

from indexers.gathering import gather_search
from indexers.implementations.base import MovieSearchCriteria
from indexers.models import Indexer
from movies.models import AlternativeTitle, Movie
from movies.titles import clean_title
from releases.releaseinfo import ReleaseInfo


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


def search_releases(movie: Movie, *, interactive: bool = False) -> list[ReleaseInfo]:
    """Every eligible indexer's results for one movie (of its titles and tags: `searchable_movies`),
    one per indexer and guid."""
    return _unique(gather_search(indexers_for(movie, interactive=interactive), search_criteria(movie)))
