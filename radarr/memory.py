"""Giving memory back after bulk work, so a long-lived process's size follows what it holds now, not
the largest job it ever ran (a 20,000-movie import body, a library refresh).

CPython frees objects into its own arenas and glibc's heap; both keep freed pages mapped unless asked.
`release_memory()` empties this thread's SQLite page cache, collects cycles and asks glibc to return
free heap pages (malloc_trim); elsewhere (musl, macOS) the trim is skipped.
"""

import ctypes
import ctypes.util
import gc
import logging
import sqlite3
from functools import cache

logger = logging.getLogger(__name__)


@cache
def _malloc_trim() -> object | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None


def release_memory() -> None:
    """Collect garbage and return free heap pages to the system (cheap: a few milliseconds)."""
    release_database_memory()
    gc.collect()
    trim_heap()


def release_database_memory() -> None:
    """Empty SQLite's page cache of this thread's connection (up to 1 MB, filled by any read of a large
    library): threads keep their connection while idle, and the web server has eight threads."""
    from django.db import connection

    raw = connection.connection if connection.vendor == "sqlite" else None
    if raw is None:
        return
    try:
        raw.execute("PRAGMA shrink_memory")  # not a query of the request: never counted or logged
    except sqlite3.Error:  # a closed connection has no cache left; a busy one keeps it till next time
        logger.debug("SQLite's page cache was not released", exc_info=True)


def trim_heap() -> None:
    """Return free heap pages to the system, without a garbage collection: after a large response (the
    whole library's JSON), whose pieces were freed already."""
    trim = _malloc_trim()
    if trim is not None:
        try:
            trim(0)  # type: ignore[operator]
        except (OSError, ValueError):  # pragma: no cover - a libc without it
            logger.debug("malloc_trim is not available")
