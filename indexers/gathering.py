"""Asking several indexers at once: the HTTP in a few threads, everything else back in the caller.

Searches and RSS syncs wait on slow indexers, so the calls run in parallel (at most MAX_PARALLEL at a
time; requests to one indexer stay spaced by `fetching`). Only the network work happens in the
threads: each outcome is then replayed through `fetching.fetch_from` in the calling thread, so the
back-off bookkeeping, logging and release tagging stay in one place and no database connection is
opened per thread.
"""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from indexers.fetching import fetch_from
from indexers.implementations.base import BaseIndexer, MovieSearchCriteria
from indexers.models import Indexer
from releases.releaseinfo import ReleaseInfo

MAX_PARALLEL = 6

Action = Callable[[BaseIndexer], list[ReleaseInfo]]


@dataclass(slots=True)
class _Outcome:
    indexer: Indexer
    releases: list[ReleaseInfo]
    error: BaseException | None = None

    def replay(self, _provider: BaseIndexer) -> list[ReleaseInfo]:
        if self.error is not None:
            raise self.error
        return self.releases


def _call(indexer: Indexer, action: Action) -> _Outcome:
    try:
        return _Outcome(indexer, action(indexer.provider()))
    except Exception as error:  # noqa: BLE001 - recorded by fetch_from in the calling thread
        return _Outcome(indexer, [], error)


def gather(indexers: Iterable[Indexer], action: Action) -> list[ReleaseInfo]:
    """`action` on every indexer in parallel; failures back their indexer off and add nothing."""
    indexers = list(indexers)
    ready = [indexer for indexer in indexers if not indexer.is_backed_off()]
    outcomes: dict[int, _Outcome] = {}
    if ready:
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(ready))) as pool:
            for outcome in pool.map(lambda indexer: _call(indexer, action), ready):
                outcomes[outcome.indexer.pk] = outcome
    releases: list[ReleaseInfo] = []
    for indexer in indexers:
        outcome = outcomes.get(indexer.pk)
        # a backed-off indexer goes through fetch_from too: it logs the skip the same way
        releases.extend(fetch_from(indexer, outcome.replay if outcome else _nothing))
    return releases


def _nothing(_provider: BaseIndexer) -> list[ReleaseInfo]:
    return []


def gather_recent(indexers: Iterable[Indexer]) -> list[ReleaseInfo]:
    """Every RSS-capable indexer's recent feed, in parallel."""
    capable = [indexer for indexer in indexers if indexer.provider().supports_rss]
    return gather(capable, lambda provider: provider.fetch_recent())


def gather_search(indexers: Iterable[Indexer], criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
    """Every search-capable indexer's answer for one movie, in parallel."""
    capable = [indexer for indexer in indexers if indexer.provider().supports_search]
    return gather(capable, lambda provider: provider.search(criteria))
