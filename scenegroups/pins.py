"""What the user sets by hand over the analysis: a group's pinned score and the factor weights.

A pin is stored apart from the learned fields and written with an UPDATE of the two pin columns only,
so a recompute running at the same moment neither loses the pin nor has its score overwritten by a
stale copy of the row.
"""

from collections.abc import Mapping

from radarr.api.errors import Failure, ValidationFailed
from scenegroups.models import DEFAULT_WEIGHTS, FACTOR_NAMES, ReputationSettings, SceneGroup

NOTE_MAX_LENGTH = SceneGroup._meta.get_field("pin_note").max_length
SCORE_MESSAGE = "Score must be a whole number from 0 to 100"


def _whole_number(value: object) -> int | None:
    """`80`, `80.0` and `" 80 "` are 80; anything else (booleans, `80.5`, `"high"`) is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _percent(property_name: str, value: object, message: str) -> tuple[int | None, list[Failure]]:
    number = _whole_number(value)
    if number is None or not 0 <= number <= 100:
        return None, [Failure(property_name, message, value)]
    return number, []


def pin_group(group: SceneGroup, score: object, note: object = "") -> SceneGroup:
    """Pin the group at `score` (0-100) with an optional note; the learned score is left as it is."""
    pinned, failures = _percent("score", score, SCORE_MESSAGE)
    if note is not None and not isinstance(note, str):  # a JSON number or object is no note: say so
        raise ValidationFailed(failures + [Failure("pinNote", "Note must be text", note)])
    note_text = (note or "").strip()
    if len(note_text) > NOTE_MAX_LENGTH:
        failures.append(Failure("pinNote", f"Note must be at most {NOTE_MAX_LENGTH} characters", note_text))
    if failures:
        raise ValidationFailed(failures)
    SceneGroup.objects.filter(pk=group.pk).update(pinned_score=pinned, pin_note=note_text)
    group.pinned_score, group.pin_note = pinned, note_text
    return group


def unpin_group(group: SceneGroup) -> SceneGroup:
    """Back to the learned score; the pin's note goes with it."""
    SceneGroup.objects.filter(pk=group.pk).update(pinned_score=None, pin_note="")
    group.pinned_score, group.pin_note = None, ""
    return group


def validate_weights(values: Mapping[str, object]) -> dict[str, int]:
    """Eight whole percentages, each 0-100, adding up to 100; every failure is reported at once."""
    weights: dict[str, int] = {}
    failures: list[Failure] = []
    for key in DEFAULT_WEIGHTS:
        message = f"{FACTOR_NAMES[key]} must be a whole number from 0 to 100"
        number, problems = _percent(key, values.get(key, ""), message)
        failures += problems
        if number is not None:
            weights[key] = number
    if not failures and (total := sum(weights.values())) != 100:
        message = f"The weights add up to {total}%; they must add up to exactly 100%"
        failures.append(Failure("weights", message, total))
    if failures:
        raise ValidationFailed(failures)
    return weights


def save_weights(values: Mapping[str, object]) -> ReputationSettings:
    """Validate and store the weights; scores change at the next recompute, not here."""
    weights = validate_weights(values)
    # only the weights: the half-life, saved elsewhere, is never overwritten; the first save creates the row
    settings, _ = ReputationSettings.objects.update_or_create(pk=1, defaults={"weights": weights})
    return settings
