"""Wanted: monitored movies that are out but missing, and files below their profile's cutoff.

Both lists are querysets so the page and `/api/v3/wanted/*` sort and page them in the database.
Availability is movies.availability's rule written as a filter; the custom-format half of the cutoff
needs each file's formats (parsed from its name), so it is worked out in Python only for the files
whose profile has a custom-format cutoff.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from movies.availability import CINEMA_TO_RELEASE
from movies.decisionfacts import file_format_ids
from movies.models import MinimumAvailability, Movie, MovieFile, MovieQuerySet, MovieStatus
from releases.customformats import compile_formats
from releases.models import CustomFormat, QualityProfile

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


def available_filter(today: date | None = None, delay_days: int = 0) -> Q:
    """movies.availability.is_available as a database filter (same dates, same fallbacks)."""
    today = (today or timezone.localdate()) - timedelta(days=delay_days)
    no_home = Q(digital_release__isnull=True, physical_release__isnull=True)
    home_out = Q(digital_release__lte=today) | Q(physical_release__lte=today)
    no_dates = no_home & Q(in_cinemas__isnull=True) & Q(status=MovieStatus.RELEASED)
    released = home_out | (no_home & Q(in_cinemas__lte=today - CINEMA_TO_RELEASE)) | no_dates
    in_cinemas = Q(in_cinemas__lte=today) | (Q(in_cinemas__isnull=True) & home_out) | no_dates
    return (
        Q(minimum_availability=MinimumAvailability.ANNOUNCED)
        | (Q(minimum_availability=MinimumAvailability.IN_CINEMAS) & in_cinemas)
        | (Q(minimum_availability=MinimumAvailability.RELEASED) & released)
    )


def missing_movies(monitored: bool = True, delay_days: int = 0) -> MovieQuerySet:
    """Movies without a file that are available (Radarr's Wanted → Missing)."""
    return Movie.objects.filter(monitored=monitored, has_file=False).filter(
        available_filter(delay_days=delay_days)
    )


def _below_cutoff_quality_ids(profile: QualityProfile) -> set[int]:
    """Quality ids a file of this profile may still be upgraded from (nothing if upgrades are off)."""
    if not profile.upgrade_allowed:
        return set()
    below: set[int] = set()
    for item in profile.items:
        if item.get("id") == profile.cutoff or item.get("quality") == profile.cutoff:
            return below
        below.update(item.get("qualities") or [item.get("quality")])
    return set()  # a cutoff the profile does not list: nothing counts as below it


def cutoff_unmet_ids(monitored: bool = True) -> list[int]:
    """Ids of movies whose primary file is below the quality cutoff or the custom-format cutoff."""
    profiles = list(QualityProfile.objects.prefetch_related("format_scores"))
    quality_unmet = Q(pk__in=[])
    for profile in profiles:
        below = _below_cutoff_quality_ids(profile)
        if below:
            quality_unmet |= Q(
                quality_profile_id=profile.pk, files__is_primary=True, files__quality_id__in=below
            )
    with_file = Movie.objects.filter(monitored=monitored, has_file=True)
    ids = set(with_file.filter(quality_unmet).values_list("pk", flat=True))
    scored = {
        profile.pk: (
            {s.custom_format_id: s.score for s in profile.format_scores.all()},
            profile.cutoff_format_score,
        )
        for profile in profiles
        if profile.upgrade_allowed and profile.cutoff_format_score > 0
    }
    if scored:
        formats = compile_formats(CustomFormat.objects.all())
        files = MovieFile.objects.filter(
            is_primary=True, movie__in=with_file.filter(quality_profile_id__in=scored).exclude(pk__in=ids)
        ).select_related("movie")
        for movie_file in files:
            scores, cutoff = scored[movie_file.movie.quality_profile_id]
            score = sum(
                scores.get(format_id, 0)
                for format_id in file_format_ids(movie_file, movie_file.movie, formats)
            )
            if score < cutoff:
                ids.add(movie_file.movie_id)
    return sorted(ids)


def cutoff_unmet_movies(monitored: bool = True) -> MovieQuerySet:
    """Movies with a file that their profile would still upgrade (Radarr's Wanted → Cutoff Unmet)."""
    return Movie.objects.filter(pk__in=cutoff_unmet_ids(monitored))


def sorted_movies(movies: MovieQuerySet, sort_key: str, descending: bool) -> MovieQuerySet:
    field = SORT_FIELDS.get(sort_key, SORT_FIELDS[DEFAULT_SORT])
    sign = "-" if descending else ""
    return movies.order_by(f"{sign}{field}", f"{sign}pk")
