"""Wanted: monitored movies that are out but missing, and files below their profile's cutoff.

Both lists are querysets so the page and `/api/v3/wanted/*` sort and page them in the database; they
are the movies' primary versions, as Radarr lists movies. `missing_versions` and
`cutoff_unmet_versions` list every version (primary and extra) that needs a search, for the search
commands. What "available" and "cutoff unmet" mean is decided once, in movies.availability and
movies.cutoff.
"""

from collections.abc import Iterable

from movies.availability import available_version_ids
from movies.cutoff import cutoff_unmet_version_ids
from movies.models import Movie, MovieQuerySet, MovieVersion
from movies.versions import Version, extra_version, primary_version
from radarr.idsets import in_ids

# The sort keys Radarr accepts for both lists (case-insensitive), and the field each orders by
SORT_FIELDS = {
    "movieMetadata.sortTitle": "sort_title",
    "movieMetadata.year": "year",
    "movieMetadata.inCinemas": "in_cinemas",
    "movieMetadata.digitalRelease": "digital_release",
    "movieMetadata.physicalRelease": "physical_release",
    "movies.lastSearchTime": "last_search_time",
}
DEFAULT_SORT = "movieMetadata.sortTitle"


def missing_movies(monitored: bool = True) -> MovieQuerySet:
    """Movies without a file that are available (Radarr's Wanted → Missing)."""
    return Movie.objects.filter(monitored=monitored, has_file=False).available()


def cutoff_unmet_movies(monitored: bool = True) -> MovieQuerySet:
    """Movies with a file that has not met its profile's cutoff (Radarr's Wanted → Cutoff Unmet)."""
    return Movie.objects.filter(monitored=monitored, has_file=True).cutoff_unmet()


def sorted_movies(movies: MovieQuerySet, sort_key: str, descending: bool) -> MovieQuerySet:
    field = SORT_FIELDS.get(sort_key, SORT_FIELDS[DEFAULT_SORT])
    sign = "-" if descending else ""
    return movies.order_by(f"{sign}{field}", f"{sign}pk")


def _in_title_order(primary: Iterable[Movie], extras: Iterable[MovieVersion]) -> list[Version]:
    """Versions by their movie's sort title, each movie's primary version first, then by name."""
    keyed = [((movie.sort_title, movie.pk, 0, ""), primary_version(movie)) for movie in primary]
    keyed += [
        ((row.movie.sort_title, row.movie_id, 1, row.name), extra_version(row, row.movie)) for row in extras
    ]
    return [version for _, version in sorted(keyed, key=lambda pair: pair[0])]


def missing_versions(monitored: bool = True) -> list[Version]:
    """Every version without a file that is out by its own minimum availability: the primary versions
    of `missing_movies` and the extra versions alike (MissingMoviesSearch, the backlog search)."""
    extras = MovieVersion.objects.filter(monitored=monitored, has_file=False)
    extras = extras.filter(pk__in=in_ids(available_version_ids(extras))).select_related("movie")
    return _in_title_order(missing_movies(monitored), extras)


def cutoff_unmet_versions(monitored: bool = True, *, available_only: bool = False) -> list[Version]:
    """Every version whose file has not met its own profile's cutoff, the primary versions of
    `cutoff_unmet_movies` and the extra ones alike; with `available_only`, only those out by their
    minimum availability (CutoffUnmetMoviesSearch)."""
    movies = cutoff_unmet_movies(monitored)
    extras = MovieVersion.objects.filter(monitored=monitored, has_file=True)
    if available_only:
        movies = movies.available()
        extras = extras.filter(pk__in=in_ids(available_version_ids(extras)))
    extras = extras.filter(pk__in=in_ids(cutoff_unmet_version_ids(extras))).select_related("movie")
    return _in_title_order(movies, extras)
