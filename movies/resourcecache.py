"""GET /api/v3/movie for a whole library as a read of cached JSON (Homepage and Overseerr fetch the
whole list on every refresh): only movies whose cache row was dropped by a trigger are built again."""

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from movies.models import Movie, MovieResourceCache
from movies.resources import movie_fragments

_READ = (
    "SELECT m.id, c.json FROM movies_movie m LEFT JOIN movies_movieresourcecache c "
    "ON c.movie_id = m.id AND c.generation = %s ORDER BY m.sort_title, m.id"
)


def generation() -> str:
    """What every fragment also depends on: the day (isAvailable) and the URL base (cover URLs)."""
    return f"{timezone.localdate().isoformat()}|{settings.URL_BASE}"


def library_json() -> bytes:
    """The JSON array of every movie, ordered as the list endpoint orders them."""
    current = generation()
    with connection.cursor() as cursor:
        cursor.execute(_READ, [current])
        rows = cursor.fetchall()
    if not rows:
        return b"[]"
    missing = [pk for pk, fragment in rows if fragment is None]
    built = rebuild(current) if missing else {}
    fragments = [bytes(fragment) if fragment is not None else built[pk] for pk, fragment in rows]
    fragments[0] = b"[" + fragments[0]
    fragments[-1] += b"]"
    return b",".join(fragments)


def rebuild(current: str) -> dict[int, bytes]:
    """Build and store every movie without a current cache row; returns them by id.

    One transaction: on SQLite it takes the write lock first, and on PostgreSQL the movies are
    locked, so no change can land between reading a movie and storing what was built from it.
    """
    stale = Movie.objects.exclude(resource_cache__generation=current).order_by("pk")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            list(stale.select_for_update(of=("self",)).values_list("pk", flat=True))
        fragments = dict(movie_fragments(stale))
        MovieResourceCache.objects.filter(movie_id__in=stale.values("pk")).delete()
        MovieResourceCache.objects.bulk_create(
            (
                MovieResourceCache(movie_id=pk, generation=current, json=json)
                for pk, json in fragments.items()
            ),
            batch_size=500,
        )
    return fragments
