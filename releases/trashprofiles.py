"""Quality profiles from TRaSH-Guides profile files, saved through the same rules as any other profile."""

from collections.abc import Mapping
from typing import Any

from releases import languages
from releases.defaults import GROUP_ID_START
from releases.models import CustomFormat, QualityProfile
from releases.profiles import QualityProfileInput, save_quality_profile
from releases.qualities import QUALITIES_BY_NAME


def _trash_quality_id(name: str) -> int:
    quality = QUALITIES_BY_NAME.get(name)
    return quality.id if quality else -1  # refused by validation as an unknown quality


def _trash_items(entries: list[dict[str, Any]], cutoff_name: str | None) -> tuple[list[dict[str, Any]], int]:
    """TRaSH's highest-first named items as stored items (lowest first, groups from 1000) and the cutoff."""
    items: list[dict[str, Any]] = []
    cutoff = -1
    group_id = GROUP_ID_START
    for entry in reversed(entries):
        if entry.get("items"):
            members = [_trash_quality_id(name) for name in entry["items"]]
            item = {"id": group_id, "name": entry["name"], "allowed": entry["allowed"], "qualities": members}
            group_id += 1
        else:
            item = {"quality": _trash_quality_id(entry["name"]), "allowed": entry["allowed"]}
        if entry["name"] == cutoff_name:
            cutoff = item.get("id", item.get("quality"))
        items.append(item)
    return items, cutoff


def import_trash_profile(
    data: Mapping[str, Any],
    formats_by_trash_id: Mapping[str, CustomFormat],
    trash_scores: Mapping[str, Mapping[str, int]] | None = None,
) -> QualityProfile:
    """Create or replace (by name) a profile from a TRaSH-Guides quality-profile file.

    TRaSH lists items highest first and names qualities, groups, the cutoff and the language;
    `trash_scores` maps a format's trash_id to its `trash_scores` (the set the file names, else
    "default"). Formats the file does not mention score 0, as every profile lists every format.
    """
    items, cutoff = _trash_items(data["items"], data.get("cutoff"))
    score_set = data.get("trash_score_set") or "default"
    scores = {custom_format.pk: 0 for custom_format in CustomFormat.objects.all()}
    for trash_id in data.get("formatItems", {}).values():
        if trash_id in formats_by_trash_id:
            sets = (trash_scores or {}).get(trash_id, {})
            scores[formats_by_trash_id[trash_id].pk] = sets.get(score_set, sets.get("default", 0))
    language = languages.language_by_name(str(data.get("language") or "English"))
    profile_input = QualityProfileInput(
        name=data["name"],
        upgrade_allowed=bool(data.get("upgradeAllowed", True)),
        cutoff=cutoff,
        items=items,
        min_format_score=int(data.get("minFormatScore", 0)),
        cutoff_format_score=int(data.get("cutoffFormatScore", 0)),
        min_upgrade_format_score=int(data.get("minUpgradeFormatScore", 1)),
        language_id=language.id if language else -99,
        format_scores=scores,
    )
    existing = QualityProfile.objects.filter(name=data["name"]).first()
    return save_quality_profile(profile_input, existing)
