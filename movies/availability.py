"""When a movie counts as out, and when it may be searched for: Radarr's status and availability rules.

Status is derived from the three release dates on every refresh: announced until the cinema date,
in cinemas from then, released once a digital or physical date has passed (or 90 days after the
cinema date when neither is known). A movie is available for its minimum availability on:
announced → always; in cinemas → the cinema date (else the home release); released → the earlier
of the physical and digital dates, else the cinema date + 90 days. Radarr's availability delay
(days) is added to that date.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from movies.models import MinimumAvailability, Movie, MovieStatus, MovieVersion

# Radarr assumes a home release this long after the cinema date when TMDB knows none
CINEMA_TO_RELEASE = timedelta(days=90)

# TMDB's own status words for films that exist only as plans: with no date at all they are "TBA"
_TMDB_UNRELEASED = {"rumored", "planned", "in production", "post production", "canceled"}


def release_date(in_cinemas: date | None, digital: date | None, physical: date | None) -> date | None:
    """The date a movie counts as released: earliest home release, else cinema date + 90 days."""
    home = [day for day in (digital, physical) if day is not None]
    if home:
        return min(home)
    return in_cinemas + CINEMA_TO_RELEASE if in_cinemas else None


def movie_status(
    in_cinemas: date | None,
    digital: date | None,
    physical: date | None,
    tmdb_status: str = "",
    today: date | None = None,
) -> str:
    """Radarr's MovieStatus value for these dates; `tmdb_status` only decides when no date is known."""
    today = today or timezone.localdate()
    released_on = release_date(in_cinemas, digital, physical)
    if released_on is not None and released_on <= today:
        return MovieStatus.RELEASED
    if in_cinemas is not None and in_cinemas <= today:
        return MovieStatus.IN_CINEMAS
    if released_on is None and in_cinemas is None:
        if tmdb_status.lower() == "released":
            return MovieStatus.RELEASED  # TMDB knows it is out even if nobody recorded the date
        if tmdb_status.lower() in _TMDB_UNRELEASED or not tmdb_status:
            return MovieStatus.TBA
    return MovieStatus.ANNOUNCED


def available_date(
    minimum_availability: str, in_cinemas: date | None, digital: date | None, physical: date | None
) -> date | None:
    """The first day the movie meets `minimum_availability`; None when no known date says so."""
    if minimum_availability == MinimumAvailability.ANNOUNCED:
        return date.min
    if minimum_availability == MinimumAvailability.IN_CINEMAS:
        # a film that skipped cinemas is past "in cinemas" once it is out at home
        return in_cinemas or release_date(None, digital, physical)
    return release_date(in_cinemas, digital, physical)


def is_available_on(
    minimum_availability: str,
    status: str,
    in_cinemas: date | None,
    digital: date | None,
    physical: date | None,
    today: date,
    delay_days: int = 0,
) -> bool:
    """The availability rule on plain values, for lists read with .values() (no Movie instances)."""
    day = available_date(minimum_availability, in_cinemas, digital, physical)
    if day == date.min:
        return True
    if day is None:
        # no date to wait for: trust the status (a movie TMDB calls released without any date)
        return status == MovieStatus.RELEASED
    return today >= day + timedelta(days=delay_days)


def availability_delay_days() -> int:
    """Radarr's availability delay in days (Settings → Indexers). Indexers keep it and movies may not
    import them, so settings.RADARR_AVAILABILITY_DELAY names its reader (the composition root)."""
    reader = getattr(settings, "RADARR_AVAILABILITY_DELAY", "")
    return int(import_string(reader)()) if reader else 0


def is_available(movie: Movie, today: date | None = None, delay_days: int | None = None) -> bool:
    """Whether automatic searches and RSS grabs may take this movie now (user searches ignore this);
    `delay_days` is Radarr's availability delay, read from the settings when not given."""
    return is_available_on(
        movie.minimum_availability,
        movie.status,
        movie.in_cinemas,
        movie.digital_release,
        movie.physical_release,
        today or timezone.localdate(),
        availability_delay_days() if delay_days is None else delay_days,
    )


_AVAILABILITY_COLUMNS = (
    "pk", "minimum_availability", "status", "in_cinemas", "digital_release", "physical_release",
)  # fmt: skip


def available_ids(movies: QuerySet[Movie], today: date | None = None) -> list[int]:
    """Ids of the movies of `movies` that are available (Movie.objects.available()): the rule above on
    their rows, the delay read once."""
    today, delay = today or timezone.localdate(), availability_delay_days()
    rows = movies.order_by().values_list(*_AVAILABILITY_COLUMNS)
    return [pk for pk, *dates in rows if is_available_on(*dates, today, delay)]


_VERSION_AVAILABILITY_COLUMNS = (
    "pk", "minimum_availability", "movie__status", "movie__in_cinemas", "movie__digital_release",
    "movie__physical_release",
)  # fmt: skip


def available_version_ids(versions: QuerySet[MovieVersion], today: date | None = None) -> list[int]:
    """Ids of the extra versions of `versions` that are available by their own minimum availability
    (the movie's dates, the version's wish): a 4K version may wait for the physical release while the
    primary one is out in cinemas. One query; the delay read once."""
    today, delay = today or timezone.localdate(), availability_delay_days()
    rows = versions.order_by().values_list(*_VERSION_AVAILABILITY_COLUMNS)
    return [pk for pk, *dates in rows if is_available_on(*dates, today, delay)]
