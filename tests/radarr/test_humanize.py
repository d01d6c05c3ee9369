"""The human words pages show for internal names (radarr/humanize.py and its template filters)."""

from datetime import timedelta

import pytest
from django.template import Context, Template

from downloads.models import HistoryEventType
from radarr import humanize
from radarr.system.health import CHECKS, SCHEDULED_CHECKS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0:00:00.876404", "0.9 s"),
        ("0:01:03.200000", "1 min 3 s"),
        ("0:01:00", "1 min"),
        ("2:05:09", "2 h 5 min"),
        ("1 day, 3:00:00", "1 d 3 h"),
        (timedelta(seconds=42), "42 s"),
        (12.4, "12 s"),
        ("not a duration", "not a duration"),
        (None, ""),
    ],
)
def test_durations_read_as_seconds_minutes_and_hours(value, expected):
    assert humanize.duration(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("R2160p", "2160p"),
        ("R480p", "480p"),
        (1080, "1080p"),
        (0, "Unknown"),
        ("R0p", "Unknown"),
        ("DVD", "DVD"),
        ("1", "1"),
    ],
)
def test_resolutions_drop_radarrs_enum_prefix(value, expected):
    assert humanize.resolution(value) == expected


def test_every_history_event_type_has_words():
    for name in HistoryEventType.labels:
        label = humanize.event_label(name)
        assert label and label != name and label[0].isupper()


def test_every_health_check_has_a_name_without_check():
    assert humanize.check_name("DownloadClientCheck") == "Download clients"
    assert humanize.check_name("SomeNewThingCheck") == "Some new thing"
    assert all("Check" not in humanize.check_name(source) for source in humanize.CHECK_NAMES)
    assert len(CHECKS) + len(SCHEDULED_CHECKS) <= len(humanize.CHECK_NAMES)


def test_camel_case_becomes_a_sentence():
    assert humanize.words("DownloadClientStatus") == "Download client status"
    assert humanize.words("importPending") == "Import pending"
    assert humanize.words("") == ""


@pytest.mark.django_db
def test_the_kind_filter_names_a_client_as_radarr_does():
    import downloads.editing  # noqa: F401 - the family registers itself as the URL conf would
    from tests.downloads.factories import DownloadClientFactory

    client = DownloadClientFactory(implementation="QBittorrent", protocol="torrent")
    unknown = DownloadClientFactory(implementation="SomeNewClient")
    rendered = Template("{{ a|kind }} / {{ b|kind }}").render(Context({"a": client, "b": unknown}))

    assert rendered == "qBittorrent / Some new client"
