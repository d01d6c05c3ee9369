"""/api/v3/calendar and the iCal feed /feed/v3/calendar/radarr.ics."""

from datetime import date, timedelta

import icalendar
import pytest
from django.conf import settings
from django.utils import timezone

from radarr.models import Tag
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def test_the_calendar_lists_movies_with_a_release_in_the_range_sorted_by_cinema_date(api_client):
    later = MovieFactory(title="Later", in_cinemas=days(5), digital_release=None, physical_release=None)
    sooner = MovieFactory(title="Sooner", in_cinemas=days(1), digital_release=None, physical_release=None)
    MovieFactory(title="Far", in_cinemas=days(60), digital_release=days(90), physical_release=None)

    response = api_client.get(f"/api/v3/calendar?start={days(0)}&end={days(10)}")

    assert response.status_code == 200
    assert [movie["title"] for movie in response.json()] == ["Sooner", "Later"]
    assert {movie["id"] for movie in response.json()} == {sooner.pk, later.pk}


def test_empty_start_and_end_mean_today_to_two_days_ahead_as_homepage_sends_them(api_client):
    MovieFactory(title="Tomorrow", in_cinemas=None, digital_release=days(1), physical_release=None)
    MovieFactory(title="Next week", in_cinemas=None, digital_release=days(7), physical_release=None)

    response = api_client.get("/api/v3/calendar?start=&end=&unmonitored=false")

    assert [movie["title"] for movie in response.json()] == ["Tomorrow"]


def test_unmonitored_movies_show_only_when_asked_and_tags_filter(api_client):
    tag = Tag.objects.create(label="kids")
    MovieFactory(title="Quiet", monitored=False, in_cinemas=days(1))
    tagged = MovieFactory(title="Tagged", in_cinemas=days(1))
    tagged.tags.add(tag)

    default = api_client.get(f"/api/v3/calendar?start={days(0)}&end={days(3)}").json()
    everything = api_client.get(f"/api/v3/calendar?start={days(0)}&end={days(3)}&unmonitored=true").json()
    by_tag = api_client.get(
        f"/api/v3/calendar?start={days(0)}&end={days(3)}&unmonitored=true&tags={tag.pk}"
    ).json()

    assert [m["title"] for m in default] == ["Tagged"]
    assert {m["title"] for m in everything} == {"Quiet", "Tagged"}
    assert [m["title"] for m in by_tag] == ["Tagged"]


def test_the_calendar_reads_the_library_in_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries
):
    for n in range(20):
        MovieFactory(in_cinemas=days(n % 3))
    with django_assert_max_num_queries(8):
        response = api_client.get(f"/api/v3/calendar?start={days(0)}&end={days(3)}")
    assert len(response.json()) == 20


def feed(client, query: str = "") -> icalendar.Calendar:
    response = client.get(f"/feed/v3/calendar/Radarr.ics?apikey={settings.RADARR_API_KEY}{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_the_ical_feed_has_one_all_day_event_per_release_with_a_stable_uid(client):
    movie = MovieFactory(
        title="Dune, Part Three",
        status="announced",
        studio="Legendary",
        overview="Sand; again.",
        in_cinemas=days(3),
        digital_release=days(20),
        physical_release=days(200),
    )

    calendar = feed(client)

    assert str(calendar["PRODID"]) == "-//radarr.video//Radarr//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Radarr Movies Calendar"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"Radarr_movie_{movie.pk}_cinemas", f"Radarr_movie_{movie.pk}_digital"}
    cinema = events[f"Radarr_movie_{movie.pk}_cinemas"]
    assert str(cinema["SUMMARY"]) == "Dune, Part Three (Theatrical Release)"
    assert cinema.decoded("DTSTART") == days(3)
    assert str(cinema["STATUS"]) == "TENTATIVE"
    assert str(cinema["DESCRIPTION"]) == "Sand; again."


def test_the_feed_filters_by_release_type_days_and_tag_label(client):
    tag = Tag.objects.create(label="4k")
    tagged = MovieFactory(in_cinemas=days(-3), digital_release=days(2), physical_release=None)
    tagged.tags.add(tag)
    MovieFactory(in_cinemas=days(1), digital_release=None, physical_release=None)

    calendar = feed(client, "&pastDays=1&releaseTypes=digitalRelease&tags=4K")

    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"Radarr_movie_{tagged.pk}_digital"]


def test_the_feed_needs_the_api_key_and_rejects_an_unknown_tag_label(client):
    assert client.get("/feed/v3/calendar/radarr.ics").status_code == 401
    response = client.get(f"/feed/v3/calendar/radarr.ics?apikey={settings.RADARR_API_KEY}&tags=nope")
    assert response.status_code == 400
