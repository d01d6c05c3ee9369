"""Saving and deleting auto tagging rules, validated with Radarr's rules and messages; the one place
AutoTag rows change. As in Radarr, a saved rule tags movies at their next add, refresh or edit.
"""

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from movies.autotagging import CONDITIONS, STATUS_VALUES, text_list, whole_number
from movies.models import AutoTag
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import INT32_MAX, InsensitiveDict
from radarr.models import Tag

Check = Callable[[dict[str, Any], str], list[Failure]]


@dataclass
class AutoTagInput:
    name: str
    remove_tags_automatically: bool
    tag_ids: list[int]
    specifications: list[dict[str, Any]]


def specification_from_input(raw: Any) -> dict[str, Any]:
    """One condition in the stored shape from the API's `{..., fields: [{name, value}]}` (or an object map
    of fields); keys and field names are matched ignoring case, unknown fields dropped."""
    body = InsensitiveDict(raw if isinstance(raw, dict) else {})
    implementation = body.get("implementation")
    implementation = implementation if isinstance(implementation, str) else ""
    given = body.get("fields")
    if isinstance(given, list):
        given = {
            str(item.get("name")).lower(): item.get("value")
            for item in (InsensitiveDict(i) for i in given if isinstance(i, dict))
            if item.get("name") is not None
        }
    elif isinstance(given, dict):
        given = {str(key).lower(): value for key, value in given.items()}
    else:
        given = {}
    kind = CONDITIONS.get(implementation)
    fields = {f.name: given[f.name.lower()] for f in kind.fields if f.name.lower() in given} if kind else {}
    name = body.get("name")
    return {
        "name": name if isinstance(name, str) else "",
        "implementation": implementation,
        "negate": body.get("negate") is True,
        "required": body.get("required") is True,
        "fields": fields,
    }


