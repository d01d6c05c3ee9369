"""Indexer tests: no request spacing, no cached caps carried from one test to the next."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from indexers import fetching

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def fast_indexers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(fetching, "REQUEST_SPACING_SECONDS", 0.0)
    fetching._last_request.clear()
    cache.clear()
    yield
    cache.clear()
