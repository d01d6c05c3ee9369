"""Names matched without regard to case, as ASP.NET binds them (`?tmdbid=` is `tmdbId`), and the one
reader of whole numbers and lists of ids from queries and bodies, with Radarr's int32 bounds."""

import math
import re
from typing import Any

from django.http import QueryDict

from radarr.api.errors import ValidationFailed, invalid

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1  # Radarr's ids and counts are int32: larger is a 400 there too
_WHOLE = re.compile(r"^[+-]?[0-9]{1,20}$")  # a length cap: int() of a 5,000-digit text is itself an error


def whole_number(
    name: str, value: Any, *, minimum: int = INT32_MIN, maximum: int = INT32_MAX, text: bool = False
) -> int:
    """`value`, a JSON number (or with `text`, as in a query string, its decimal text), as an int within
    [minimum, maximum], else a 400.

    Refused rather than coerced, as Radarr's JSON binder refuses them: true/false (Python counts them
    as 1 and 0), texts in a body, fractions, NaN and infinities, lists and objects, and numbers past the
    bounds (the database would overflow)."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif text and isinstance(value, str) and _WHOLE.match(value.strip()):
        number = int(value.strip())
    if number is None:
        raise invalid(name, f"'{name}' must be a whole number", value)
    if not minimum <= number <= maximum:
        raise invalid(name, f"'{name}' must be between {minimum} and {maximum}", value)
    return number


def int_or_none(text: str, *, minimum: int = INT32_MIN, maximum: int = INT32_MAX) -> int | None:
    """Form or URL text as an int when it is one (ASCII digits, within bounds), else None.

    Where a page skips or reports an unusable value itself: `str.isdigit()` also passes "²" and
    digit strings past any column, which int() or the database then turned into a 500."""
    try:
        return whole_number("", text, minimum=minimum, maximum=maximum, text=True)
    except ValidationFailed:
        return None


def optional_whole_number(name: str, value: Any, **bounds: int) -> int | None:
    """whole_number, with null (and an empty text) meaning "not given"."""
    if value is None or value == "":
        return None
    return whole_number(name, value, **bounds)


def id_list(name: str, value: Any) -> list[int]:
    """A JSON array of ids (`"movieIds": [1, 2]`); anything else, or an item that is not one, is a 400."""
    if not isinstance(value, list):
        raise invalid(name, f"'{name}' must be a list of ids", value)
    return [whole_number(name, item, minimum=0) for item in value]


def _without_nul(name: str, value: str) -> str:
    """Query text as given; a NUL character is refused (PostgreSQL cannot compare or store one)."""
    if "\x00" in value:
        raise invalid(name, "Text may not contain a NUL character", value.replace("\x00", "\\0"))
    return value


def optional_text(name: str, value: Any) -> str | None:
    """A JSON string, or None when null or absent; any other type is a 400, never its str()."""
    if value is None or isinstance(value, str):
        return value
    raise invalid(name, f"'{name}' must be text", value)


def optional_bool(name: str, value: Any) -> bool | None:
    """A JSON true or false, or None when null or absent; anything else is a 400, not its truthiness."""
    if value is None or isinstance(value, bool):
        return value
    raise invalid(name, f"'{name}' must be true or false", value)


class InsensitiveDict(dict[str, Any]):
    """A JSON object whose keys are found ignoring case; iteration keeps the client's spelling."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self._folded = {key.lower(): key for key in data}

    def _key(self, key: str) -> str:
        return self._folded.get(key.lower(), key)

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(self._key(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._folded

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(self._key(key), default)


class QueryParams:
    """Read access to the query string with case-insensitive names and typed getters."""

    def __init__(self, query: QueryDict) -> None:
        self._values: dict[str, list[str]] = {}
        for name, values in query.lists():
            self._values.setdefault(name.lower(), []).extend(values)

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._values

    def get(self, name: str, default: str | None = None) -> str | None:
        values = self._values.get(name.lower())
        return _without_nul(name, values[-1]) if values else default

    def get_list(self, name: str) -> list[str]:
        """Repeated (`?id=1&id=2`) and comma-separated (`?ids=1,2`) forms both count."""
        values = [_without_nul(name, value) for value in self._values.get(name.lower(), [])]
        return [part for value in values for part in value.split(",") if part]

    def get_int(
        self, name: str, default: int | None = None, *, minimum: int = INT32_MIN, maximum: int = INT32_MAX
    ) -> int | None:
        value = self.get(name)
        if value is None or value == "":
            return default
        return whole_number(name, value, minimum=minimum, maximum=maximum, text=True)

    def get_int_list(self, name: str) -> list[int]:
        return [whole_number(name, value, text=True) for value in self.get_list(name)]

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.get(name)
        if value is None or value == "":
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise invalid(name, f"'{value}' is not true or false", value)
