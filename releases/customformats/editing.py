"""Saving, importing, exporting and deleting custom formats: the one place these rows change.

A new format is given a score of 0 in every quality profile in the same transaction, as Radarr does:
Recyclarr and Radarr's own profile validation expect every profile to list every format.
"""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from radarr.api.errors import Failure, ValidationFailed
from radarr.commands import queue_command
from radarr.models import CommandTrigger
from releases.customformats.specifications import SPECIFICATIONS, fields_as_map, normalize_specification
from releases.customformats.validation import validate_custom_format
from releases.models import CustomFormat, ProfileFormatScore, QualityProfile


def specifications_from_input(raw: Any) -> list[dict[str, Any]]:
    """Conditions from API, import or form input, in the stored shape; anything not a list is empty."""
    if not isinstance(raw, list):
        return []
    return [normalize_specification(item) for item in raw if isinstance(item, dict)]


def save_custom_format(
    name: str,
    include_when_renaming: bool,
    specifications: list[dict[str, Any]],
    *,
    custom_format: CustomFormat | None = None,
) -> CustomFormat:
    """Create (no `custom_format`) or replace a format; raises ValidationFailed with every problem."""
    name = name.strip() if isinstance(name, str) else ""
    failures = validate_custom_format(name, specifications)
    taken = CustomFormat.objects.filter(name=name)
    if custom_format is not None:
        taken = taken.exclude(pk=custom_format.pk)
    if name and taken.exists():
        failures.insert(0, Failure("name", "Must be unique.", name))
    if failures:
        raise ValidationFailed(failures)
    try:
        with transaction.atomic():
            saved = _write(custom_format, name, include_when_renaming, specifications)
            reevaluate_library()
            return saved
    except IntegrityError:  # a concurrent save took the name between the check and the write
        raise ValidationFailed([Failure("name", "Must be unique.", name)]) from None


def _write(
    custom_format: CustomFormat | None, name: str, include: bool, specifications: list[dict[str, Any]]
) -> CustomFormat:
    created = custom_format is None
    custom_format = custom_format or CustomFormat()
    custom_format.name = name
    custom_format.include_custom_format_when_renaming = include
    custom_format.specifications = specifications
    custom_format.save()
    if created:
        ProfileFormatScore.objects.bulk_create(
            ProfileFormatScore(profile=profile, custom_format=custom_format, score=0)
            for profile in QualityProfile.objects.all()
        )
    return custom_format


def import_custom_format(data: Any) -> tuple[CustomFormat, bool]:
    """Radarr's or TRaSH's export JSON: creates the format, or replaces the one with the same name.

    Returns the format and whether it was created. Unknown keys (`trash_id`, `trash_scores`) are ignored.
    """
    if not isinstance(data, dict):
        raise ValidationFailed([Failure("json", "A custom format must be a JSON object")])
    fields = {str(key).lower(): value for key, value in data.items()}
    name = fields.get("name") if isinstance(fields.get("name"), str) else ""
    existing = CustomFormat.objects.filter(name=name.strip()).first()
    saved = save_custom_format(
        name,
        bool(fields.get("includecustomformatwhenrenaming", False)),
        specifications_from_input(fields.get("specifications")),
        custom_format=existing,
    )
    return saved, existing is None


def export_custom_format(custom_format: CustomFormat) -> dict[str, Any]:
    """Radarr's export shape: `fields` as an object map, as the UI's Export button and TRaSH write it."""
    return {
        "name": custom_format.name,
        "includeCustomFormatWhenRenaming": custom_format.include_custom_format_when_renaming,
        "specifications": [
            {
                "name": specification.get("name", ""),
                "implementation": specification.get("implementation", ""),
                "negate": bool(specification.get("negate")),
                "required": bool(specification.get("required")),
                "fields": stored_field_values(specification),
            }
            for specification in custom_format.specifications
        ],
    }


def stored_field_values(specification: dict[str, Any]) -> dict[str, Any]:
    """Every field the condition's kind defines: stored values in their given JSON types, else defaults."""
    kind = SPECIFICATIONS.get(specification.get("implementation") or "")
    stored = fields_as_map(specification.get("fields"))
    if kind is None:
        return dict(stored)
    return {field.name: stored.get(field.name, field.default) for field in kind.fields}


def delete_custom_formats(ids: Iterable[int]) -> int:
    """Delete formats by id; their profile scores go with them. Returns how many were deleted."""
    with transaction.atomic():
        deleted = CustomFormat.objects.filter(pk__in=list(ids)).delete()[1].get(CustomFormat._meta.label, 0)
        if deleted:
            reevaluate_library()
    return deleted


def reevaluate_library() -> None:
    """The library was weighed against formats or a profile that just changed: queue ReevaluateLibrary
    (files matched again, their cutoff judged) once this change commits. By the job's name: it lives in
    movies, which releases may not import. One still waiting in the queue takes this change too."""
    transaction.on_commit(lambda: queue_command("ReevaluateLibrary", trigger=CommandTrigger.UNSPECIFIED))
