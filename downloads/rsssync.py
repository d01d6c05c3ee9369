"""RSS sync: every RSS-enabled indexer's recent feed, decided against the whole library in one pass.

The feeds are read in parallel; each release is matched to a library movie in memory (one read of
the library, no query per release); movie facts are loaded only for the movies that matched, and a
release is decided once for each version of its movie; the best accepted release per movie version is
grabbed and temporarily rejected ones are kept as pending. Every
release read, matched or not, is then scene-group evidence (one upsert), and the groups seen are
recomputed.
"""

import logging
from dataclasses import dataclass

from downloads.deciding import (
    Processed,
    decision_context,
    one_per_release,
    process_decisions,
    version_facts_for,
)
from downloads.pending import pending_decisions_ready
from indexers.evidence import record_batch, refresh_reputations
from indexers.gathering import gather_recent
from indexers.matching import LibraryIndex
from indexers.models import Indexer, IndexerConfig
from releases.decisions.context import Context
from releases.decisions.engine import Decision, decide_parsed, rank
from releases.parser import ParsedMovieInfo, parse_movie_title
from releases.releaseinfo import ReleaseInfo

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class RssSyncResult:
    indexers: int
    releases: int
    matched: int
    processed: Processed

    def __str__(self) -> str:
        return (
            f"{self.releases} release(s) from {self.indexers} indexer(s), {self.matched} for library movies: "
            f"{self.processed.summary()}"
        )


def match_releases(
    releases: list[ReleaseInfo], library: LibraryIndex
) -> list[tuple[ReleaseInfo, ParsedMovieInfo | None, int | None]]:
    """Each release with its parsed title (read once: deciding and evidence reuse it) and the library
    movie it matches."""
    matched: list[tuple[ReleaseInfo, ParsedMovieInfo | None, int | None]] = []
    for release in releases:
        parsed = parse_movie_title(release.title)
        without_year = library.match_without_year(release) if parsed is None else None
        if without_year is not None:  # no year: the one library movie with that title, explained
            matched.append((release, *without_year))
        else:
            matched.append((release, parsed, library.match(release, parsed)))
    return matched


def recent_decisions(
    *, include_unknown: bool = False, with_pending: bool = False
) -> tuple[int, list[tuple[ReleaseInfo, ParsedMovieInfo | None, int | None]], list[Decision], Context]:
    """Read every RSS-enabled indexer and decide each release for every version of the library movie
    it matches; the indexer count, every release read (parsed, with its movie id), the ranked
    decisions, the context.

    Releases matching no movie are left out unless `include_unknown` (GET /release without a movie
    shows them, rejected as unknown): an RSS sync has nothing to grab or keep for them. With
    `with_pending`, the pending releases are decided again in the same batch and ranked with the rest.
    """
    indexers = list(Indexer.objects.enabled_for_rss().for_resource())
    matched = match_releases(gather_recent(indexers), LibraryIndex.load())
    movie_ids = {movie_id for _, _, movie_id in matched if movie_id is not None}
    context = decision_context(movie_ids, with_pending=with_pending)
    facts = version_facts_for(movie_ids, context)
    batch = [
        (release, parsed, version)
        for release, parsed, movie_id in matched
        if movie_id is not None or include_unknown
        for version in (facts[movie_id] if movie_id is not None else [None])
    ]
    decisions = decide_parsed(batch, context)
    if with_pending:
        decisions = rank(decisions + pending_decisions_ready(context), context)
    return len(indexers), matched, decisions, context


def rss_sync() -> RssSyncResult | None:
    """One sync; None when RSS sync is turned off (an interval of 0)."""
    if IndexerConfig.load().rss_sync_interval == 0:
        return None
    indexer_count, matched, decisions, context = recent_decisions(with_pending=True)
    releases = [release for release, _, _ in matched]
    processed = process_decisions(decisions, context)
    # evidence after the grabs, so it never delays one; the pending releases decided again are not
    # in `releases` and are not seen twice
    parsed = {(release.indexer_id, release.guid): title for release, title, _ in matched}
    refresh_reputations(
        record_batch(releases, one_per_release(decisions), context, source="rss", parsed=parsed)
    )
    matched_count = sum(1 for _, _, movie_id in matched if movie_id is not None)
    result = RssSyncResult(indexer_count, len(releases), matched_count, processed)
    logger.info("RSS sync: %s", result)
    return result
