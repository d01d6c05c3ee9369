"""What one move-in learns as it goes: the source's ids mapped to ours, section by section."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

# SQLite's busy handler (Python's `timeout`) retries a waiting writer every 100 ms at most: a long section
# leaves at least this long between one step's commit and the next step's BEGIN, so a writer that waits
# (the web, the job worker) gets in after one step instead of being starved by back-to-back steps
STEP_GAP = 0.1


def _quiet(message: str) -> None:
    return None


@dataclass
class ImportState:
    dry_run: bool = False
    progress: Callable[[str], None] = _quiet  # a line within a long section (the run's own progress)
    tags: dict[int, int] = field(default_factory=dict)  # source tag id → ours
    custom_formats: dict[int, int] = field(default_factory=dict)
    quality_profiles: dict[int, int] = field(default_factory=dict)
    download_clients: dict[int, int] = field(default_factory=dict)
    indexers: dict[int, int] = field(default_factory=dict)
    movies: dict[int, int] = field(default_factory=dict)  # source movie id → our movie id
    source_movies: list[dict[str, Any]] | None = None  # the source's movie list, read once
    last_step: float = field(default=0.0, repr=False)  # when the last step committed (monotonic)

    @contextmanager
    def step(self) -> Iterator[None]:
        """One step of a long section (a batch of movies, a page of history) in its own transaction.

        On SQLite the write lock is the whole database's: the step waits out what is left of STEP_GAP
        since the previous one committed (usually nothing: reading and checking the next step's data
        takes longer). Not within a dry run's transaction, which holds the lock throughout anyway."""
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            time.sleep(max(0.0, self.last_step + STEP_GAP - time.monotonic()))
        try:
            with transaction.atomic():
                yield
        finally:
            self.last_step = time.monotonic()

    def tag_ids(self, source_ids: Any) -> list[int]:
        """Our ids of the source's tags (tags the source did not list are dropped)."""
        if not isinstance(source_ids, list):
            return []
        return [self.tags[tag] for tag in source_ids if isinstance(tag, int) and tag in self.tags]

    def with_tags(self, body: dict[str, Any]) -> dict[str, Any]:
        """The body with its tag ids turned into ours, ready for our own readers."""
        return {**body, "tags": self.tag_ids(body.get("tags"))}


def label(body: dict[str, Any], kind: str) -> str:
    """How the report names a source item: `Indexer 'NZBgeek'`."""
    name = body.get("name") or body.get("title") or body.get("label") or f"#{body.get('id')}"
    return f"{kind} '{name}'"
