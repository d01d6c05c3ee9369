"""Scene group tests read feeds through the real indexer implementations: no request spacing, and no
caps cached from one test to the next."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from indexers import fetching


@pytest.fixture(autouse=True)
def fast_indexers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(fetching, "REQUEST_SPACING_SECONDS", 0.0)
    fetching._last_request.clear()
    cache.clear()
    yield
    cache.clear()
