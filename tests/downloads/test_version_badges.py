"""A download or release date that belongs to an extra version carries that version's name in the queue
and on the calendar; the primary version shows nothing new, and more versions cost no more queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from movies.models import MovieVersion
from movies.versions import add_version
from releases.models import QualityProfile
from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def extra(movie, name="4K", **changes):
    profile = QualityProfile.objects.order_by("pk").last()
    fields = {"name": name, "quality_profile_id": profile.pk, "minimum_availability": "released"}
    return add_version(movie, fields | changes)


def queue_row(body: str, title: str) -> str:
    return body.split(f">{title}</a>")[1].split("</tr>")[0]


def test_the_queue_names_the_extra_version_a_download_is_for(admin_client):
    client = DownloadClientFactory()
    arrival, heat = MovieFactory(title="Arrival"), MovieFactory(title="Heat")
    TrackedDownloadFactory(
        client=client, movie=arrival, version=extra(arrival), title="Arrival.2016.2160p-GRP"
    )
    TrackedDownloadFactory(client=client, movie=heat, title="Heat.1995.1080p-GRP")

    body = admin_client.get("/activity/queue").content.decode()

    assert '<span class="version-badge" title="For the version 4K">4K</span>' in queue_row(body, "Arrival")
    assert "version-badge" not in queue_row(body, "Heat")


def test_the_queue_costs_the_same_queries_with_versions(admin_client, django_assert_max_num_queries):
    client = DownloadClientFactory()
    for movie in MovieFactory.create_batch(3):
        TrackedDownloadFactory(client=client, movie=movie)
    admin_client.get("/activity/queue")
    with CaptureQueriesContext(connection) as plain:
        admin_client.get("/activity/queue")
    for number in range(6):
        movie = MovieFactory()
        TrackedDownloadFactory(client=client, movie=movie, version=extra(movie, name=f"V{number}"))

    with django_assert_max_num_queries(len(plain)):
        body = admin_client.get("/activity/queue").content.decode()

    assert body.count('class="version-badge"') == 6


def calendar_event(body: str, title: str) -> str:
    return body.split(f">{title}</a>")[1].split("</li>")[0]


def test_calendar_events_carry_a_badge_per_extra_version_coloured_by_its_own_state(admin_client):
    today = timezone.localdate()
    client = DownloadClientFactory()
    arrival = MovieFactory(title="Arrival", in_cinemas=today, digital_release=None, physical_release=None)
    four_k, extended = extra(arrival), extra(arrival, name="Extended")
    MovieVersion.objects.filter(pk=extended.pk).update(has_file=True)
    TrackedDownloadFactory(client=client, movie=arrival, version=four_k)
    MovieFactory(title="Heat", in_cinemas=today, digital_release=None, physical_release=None)

    body = admin_client.get("/calendar").content.decode()

    event = calendar_event(body, "Arrival")
    assert '<span class="version-badge queued" title="4K · queued">4K</span>' in event
    assert '<span class="version-badge downloaded" title="Extended · downloaded">Extended</span>' in event
    # a 4K grab in the queue does not colour the primary version's event
    assert 'class="event missing"' in body.split(">Arrival</a>")[0].rsplit("<li", 1)[1]
    assert "version-badge" not in calendar_event(body, "Heat")


def test_the_calendar_costs_the_same_queries_with_versions(admin_client, django_assert_max_num_queries):
    day = timezone.localdate() + timedelta(days=1)
    MovieFactory(in_cinemas=day, digital_release=None, physical_release=None)
    extra(MovieFactory(in_cinemas=day, digital_release=None, physical_release=None))
    admin_client.get("/calendar")
    with CaptureQueriesContext(connection) as few:
        admin_client.get("/calendar")
    for _ in range(5):
        movie = MovieFactory(in_cinemas=day, digital_release=None, physical_release=None)
        extra(movie)
        extra(movie, name="Extended")

    with django_assert_max_num_queries(len(few)):
        body = admin_client.get("/calendar").content.decode()

    assert body.count('class="version-badge') == 11
