"""SceneGroup rows in the shape of our v3 extension (`/api/v3/scenegroup`, documented in the README)."""

from typing import Any

from scenegroups.models import FACTOR_NAMES, SceneGroup


def _score(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def scene_group_resource(group: SceneGroup) -> dict[str, Any]:
    """A row of the list: `score` is what decisions use (the pin wins over the learned score)."""
    return {
        "name": group.name,
        "score": _score(group.effective_score),
        "confidence": group.confidence,
        "releases": group.releases,
        "indexers": list(group.indexers),
        "lastSeen": group.last_seen,
        "pinned": group.is_pinned,
    }


def factor_resource(factor: dict[str, Any]) -> dict[str, Any]:
    """One factor; `score` is left out (as nulls are) when the group has no evidence for it."""
    return {
        "name": factor.get("name") or FACTOR_NAMES.get(factor.get("key", ""), factor.get("key", "")),
        "score": _score(factor.get("score")),
        "weight": factor.get("weight", 0),
        "evidence": factor.get("evidence", ""),
    }


def scene_group_detail_resource(group: SceneGroup) -> dict[str, Any]:
    """The list's fields plus the learned score kept apart from the pin, the pin's note and factors."""
    return {
        **scene_group_resource(group),
        "learnedScore": _score(group.score),
        "pinNote": group.pin_note or None,
        "factors": [factor_resource(factor) for factor in group.factors if isinstance(factor, dict)],
    }
