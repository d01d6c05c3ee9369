"""Names matched without regard to case, as ASP.NET binds them: `?tmdbid=` is `tmdbId`."""

from typing import Any

from django.http import QueryDict

from radarr.api.errors import invalid

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


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
        return values[-1] if values else default

    def get_list(self, name: str) -> list[str]:
        """Repeated (`?id=1&id=2`) and comma-separated (`?ids=1,2`) forms both count."""
        return [part for value in self._values.get(name.lower(), []) for part in value.split(",") if part]

    def get_int(self, name: str, default: int | None = None) -> int | None:
        value = self.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise invalid(name, f"'{value}' is not a valid whole number", value) from None

    def get_int_list(self, name: str) -> list[int]:
        try:
            return [int(value) for value in self.get_list(name)]
        except ValueError:
            raise invalid(name, "Values must be whole numbers", self.get(name)) from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.get(name)
        if value is None or value == "":
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise invalid(name, f"'{value}' is not true or false", value)
