"""The calendar's weeks start on Settings → UI's first day of week; the iCal feed does not care."""

import json
import re
from datetime import date, timedelta

import icalendar
import pytest
from django.conf import settings
from django.utils import timezone

from radarr.models import UiConfig
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def set_first_day(day_of_week: int) -> None:
    UiConfig.objects.update_or_create(pk=1, defaults={"first_day_of_week": day_of_week})


def headers(html: str) -> list[str]:
    return re.findall(r'<div class="weekday">([^<]*)</div>', html)


def test_the_month_grid_starts_on_sunday_by_default(admin_client):
    response = admin_client.get("/calendar?view=month&start=2026-02-14")

    days = response.context["days"]
    assert days[0].day == date(2026, 2, 1) and days[0].day.weekday() == 6  # 1 February 2026 is a Sunday
    assert headers(response.content.decode())[0] == "Sun"


def test_the_month_grid_starts_on_monday_when_the_ui_setting_says_so(admin_client, api_client):
    body = api_client.get("/api/v3/config/ui").json() | {"firstDayOfWeek": 1}
    api_client.put("/api/v3/config/ui/1", json.dumps(body), content_type="application/json")

    response = admin_client.get("/calendar?view=month&start=2026-02-14")

    days = response.context["days"]
    assert days[0].day == date(2026, 1, 26) and days[-1].day == date(2026, 3, 1)
    assert all(day.day.weekday() == 0 for day in days[::7])  # every row begins on a Monday
    assert headers(response.content.decode()) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@pytest.mark.parametrize(
    ("first_day", "expected_start"),
    [(0, date(2026, 3, 1)), (1, date(2026, 3, 2)), (6, date(2026, 2, 28))],
)
def test_a_week_view_starts_on_the_chosen_day(admin_client, first_day, expected_start):
    set_first_day(first_day)

    response = admin_client.get("/calendar?view=week&start=2026-03-05", headers={"HX-Request": "true"})

    days = [day.day for day in response.context["days"]]
    assert days == [expected_start + timedelta(days=n) for n in range(7)]
    assert date(2026, 3, 5) in days


def test_the_week_view_heads_each_column_with_the_chosen_date_format(admin_client):
    UiConfig.objects.update_or_create(
        pk=1, defaults={"first_day_of_week": 1, "calendar_week_column_header": "ddd DD/MM"}
    )

    html = admin_client.get("/calendar?view=week&start=2026-03-05").content.decode()

    assert headers(html) == [
        "Mon 02/03",
        "Tue 03/03",
        "Wed 04/03",
        "Thu 05/03",
        "Fri 06/03",
        "Sat 07/03",
        "Sun 08/03",
    ]


def feed_events(client) -> list[tuple[str, date, date]]:
    response = client.get(f"/feed/v3/calendar/radarr.ics?apikey={settings.RADARR_API_KEY}")
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(
        (str(event["UID"]), event.decoded("DTSTART"), event.decoded("DTEND"))
        for event in calendar.walk("VEVENT")
    )


def test_the_ical_feed_ignores_the_first_day_of_week(client):
    today = timezone.localdate()
    MovieFactory(in_cinemas=today - timedelta(days=6), digital_release=today + timedelta(days=27))
    default = feed_events(client)

    set_first_day(1)

    assert feed_events(client) == default and len(default) == 2
