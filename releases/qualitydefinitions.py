"""Editing quality definitions: titles and size limits (MB per minute of runtime), one or many at once."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from radarr.api.errors import Failure, ValidationFailed
from releases.models import QualityDefinition
from releases.qualities import QUALITIES_BY_NAME, SIZE_LIMIT_MAX, SIZE_LIMIT_MIN


@dataclass(frozen=True, slots=True)
class DefinitionInput:
    """What a client may change; None preferred/max means unlimited, None title keeps the title."""

    id: int
    title: str | None
    min_size: float
    preferred_size: float | None
    max_size: float | None


def _number(value: float) -> str:
    return f"{value:g}"


def _upper_bound(*candidates: tuple[str, float | None]) -> tuple[str, float]:
    """The first size that is set, named for the message; the hard limit when none is."""
    for label, value in candidates:
        if value is not None:
            return label, value
    return _number(SIZE_LIMIT_MAX), SIZE_LIMIT_MAX


def size_failures(min_size: float, preferred: float | None, maximum: float | None) -> list[Failure]:
    """Radarr's rules: each size within the limits, and min ≤ preferred ≤ max where they are set."""
    failures = []
    sizes = (("minSize", min_size), ("preferredSize", preferred), ("maxSize", maximum))
    for name, value in sizes:
        if value is not None and value < SIZE_LIMIT_MIN:
            failures.append(Failure(name, f"Must be {SIZE_LIMIT_MIN} or more", value))
    label, bound = _upper_bound(("the preferred size", preferred), ("the maximum size", maximum))
    if min_size > bound:
        failures.append(Failure("minSize", f"Must not be more than {label}", min_size))
    label, bound = _upper_bound(("the maximum size", maximum))
    if preferred is not None and preferred > bound:
        failures.append(Failure("preferredSize", f"Must not be more than {label}", preferred))
    if maximum is not None and maximum > SIZE_LIMIT_MAX:
        failures.append(Failure("maxSize", f"Must not be more than {_number(SIZE_LIMIT_MAX)}", maximum))
    return failures


def definition_failures(change: DefinitionInput, known_ids: set[int], prefix: str = "") -> list[Failure]:
    """Every rule a change breaks; `prefix` names the element of a bulk body (`[3].`)."""
    if change.id not in known_ids:
        return [Failure(f"{prefix}id", f"Quality definition with ID {change.id} does not exist", change.id)]
    failures = size_failures(change.min_size, change.preferred_size, change.max_size)
    if change.title is not None and not change.title.strip():
        failures.append(Failure("title", "Title must not be empty", change.title))
    return [Failure(prefix + f.property_name, f.message, f.attempted_value) for f in failures]


def _apply(definition: QualityDefinition, change: DefinitionInput) -> None:
    if change.title is not None:
        definition.title = change.title.strip()
    definition.min_size = change.min_size
    definition.preferred_size = change.preferred_size
    definition.max_size = change.max_size


def update_definitions(changes: list[DefinitionInput]) -> list[QualityDefinition]:
    """Validate every change, then save them all or none; the answer is every definition, by weight."""
    definitions = {definition.pk: definition for definition in QualityDefinition.objects.all()}
    prefixed = len(changes) > 1
    failures = [
        failure
        for index, change in enumerate(changes)
        for failure in definition_failures(change, set(definitions), f"[{index}]." if prefixed else "")
    ]
    if failures:
        raise ValidationFailed(failures)
    for change in changes:
        _apply(definitions[change.id], change)
    with transaction.atomic():
        QualityDefinition.objects.bulk_update(
            [definitions[change.id] for change in changes],
            ["title", "min_size", "preferred_size", "max_size"],
        )
    return sorted(definitions.values(), key=lambda definition: (definition.weight, definition.quality_id))


def update_definition(change: DefinitionInput) -> QualityDefinition:
    return next(d for d in update_definitions([change]) if d.pk == change.id)


def _describe(value: float | None) -> str:
    return "unlimited" if value is None else _number(value)


def apply_trash_quality_sizes(data: dict[str, Any]) -> list[str]:
    """Apply a TRaSH-Guides quality-size file (qualities named as Radarr names them).

    Returns one line per definition that changed, e.g. "Bluray-1080p: min 0 → 50.8". A name Radarr
    does not know, or sizes that break the limits, refuse the whole file.
    """
    by_quality = {definition.quality_id: definition for definition in QualityDefinition.objects.all()}
    changes: list[DefinitionInput] = []
    failures: list[Failure] = []
    for index, entry in enumerate(data.get("qualities", [])):
        quality = QUALITIES_BY_NAME.get(entry.get("quality", ""))
        if quality is None or quality.id not in by_quality:
            failures.append(Failure(f"qualities[{index}].quality", "Unknown quality", entry.get("quality")))
            continue
        changes.append(
            DefinitionInput(
                id=by_quality[quality.id].pk,
                title=None,
                min_size=float(entry.get("min") or 0),
                preferred_size=None if entry.get("preferred") is None else float(entry["preferred"]),
                max_size=None if entry.get("max") is None else float(entry["max"]),
            )
        )
    if failures:
        raise ValidationFailed(failures)
    before = {d.pk: (d.title, d.min_size, d.preferred_size, d.max_size) for d in by_quality.values()}
    update_definitions(changes)
    return [line for change in changes if (line := _change_line(before[change.id], change))]


def _change_line(before: tuple[str, float, float | None, float | None], change: DefinitionInput) -> str:
    title, *old = before
    new = [change.min_size, change.preferred_size, change.max_size]
    parts = [
        f"{label} {_describe(was)} → {_describe(now)}"
        for label, was, now in zip(("min", "preferred", "max"), old, new, strict=True)
        if was != now
    ]
    return f"{title}: {', '.join(parts)}" if parts else ""
