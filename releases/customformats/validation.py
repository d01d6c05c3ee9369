"""What a custom format must satisfy before it is saved, with Radarr's messages where it has them.

Failures name the condition and field they concern (`specifications[2].value`) so the settings form can
put each message next to its input, and API clients see which condition broke.
"""

from collections.abc import Callable, Sequence
from typing import Any

from radarr.api.errors import Failure
from releases.customformats.dotnet_regex import pattern_error
from releases.customformats.specifications import (
    INDEXER_FLAGS,
    MODIFIER_VALUES,
    RESOLUTIONS,
    SOURCE_VALUES,
    SPECIFICATIONS,
    fields_as_map,
)
from releases.languages import LANGUAGES_BY_ID

Check = Callable[[dict[str, Any], str], list[Failure]]


def validate_custom_format(name: str, specifications: Sequence[dict[str, Any]]) -> list[Failure]:
    """The format as a whole (name, at least one condition) and then every condition."""
    failures: list[Failure] = []
    if not name or not name.strip():
        failures.append(Failure("name", "'Name' must not be empty.", name))
    if not specifications:
        failures.append(Failure("specifications", "Must contain at least one Condition"))
    return failures + validate_specifications(specifications)


def validate_specifications(specifications: Sequence[dict[str, Any]]) -> list[Failure]:
    """Conditions in the stored shape (`{name, implementation, negate, required, fields: {...}}`)."""
    failures: list[Failure] = []
    for index, specification in enumerate(specifications):
        where = f"specifications[{index}]"
        implementation = specification.get("implementation") or ""
        name = specification.get("name")
        if not isinstance(name, str) or not name.strip():
            failures.append(
                Failure(f"{where}.name", "Condition name(s) cannot be empty or consist of only spaces", name)
            )
        if implementation not in SPECIFICATIONS:
            message = f"{implementation} is not a valid specification implementation"
            failures.append(Failure(f"{where}.implementation", message, implementation))
            continue
        failures += CHECKS[implementation](fields_as_map(specification.get("fields")), where)
    return failures


def _regex(fields: dict[str, Any], where: str) -> list[Failure]:
    value = fields.get("value")
    if not isinstance(value, str) or not value.strip():
        return [Failure(f"{where}.value", "Regex Pattern must not be empty", value)]
    if error := pattern_error(value):
        return [Failure(f"{where}.value", f"Invalid regular expression: {error}", value)]
    return []


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _choice(allowed: Callable[[int], bool], what: str) -> Check:
    """A select field: a whole number, not 0 (Radarr's NotEmpty), and one of the listed values."""

    def check(fields: dict[str, Any], where: str) -> list[Failure]:
        raw = fields.get("value")
        value = _whole_number(raw)
        if value is None or value == 0:
            return [Failure(f"{where}.value", f"'{what}' must not be empty.", raw)]
        if not allowed(value):
            return [Failure(f"{where}.value", f"Invalid {what} condition value: {raw}", raw)]
        return []

    return check


def _size(fields: dict[str, Any], where: str) -> list[Failure]:
    low, high = _number(fields.get("min", 0)), _number(fields.get("max", 0))
    if low is None or low < 0:
        return [Failure(f"{where}.min", "Minimum Size must be a number of GB, 0 or more", fields.get("min"))]
    if high is None or high <= low:
        return [
            Failure(
                f"{where}.max",
                f"Maximum Size must be greater than '{fields.get('min', 0)}'.",
                fields.get("max"),
            )
        ]
    return []


def _year(fields: dict[str, Any], where: str) -> list[Failure]:
    low, high = _whole_number(fields.get("min", 0)), _whole_number(fields.get("max", 0))
    if low is None or low <= 0:
        return [Failure(f"{where}.min", "Minimum Year must be greater than '0'.", fields.get("min"))]
    if high is None or high < low:
        message = f"Maximum Year must be greater than or equal to '{fields.get('min')}'."
        return [Failure(f"{where}.max", message, fields.get("max"))]
    return []


def _language_flag(fields: dict[str, Any], where: str) -> list[Failure]:
    flag = fields.get("exceptLanguage", False)
    if isinstance(flag, bool) or (isinstance(flag, str) and flag.lower() in ("true", "false")):
        return []
    return [Failure(f"{where}.exceptLanguage", "Except Language must be true or false", flag)]


def _language(fields: dict[str, Any], where: str) -> list[Failure]:
    return _choice(lambda value: value in LANGUAGES_BY_ID, "Language")(fields, where) + _language_flag(
        fields, where
    )


CHECKS: dict[str, Check] = {
    "ReleaseTitleSpecification": _regex,
    "EditionSpecification": _regex,
    "ReleaseGroupSpecification": _regex,
    "LanguageSpecification": _language,
    "IndexerFlagSpecification": _choice(lambda value: value in INDEXER_FLAGS, "indexer flag"),
    "SourceSpecification": _choice(lambda value: value in SOURCE_VALUES.values(), "Source"),
    "ResolutionSpecification": _choice(lambda value: value in RESOLUTIONS, "Resolution"),
    "QualityModifierSpecification": _choice(
        lambda value: value in MODIFIER_VALUES.values(), "quality modifier"
    ),
    "SizeSpecification": _size,
    "YearSpecification": _year,
}
