"""Saved filters of the movie index, kept as Radarr's custom filters (type `movieIndex`, the same rows
/api/v3/customfilter serves): the filter builder's conditions as Radarr writes them (`{key, value,
type}` with Radarr's keys: title, year, sizeOnDisk...), and the index's other filters as
`{key, value, type: "equal"}` with our query names, so a saved filter opens as the index it was saved
from, and one saved by Radarr's own UI opens with the conditions this index can read."""

from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

from django.http import QueryDict

from movies.indexconditions import FIELDS, read_conditions
from movies.indexquery import IndexQuery
from radarr.models import CustomFilter

INDEX_FILTER_TYPE = "movieIndex"
_NOT_SAVED = {"view", "select", "page", "ck", "ct", "cv"}  # how it is shown; the builder's rows apart
LABEL_LIMIT = 200


@dataclass(frozen=True, slots=True)
class SavedFilter:
    pk: int
    label: str
    params: str  # the index's query string


def save_index_filter(label: str, query: IndexQuery) -> CustomFilter | None:
    """Save what the index shows now under `label`; None when the label is empty or nothing is filtered."""
    label = label.strip()[:LABEL_LIMIT]
    conditions = [
        {"key": key, "value": value, "type": "equal"}
        for key, value in parse_qsl(query.params())
        if key not in _NOT_SAVED
    ] + [condition.as_filter() for condition in query.conditions]
    if not label or not conditions:
        return None
    return CustomFilter.objects.create(type=INDEX_FILTER_TYPE, label=label, filters=conditions)


def saved_index_filters(view: str) -> list[SavedFilter]:
    """Every saved index filter as a link in the current view; conditions this index does not know
    (saved by another client, such as Radarr's own UI keys) are left out of the link."""
    saved = []
    for row in CustomFilter.objects.filter(type=INDEX_FILTER_TYPE):
        text = QueryDict(mutable=True)
        built: list[tuple[str, str, str]] = []
        for condition in row.filters:
            if not isinstance(condition, dict) or not isinstance(condition.get("key"), str):
                continue
            key, value, kind = condition["key"], condition.get("value", ""), str(condition.get("type", ""))
            if key in FIELDS:  # a builder condition; Radarr's UI may save a list of values
                for item in value if isinstance(value, list) else [value]:
                    built.append((key, kind, str(item).lower() if isinstance(item, bool) else str(item)))
            else:
                text[key] = str(value)
        query = IndexQuery.from_params(text, default_view=view)
        query = replace(
            query, conditions=read_conditions(*map(list, zip(*built, strict=True))) if built else ()
        )
        saved.append(SavedFilter(row.pk, row.label, query.params(view=view)))
    return saved
