"""From factor scores to one reputation: the weighted combination and the confidence behind it.

The score is the weighted mean of the factors that have evidence: a factor with nothing to rest on
(a Usenet-only group has no seeders) is left out and the other weights are renormalised over what
remains, so a group is never punished for evidence its indexers cannot give. Rounded to one decimal.

Our own outcomes (imported, failed, rejected, deleted, upgraded away) enter through the completion
rate factor (`factors.completion_rate`), where they take over from the tracker's completion counts as
they pile up; grabs still under way say nothing yet.

Confidence is about the amount and spread of evidence, not about the score: high from
HIGH_RELEASES decayed sightings on at least HIGH_INDEXERS indexers over at least HIGH_SPAN_DAYS days
(one indexer or one week of releases can be a fluke), medium from MEDIUM_RELEASES decayed sightings,
low otherwise.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scenegroups.factors import FACTORS, Evidence
from scenegroups.models import FACTOR_NAMES, Confidence

HIGH_RELEASES = 50
HIGH_INDEXERS = 2
HIGH_SPAN_DAYS = 30
MEDIUM_RELEASES = 10


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float  # 0-100, one decimal
    confidence: str  # Confidence value
    factors: list[dict[str, Any]]  # SceneGroup.factors: key, name, score, weight, evidence


def combine(scores: Mapping[str, float | None], weights: Mapping[str, int]) -> float:
    """Weighted mean over the factors with a score, weights renormalised over them; negative weights
    count as 0, and when every remaining weight is 0 the factors count equally (nothing is preferred)."""
    present = {key: score for key, score in scores.items() if score is not None}
    if not present:
        return 0.0
    used = {key: max(0, weights.get(key, 0)) for key in present}
    total = sum(used.values())
    if total <= 0:
        used, total = dict.fromkeys(present, 1), len(present)
    mean = sum(present[key] * weight for key, weight in used.items()) / total
    return round(min(100.0, max(0.0, mean)), 1)


def confidence(evidence: Evidence) -> str:
    """See the module docstring: amount (decayed sightings) and spread (indexers, days)."""
    if (
        evidence.weight >= HIGH_RELEASES
        and evidence.indexers >= HIGH_INDEXERS
        and evidence.span_days >= HIGH_SPAN_DAYS
    ):
        return Confidence.HIGH.value
    if evidence.weight >= MEDIUM_RELEASES:
        return Confidence.MEDIUM.value
    return Confidence.LOW.value


def assess(evidence: Evidence, weights: Mapping[str, int]) -> Assessment:
    """Every factor with its sentence, the combined score and the confidence of one group."""
    factors, scores = [], {}
    for key, name in FACTOR_NAMES.items():
        score, sentence = FACTORS[key](evidence)
        scores[key] = score
        shown = None if score is None else round(score, 1)
        factors.append(
            {"key": key, "name": name, "score": shown, "weight": weights.get(key, 0), "evidence": sentence}
        )
    return Assessment(combine(scores, weights), confidence(evidence), factors)
