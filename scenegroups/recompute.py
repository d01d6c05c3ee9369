"""Recomputing reputations: the database sums each group's evidence, Python scores the sums.

Five grouped queries whatever the number of groups or sightings (per-group sums, qualities, indexers,
name spellings, outcomes), then one upsert of the groups and one of today's score history, in batches.
The decay w = 0.5 ** (age_days / half-life) and the per-release levels (`scenegroups.factors`) are
computed row by row inside SQL, so the sums are exact and no sighting becomes a Python object: 500,000
sightings arrive as one row per group. A recompute of the few groups an RSS sync touched reads only
their rows through the (group, published) index.
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import batched
from typing import Any

from django.db import transaction
from django.db.models import Aggregate, CharField, Count, F, FloatField, Func, Max, Min, Q, Sum, Value
from django.db.models.functions import Abs, Cast, Coalesce, Exp, Greatest, Least, Ln
from django.utils import timezone

from scenegroups.factors import COMPLETION_DECADES, SEEDERS_FULL, SIZE_RATIO_ZERO, Evidence
from scenegroups.models import Outcome, ReputationSettings, SceneGroup, ScoreHistory, Sighting, group_key
from scenegroups.scoring import assess

KEYS_PER_ROUND = 1000  # groups named per round of queries: keeps `IN (...)` well inside SQLite's limits
WRITE_BATCH = 500
LEARNED_FIELDS = [  # everything but the user's pin (pinned_score, pin_note), which is never rewritten
    "name",
    "score",
    "confidence",
    "factors",
    "releases",
    "indexers",
    "qualities",
    "outcomes",
    "last_seen",
    "computed",
]


class EpochDays(Func):
    """A datetime column as days since 1970-01-01 (a float), on SQLite and PostgreSQL."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM %(expressions)s) / 86400.0)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # Django stores UTC text that julianday() reads; 2440587.5 is the Julian day of the Unix epoch
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s) - 2440587.5)", **extra)


class GroupColumn(Func):
    """Sighting.group as the GROUP BY key. On SQLite it is written `+"group"`, which its planner cannot
    read from the (group, published) index: walking every sighting in index order costs a random table
    read per row, three times slower than one pass over the table and a sort. A WHERE on the group
    still uses the index, so a recompute of a few groups stays quick. PostgreSQL plans well unaided."""

    output_field = CharField()
    template = "%(expressions)s"

    def __init__(self) -> None:
        super().__init__(F("group"))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


@dataclass(slots=True)
class GroupFacts:
    """What the queries found for one group: the evidence to score and what its page lists."""

    evidence: Evidence = field(default_factory=Evidence)
    spellings: Counter[str] = field(default_factory=Counter)
    indexers: Counter[str] = field(default_factory=Counter)
    qualities: Counter[str] = field(default_factory=Counter)
    last_seen: datetime | None = None


def recompute(keys: Iterable[str] | None = None, *, now: datetime | None = None) -> int:
    """Rescore these groups (every group with evidence or a row when None) from their evidence and
    upsert today's score history. Returns the number of groups written."""
    now = now or timezone.now()
    settings = ReputationSettings.load()
    if keys is None:
        return _recompute_round(None, settings, now)
    wanted = sorted({group_key(key) for key in keys if key and key.strip()})
    return sum(_recompute_round(list(chunk), settings, now) for chunk in batched(wanted, KEYS_PER_ROUND))


def _recompute_round(keys: list[str] | None, settings: ReputationSettings, now: datetime) -> int:
    found = gather(keys, now, settings.half_life_days)
    scope = SceneGroup.objects.all() if keys is None else SceneGroup.objects.filter(key__in=keys)
    known = {
        key: (name, seen) for key, name, seen in scope.order_by().values_list("key", "name", "last_seen")
    }
    weights = settings.weight_map()
    rows = [
        _group_row(key, found.get(key), known.get(key), weights, now) for key in sorted(found.keys() | known)
    ]
    day = timezone.localdate(now)
    with transaction.atomic():
        SceneGroup.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=LEARNED_FIELDS,
            batch_size=WRITE_BATCH,
        )
        # ids read back by key rather than trusting the order of rows an upsert returns
        ids = dict(scope.order_by().values_list("key", "pk"))
        ScoreHistory.objects.bulk_create(
            [
                ScoreHistory(group_id=ids[row.key], day=day, score=row.score)
                for row in rows
                if row.key in found
            ],
            update_conflicts=True,
            unique_fields=["group", "day"],
            update_fields=["score"],
            batch_size=WRITE_BATCH,
        )
    return len(rows)


def _group_row(
    key: str,
    facts: GroupFacts | None,
    previous: tuple[str, datetime | None] | None,
    weights: dict[str, int],
    now: datetime,
) -> SceneGroup:
    """A group's learned fields. A group whose evidence has all gone is reset to no evidence but keeps
    its name, when it was last seen and (the upsert never writes them) its pin."""
    facts = facts or GroupFacts()
    assessment = assess(facts.evidence, weights)
    spellings = _ranked(facts.spellings)
    name, last_seen = previous or (key, None)
    return SceneGroup(
        key=key,
        name=spellings[0] if spellings else name,
        score=assessment.score,
        confidence=assessment.confidence,
        factors=assessment.factors,
        releases=facts.evidence.releases,
        indexers=_ranked(facts.indexers),
        qualities=_ranked(facts.qualities),
        outcomes=dict(sorted(facts.evidence.outcome_counts.items())),
        last_seen=facts.last_seen or last_seen,
        computed=now,
    )


