"""A grab for an extra version says which version (ours: `version` in the payload, the name in the
message); a grab for the primary version keeps Radarr's payload exactly."""

import pytest

from downloads.events import grab_event
from movies.versions import add_version
from notifications.events import event_from_data, event_to_data
from notifications.payloads import build_notice
from tests.movies.factories import MovieFactory
from tests.notifications.helpers import make_grab

pytestmark = pytest.mark.django_db


def test_a_grab_for_the_4k_version_names_it_and_one_for_the_primary_does_not():
    movie = MovieFactory(title="Arrival", year=2016)
    four_k = add_version(
        movie,
        {"name": "4K", "quality_profile_id": movie.quality_profile_id, "minimum_availability": "released"},
    )
    for_version = make_grab(movie, version="4K")
    for_version.version = four_k
    for_version.save()

    notice = build_notice(event_from_data(event_to_data(grab_event(for_version, movie))))  # as the worker
    plain = build_notice(grab_event(make_grab(movie), movie))

    assert notice.payload["version"] == {"id": four_k.pk, "name": "4K"}
    assert notice.fields["Movie"] == "Arrival (2016) [4K]" and "4K version" in notice.message
    assert "version" not in plain.payload and plain.fields["Movie"] == "Arrival (2016)"
    assert {
        key: value for key, value in notice.payload.items() if key != "version"
    }.keys() == plain.payload.keys()
