"""The condition editor's form, shared by the custom format and auto tagging pages: rows posted as
`spec-<n>-<field>` read back into the stored condition shape, and failures placed on their row and field.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any

from radarr.api.errors import Failure

_ROW_KEY = re.compile(r"^spec-(\d+)-implementation$")
_LOCATED = re.compile(r"^specifications\[(\d+)\]\.(\w+)$")


def posted_conditions(
    data: Mapping[str, Any], kinds: Mapping[str, Any], value: Callable[[Any, str | None], Any]
) -> list[dict[str, Any]]:
    """The posted condition rows in the stored shape, in row order. `kinds` maps an implementation to
    its kind (with `fields`); `value` turns one posted field text into its stored value."""
    indexes = sorted(int(match.group(1)) for key in data if (match := _ROW_KEY.match(key)))
    conditions = []
    for index in indexes:
        prefix = f"spec-{index}-"
        implementation = data.get(prefix + "implementation", "")
        kind = kinds.get(implementation)
        fields = {
            definition.name: value(definition, data.get(prefix + definition.name))
            for definition in (kind.fields if kind else ())
        }
        conditions.append(
            {
                "name": data.get(prefix + "name", ""),
                "implementation": implementation,
                "negate": prefix + "negate" in data,
                "required": prefix + "required" in data,
                "fields": fields,
            }
        )
    return conditions


def failures_by_field(failures: list[Failure]) -> dict[tuple[int, str], list[str]]:
    """The messages of failures named `specifications[<n>].<field>`, by (row, field)."""
    located: dict[tuple[int, str], list[str]] = {}
    for failure in failures:
        if match := _LOCATED.match(failure.property_name):
            located.setdefault((int(match.group(1)), match.group(2)), []).append(failure.message)
    return located
