"""Reading reputations for decisions: one query for a batch's groups, pins winning over learned scores."""

from collections.abc import Iterable
from dataclasses import dataclass

from scenegroups.models import SceneGroup, group_key


@dataclass(frozen=True, slots=True)
class Reputation:
    name: str
    score: float  # 0-100: the pin when pinned, the learned score otherwise
    confidence: str  # low, medium, high (a pin counts as high: the user vouches for it)
    pinned: bool = False
    top_factors: tuple[tuple[str, float], ...] = ()  # (factor name, 0-100), strongest weighted first


def reputation_of(group: SceneGroup) -> Reputation:
    factors = [f for f in group.factors if f.get("score") is not None]
    factors.sort(key=lambda f: f["score"] * f.get("weight", 0), reverse=True)
    return Reputation(
        name=group.name,
        score=group.effective_score,
        confidence="high" if group.is_pinned else group.confidence,
        pinned=group.is_pinned,
        top_factors=tuple((f["name"], float(f["score"])) for f in factors[:3]),
    )


def reputations_for(names: Iterable[str]) -> dict[str, Reputation]:
    """Reputations of these groups by group key; groups never scored are absent. One query."""
    keys = {group_key(name) for name in names if name and name.strip()}
    if not keys:
        return {}
    return {group.key: reputation_of(group) for group in SceneGroup.objects.filter(key__in=sorted(keys))}
