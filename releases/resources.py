"""Model ↔ Radarr v3 shape for qualities, quality definitions, profiles and languages.

Outgoing functions build Radarr's camelCase dicts; incoming ones read a client's body into plain
inputs for releases.qualitydefinitions and releases.profiles, which hold the rules.
"""

import math
from collections.abc import Iterable
from typing import Any

from radarr.api.errors import invalid
from radarr.api.params import InsensitiveDict, optional_bool, optional_text, whole_number
from releases import languages
from releases.defaults import profile_items
from releases.languages import Language
from releases.models import CustomFormat, DelayProfile, QualityDefinition, QualityProfile, ReleaseProfile
from releases.profiles import (
    KEEP,
    DelayProfileInput,
    Keep,
    QualityProfileInput,
    ReleaseProfileInput,
    parse_terms,
)
from releases.qualities import QUALITIES_BY_ID, Quality
from releases.qualitydefinitions import DefinitionInput

# Radarr's DownloadProtocol enum; clients may send the number instead of the name
_PROTOCOL_NUMBERS = {0: "unknown", 1: "usenet", 2: "torrent"}


def quality_resource(quality: Quality) -> dict[str, Any]:
    return {
        "id": quality.id,
        "name": quality.name,
        "source": quality.source,
        "resolution": quality.resolution,
        "modifier": quality.modifier,
    }


def _quality_by_id(quality_id: int) -> dict[str, Any]:
    quality = QUALITIES_BY_ID.get(quality_id)
    # an id we do not know can only come from a row written by hand; show it rather than fail the list
    return quality_resource(quality) if quality else {"id": quality_id, "name": "Unknown"}


def language_resource(language: Language) -> dict[str, Any]:
    """The `{id, name}` a profile or file carries."""
    return {"id": language.id, "name": language.name}


def language_list_resource(language: Language) -> dict[str, Any]:
    """/api/v3/language's shape, which adds `nameLower`."""
    return {"id": language.id, "name": language.name, "nameLower": language.name.lower()}


def _profile_language(language_id: int) -> dict[str, Any]:
    language = languages.LANGUAGES_BY_ID.get(language_id)
    return language_resource(language) if language else {"id": language_id, "name": "Unknown"}


# ---- quality definitions


def quality_definition_resource(definition: QualityDefinition) -> dict[str, Any]:
    return {
        "id": definition.pk,
        "quality": _quality_by_id(definition.quality_id),
        "title": definition.title,
        "weight": definition.weight,
        "minSize": definition.min_size,
        "maxSize": definition.max_size,  # None (left out) means unlimited
        "preferredSize": definition.preferred_size,
    }


def _size(body: InsensitiveDict, key: str) -> float | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise invalid(key, f"'{value}' is not a number", value)
    try:
        number = float(value)
    except ValueError:
        raise invalid(key, f"'{value}' is not a number", value) from None
    if not math.isfinite(number):
        raise invalid(key, f"'{value}' is not a number", value)
    return number


def definition_input(body: dict[str, Any], definition_id: int) -> DefinitionInput:
    """A definition PUT body: sizes absent or null mean unlimited (min: 0); title absent keeps it."""
    body = InsensitiveDict(body)
    return DefinitionInput(
        id=definition_id,
        title=optional_text("title", body.get("title")),
        min_size=_size(body, "minSize") or 0,
        preferred_size=_size(body, "preferredSize"),
        max_size=_size(body, "maxSize"),
    )


# ---- quality profiles


def _item_resource(item: dict[str, Any]) -> dict[str, Any]:
    if "qualities" not in item:
        return {"quality": _quality_by_id(item["quality"]), "items": [], "allowed": item["allowed"]}
    members = [
        {"quality": _quality_by_id(quality_id), "items": [], "allowed": item["allowed"]}
        for quality_id in item["qualities"]
    ]
    return {"id": item["id"], "name": item["name"], "items": members, "allowed": item["allowed"]}


def format_items(scores: dict[int, int], formats: Iterable[CustomFormat]) -> list[dict[str, Any]]:
    """Every custom format with the profile's score for it; a format it has no row for scores 0."""
    return [
        {"format": custom_format.pk, "name": custom_format.name, "score": scores.get(custom_format.pk, 0)}
        for custom_format in formats
    ]


