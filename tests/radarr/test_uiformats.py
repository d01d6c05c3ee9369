"""The one place pages format dates and sizes: Settings → UI's formats, Radarr's byte units."""

from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from radarr.models import UiConfig
from radarr.templatetags.uiformats import format_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 B"), (1023, "1023 B"), (1024, "1 KiB"), (1536, "1.5 KiB"), (734_003_200, "700 MiB"),
     (1_503_238_553, "1.4 GiB"), (5 * 1024**4, "5 TiB"), ("junk", ""), (None, "")],
)  # fmt: skip
def test_sizes_use_binary_units_with_one_decimal_as_radarr(size, shown):
    assert format_bytes(size) == shown


def _render(source: str, **values) -> str:
    request = RequestFactory().get("/")
    return Template("{% load uiformats %}" + source).render(Context({"request": request, **values}))


def test_short_dates_follow_the_setting_and_say_today_when_relative_dates_are_on():
    config = UiConfig.load()
    config.short_date_format = "DD/MM/YYYY"
    config.save()
    today = timezone.localdate()

    assert _render("{% short_date day %}", day=date(2014, 3, 25)) == "25/03/2014"
    assert _render("{% short_date day %}", day=today) == "Today"
    assert _render("{% short_date day %}", day=today - timedelta(days=1)) == "Yesterday"
    config.show_relative_dates = False
    config.save()
    assert _render("{% short_date day %}", day=today) == today.strftime("%d/%m/%Y")


def test_long_dates_and_times_follow_the_setting_and_a_missing_date_shows_the_default():
    config = UiConfig.load()
    config.long_date_format = "dddd, D MMMM YYYY"
    config.time_format = "HH:mm"
    config.show_relative_dates = False
    config.short_date_format = "YYYY-MM-DD"
    config.save()
    moment = timezone.make_aware(timezone.datetime(2014, 3, 25, 17, 5))

    assert _render("{% long_date day %}", day=date(2014, 3, 25)) == "Tuesday, 25 March 2014"
    assert _render("{% date_time moment %}", moment=moment) == "2014-03-25 17:05"
    assert _render('{% short_date nothing "—" %}', nothing=None) == "—"


def test_the_settings_are_read_once_per_request(django_assert_num_queries):
    days = [date(2014, 3, day) for day in range(1, 20)]

    with django_assert_num_queries(1):
        _render("{% for day in days %}{% short_date day %}{% endfor %}", days=days)


def test_iso_texts_are_read_and_anything_else_shows_the_default():
    config = UiConfig.load()
    config.short_date_format = "YYYY-MM-DD"
    config.time_format = "HH:mm"
    config.show_relative_dates = False
    config.save()

    with timezone.override("UTC"):
        assert _render("{% date_time when %}", when="2014-03-25T17:05:00Z") == "2014-03-25 17:05"
    assert _render('{% short_date when "—" %}', when="not a date") == "—"
    assert _render('{% date_time when "never" %}', when=12) == "never"
