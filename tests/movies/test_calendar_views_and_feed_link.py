"""The calendar's Day and Forecast views, its legend, and the iCal link dialog's address (the options
chosen, the API key) — which the feed then answers."""

from datetime import date, timedelta

import pytest

from radarr.models import Tag
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_the_day_view_shows_that_day_only(admin_client):
    MovieFactory(title="Arrival", digital_release=date(2026, 3, 4))
    MovieFactory(title="Later", digital_release=date(2026, 3, 5))

    body = admin_client.get("/calendar?view=day&start=2026-03-04").content.decode()

    assert "Arrival" in body and "Later" not in body
    assert "start=2026-03-03" in body and "start=2026-03-05" in body  # previous and next day


def test_the_forecast_starts_yesterday_and_spans_seven_days(admin_client):
    MovieFactory(title="Yesterday", digital_release=date(2026, 3, 3))
    MovieFactory(title="Sixth", digital_release=date(2026, 3, 9))
    MovieFactory(title="Too late", digital_release=date(2026, 3, 10))
    MovieFactory(title="Too early", digital_release=date(2026, 3, 2))

    body = admin_client.get("/calendar?view=forecast&start=2026-03-04").content.decode()

    assert "Yesterday" in body and "Sixth" in body
    assert "Too late" not in body and "Too early" not in body
    assert body.count('class="weekday"') == 7


def test_the_legend_names_every_status(admin_client):
    body = admin_client.get("/calendar").content.decode()

    legend = body[body.index('class="legend"') :]
    for status in ("downloaded", "queued", "missing", "unreleased", "unmonitored"):
        assert f'<li class="{status}"' in legend


def test_the_ical_link_carries_the_options_and_the_key_and_the_feed_answers_it(
    admin_client, client, settings
):
    tag = Tag.objects.create(label="kids")
    MovieFactory(
        title="Tagged", tags=[tag], digital_release=date.today() + timedelta(days=40), monitored=False
    )

    body = admin_client.get(
        "/calendar/ical",
        {"unmonitored": "true", "tag": [tag.pk], "futureDays": "60", "type": ["digitalRelease"]},
    ).content.decode()

    url = body[body.index('value="') + 7 : body.index('"', body.index('value="') + 7)].replace("&amp;", "&")
    assert f"apikey={settings.RADARR_API_KEY}" in url and "unmonitored=true" in url
    assert f"tags={tag.pk}" in url and "futureDays=60" in url and "releaseTypes=digitalRelease" in url
    assert 'href="webcal://' in body
    feed = client.get(url.split("testserver", 1)[1])
    assert feed.status_code == 200 and "Tagged" in feed.content.decode()