def quality_profile_resource(profile: QualityProfile, formats: Iterable[CustomFormat]) -> dict[str, Any]:
    """A profile in Radarr's shape; `formats` is every custom format (one query for a whole list)."""
    scores = {row.custom_format_id: row.score for row in profile.format_scores.all()}
    return {
        "id": profile.pk,
        "name": profile.name,
        "upgradeAllowed": profile.upgrade_allowed,
        "cutoff": profile.cutoff,
        "items": [_item_resource(item) for item in profile.items],  # lowest first, as Radarr
        "minFormatScore": profile.min_format_score,
        "cutoffFormatScore": profile.cutoff_format_score,
        "minUpgradeFormatScore": profile.min_upgrade_format_score,
        "formatItems": format_items(scores, formats),
        "language": _profile_language(profile.language_id),
        # ours, not Radarr's (Radarr's clients ignore it): custom format points for group reputation
        "sceneGroupReputationPoints": profile.scene_group_points,
        # ours: upgrades stop N days after the movie's first import, or once its file has this format
        "upgradeWindowDays": profile.upgrade_window_days,
        "cutoffFormatId": profile.cutoff_format_id,
    }


def quality_profile_schema(formats: Iterable[CustomFormat]) -> dict[str, Any]:
    """Radarr's blank template: default grouping, nothing allowed, every format at 0, English."""
    items, cutoff = profile_items([], QUALITIES_BY_ID[0])
    return {
        "id": 0,
        "name": "",
        "upgradeAllowed": False,
        "cutoff": cutoff,
        "items": [_item_resource(item) for item in items],
        "minFormatScore": 0,
        "cutoffFormatScore": 0,
        "minUpgradeFormatScore": 1,
        "formatItems": format_items({}, formats),
        "language": language_resource(languages.ENGLISH),
        "sceneGroupReputationPoints": 0,
        "upgradeWindowDays": None,
        "cutoffFormatId": None,
    }


def _as_object(value: Any, where: str) -> InsensitiveDict:
    if not isinstance(value, dict):
        raise invalid(where, "Must be an object", value)
    return InsensitiveDict(value)


def _as_int(value: Any, where: str, default: int | None = None) -> int:
    """A whole number (as a number or its text, as this API always took it) within int32."""
    if value is None and default is not None:
        return default
    return whole_number(where, value, text=True)


def _switch(body: InsensitiveDict, name: str, default: bool) -> bool:
    """true or false; absent or null is the default, anything else a 400 (not its truthiness)."""
    value = optional_bool(name, body.get(name))
    return default if value is None else value


def _name(body: InsensitiveDict, name: str = "name") -> str:
    return (optional_text(name, body.get(name)) or "").strip()


def _quality_id(item: InsensitiveDict, where: str) -> int:
    return _as_int(_as_object(item["quality"], f"{where}.quality").get("id"), f"{where}.quality.id")


def _item_input(raw: Any, index: int) -> dict[str, Any]:
    """One item in the model's shape; rules about it (names, sizes of groups) are checked later."""
    where = f"items[{index}]"
    item = _as_object(raw, where)
    allowed = _switch(item, "allowed", False)
    if item.get("quality") is not None:
        result: dict[str, Any] = {"quality": _quality_id(item, where), "allowed": allowed}
        if name := _name(item):
            result["name"] = name  # kept only so validation can refuse it
        return result
    members = item.get("items") or []
    if not isinstance(members, list):
        raise invalid(f"{where}.items", "Must be a list", members)
    qualities = [
        _quality_id(_as_object(member, f"{where}.items[{n}]"), f"{where}.items[{n}]")
        for n, member in enumerate(members)
    ]
    return {
        "id": _as_int(item.get("id"), f"{where}.id", default=0),
        "name": _name(item),
        "allowed": allowed,
        "qualities": qualities,
    }


def _score_map(raw: Any) -> dict[int, int]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise invalid("formatItems", "Must be a list", raw)
    scores: dict[int, int] = {}
    for index, entry in enumerate(raw):
        entry = _as_object(entry, f"formatItems[{index}]")
        format_id = _as_int(entry.get("format"), f"formatItems[{index}].format")
        scores[format_id] = _as_int(entry.get("score"), f"formatItems[{index}].score", default=0)
    return scores


