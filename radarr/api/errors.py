"""Radarr's error bodies: `{message, description}` for errors, a list of failures for validation."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from django.http import HttpResponse


class ApiError(Exception):
    """Raised anywhere below an API view; answered as `{"message", "description"}` with `status`."""

    def __init__(self, status: int, message: str, description: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.description = description

    def response(self) -> HttpResponse:
        body: dict[str, Any] = {"message": self.message}
        if self.description:
            body["description"] = self.description
        return HttpResponse(orjson.dumps(body), status=self.status, content_type="application/json")


class NotFound(ApiError):
    def __init__(self, what: str = "Resource", key: object = None) -> None:
        suffix = f" with ID {key}" if key is not None else ""
        super().__init__(404, f"{what}{suffix} does not exist", "NotFound")


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed rule, as FluentValidation reports it in Radarr."""

    property_name: str
    message: str
    attempted_value: Any = None
    severity: str = "error"
    error_code: str = "PredicateValidator"

    def as_resource(self) -> dict[str, Any]:
        resource = {
            "propertyName": self.property_name,
            "errorMessage": self.message,
            "attemptedValue": echoable(self.attempted_value),
            "severity": self.severity,
            "errorCode": self.error_code,
            "isWarning": self.severity == "warning",
        }
        if self.attempted_value is None:
            del resource["attemptedValue"]
        return resource


_ECHO_LIMIT = 1000  # characters of an attempted value shown back: a 10 MB string needs no echo


def echoable(value: Any, depth: int = 0) -> Any:
    """A client's value as JSON can show it back: numbers JSON or orjson cannot hold (past 64 bits,
    NaN, infinities) become their text, long texts are cut, and deep structures are summarised."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if -(2**63) <= value < 2**64 else _short(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return value if len(value) <= _ECHO_LIMIT else value[:_ECHO_LIMIT] + "…"
    if depth < 3 and isinstance(value, list):
        return [echoable(item, depth + 1) for item in value[:100]]
    if depth < 3 and isinstance(value, dict):
        return {str(key): echoable(item, depth + 1) for key, item in list(value.items())[:100]}
    return _short(value)


def _short(value: Any) -> str:
    """Text of any value, even an int past Python's 4,300-digit conversion limit."""
    if isinstance(value, int):
        return f"a {value.bit_length()}-bit number"
    text = repr(value)
    return text if len(text) <= _ECHO_LIMIT else text[:_ECHO_LIMIT] + "…"


class ValidationFailed(ApiError):
    """400 with Radarr's array of `{propertyName, errorMessage, attemptedValue, severity, ...}`."""

    def __init__(self, failures: Iterable[Failure]) -> None:
        self.failures = list(failures)
        super().__init__(400, "; ".join(f"{f.property_name}: {f.message}" for f in self.failures))

    def response(self) -> HttpResponse:
        body = orjson.dumps([failure.as_resource() for failure in self.failures])
        return HttpResponse(body, status=400, content_type="application/json")


def invalid(property_name: str, message: str, attempted_value: Any = None) -> ValidationFailed:
    """Shorthand for the common single-failure case: `raise invalid("name", "Name must be set")`."""
    return ValidationFailed([Failure(property_name, message, attempted_value)])
