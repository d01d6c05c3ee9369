"""Scene-group evidence from what indexers return, and from what became of our own grabs and files.

Every release of a batch (an RSS sync, a search, a push) becomes one sighting, written in one upsert
once the batch was decided, so a batch costs the same few queries whatever its size. Evidence is a
by-product: recording it never fails a sync, a search, a grab or an import; a failure is logged and
the work goes on. Downloads and imports record outcomes through `note_outcome` for the same reason.
"""

import logging
from collections.abc import Iterable, Mapping

from django.db import transaction

from releases.decisions.context import Context
from releases.decisions.engine import Decision
from releases.parser import ParsedMovieInfo, parse_movie_title
from releases.parsing.groups import parse_release_group
from releases.parsing.quality import parse_quality
from releases.qualities import UNKNOWN, Quality
from releases.releaseinfo import IndexerFlag, ReleaseInfo
from scenegroups.evidence import SightingFacts, record_outcome, record_sightings
from scenegroups.models import OutcomeKind
from scenegroups.recompute import recompute

logger = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024  # quality definitions are MB per minute, read in binary units as the size rules do


def preferred_size(decision: Decision, context: Context | None) -> int:
    """The quality definition's preferred size for the matched movie's runtime, in bytes; 0 unknown."""
    candidate = decision.candidate
    if candidate is None or context is None or candidate.movie.runtime <= 0:
        return 0
    limits = context.size_limits.get(candidate.quality.quality.id)
    if limits is None or not limits.preferred_size:
        return 0
    return int(limits.preferred_size * candidate.movie.runtime * MEGABYTE)


def _category(categories: tuple[int, ...]) -> int | None:
    """The most specific standard category: a subcategory (2040, Movies/HD) rather than its parent
    (2000), and Newznab's ids rather than a tracker's own (100000 and up)."""
    if not categories:
        return None
    return min(categories, key=lambda category: (category >= 100_000, category % 1000 == 0))


def _group_and_quality(release: ReleaseInfo, parsed: ParsedMovieInfo | None) -> tuple[str, Quality]:
    if parsed is not None:
        return parsed.release_group or "", parsed.quality.quality
    # not a movie title (an episode, a season pack): the group and quality still say who released what
    return parse_release_group(release.title) or "", parse_quality(release.title).quality


def sighting(
    release: ReleaseInfo, parsed: ParsedMovieInfo | None, *, source: str, preferred: int = 0
) -> SightingFacts:
    """One release as scene-group evidence; `parsed` as the decision read the title, if it did."""
    group, quality = _group_and_quality(release, parsed)
    flags = release.indexer_flags
    return SightingFacts(
        group=group,
        indexer_id=release.indexer_id,
        indexer=release.indexer,
        guid=release.guid,
        title=release.title,
        protocol=release.protocol,
        published=release.publish_date,
        quality="" if quality == UNKNOWN else quality.name,
        size=release.size,
        preferred_size=preferred,
        seeders=release.seeders,
        leechers=release.leechers,
        times_completed=release.times_completed,
        internal=bool(flags & IndexerFlag.G_INTERNAL),
        scene=bool(flags & IndexerFlag.G_SCENE),
        freeleech=bool(flags & IndexerFlag.G_FREELEECH),
        category=_category(release.categories),
        medium=release.medium,
        codec=release.codec,
        source=source,
    )


def sightings_of(
    releases: Iterable[ReleaseInfo],
    decisions: Iterable[Decision],
    context: Context | None,
    *,
    source: str,
    parsed: Mapping[tuple[int, str], ParsedMovieInfo | None] | None = None,
) -> list[SightingFacts]:
    """One sighting per release of the batch. A decided release reuses its decision's parse and
    matched movie; the others (an RSS sync decides only library movies) use `parsed`, by (indexer id,
    guid), when the caller parsed them already, and are parsed here otherwise."""
    parsed = parsed or {}
    decided = {(decision.release.indexer_id, decision.release.guid): decision for decision in decisions}
    facts = []
    for release in releases:
        decision = decided.get((release.indexer_id, release.guid))
        if decision is None:
            key = (release.indexer_id, release.guid)
            title = parsed[key] if key in parsed else parse_movie_title(release.title)
            facts.append(sighting(release, title, source=source))
        else:
            preferred = preferred_size(decision, context)
            facts.append(sighting(release, decision.parsed, source=source, preferred=preferred))
    return facts


def record_batch(
    releases: Iterable[ReleaseInfo],
    decisions: Iterable[Decision] = (),
    context: Context | None = None,
    *,
    source: str,
    parsed: Mapping[tuple[int, str], ParsedMovieInfo | None] | None = None,
) -> set[str]:
    """Record a batch's sightings in one upsert: the group keys touched, empty when recording failed.
    `parsed`: titles the caller parsed already, by (indexer id, guid)."""
    releases = list(releases)
    try:
        facts = sightings_of(releases, decisions, context, source=source, parsed=parsed)
        # a failed write rolls back to this savepoint, never the caller's transaction
        with transaction.atomic():
            return record_sightings(facts)
    except Exception:
        logger.exception("Recording scene group evidence from %d %s release(s) failed", len(releases), source)
        return set()


def refresh_reputations(keys: set[str]) -> None:
    """Recompute the groups a sync saw, so the next decisions read their fresh reputations."""
    if not keys:
        return
    try:
        with transaction.atomic():
            recompute(keys)
    except Exception:
        logger.exception("Recomputing the reputations of %d scene group(s) failed", len(keys))


def release_group_of(title: str, known: str | None = None) -> str:
    """The group a grab or file belongs to: what was recorded with it, else what its title says."""
    if known and known.strip():
        return known.strip()
    if not title:
        return ""
    parsed = parse_movie_title(title)
    if parsed is not None:
        return parsed.release_group or ""
    return parse_release_group(title) or ""


def note_outcome(
    group: str | None, kind: OutcomeKind, *, key: str, movie_id: int = 0, title: str = ""
) -> None:
    """Record what became of one of our grabs or files; a failure never fails the grab or import."""
    try:
        record_outcome(group, kind, key=key, movie_id=movie_id, title=title)
    except Exception:
        logger.exception("Recording the %s outcome of %s failed", kind, title or key)
