"""The movie index's filter builder: conditions `{key, type, value}` in Radarr's custom filter shape
(the keys and types its UI writes), turned into one database filter each. A condition this index
cannot read (an unknown key or type, a value of the wrong kind) is left out, never an error."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from movies.models import MovieVersion
from radarr.api.params import int_or_none

GIB = 1024**3


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    kind: str  # text, number, size (GiB), date, bool, genre, version (an extra version's name)
    column: str


FIELDS: dict[str, Field] = {
    "title": Field("Title", "text", "title"),
    "year": Field("Year", "number", "year"),
    "runtime": Field("Runtime (minutes)", "number", "runtime"),
    "studio": Field("Studio", "text", "studio"),
    "certification": Field("Certification", "text", "certification"),
    "genres": Field("Genre", "genre", "genres"),
    "path": Field("Path", "text", "path"),
    "sizeOnDisk": Field("Size on disk (GiB)", "size", "size_on_disk"),
    "added": Field("Added", "date", "added"),
    "inCinemas": Field("In cinemas", "date", "in_cinemas"),
    "digitalRelease": Field("Digital release", "date", "digital_release"),
    "physicalRelease": Field("Physical release", "date", "physical_release"),
    "monitored": Field("Monitored", "bool", "monitored"),
    "hasFile": Field("Has file", "bool", "has_file"),
    "version": Field("Version (name)", "version", "versions"),  # ours: extra versions (issue 21)
}

_COMPARE = [("equal", "is"), ("notEqual", "is not"), ("greaterThan", "more than"), ("lessThan", "less than")]
OPERATORS: dict[str, list[tuple[str, str]]] = {
    "text": [("contains", "contains"), ("notContains", "does not contain"), ("equal", "is")],
    "genre": [("contains", "includes"), ("notContains", "does not include")],
    "number": _COMPARE,
    "size": [("greaterThan", "more than"), ("lessThan", "less than")],
    "date": [
        ("inLast", "in the last (days)"),
        ("notInLast", "not in the last (days)"),
        ("inNext", "in the next (days)"),
        ("greaterThan", "after (YYYY-MM-DD)"),
        ("lessThan", "before (YYYY-MM-DD)"),
    ],
    "bool": [("equal", "is (yes or no)")],
    "version": [("equal", "has version"), ("notEqual", "has no version"), ("missing", "is missing version")],
}
ALL_OPERATORS = {name: label for choices in OPERATORS.values() for name, label in choices}


@dataclass(frozen=True, slots=True)
class Condition:
    key: str
    type: str
    value: str

    def as_filter(self) -> dict[str, Any]:
        """Radarr's custom filter shape, as saved and as /api/v3/customfilter serves it."""
        return {"key": self.key, "value": self.value, "type": self.type}


def read_conditions(keys: list[str], types: list[str], values: list[str]) -> tuple[Condition, ...]:
    """The builder's rows (parallel lists from the query string) that name a known field and operator."""
    rows = zip(keys, types, values, strict=False)
    return tuple(
        Condition(key, kind, value.strip()[:200])
        for key, kind, value in rows
        if key in FIELDS and kind in dict(OPERATORS[FIELDS[key].kind]) and value.strip()
    )


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _compare(column: str, kind: str, value: Any) -> Q:
    lookups = {"equal": "", "notEqual": "", "greaterThan": "__gt", "lessThan": "__lt"}
    condition = Q(**{f"{column}{lookups[kind]}": value})
    return ~condition if kind == "notEqual" else condition


def _date_q(field: Field, kind: str, value: str) -> Q | None:
    today = timezone.localdate()
    column = field.column if field.column != "added" else "added__date"
    if kind in ("inLast", "notInLast", "inNext"):
        days = int_or_none(value, minimum=0, maximum=36500)
        if days is None:
            return None
        if kind == "inNext":
            return Q(**{f"{column}__range": (today, today + timedelta(days=days))})
        recent = Q(**{f"{column}__range": (today - timedelta(days=days), today)})
        return ~recent if kind == "notInLast" else recent
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return _compare(column, kind, day)


def _version_q(kind: str, name: str) -> Q:
    """Movies with (or without) an extra version of that name (a template's, or one added by hand);
    "missing": the version is there without its file, as the index's Missing filter reads a movie."""
    versions = MovieVersion.objects.filter(movie_id=OuterRef("pk"), name__iexact=name)
    if kind == "missing":
        return Q(Exists(versions.filter(has_file=False)))
    return Q(Exists(versions)) if kind == "equal" else ~Q(Exists(versions))


def condition_q(condition: Condition) -> Q | None:
    """One condition as a filter on Movie; None when its value cannot be read for its field."""
    field = FIELDS[condition.key]
    kind, value = condition.type, condition.value
    if field.kind == "version":
        return _version_q(kind, value)
    if field.kind == "text":
        if kind == "equal":
            return Q(**{f"{field.column}__iexact": value})
        matched = Q(**{f"{field.column}__icontains": value})
        return ~matched if kind == "notContains" else matched
    if field.kind == "genre":  # a JSON list: the quoted name in its text, on SQLite and PostgreSQL
        matched = Q(builder_genres__icontains=f'"{value}"')
        return ~matched if kind == "notContains" else matched
    if field.kind in ("number", "size"):
        number = _number(value)
        if number is None:
            return None
        return _compare(field.column, kind, number * GIB if field.kind == "size" else number)
    if field.kind == "bool":
        answer = {"yes": True, "true": True, "no": False, "false": False}.get(value.lower())
        return None if answer is None else Q(**{field.column: answer})
    return _date_q(field, kind, value)


def apply_conditions(movies: Any, conditions: tuple[Condition, ...]) -> Any:
    if any(FIELDS[condition.key].kind == "genre" for condition in conditions):
        movies = movies.alias(builder_genres=Cast("genres", output_field=TextField()))
    for condition in conditions:
        q = condition_q(condition)
        if q is not None:
            movies = movies.filter(q)
    return movies
