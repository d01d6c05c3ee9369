"""The Calendar page: month, week and agenda views, colours by status, HTMX navigation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from movies.calendar import calendar_range
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_the_month_view_shows_this_months_releases_coloured_by_status(admin_client):
    today = timezone.localdate()
    MovieFactory(
        title="Owned Film", has_file=True, in_cinemas=today, digital_release=None, physical_release=None
    )
    MovieFactory(
        title="Coming Film", in_cinemas=None, digital_release=today + timedelta(days=1), physical_release=None
    )

    response = admin_client.get("/calendar")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="event downloaded"' in html and "Owned Film" in html
    assert "Coming Film" in html and "Digital Release" in html


def test_navigation_with_htmx_swaps_only_the_calendar(admin_client):
    response = admin_client.get("/calendar?view=week", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="calendar"')
    assert "<html" not in html


def test_the_agenda_lists_only_days_with_releases(admin_client):
    MovieFactory(title="Soon", in_cinemas=timezone.localdate() + timedelta(days=3))

    html = admin_client.get("/calendar?view=agenda").content.decode()

    assert "Soon" in html and html.count("<h2>") == 1


def test_a_month_grid_starts_on_the_first_weekday_and_covers_whole_weeks():
    span = calendar_range("month", date(2026, 2, 14), first_weekday=0)

    assert span.start == date(2026, 1, 26) and span.start.weekday() == 0
    assert span.end == date(2026, 3, 1) and (span.end - span.start).days + 1 == 35
    assert span.previous == date(2026, 1, 1) and span.next == date(2026, 3, 1)
