"""The eight reputation factors, as pure functions over one group's evidence summed by the database.

Every sum in `Evidence` weighs each piece of evidence by its decay, w = 0.5 ** (age_days / half-life)
(age from the publish date for sightings, from the outcome's date for outcomes), so recent evidence
speaks louder and old evidence fades without being deleted. Per-release levels (seeders, completions,
size) are computed row by row in SQL (`scenegroups.recompute`) with the formulas documented here and
arrive as sums; each factor divides by the matching weight to get a decayed mean.

Each factor returns (score, evidence): a score from 0 to 100, or None when the group has nothing the
factor can rest on (scoring leaves it out), and one sentence saying what the number rests on.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

FactorResult = tuple[float | None, str]

# seeders (and leechers) at which a torrent counts as fully healthy: level = min(1, ln(1+n) / ln(1+50))
SEEDERS_FULL = 50
LEECHER_BONUS = 0.1  # leechers show demand, not availability: at most 10 points on top of seeders
# completion level = min(1, log10(1 + 100 * completions_per_day) / 3): 0.01/day -> 0.10, 1/day -> 0.67,
# 10/day -> 1; a torrent younger than a day counts as a day old so a first burst does not dominate
COMPLETION_DECADES = 3
# size closeness = max(0, 1 - |ln(size / preferred)| / ln 4): 1 at the preferred size, 0 at 4x or 1/4
SIZE_RATIO_ZERO = 4
# our own outcomes take over from the tracker's completion counts as they pile up: this many decayed
# outcomes weigh as much as all the tracker's counts together
OWN_OUTCOMES_HALF = 3
UPGRADE_PENALTY = 0.5  # a file replaced by an upgrade was fine, just not the best: half a bad outcome
RECENT_DAYS = 7  # newest release within a week: full recency
STALE_DAYS = 730  # newest release two years old: no recency left
BREADTH_FULL = 4  # categories + indexers - 1 at which category diversity is full
VOLUME_FULL = 500  # decayed sightings at which volume is full


@dataclass(slots=True)
class Evidence:
    """One group's evidence: raw counts for the sentences, decayed sums (w-weighted) for the scores."""

    releases: int = 0  # sightings
    weight: float = 0.0  # sum of w over all sightings
    torrents: int = 0  # sightings from torrent indexers (the only ones that flag internal releases)
    torrent_weight: float = 0.0
    internal_releases: int = 0  # torrents flagged internal (scene is a different flag)
    internal_weight: float = 0.0
    seeded: int = 0  # sightings that report seeders
    seeded_weight: float = 0.0
    seeder_level: float = 0.0  # sum of w * min(1, ln(1 + seeders) / ln(1 + SEEDERS_FULL))
    leecher_level: float = 0.0  # the same of leechers (none reported counts as 0)
    seeder_log: float = 0.0  # sum of w * ln(1 + seeders): the typical seeder count for the sentence
    completed: int = 0  # sightings that report times completed (Torznab and Newznab `grabs` too)
    completed_weight: float = 0.0
    completion_level: float = 0.0  # sum of w * completion level (see COMPLETION_DECADES)
    sized: int = 0  # sightings with a size and a preferred size
    sized_weight: float = 0.0
    size_level: float = 0.0  # sum of w * size closeness (see SIZE_RATIO_ZERO)
    size_log: float = 0.0  # sum of w * ln(size / preferred): the typical ratio for the sentence
    qualities: dict[str, float] = field(default_factory=dict)  # quality name -> sum of w, known only
    categories: int = 0  # distinct categories
    indexers: int = 0  # distinct indexers
    newest_days: float | None = None  # age in days of the newest publish date
    span_days: float = 0.0  # days between the oldest and the newest publish date
    outcomes: dict[str, float] = field(default_factory=dict)  # outcome kind -> sum of w
    outcome_counts: dict[str, int] = field(default_factory=dict)  # outcome kind -> count


def _clamp(value: float) -> float:
    return min(100.0, max(0.0, value))


def _plural(count: int, word: str, words: str = "") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {words or word + 's'}"


def seeder_health(evidence: Evidence) -> FactorResult:
    """100 * (mean seeder level + LEECHER_BONUS * mean leecher level), capped at 100; torrents only."""
    if evidence.seeded_weight <= 0:
        return None, "No torrents reporting seeders"
    seeders = evidence.seeder_level / evidence.seeded_weight
    leechers = evidence.leecher_level / evidence.seeded_weight
    typical = math.exp(evidence.seeder_log / evidence.seeded_weight) - 1
    sentence = f"{_plural(evidence.seeded, 'torrent')}, typically {typical:.0f} seeders"
    return _clamp(100 * (seeders + LEECHER_BONUS * leechers)), sentence


def internal_ratio(evidence: Evidence) -> FactorResult:
    """Decayed share of the group's torrents flagged internal; None without torrents, since Usenet
    indexers never flag a release internal and would otherwise count against Usenet groups."""
    if evidence.torrent_weight <= 0:
        return None, "No torrents (only trackers flag internal releases)"
    sentence = f"{evidence.internal_releases} of {_plural(evidence.torrents, 'torrent')} flagged internal"
    return _clamp(100 * evidence.internal_weight / evidence.torrent_weight), sentence