def _ranked(counts: Counter[str]) -> list[str]:
    """Most common first; ties alphabetically, so a recompute without new evidence changes nothing."""
    return [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def gather(keys: list[str] | None, now: datetime, half_life_days: int) -> dict[str, GroupFacts]:
    """Every group's evidence (or these groups'), decayed as of `now`, from five grouped queries.

    The queries are not one snapshot: a sighting recorded between them may show in a later one; its
    group is then left to the recompute that its recorder asks for (rows of unknown groups are skipped).
    """
    now_days = now.timestamp() / 86400
    half_life = max(1, half_life_days)
    sightings = Sighting.objects.all() if keys is None else Sighting.objects.filter(group__in=keys)
    outcomes = Outcome.objects.all() if keys is None else Outcome.objects.filter(group__in=keys)
    sums = _evidence_sums(now_days, half_life)
    found: dict[str, GroupFacts] = {}
    totals = sightings.values(key=GroupColumn()).order_by()
    for row in totals.annotate(
        **sums, newest=Max("published"), oldest=Min("published"), last_seen=Max("seen")
    ):
        found[row["key"]] = GroupFacts(_evidence(row, sums, now), last_seen=row["last_seen"])
    decay = _decay("published", now_days, half_life)
    by_quality = sightings.exclude(quality="").values("quality", key=GroupColumn()).order_by()
    for row in by_quality.annotate(count=Count("pk"), weight=Sum(decay)):
        if facts := found.get(row["key"]):
            facts.qualities[row["quality"]] = row["count"]
            facts.evidence.qualities[row["quality"]] = row["weight"]
    for row in sightings.values("indexer", key=GroupColumn()).order_by().annotate(count=Count("pk")):
        if facts := found.get(row["key"]):
            facts.indexers[row["indexer"]] = row["count"]
            facts.evidence.indexers += 1
    for row in sightings.values("group_name", key=GroupColumn()).order_by().annotate(count=Count("pk")):
        if facts := found.get(row["key"]):
            facts.spellings[row["group_name"]] = row["count"]
    by_kind = outcomes.values("group", "kind").order_by()
    for row in by_kind.annotate(count=Count("pk"), weight=Sum(_decay("date", now_days, half_life))):
        evidence = found.setdefault(row["group"], GroupFacts()).evidence
        evidence.outcomes[row["kind"]] = row["weight"]
        evidence.outcome_counts[row["kind"]] = row["count"]
    return found


def _age_days(column: str, now_days: float) -> Greatest:
    """Days from `column` to now; a date in the future (a clock ahead of ours) counts as now."""
    return Greatest(Value(now_days) - EpochDays(F(column)), Value(0.0))


def _decay(column: str, now_days: float, half_life: int) -> Exp:
    """0.5 ** (age / half-life), written as exp(-ln 2 * age / half-life), which both databases have."""
    return Exp(_age_days(column, now_days) * Value(-math.log(2) / half_life))


def _evidence_sums(now_days: float, half_life: int) -> dict[str, Aggregate]:
    """The per-group sums `Evidence` holds, named as its fields (levels as documented in factors.py)."""
    w = _decay("published", now_days, half_life)
    torrent = Q(protocol="torrent")
    internal = torrent & Q(internal=True)
    seeded = Q(seeders__isnull=False)
    completed = Q(times_completed__isnull=False)
    sized = Q(size__gt=0, preferred_size__gt=0)
    full = Value(math.log1p(SEEDERS_FULL))
    seeders_log = Ln(Greatest(F("seeders"), Value(0)) + Value(1.0))
    leechers_log = Ln(Greatest(Coalesce(F("leechers"), Value(0)), Value(0)) + Value(1.0))
    completions = Value(100.0) * Greatest(F("times_completed"), Value(0))
    per_day = completions / Greatest(_age_days("published", now_days), Value(1.0))
    completion = Least(Ln(per_day + Value(1.0)) / Value(COMPLETION_DECADES * math.log(10)), Value(1.0))
    # Greatest(.., 1) only guards PostgreSQL, should it evaluate the argument before the FILTER
    size = Cast(Greatest(F("size"), Value(1)), FloatField())
    ratio_log = Ln(size / Greatest(F("preferred_size"), Value(1)))
    closeness = Greatest(Value(1.0) - Abs(ratio_log) / Value(math.log(SIZE_RATIO_ZERO)), Value(0.0))
    return {
        "releases": Count("pk"),
        "weight": Sum(w),
        "torrents": Count("pk", filter=torrent),
        "torrent_weight": Sum(w, filter=torrent),
        "internal_releases": Count("pk", filter=internal),
        "internal_weight": Sum(w, filter=internal),
        "seeded": Count("pk", filter=seeded),
        "seeded_weight": Sum(w, filter=seeded),
        "seeder_level": Sum(w * Least(seeders_log / full, Value(1.0)), filter=seeded),
        "leecher_level": Sum(w * Least(leechers_log / full, Value(1.0)), filter=seeded),
        "seeder_log": Sum(w * seeders_log, filter=seeded),
        "completed": Count("pk", filter=completed),
        "completed_weight": Sum(w, filter=completed),
        "completion_level": Sum(w * completion, filter=completed),
        "sized": Count("pk", filter=sized),
        "sized_weight": Sum(w, filter=sized),
        "size_level": Sum(w * closeness, filter=sized),
        "size_log": Sum(w * ratio_log, filter=sized),
        "categories": Count("category", distinct=True),
    }


def _evidence(row: dict[str, Any], sums: dict[str, Aggregate], now: datetime) -> Evidence:
    """One group's sums (a SUM over no rows is NULL: 0 here) with its ages in days."""
    return Evidence(
        **{name: row[name] or 0 for name in sums},
        newest_days=(now - row["newest"]).total_seconds() / 86400,
        span_days=(row["newest"] - row["oldest"]).total_seconds() / 86400,
    )
