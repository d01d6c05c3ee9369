"""Which groups a list shows and in what order: the Scene Groups page (sorted, searched, paged) and
the v3 list. Each costs a fixed number of queries whatever the number of groups: one for the rows,
plus the count for the page's pager.
"""

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Case, F, FloatField, Func, IntegerField, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.http import QueryDict

from scenegroups.models import Confidence, SceneGroup, group_key

PAGE_SIZE = 50

SORTS: dict[str, str] = {  # the key kept in the URL -> the column header
    "group": "Group",
    "score": "Score",
    "confidence": "Confidence",
    "releases": "Releases seen",
    "indexers": "Indexers",
    "qualities": "Typical qualities",
    "lastSeen": "Last seen",
}
DEFAULT_SORT = "score"
# what a list row reads; the factor and outcome JSON stays in the database until a detail page asks
_ROW_FIELDS = (
    "key",
    "name",
    "score",
    "confidence",
    "releases",
    "indexers",
    "qualities",
    "last_seen",
    "pinned_score",
)


class JSONArrayLength(Func):
    """Number of items of a JSON list column (SQLite's json_array_length, PostgreSQL's jsonb one)."""

    function = "json_array_length"
    output_field = IntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="jsonb_array_length", **extra)


def effective_score() -> Coalesce:
    """The pin when there is one, the learned score otherwise (SceneGroup.effective_score in SQL)."""
    return Coalesce(Cast("pinned_score", FloatField()), F("score"))


def _confidence_rank() -> Case:
    return Case(
        When(confidence=Confidence.HIGH, then=Value(3)),
        When(confidence=Confidence.MEDIUM, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def _sort_expression(sort: str) -> Any:
    return {
        "group": F("key"),
        "score": effective_score(),
        "confidence": _confidence_rank(),
        "releases": F("releases"),
        "indexers": JSONArrayLength("indexers"),
        "qualities": KT("qualities__0"),  # the most common quality's name
        "lastSeen": F("last_seen"),
    }[sort]


def ordering(sort: str, descending: bool) -> list[OrderBy]:
    """The column's order, groups never seen (no value) last either way, then by name for ties."""
    expression = _sort_expression(sort)
    primary = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
    return [primary, F("key").asc()]


def ranked_groups() -> QuerySet[SceneGroup]:
    """Every group, best first (effective score, then name): the v3 list's order. One query."""
    return SceneGroup.objects.only(*_ROW_FIELDS).order_by(*ordering("score", descending=True))


@dataclass(frozen=True, slots=True)
class GroupQuery:
    """What the Scene Groups page was asked for; every field round-trips through the query string."""

    search: str = ""
    sort: str = DEFAULT_SORT
    descending: bool = True
    page: int = 1

    @classmethod
    def from_params(cls, params: QueryDict) -> "GroupQuery":
        """Anything unknown or malformed falls back to the default: best groups first."""
        sort = params.get("sort", "")
        page = params.get("page", "")
        return cls(
            search=params.get("search", "").strip()[:100],
            sort=sort if sort in SORTS else DEFAULT_SORT,
            descending=params.get("dir", "desc") != "asc",
            page=int(page) if page.isdigit() and int(page) > 0 else 1,
        )

    def params(self, **changes: Any) -> str:
        """This query as a query string with `changes` applied, for links."""
        query = replace(self, **changes)
        pairs = {
            "search": query.search,
            "sort": query.sort,
            "dir": "desc" if query.descending else "asc",
            "page": query.page if query.page > 1 else "",
        }
        return urlencode({key: value for key, value in pairs.items() if value != ""})

    def sort_links(self) -> dict[str, str]:
        """Each header's link: sorts by its column (numbers best first), or flips the current one."""
        return {
            key: self.params(
                sort=key,
                descending=not self.descending if key == self.sort else key not in ("group", "qualities"),
                page=1,
            )
            for key in SORTS
        }


def group_page(query: GroupQuery) -> Page:
    """One page of groups for the list: a count and one query for the rows."""
    groups = SceneGroup.objects.only(*_ROW_FIELDS)
    if query.search:
        groups = groups.filter(key__contains=group_key(query.search))
    groups = groups.order_by(*ordering(query.sort, query.descending))
    return Paginator(groups, PAGE_SIZE).get_page(query.page)
