"""The movie index's filter builder: conditions in Radarr's custom filter shape, applied together,
saved and reopened (also when Radarr's own UI saved them), unreadable ones left out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from movies.indexconditions import Condition, read_conditions
from movies.indexquery import IndexQuery, index_page
from radarr.models import CustomFilter
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def titles(query: IndexQuery) -> list[str]:
    return sorted(row["title"] for row in index_page(query).rows)


@pytest.fixture
def library():
    now = timezone.now()
    MovieFactory(
        title="Heat",
        year=1995,
        runtime=170,
        studio="Warner Bros.",
        genres=["Crime", "Drama"],
        size_on_disk=30 * 1024**3,
        added=now - timedelta(days=400),
        monitored=True,
    )
    MovieFactory(
        title="Arrival",
        year=2016,
        runtime=116,
        studio="Paramount",
        genres=["Drama", "Science Fiction"],
        size_on_disk=5 * 1024**3,
        added=now - timedelta(days=3),
        monitored=False,
    )
    MovieFactory(title="Alien", year=1979, runtime=117, studio="20th Century Fox", genres=["Horror"],
                 size_on_disk=0, added=now - timedelta(days=20), monitored=True)  # fmt: skip


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ([("year", "greaterThan", "1990")], ["Arrival", "Heat"]),
        ([("year", "greaterThan", "1990"), ("runtime", "lessThan", "150")], ["Arrival"]),
        ([("studio", "contains", "para")], ["Arrival"]),
        ([("title", "notContains", "a")], []),
        ([("genres", "contains", "Drama"), ("genres", "notContains", "Crime")], ["Arrival"]),
        ([("sizeOnDisk", "greaterThan", "10")], ["Heat"]),
        ([("added", "inLast", "30")], ["Alien", "Arrival"]),
        ([("added", "notInLast", "30")], ["Heat"]),
        ([("monitored", "equal", "no")], ["Arrival"]),
    ],
)
def test_conditions_filter_together(library, conditions, expected):
    keys, types, values = (list(part) for part in zip(*conditions, strict=True))

    assert titles(IndexQuery(conditions=read_conditions(keys, types, values))) == expected


def test_unreadable_conditions_are_left_out(library):
    kept = read_conditions(["year", "bogus", "year", "title"], ["greaterThan", "equal", "inLast", "contains"],
                           ["x", "1", "5", ""])  # fmt: skip

    assert kept == (Condition("year", "greaterThan", "x"),)  # known field and operator; the value...
    assert titles(IndexQuery(conditions=kept)) == ["Alien", "Arrival", "Heat"]  # ...not a number: skipped


def test_the_builder_round_trips_through_the_page_and_is_saved_in_radarrs_shape(admin_client, library):
    body = admin_client.get("/?view=table&ck=year&ct=greaterThan&cv=1990&ck=studio&ct=contains&cv=warner")

    page = body.content.decode()
    assert "Heat" in page and "Arrival" not in page.split('id="movies"', 1)[1]
    assert 'value="warner"' in page  # the row is shown filled in, with a blank one after it
    params = "ck=year&ct=greaterThan&cv=1990&ck=studio&ct=contains&cv=warner"
    admin_client.post("/movies/filters", {"label": "Old Warner", "params": params})

    saved = CustomFilter.objects.get(label="Old Warner")
    assert {"key": "year", "value": "1990", "type": "greaterThan"} in saved.filters
    assert {"key": "studio", "value": "warner", "type": "contains"} in saved.filters


def test_a_filter_saved_by_radarrs_ui_opens_with_its_conditions(admin_client, library):
    CustomFilter.objects.create(type="movieIndex", label="Unwatched", filters=[
        {"key": "monitored", "value": False, "type": "equal"},
        {"key": "year", "value": [2016], "type": "equal"},
    ])  # fmt: skip

    page = admin_client.get("/").content.decode()
    link = page.split(">Unwatched<", 1)[0].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    shown = admin_client.get("/" + link).content.decode().split('id="movies"', 1)[1]

    assert "Arrival" in shown and "Heat" not in shown and "Alien" not in shown
