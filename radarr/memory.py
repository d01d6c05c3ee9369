"""Giving memory back after bulk work, so a long-lived process's size follows what it holds now, not
the largest job it ever ran (a 20,000-movie import body, a library refresh).

CPython frees objects into its own arenas and glibc's heap; both keep freed pages mapped unless asked.
`release_memory()` closes this thread's SQLite connection (or empties its page cache), collects cycles
and asks glibc to return free heap pages (malloc_trim); elsewhere (musl, macOS) the trim is skipped.
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
    """Give back what this thread's SQLite connection holds after large work: threads keep their
    connection while idle (the web server has eight). Outside a transaction the connection is closed,
    and the next query opens it again (about a millisecond): besides its page cache (up to 1 MB) it
    keeps its last 128 prepared statements and their SQL, and a batch insert's is hundreds of kilobytes,
    7 MB in all after a 20,000-movie library import. Inside one, only the page cache is emptied."""
    from django.db import connection

    if connection.vendor != "sqlite" or connection.connection is None:
        return
    if not connection.in_atomic_block:
        connection.close()
        return
    try:
        connection.connection.execute("PRAGMA shrink_memory")  # not a query: never counted or logged
    except sqlite3.Error:  # a busy connection keeps its cache till next time
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
