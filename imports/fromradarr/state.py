"""What one move-in learns as it goes: the source's ids mapped to ours, section by section."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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
