"""A set of ids worked out in Python used as a filter, in one query parameter whatever its size.

Rules written once in Python (availability, cutoff unmet) pick rows the database then pages and sorts:
`Movie.objects.filter(pk__in=in_ids(ids))`. A plain `pk__in=ids` sends one parameter per id, and SQLite
(32,766) and PostgreSQL's protocol (65,535) cap those below what a large library can reach.
"""

from collections.abc import Iterable

import orjson
from django.db import connection
from django.db.models.expressions import RawSQL


def in_ids(ids: Iterable[int]) -> RawSQL:
    """A subquery listing `ids`, from one JSON parameter."""
    values = orjson.dumps(sorted({int(pk) for pk in ids}))
    if connection.vendor == "postgresql":
        return RawSQL("SELECT jsonb_array_elements_text(%s::jsonb)::bigint", [values.decode()])
    return RawSQL("SELECT value FROM json_each(%s)", [values.decode()])
