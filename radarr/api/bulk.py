"""What every provider family's bulk and test endpoints share (indexers, download clients,
notifications, custom formats, queue and blocklist)."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from radarr.api.errors import ApiError, Failure, ValidationFailed, invalid
from radarr.api.params import optional_whole_number, whole_number


def bulk_ids(body: dict[str, Any]) -> list[int]:
    """The `ids` of a bulk body (`{"ids": [1, 2]}`): a non-empty list of whole numbers, else a 400."""
    ids = body.get("ids")
    if not isinstance(ids, list) or not ids:
        raise ApiError(400, "ids must be provided")
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in ids):
        raise invalid("ids", "Ids must be whole numbers", ids)
    return [whole_number("ids", item) for item in ids]  # and within int32, as Radarr's are


def provider_test_results(rows: Iterable[Any], test: Callable[[Any], list[Failure]]) -> list[dict[str, Any]]:
    """POST /x/testall's answer: each row's id, whether it works, and its failures (warnings allowed)."""
    results = []
    for row in rows:
        failures = test(row)
        results.append(
            {
                "id": row.pk,
                "isValid": not any(failure.severity == "error" for failure in failures),
                "validationFailures": [failure.as_resource() for failure in failures],
            }
        )
    return results


def force_save_requested(request: HttpRequest) -> bool:
    """`?forceSave=true` saves without testing first (Prowlarr-style clients retry with it after a 400).

    Radarr binds it as a bool: true or false in any case (spaces around allowed); absent is false, and
    anything else (1, yes, an empty value) is a 400 before anything is read or saved."""
    value = request.query.get("forceSave")  # type: ignore[attr-defined]
    if value is None:
        return False
    if value.strip().lower() not in ("true", "false"):
        raise invalid("forceSave", f"The value '{value}' is not valid: forceSave is true or false", value)
    return value.strip().lower() == "true"


def saved_row_for_test[M: Model](rows: QuerySet[M], body: dict[str, Any]) -> M | None:
    """The saved row a provider test's body names by `id` (its masked secrets fill the test), if any."""
    row_id = optional_whole_number("id", body.get("id"))
    return rows.filter(pk=row_id).first() if row_id else None


def raise_test_errors(failures: Iterable[Failure]) -> None:
    """A provider test that failed with errors is a 400 listing them; warnings alone never block."""
    errors = [failure for failure in failures if failure.severity == "error"]
    if errors:
        raise ValidationFailed(errors)
