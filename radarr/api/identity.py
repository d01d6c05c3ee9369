"""Which row a request means: the one in the path, else the id in the body (Overseerr, pyarr send none
in the path), answered with Radarr's 404 when it does not exist."""

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from radarr.api.errors import NotFound, ValidationFailed, invalid
from radarr.api.params import whole_number


def resource_id(path_id: int | None, body: dict[str, Any]) -> int:
    """Radarr uses the path id unless it is absent or 0; an id that is still not positive is a 400."""
    chosen = path_id or body.get("id")
    try:
        value = whole_number("id", chosen) if chosen is not None else 0
    except ValidationFailed:  # a text, a list, true...: the same answer as no id at all
        value = 0
    if value <= 0:
        raise invalid("id", "Id must be set, in the path or in the body", chosen)
    return value


def row_or_404[M: Model](rows: QuerySet[M], what: str, pk: int) -> M:
    """The row of `rows` with this id, else `{what} with ID {pk} does not exist` as a 404.

    `rows` is the queryset the endpoint serializes from (often `for_resource()`), so the row comes
    back with what its resource needs already loaded."""
    row = rows.filter(pk=pk).first()
    if row is None:
        raise NotFound(what, pk)
    return row


def row_to_save[M: Model](
    request: HttpRequest, rows: QuerySet[M], what: str, path_id: int | None, body: dict[str, Any]
) -> M | None:
    """None for a POST (a new row); for a PUT the row the path or body names, else a 404 or 400."""
    if request.method == "POST":
        return None
    return row_or_404(rows, what, resource_id(path_id, body))


def saved_status(request: HttpRequest) -> int:
    """Radarr answers a create with 201 Created and an update with 202 Accepted."""
    return 201 if request.method == "POST" else 202
