"""Radarr's error bodies: `{message, description}` for errors, a list of failures for validation."""

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
            "attemptedValue": self.attempted_value,
            "severity": self.severity,
            "errorCode": self.error_code,
            "isWarning": self.severity == "warning",
        }
        if self.attempted_value is None:
            del resource["attemptedValue"]
        return resource


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
