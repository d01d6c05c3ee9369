"""Recording evidence: what indexers show (sightings, written in one batch per feed or search) and
what became of our own grabs and files (outcomes, one row each, recorded idempotently).

Apps to the right (indexers, downloads, imports) call these with plain values; nothing here reads
their models.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from scenegroups.models import Outcome, OutcomeKind, Sighting, group_key


@dataclass(frozen=True, slots=True)
class SightingFacts:
    """One release as an indexer showed it; `group` as the parser read it from the title."""

    group: str
    indexer_id: int
    indexer: str
    guid: str
    title: str
    protocol: str
    published: datetime
    quality: str = ""  # quality name ("Bluray-1080p"), "" unknown
    size: int = 0  # bytes
    preferred_size: int = 0  # bytes: the quality's preferred size for the movie's runtime; 0 unknown
    seeders: int | None = None
    leechers: int | None = None
    times_completed: int | None = None
    internal: bool = False
    scene: bool = False
    freeleech: bool = False
    category: int | None = None
    medium: str = ""
    codec: str = ""
    source: str = "rss"  # rss, search, push


_REFRESHED = [
    "group",
    "group_name",
    "indexer",
    "title",
    "quality",
    "size",
    "preferred_size",
    "seen",
    "seeders",
    "leechers",
    "times_completed",
    "internal",
    "scene",
    "freeleech",
    "category",
    "medium",
    "codec",
]


def record_sightings(sightings: Iterable[SightingFacts], *, now: datetime | None = None) -> set[str]:
    """Store a batch in one upsert (a release seen again refreshes its counts, never doubles);
    releases without a group are skipped. Returns the group keys touched."""
    now = now or timezone.now()
    rows: dict[tuple[int, str], Sighting] = {}
    for facts in sightings:
        key = group_key(facts.group or "")
        if not key or not facts.guid:
            continue
        rows[(facts.indexer_id, facts.guid[:1000])] = Sighting(
            group=key[:100],
            group_name=facts.group.strip()[:100],
            indexer_id=facts.indexer_id,
            indexer=facts.indexer[:200],
            guid=facts.guid[:1000],
            title=facts.title[:1000],
            protocol=facts.protocol,
            quality=facts.quality[:40],
            size=max(0, facts.size),
            preferred_size=max(0, facts.preferred_size),
            published=facts.published,
            seen=now,
            seeders=facts.seeders,
            leechers=facts.leechers,
            times_completed=facts.times_completed,
            internal=facts.internal,
            scene=facts.scene,
            freeleech=facts.freeleech,
            category=facts.category,
            medium=facts.medium[:40],
            codec=facts.codec[:40],
            source=facts.source,
        )
    if rows:
        Sighting.objects.bulk_create(
            list(rows.values()),
            update_conflicts=True,
            unique_fields=["indexer_id", "guid"],
            update_fields=_REFRESHED,
            batch_size=500,
        )
    return {row.group for row in rows.values()}


def record_outcome(
    group: str | None,
    kind: OutcomeKind | str,
    *,
    key: str,
    movie_id: int = 0,
    title: str = "",
    date: datetime | None = None,
) -> bool:
    """Remember what became of a grab or file of `group`; the same kind for the same key is recorded
    once (a download checked every minute is not rejected sixty times an hour). False when skipped."""
    name = group_key(group or "")
    if not name or not key:
        return False
    try:
        with transaction.atomic():
            _, created = Outcome.objects.get_or_create(
                kind=str(kind),
                key=key[:200],
                defaults={
                    "group": name[:100],
                    "movie_id": movie_id,
                    "title": title[:1000],
                    "date": date or timezone.now(),
                },
            )
    except IntegrityError:  # a concurrent recorder won the race: the outcome is recorded
        return False
    return created
