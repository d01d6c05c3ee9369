"""Wanted: monitored movies that are out but missing, and files below their profile's cutoff.

Both lists are querysets so the page and `/api/v3/wanted/*` sort and page them in the database. What
"available" and "cutoff unmet" mean is decided once, in movies.availability and movies.cutoff.
"""

from movies.models import Movie, MovieQuerySet

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
