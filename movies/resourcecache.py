"""GET /api/v3/movie for a whole library as a read of cached JSON (Homepage and Overseerr fetch the
whole list on every refresh): only movies whose cache row a trigger marked stale are built again.

Readers never lock and never wait on writers. A reader notes each stale row's version, builds the JSON
(in one snapshot), answers with it, and stores it only where the version is still the one it noted: a
writer that changed the movie meanwhile bumped the version (movies/cachetriggers.py), so JSON built
from rows it changed is never kept. Two readers rebuilding the same movie both store the same JSON.
"""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import batched

import orjson
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from movies.models import Movie, MovieResourceCache
from movies.resources import movie_fragments

logger = logging.getLogger(__name__)

_READ = (
    "SELECT m.id, c.version, CASE WHEN c.generation = %s THEN c.json END "
    "FROM movies_movie m LEFT JOIN movies_movieresourcecache c ON c.movie_id = m.id "
    "ORDER BY m.sort_title, m.id"
)
_BATCH = 500  # rows per statement when storing
BUILD_BATCH = 500  # movies whose JSON is built at once
_SCAN_FROM = 500  # ids from which SQLite reads the list in order rather than each id by its key
_STORE_WAIT_MS = 250  # a reader gives up storing (never answering) after waiting this long for locks


SHAPE = 3  # raised when the MovieResource template changes, so fragments of the old shape are rebuilt


def generation() -> str:
    """What every fragment also depends on: the JSON's shape, the day (isAvailable) and the URL base
    (cover URLs)."""
    return f"{SHAPE}|{timezone.localdate().isoformat()}|{settings.URL_BASE}"


def _some(ids: Iterable[int]) -> tuple[str, list[object]]:
    """The WHERE clause of _READ for these movie ids only, as one parameter (20,000 ids fit)."""
    wanted = sorted({int(pk) for pk in ids})
    if connection.vendor == "postgresql":
        return "WHERE m.id = ANY(%s) ", [wanted]
    # many ids (the bulk editor's answer): walk the list's index in its order and test each movie; `+`
    # keeps SQLite from looking each id up and then sorting the rows, JSON and all (twice as slow)
    column = "+m.id" if len(wanted) >= _SCAN_FROM else "m.id"
    return f"WHERE {column} IN (SELECT value FROM json_each(%s)) ", [orjson.dumps(wanted).decode()]


def library_json(ids: Iterable[int] | None = None) -> bytes:
    """The JSON array of every movie (or of those with these ids: the bulk editor's answer), ordered as
    the list endpoint orders them."""
    return _array(_fragments(ids)[1])


def json_in_order(ids: list[int]) -> bytes:
    """The JSON array of these movies in the order given (a page of Wanted), from the cache."""
    found = dict(zip(*_fragments(ids), strict=True))
    return _array([found[pk] for pk in ids if pk in found])


def _array(fragments: list[bytes]) -> bytes:
    """One copy of the whole answer (48 MB at 20,000 movies), not three: the brackets go on the ends."""
    if not fragments:
        return b"[]"
    fragments[0] = b"[" + fragments[0]
    fragments[-1] += b"]"
    return b",".join(fragments)


def _fragments(ids: Iterable[int] | None) -> tuple[list[int], list[bytes]]:
    """The movies' ids (only when `ids` were given: a page's few) and their JSON, in the list's order.

    Rows are read _BATCH at a time and only their JSON is kept: besides the answer's bytes a whole
    library's read holds one batch of row objects, whose memory the next batch reuses (Python keeps an
    arena of small objects mapped while any one of them lives)."""
    current = generation()
    sql, parameters = _READ, [current]
    if ids is not None:
        where, extra = _some(ids)
        sql = _READ.replace("ORDER BY", where + "ORDER BY")
        parameters += extra
    pks: list[int] = []
    fragments: list[bytes | None] = []
    versions: dict[int, int | None] = {}
    places: dict[int, int] = {}  # stale movie id → its place in the list
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        while rows := cursor.fetchmany(_BATCH):
            for pk, version, fragment in rows:
                if fragment is None:
                    versions[pk] = version
                    places[pk] = len(fragments)
                if ids is not None:
                    pks.append(pk)
                fragments.append(bytes(fragment) if fragment is not None else None)
    if versions:
        built = _build(versions)
        if built:
            _store(built, versions, current)
        for pk, place in places.items():
            fragments[place] = built.get(pk)
        if len(built) < len(versions):  # a movie deleted since the read is left out, not a failed list
            kept = [place for place, fragment in enumerate(fragments) if fragment is not None]
            pks = [pks[place] for place in kept] if pks else pks
            fragments = [fragments[place] for place in kept]
    return pks, fragments  # type: ignore[return-value]


