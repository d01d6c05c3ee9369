"""Radarr's paging envelope: `{page, pageSize, sortKey, sortDirection, totalRecords, records}`."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from radarr.api.errors import invalid
from radarr.api.params import QueryParams

_DIRECTIONS = {"ascending": "ascending", "0": "ascending", "descending": "descending", "1": "descending"}


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    page_size: int
    sort_key: str
    sort_direction: str  # "ascending" or "descending"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def envelope(self, total: int, records: list[Any]) -> dict[str, Any]:
        return {
            "page": self.page,
            "pageSize": self.page_size,
            "sortKey": self.sort_key,
            "sortDirection": self.sort_direction,
            "totalRecords": total,
            "records": records,
        }


def read_paging(
    query: QueryParams, sort_keys: Sequence[str], default_key: str, default_direction: str
) -> Paging:
    """Read page, pageSize, sortKey and sortDirection with Radarr's quirks.

    Page size defaults to 10 with no upper cap (Unpackerr asks for 2000). An unknown sortKey quietly
    falls back to the default. An omitted sortDirection means descending; only an explicit
    `default` picks the endpoint's own direction. A sortDirection that is not a direction is a 400.
    """
    page = query.get_int("page", 1) or 1
    page_size = query.get_int("pageSize", 10)
    if page < 1:
        raise invalid("page", "Page must be 1 or more", page)
    if page_size is None or page_size < 1:
        raise invalid("pageSize", "Page size must be 1 or more", page_size)
    requested_key = (query.get("sortKey") or "").lower()
    sort_key = next((key for key in sort_keys if key.lower() == requested_key), default_key)
    raw_direction = query.get("sortDirection")
    if raw_direction is None or raw_direction == "":
        direction = "descending"
    elif raw_direction.lower() in ("default", "2"):
        direction = default_direction
    elif raw_direction.lower() in _DIRECTIONS:
        direction = _DIRECTIONS[raw_direction.lower()]
    else:
        raise invalid("sortDirection", f"The value '{raw_direction}' is not valid", raw_direction)
    return Paging(page, page_size, sort_key, direction)


def paged_queryset(
    queryset: QuerySet, paging: Paging, order_fields: dict[str, str], serialize: Callable[[Any], dict]
) -> dict[str, Any]:
    """Sort a queryset by the sort key's field (then pk, for a stable order) and cut out the page."""
    field = order_fields[paging.sort_key]
    sign = "-" if paging.sort_direction == "descending" else ""
    ordered = queryset.order_by(f"{sign}{field}", f"{sign}pk")
    records = ordered[paging.offset : paging.offset + paging.page_size]
    return paging.envelope(queryset.count(), [serialize(row) for row in records])


def paged_list(items: Sequence[Any], paging: Paging, serialize: Callable[[Any], dict]) -> dict[str, Any]:
    """The same envelope over an already sorted in-memory sequence."""
    page = items[paging.offset : paging.offset + paging.page_size]
    return paging.envelope(len(items), [serialize(item) for item in page])
