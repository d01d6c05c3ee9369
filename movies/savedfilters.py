"""Saved filters of the movie index, kept as Radarr's custom filters (type `movieIndex`, the same rows
/api/v3/customfilter serves): each condition is `{key, value, type: "equal"}` with our index's query
names as keys, so a saved filter opens as the index link it was saved from."""

from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.http import QueryDict

from movies.indexquery import IndexQuery
from radarr.models import CustomFilter

INDEX_FILTER_TYPE = "movieIndex"
_NOT_SAVED = {"view", "select", "page"}  # how the list is shown, not what it holds
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
    ]
    if not label or not conditions:
        return None
    return CustomFilter.objects.create(type=INDEX_FILTER_TYPE, label=label, filters=conditions)


def saved_index_filters(view: str) -> list[SavedFilter]:
    """Every saved index filter as a link in the current view; conditions this index does not know
    (saved by another client, such as Radarr's own UI keys) are left out of the link."""
    saved = []
    for row in CustomFilter.objects.filter(type=INDEX_FILTER_TYPE):
        text = QueryDict(mutable=True)
        for condition in row.filters:
            if isinstance(condition, dict) and isinstance(condition.get("key"), str):
                text[condition["key"]] = str(condition.get("value", ""))
        query = IndexQuery.from_params(text, default_view=view)
        saved.append(SavedFilter(row.pk, row.label, query.params(view=view)))
    return saved