def _own_success(evidence: Evidence) -> tuple[float, float] | None:
    """(share of our outcomes that went well, decayed number of outcomes): imported is good; failed,
    rejected and deleted by the user are bad; upgraded away is half bad. None without outcomes."""
    outcomes = evidence.outcomes
    good = outcomes.get("imported", 0.0)
    bad = outcomes.get("failed", 0.0) + outcomes.get("rejected", 0.0) + outcomes.get("deleted", 0.0)
    bad += UPGRADE_PENALTY * outcomes.get("upgraded", 0.0)
    if good + bad <= 0:
        return None
    return good / (good + bad), good + bad


def _own_sentence(counts: dict[str, int]) -> str:
    parts = [f"{counts.get(kind, 0)} {kind}" for kind in ("imported", "failed", "rejected", "deleted")]
    return f"ours: {', '.join(parts)}, {counts.get('upgraded', 0)} upgraded away"


def completion_rate(evidence: Evidence) -> FactorResult:
    """Tracker completions per day (the mean completion level) blended with our own outcomes: with n
    decayed outcomes our success share weighs n / (n + OWN_OUTCOMES_HALF); alone, either is used as is."""
    tracker = evidence.completion_level / evidence.completed_weight if evidence.completed_weight > 0 else None
    own = _own_success(evidence)
    sentences = []
    if tracker is not None:
        per_day = (10 ** (COMPLETION_DECADES * tracker) - 1) / 100
        sentences.append(
            f"{_plural(evidence.completed, 'release')}, typically completed {per_day:.2g} times a day"
        )
    if own is not None:
        sentences.append(_own_sentence(evidence.outcome_counts))
    if own is None:
        if tracker is None:
            return None, "No completion counts and none of our own downloads"
        blended = tracker
    elif tracker is None:
        blended = own[0]
    else:
        share = own[1] / (own[1] + OWN_OUTCOMES_HALF)
        blended = share * own[0] + (1 - share) * tracker
    return _clamp(100 * blended), "; ".join(sentences)


def quality_consistency(evidence: Evidence) -> FactorResult:
    """Decayed share of the group's most common quality among releases whose quality is known."""
    total = sum(evidence.qualities.values())
    if total <= 0:
        return None, "No release of a known quality"
    best = max(sorted(evidence.qualities), key=evidence.qualities.__getitem__)
    share = evidence.qualities[best] / total
    sentence = f"{share:.0%} {best} across {_plural(len(evidence.qualities), 'quality', 'qualities')}"
    return _clamp(100 * share), sentence


def recency(evidence: Evidence) -> FactorResult:
    """100 when the newest release is at most RECENT_DAYS old, falling with the logarithm of its age
    to 0 at STALE_DAYS: 100 * (1 - ln(days / RECENT_DAYS) / ln(STALE_DAYS / RECENT_DAYS))."""
    if evidence.newest_days is None:
        return None, "No releases seen"
    days = max(0.0, evidence.newest_days)
    sentence = f"Newest release {_plural(round(days), 'day')} ago"
    if days <= RECENT_DAYS:
        return 100.0, sentence
    return _clamp(100 * (1 - math.log(days / RECENT_DAYS) / math.log(STALE_DAYS / RECENT_DAYS))), sentence


def category_diversity(evidence: Evidence) -> FactorResult:
    """Breadth = categories + indexers - 1 (each at least 1); 25 points per unit, full at BREADTH_FULL."""
    if evidence.releases <= 0:
        return None, "No releases seen"
    breadth = max(1, evidence.categories) + max(1, evidence.indexers) - 1
    categories = _plural(evidence.categories, "category", "categories")
    sentence = f"{categories} on {_plural(evidence.indexers, 'indexer')}"
    return _clamp(100 * breadth / BREADTH_FULL), sentence


def volume(evidence: Evidence) -> FactorResult:
    """100 * ln(1 + decayed sightings) / ln(1 + VOLUME_FULL), capped: 1 -> 11, 10 -> 39, 100 -> 74."""
    if evidence.releases <= 0:
        return None, "No releases seen"
    sentence = f"{_plural(evidence.releases, 'release')}, {evidence.weight:.1f} after ageing"
    return _clamp(100 * math.log1p(evidence.weight) / math.log1p(VOLUME_FULL)), sentence


def size_appropriateness(evidence: Evidence) -> FactorResult:
    """Mean size closeness to the quality definition's preferred size for the movie's runtime."""
    if evidence.sized_weight <= 0:
        return None, "No release with a known size and preferred size"
    ratio = math.exp(evidence.size_log / evidence.sized_weight)
    sentence = f"{_plural(evidence.sized, 'release')}, typically {ratio:.2f}x the preferred size"
    return _clamp(100 * evidence.size_level / evidence.sized_weight), sentence


FACTORS: dict[str, Callable[[Evidence], FactorResult]] = {  # in FACTOR_NAMES order
    "seeder_health": seeder_health,
    "internal_ratio": internal_ratio,
    "completion_rate": completion_rate,
    "quality_consistency": quality_consistency,
    "recency": recency,
    "category_diversity": category_diversity,
    "volume": volume,
    "size_appropriateness": size_appropriateness,
}