def _build(versions: dict[int, int | None]) -> dict[int, bytes]:
    """The JSON of these movies, BUILD_BATCH at a time: what a list holds while building (rows, their
    strings) stays one batch's size, so the web process keeps no more after a new day or a library
    refresh at 20,000 movies than at 1,000 (freed small objects leave their arenas mapped)."""
    built: dict[int, bytes] = {}
    ids = sorted(versions)
    for start in range(0, len(ids), BUILD_BATCH):
        built.update(movie_fragments(Movie.objects.filter(pk__in=ids[start : start + BUILD_BATCH])))
    return built


def _store(built: dict[int, bytes], versions: dict[int, int | None], current: str) -> None:
    """Keep what was built where nothing changed since; a movie without a row gets a stale one."""
    unchanged = (
        (pk, version, built[pk]) for pk, version in versions.items() if version is not None and pk in built
    )
    rowless = [pk for pk, version in versions.items() if version is None and pk in built]
    try:
        with _short_lock_wait(), transaction.atomic():
            if rowless:  # rows older than the triggers, or removed by hand: versioned from now on
                MovieResourceCache.objects.bulk_create(
                    (MovieResourceCache(movie_id=pk, version=0, generation="", json=b"") for pk in rowless),
                    ignore_conflicts=True,
                )
            for rows in batched(unchanged, _BATCH):
                _store_batch(list(rows), current)
    except DatabaseError as error:  # locked by writers, or the movie is gone: the next read stores it
        logger.debug("Movie JSON not cached this time: %s", error)


def _store_batch(rows: list[tuple[int, int, bytes]], current: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(
                "UPDATE movies_movieresourcecache SET json = %s, generation = %s "
                "WHERE movie_id = %s AND version = %s",
                [(json, current, pk, version) for pk, version, json in rows],
            )
            return
        # rows a writer holds are skipped, never waited for: a reader can then never be in a deadlock
        values = ", ".join(["(%s::bigint, %s::bigint, %s::bytea)"] * len(rows))
        cursor.execute(
            "UPDATE movies_movieresourcecache AS c SET json = v.json, generation = %s "
            f"FROM (VALUES {values}) AS v (movie_id, version, json) "
            "WHERE c.movie_id = v.movie_id AND c.version = v.version AND c.movie_id IN ("
            "SELECT movie_id FROM movies_movieresourcecache WHERE movie_id = ANY(%s) "
            "ORDER BY movie_id FOR UPDATE SKIP LOCKED)",
            [current, *(value for row in rows for value in row), [pk for pk, _, _ in rows]],
        )


@contextmanager
def _short_lock_wait() -> Iterator[None]:
    """Storing is optional: wait briefly for the database's locks, not the 20 s a writer may wait."""
    connection.ensure_connection()
    postgresql = connection.vendor == "postgresql"
    if postgresql and connection.in_atomic_block:  # a session setting would outlive this store (tests)
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SET lock_timeout = '{_STORE_WAIT_MS}ms'"
            if postgresql
            else f"PRAGMA busy_timeout = {_STORE_WAIT_MS}"
        )
    try:
        yield
    finally:
        timeout_ms = int(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5) * 1000)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout" if postgresql else f"PRAGMA busy_timeout = {timeout_ms}")
