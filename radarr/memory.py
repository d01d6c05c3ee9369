"""Giving memory back after bulk work, so a long-lived process's size follows what it holds now, not
the largest job it ever ran (a 20,000-movie import body, a library refresh).

CPython frees objects into its own arenas and glibc's heap; both keep freed pages mapped unless asked.
`release_memory()` collects cycles and asks glibc to return free heap pages (malloc_trim); elsewhere
(musl, macOS) only the collection runs.
"""

import ctypes
import ctypes.util
import gc
import logging
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
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Return free heap pages to the system, without a garbage collection: after a large response (the
    whole library's JSON), whose pieces were freed already."""
    trim = _malloc_trim()
    if trim is not None:
        try:
            trim(0)  # type: ignore[operator]
        except (OSError, ValueError):  # pragma: no cover - a libc without it
            logger.debug("malloc_trim is not available")
