"""The library's lines of `/metrics` (radarr.system.metrics shows them, named in settings.RADARR_METRICS)."""

from django.db.models import Count, Sum

from movies.models import Movie
from radarr.system.metrics import metric


def library_lines() -> list[str]:
    totals = Movie.objects.aggregate(
        total=Count("pk"),
        size=Sum("size_on_disk"),
    )
    monitored = Movie.objects.filter(monitored=True).count()
    with_file = Movie.objects.filter(has_file=True).count()
    missing = Movie.objects.filter(monitored=True, has_file=False).count()
    return [
        *metric("radarr_movies", "gauge", "Movies in the library.", [({}, totals["total"])]),
        *metric("radarr_movies_monitored", "gauge", "Monitored movies.", [({}, monitored)]),
        *metric("radarr_movies_with_file", "gauge", "Movies with a file.", [({}, with_file)]),
        *metric("radarr_movies_missing", "gauge", "Monitored movies without a file.", [({}, missing)]),
        *metric("radarr_movies_size_bytes", "gauge", "Size of the movie files.", [({}, totals["size"] or 0)]),
    ]
