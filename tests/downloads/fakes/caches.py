"""What the fake-served clients keep for the process (sessions, API facts, lists) is forgotten between
tests: a later fake may get an earlier one's port."""

from collections.abc import Iterator

import pytest

from downloads.implementations import freebox, nzbvortex, synology, utorrent


@pytest.fixture(autouse=True)
def forget_client_sessions() -> Iterator[None]:
    yield
    for cache in (
        utorrent._sessions,
        utorrent._lists,
        nzbvortex._sessions,
        freebox._sessions,
        synology._infos,
        synology._sessions,
        synology._shares,
    ):
        cache.clear()