def _holds_nul(value: Any) -> bool:
    """Whether a text anywhere in `value` holds a NUL character (PostgreSQL can neither store nor
    compare one)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


def validate_auto_tag(rule: AutoTagInput, existing: AutoTag | None) -> list[Failure]:
    if _holds_nul(rule.name) or _holds_nul(rule.specifications):
        return [Failure("", "Text may not contain a NUL character")]
    failures: list[Failure] = []
    if not rule.name.strip():
        failures.append(Failure("Name", "'Name' must not be empty.", rule.name))
    else:
        taken = AutoTag.objects.filter(name=rule.name)
        if existing is not None:
            taken = taken.exclude(pk=existing.pk)
        if taken.exists():
            failures.append(Failure("Name", "Must be unique.", rule.name))
    if not rule.tag_ids:
        failures.append(Failure("Tags", "'Tags' must not be empty.", rule.tag_ids))
    elif unknown := sorted(set(rule.tag_ids) - _existing_tag_ids(rule.tag_ids)):
        failures.append(Failure("Tags", f"Tag {unknown[0]} does not exist", rule.tag_ids))
    if not rule.specifications:
        failures.append(Failure("Specifications", "'Specifications' must not be empty.", []))
        failures.append(Failure("", "Must contain at least one Condition"))
    if any(not spec["name"].strip() for spec in rule.specifications):
        failures.append(Failure("", "Condition name(s) cannot be empty or consist of only spaces"))
    for index, specification in enumerate(rule.specifications):
        failures += _condition_failures(specification, f"specifications[{index}]")
    return failures


def _existing_tag_ids(tag_ids: list[int]) -> set[int]:
    """Those of `tag_ids` that name a tag (ids past int32 name none, and PostgreSQL refuses them)."""
    in_range = [tag_id for tag_id in tag_ids if 0 < tag_id <= INT32_MAX]
    return set(Tag.objects.filter(pk__in=in_range).values_list("pk", flat=True))


def _condition_failures(specification: dict[str, Any], where: str) -> list[Failure]:
    implementation = specification["implementation"]
    if implementation not in CONDITIONS:
        message = f"{implementation} is not a valid specification implementation"
        return [Failure(f"{where}.implementation", message, implementation)]
    return CHECKS[implementation](specification["fields"], where)


def _not_empty_list(fields: dict[str, Any], where: str) -> list[Failure]:
    if text_list(fields.get("value")):
        return []
    return [Failure(f"{where}.value", "'Value' must not be empty.", fields.get("value"))]


def _at_least(bound: int, inclusive: bool, name: str = "value") -> Check:
    def check(fields: dict[str, Any], where: str) -> list[Failure]:
        value = whole_number(fields.get(name, 0))
        if value is not None and (value >= bound if inclusive else value > bound):
            return []
        words = "greater than or equal to" if inclusive else "greater than"
        label = name.capitalize()
        return [Failure(f"{where}.{name}", f"'{label}' must be {words} '{bound}'.", fields.get(name))]

    return check


def _root_folder(fields: dict[str, Any], where: str) -> list[Failure]:
    value = fields.get("value")
    if isinstance(value, str) and posixpath.isabs(value.strip()) and "\0" not in value:
        return []
    return [Failure(f"{where}.value", "Invalid Path", value)]


def _status(fields: dict[str, Any], where: str) -> list[Failure]:
    value = whole_number(fields.get("status", 0))
    if value in STATUS_VALUES.values():
        return []
    raw = fields.get("status")
    return [Failure(f"{where}.status", f"Invalid status type condition value: {raw}", raw)]


def _range(minimum_above: int, minimum_inclusive: bool) -> Check:
    """Runtime: min >= 0; Year: min > 0. Both: max set (not 0) and >= min."""

    def check(fields: dict[str, Any], where: str) -> list[Failure]:
        failures = _at_least(minimum_above, minimum_inclusive, "min")(fields, where)
        low, high = whole_number(fields.get("min", 0)), whole_number(fields.get("max", 0))
        if not high:
            failures.append(Failure(f"{where}.max", "'Max' must not be empty.", fields.get("max")))
        elif low is not None and high < low:
            message = f"'Max' must be greater than or equal to '{low}'."
            failures.append(Failure(f"{where}.max", message, fields.get("max")))
        return failures

    return check


def _nothing(fields: dict[str, Any], where: str) -> list[Failure]:
    return []


CHECKS: dict[str, Check] = {
    "MonitoredSpecification": _nothing,
    "OriginalLanguageSpecification": _at_least(0, True),
    "QualityProfileSpecification": _at_least(0, False),
    "RootFolderSpecification": _root_folder,
    "RuntimeSpecification": _range(0, True),
    "StatusSpecification": _status,
    "StudioSpecification": _not_empty_list,
    "TagSpecification": _at_least(0, False),
    "YearSpecification": _range(0, False),
    "GenreSpecification": _not_empty_list,
    "KeywordSpecification": _not_empty_list,
}


def save_auto_tag(rule: AutoTagInput, existing: AutoTag | None = None) -> AutoTag:
    """Create (no `existing`) or replace a rule; raises ValidationFailed with every problem."""
    if failures := validate_auto_tag(rule, existing):
        raise ValidationFailed(failures)
    auto_tag = existing or AutoTag()
    auto_tag.name = rule.name
    auto_tag.remove_tags_automatically = rule.remove_tags_automatically
    auto_tag.specifications = rule.specifications
    try:
        with transaction.atomic():
            auto_tag.save()
            auto_tag.tags.set(rule.tag_ids)
    except IntegrityError:  # a concurrent save took the name between the check and the write
        raise ValidationFailed([Failure("Name", "Must be unique.", rule.name)]) from None
    return auto_tag


def delete_auto_tag(auto_tag: AutoTag) -> None:
    """A deleted rule leaves the tags it gave where they are (as Radarr)."""
    auto_tag.delete()


def rule_input(
    name: Any, remove_tags_automatically: Any, tags: Any, specifications: Sequence[Any] | Any
) -> AutoTagInput:
    """An AutoTagInput from loosely typed values (API body, form); wrong types become empty values
    that validation then names."""
    tag_ids = (
        [t for t in (whole_number(item) for item in tags or ()) if t is not None]
        if isinstance(tags, list)
        else []
    )
    return AutoTagInput(
        name=name.strip() if isinstance(name, str) else "",
        remove_tags_automatically=remove_tags_automatically is True,
        tag_ids=sorted(set(tag_ids)),
        specifications=[specification_from_input(item) for item in specifications]
        if isinstance(specifications, list)
        else [],
    )