def quality_profile_input(body: dict[str, Any]) -> QualityProfileInput:
    """Read a client's profile (lowest item first, as Radarr's own output)."""
    body = InsensitiveDict(body)
    raw_items = body.get("items") or []
    if not isinstance(raw_items, list):
        raise invalid("items", "Must be a list", raw_items)
    language = body.get("language")
    language_id = 1 if language is None else _as_int(_as_object(language, "language").get("id"), "language")
    return QualityProfileInput(
        name=_name(body),
        upgrade_allowed=_switch(body, "upgradeAllowed", False),
        cutoff=_as_int(body.get("cutoff"), "cutoff", default=0),
        items=[_item_input(raw, index) for index, raw in enumerate(raw_items)],
        min_format_score=_as_int(body.get("minFormatScore"), "minFormatScore", default=0),
        cutoff_format_score=_as_int(body.get("cutoffFormatScore"), "cutoffFormatScore", default=0),
        min_upgrade_format_score=_as_int(
            body.get("minUpgradeFormatScore"), "minUpgradeFormatScore", default=1
        ),
        language_id=language_id,
        format_scores=_score_map(body.get("formatItems")),
        # absent or null keeps the stored value: Recyclarr, pyarr and Radarr's UI never send it
        scene_group_points=_optional_int(
            body.get("sceneGroupReputationPoints"), "sceneGroupReputationPoints"
        ),
        # absent keeps the stored value; null clears it (no window, no cutoff format; 0 too for the id)
        upgrade_window_days=_kept_or_int(body, "upgradeWindowDays"),
        cutoff_format_id=_kept_or_int(body, "cutoffFormatId", none=0),
    )


def _optional_int(value: Any, where: str) -> int | None:
    return None if value is None else _as_int(value, where)


def _kept_or_int(body: InsensitiveDict, name: str, none: int | None = None) -> int | None | Keep:
    """KEEP when the client left the field out, None for null (or the number meaning none), else a number."""
    if name not in body:
        return KEEP
    value = _optional_int(body.get(name), name)
    return None if value == none else value


# ---- delay and release profiles


def delay_profile_resource(profile: DelayProfile) -> dict[str, Any]:
    return {
        "id": profile.pk,
        "enableUsenet": profile.enable_usenet,
        "enableTorrent": profile.enable_torrent,
        "preferredProtocol": profile.preferred_protocol,
        "usenetDelay": profile.usenet_delay,
        "torrentDelay": profile.torrent_delay,
        "bypassIfHighestQuality": profile.bypass_if_highest_quality,
        "bypassIfAboveCustomFormatScore": profile.bypass_if_above_custom_format_score,
        "minimumCustomFormatScore": profile.minimum_custom_format_score,
        "order": profile.order,
        "tags": sorted(tag.pk for tag in profile.tags.all()),
    }


def _tag_ids(raw: Any) -> list[int]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise invalid("tags", "Must be a list of tag ids", raw)
    return [_as_int(tag, "tags") for tag in raw]


def _protocol(raw: Any) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return _PROTOCOL_NUMBERS.get(raw, str(raw))
    return (optional_text("preferredProtocol", raw) or "usenet").lower()


def delay_profile_input(body: dict[str, Any]) -> DelayProfileInput:
    body = InsensitiveDict(body)
    return DelayProfileInput(
        enable_usenet=_switch(body, "enableUsenet", True),
        enable_torrent=_switch(body, "enableTorrent", True),
        preferred_protocol=_protocol(body.get("preferredProtocol")),
        usenet_delay=_as_int(body.get("usenetDelay"), "usenetDelay", default=0),
        torrent_delay=_as_int(body.get("torrentDelay"), "torrentDelay", default=0),
        bypass_if_highest_quality=_switch(body, "bypassIfHighestQuality", False),
        bypass_if_above_custom_format_score=_switch(body, "bypassIfAboveCustomFormatScore", False),
        minimum_custom_format_score=_as_int(
            body.get("minimumCustomFormatScore"), "minimumCustomFormatScore", default=0
        ),
        tags=_tag_ids(body.get("tags")),
    )


def release_profile_resource(profile: ReleaseProfile) -> dict[str, Any]:
    return {
        "id": profile.pk,
        "name": profile.name or None,
        "enabled": profile.enabled,
        "required": list(profile.required),
        "ignored": list(profile.ignored),
        "indexerId": profile.indexer_id,
        "tags": sorted(tag.pk for tag in profile.tags.all()),
    }


def release_profile_input(body: dict[str, Any]) -> ReleaseProfileInput:
    body = InsensitiveDict(body)
    return ReleaseProfileInput(
        name=_name(body),
        enabled=_switch(body, "enabled", True),
        required=parse_terms(body.get("required"), "required"),
        ignored=parse_terms(body.get("ignored"), "ignored"),
        indexer_id=_as_int(body.get("indexerId"), "indexerId", default=0),
        tags=_tag_ids(body.get("tags")),
    )
