"""Calendar details the first tests left open: every status colour (in queue too), the page's filters
and HTMX navigation, and the iCal feed's all-day events, stable UIDs and filters read with `icalendar`."""

import re
from datetime import date, timedelta

import icalendar
import pytest
from django.conf import settings
from django.utils import timezone

from radarr.models import Tag
from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def event_classes(html: str) -> dict[str, str]:
    """Movie title → the status class of its calendar event."""
    pattern = r'<li class="event (\w+)"[^>]*><a [^>]*>([^<]+)</a>'
    return {title: status for status, title in re.findall(pattern, html)}


def only_cinema(title: str, day: date, **fields: object):
    return MovieFactory(title=title, in_cinemas=day, digital_release=None, physical_release=None, **fields)


def test_each_event_is_coloured_by_its_movies_status(admin_client):
    only_cinema("Owned", days(-1), has_file=True)
    only_cinema("Gap", days(-1))
    only_cinema("Coming", days(1))
    only_cinema("Ignored", days(-1), monitored=False)
    queued = only_cinema("Grabbed", days(-1))
    TrackedDownloadFactory(client=DownloadClientFactory(), movie=queued, state="downloading")
    finished = only_cinema("Imported", days(-1))
    TrackedDownloadFactory(client=DownloadClientFactory(), movie=finished, state="imported")

    html = admin_client.get(
        "/calendar?view=agenda&unmonitored=true&start=" + days(-3).isoformat()
    ).content.decode()

    assert event_classes(html) == {
        "Owned": "downloaded",
        "Gap": "missing",
        "Coming": "unreleased",
        "Ignored": "unmonitored",
        "Grabbed": "queued",
        "Imported": "missing",  # an imported download has left the queue
    }
    assert (
        '<li class="queued" title="A download of it is in the queue">In queue</li>' in html
    )  # the legend names every colour


def test_the_page_filters_by_unmonitored_release_type_and_tag(admin_client):
    kids = Tag.objects.create(label="kids")
    only_cinema("Quiet", days(1), monitored=False)
    tagged = MovieFactory(title="Tagged", in_cinemas=days(1), digital_release=days(2), physical_release=None)
    tagged.tags.add(kids)
    only_cinema("Untagged", days(1))
    start = f"view=week&start={days(1).isoformat()}"

    default = event_classes(admin_client.get(f"/calendar?{start}").content.decode())
    with_unmonitored = event_classes(admin_client.get(f"/calendar?{start}&unmonitored=true").content.decode())
    by_tag = admin_client.get(f"/calendar?{start}&tag={kids.pk}").content.decode()
    digital_only = admin_client.get(f"/calendar?{start}&type=digitalRelease").content.decode()

    assert set(default) == {"Tagged", "Untagged"} and "Quiet" in with_unmonitored
    assert set(event_classes(by_tag)) == {"Tagged"}
    assert (
        set(event_classes(digital_only)) == {"Tagged"}
        and "<small>Theatrical Release</small>" not in digital_only
    )


def test_navigation_links_keep_the_filters_and_swap_only_the_calendar(admin_client):
    response = admin_client.get(
        "/calendar?view=week&unmonitored=true&start=2026-03-04", headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    for label, start in (("Previous", "2026-02-25"), ("Next", "2026-03-11"), ("Today", days(0).isoformat())):
        link = re.search(rf'<a href="([^"]+)" hx-get="([^"]+)">{label}</a>', html)
        assert link and link.group(1) == link.group(2)
        assert "view=week" in link.group(1) and "unmonitored=true" in link.group(1)
        assert link.group(1).endswith(f"start={start}")
    assert 'hx-target="this" hx-swap="outerHTML"' in html and '<nav class="calendar-nav">' in html


def feed(client, query: str = "") -> list[icalendar.Event]:
    response = client.get(f"/feed/v3/calendar/radarr.ics?apikey={settings.RADARR_API_KEY}{query}")
    assert response.status_code == 200
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_feed_events_are_whole_days(client):
    only_cinema("Premiere", days(2))

    (event,) = feed(client)

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is date and type(end) is date  # dates, not date-times: all-day events
    assert end - start == timedelta(days=1)  # DTEND is exclusive, so the event covers its own day


def test_uids_stay_the_same_when_the_movie_changes_and_differ_by_release_type(client):
    movie = MovieFactory(
        title="Before", in_cinemas=days(1), digital_release=days(3), physical_release=days(5)
    )
    first = {str(event["UID"]) for event in feed(client)}

    movie.title = "After"
    movie.in_cinemas = days(2)
    movie.save()
    second = {str(event["UID"]): str(event["SUMMARY"]) for event in feed(client)}

    assert first == set(second) and len(first) == 3
    assert set(second) == {f"Radarr_movie_{movie.pk}_{kind}" for kind in ("cinemas", "digital", "physical")}
    assert second[f"Radarr_movie_{movie.pk}_cinemas"] == "After (Theatrical Release)"


def test_the_feed_leaves_unmonitored_movies_out_unless_asked_and_honours_future_days(client):
    only_cinema("Quiet", days(1), monitored=False)
    only_cinema("Soon", days(1))
    only_cinema("Later", days(10))

    def titles(query: str) -> set[str]:
        return {str(event["SUMMARY"]).split(" (")[0] for event in feed(client, query)}

    assert titles("") == {"Soon", "Later"}
    assert titles("&unmonitored=true") == {"Quiet", "Soon", "Later"}
    assert titles("&futureDays=5") == {"Soon"}


def test_the_feed_takes_tags_by_id_or_label_and_several_release_types(client):
    tag = Tag.objects.create(label="4k")
    tagged = MovieFactory(in_cinemas=days(1), digital_release=days(2), physical_release=days(3))
    tagged.tags.add(tag)
    MovieFactory(in_cinemas=days(1), digital_release=days(2), physical_release=days(3))

    by_id = feed(client, f"&tags={tag.pk}&releaseTypes=cinemaRelease,physicalRelease")
    by_label = feed(client, "&tags=4K&releaseTypes=cinemaRelease&releaseTypes=physicalRelease")

    expected = {f"Radarr_movie_{tagged.pk}_cinemas", f"Radarr_movie_{tagged.pk}_physical"}
    assert {str(e["UID"]) for e in by_id} == expected == {str(e["UID"]) for e in by_label}
