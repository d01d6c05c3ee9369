"""What a v3 command body may carry: each property its job takes must have the type the job declares.

The body is stored and handed to the job later by the worker, so a wrong type (`"movieIds": "AAA"`)
is refused when the command is posted rather than stored and failing in the background.
"""

import types
import typing
from typing import Any, get_args, get_origin, get_type_hints

from django.utils.module_loading import import_string

from radarr.api.errors import Failure
from radarr.api.params import INT32_MAX, INT32_MIN
from radarr.commands import _snake_case
from radarr.jobs import Job

_NAMES = {int: "a whole number", str: "text", bool: "true or false", list: "a list"}


def command_body_failures(job: Job, body: dict[str, Any]) -> list[Failure]:
    """A failure for each body property the job takes whose value has another type."""
    hints = get_type_hints(import_string(job.function))
    failures = []
    for key, value in body.items():
        hint = hints.get(_snake_case(key))
        if key != "return" and hint is not None and not _matches(value, hint):
            failures.append(Failure(key, f"'{key}' must be {_describe(hint)}", value))
    return failures


def _matches(value: Any, hint: Any) -> bool:
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, option) for option in get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list or hint is list:
        item = (get_args(hint) or (Any,))[0]
        return isinstance(value, list) and all(_matches(element, item) for element in value)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:  # JSON true is not 1 here, and the database column is bounded
        return isinstance(value, int) and not isinstance(value, bool) and INT32_MIN <= value <= INT32_MAX
    if hint is str:
        return isinstance(value, str)
    return True  # Any, and shapes the job checks itself (manual import files)


def _describe(hint: Any) -> str:
    options = [option for option in get_args(hint) if option is not type(None)] or [hint]
    kind = get_origin(options[0]) or options[0]
    if kind is list and get_args(options[0]) == (int,):
        return "a list of whole numbers"
    return _NAMES.get(kind, "of another type")
