"""Picking the client for a grab, and the download-client health checks."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from downloads.health import download_client_check, download_client_status_check
from downloads.models import DownloadClient
from downloads.selection import client_for
from radarr.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_round_robin():
    cache.clear()


def make(name, protocol="torrent", priority=1, tags=(), **fields):
    client = DownloadClient.objects.create(
        name=name, implementation="Transmission" if protocol == "torrent" else "Sabnzbd",
        protocol=protocol, priority=priority, settings={"host": "127.0.0.1", "port": 9}, **fields,
    )  # fmt: skip
    client.tags.set(tags)
    return client


def test_the_lowest_priority_number_of_the_protocol_wins():
    make("Usenet", protocol="usenet")
    make("Second", priority=2)
    first = make("First", priority=1)

    assert client_for("torrent", set()) == first


def test_clients_of_equal_priority_take_turns():
    one, two = make("One"), make("Two")

    picks = [client_for("torrent", set()) for _ in range(3)]

    assert picks == [one, two, one]


def test_tagged_clients_serve_only_movies_sharing_a_tag_and_untagged_serve_the_rest():
    kids = Tag.objects.create(label="kids")
    untagged = make("Everyone", priority=2)
    tagged = make("Kids", tags=[kids])

    assert client_for("torrent", {kids.pk}) == tagged
    assert client_for("torrent", set()) == untagged
    assert client_for("torrent", {9999}) == untagged


def test_disabled_and_backed_off_clients_are_skipped():
    make("Off", enable=False)
    make("Failing", disabled_until=timezone.now() + timedelta(minutes=5))
    working = make("Working", priority=3)

    assert client_for("torrent", set()) == working


def test_a_pinned_client_is_used_or_none_when_unavailable():
    pinned = make("Pinned", priority=9)
    make("Best")
    off = make("Off", enable=False)

    assert client_for("torrent", set(), client_id=pinned.pk) == pinned
    assert client_for("torrent", set(), client_id=off.pk) is None


def test_no_enabled_client_is_a_health_warning():
    make("Off", enable=False)

    issues = download_client_check()

    assert [(issue.source, issue.level, issue.message) for issue in issues] == [
        ("DownloadClientCheck", "warning", "No download client is available")
    ]


def test_a_client_that_cannot_be_reached_is_a_health_error():
    make("Transmission box")

    issues = download_client_check()

    assert issues[0].level == "error"
    assert issues[0].message.startswith("Unable to communicate with Transmission box. Unable to connect")


def test_status_check_warns_for_some_and_errors_for_all_failing_clients():
    make("Good")
    make("Bad", disabled_until=timezone.now() + timedelta(minutes=5))

    some = download_client_status_check()
    DownloadClient.objects.update(disabled_until=timezone.now() + timedelta(minutes=5))
    everything = download_client_status_check()

    assert [(issue.level, issue.message) for issue in some] == [
        ("warning", "Download clients unavailable due to failures: Bad")
    ]
    assert everything[0].level == "error"
    assert everything[0].message == "All download clients are unavailable due to failures"
