"""Hadouken against a loopback fake of its JSON-RPC API: add (file and magnet) with the label, states,
seeding goals, remove with data, remote paths and the test button."""

import pytest

from downloads.implementations.base import AUTHENTICATION_FAILED, ItemStatus
from downloads.models import RemotePathMapping
from tests.downloads.conftest import client_row, release
from tests.downloads.fakes.caches import forget_client_sessions  # noqa: F401
from tests.downloads.fakes.hadouken import CHECKING, PAUSED, QUEUED_FOR_CHECKING, STARTED, HadoukenFake
from tests.downloads.test_client_faults import closed_port
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = pytest.mark.django_db
MAGNET = "magnet:?xt=urn:btih:5dee65101db281ac9c46344cd6b175cdcad53426&dn=Heat.1995.720p.WEB-DL-GRP"


@pytest.fixture
def hadouken():
    fake = HadoukenFake().start()
    yield fake
    fake.stop()


def hadouken_client(fake: HadoukenFake, **settings: object):
    values = {"host": "127.0.0.1", "port": fake.port, "username": "hadouken", "password": "secret"}
    return client_row("Hadouken", **{**values, **settings}).provider()


def test_the_test_button_checks_version_and_password(hadouken):
    assert hadouken_client(hadouken).test() == []

    wrong = hadouken_client(hadouken, password="wrong").test()
    hadouken.version = "5.0.3"
    old = hadouken_client(hadouken).test()

    assert [(failure.property_name, failure.message) for failure in wrong] == [
        ("username", AUTHENTICATION_FAILED)
    ]
    assert old[0].message == "Hadouken 5.0.3 is not supported: version 5.1 or newer is needed"


def test_an_unreachable_hadouken_fails_on_the_host():
    failures = (
        client_row("Hadouken", host="127.0.0.1", port=closed_port(), username="a", password="b")
        .provider()
        .test()
    )

    assert failures[0].property_name == "host"
    assert failures[0].message.startswith("Unable to connect to Hadouken")


def test_username_and_password_are_required_on_save():
    failures = client_row("Hadouken", username="", password="").provider().validate()

    assert [failure.property_name for failure in failures] == ["username", "password"]


def test_a_torrent_file_and_a_magnet_are_added_with_the_label(hadouken, tmp_path):
    torrent, info_hash = make_torrent(write_payload(tmp_path, "Arrival.2016.1080p.BluRay.x264-GRP.mkv"))
    provider = hadouken_client(hadouken)

    from_file = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent)
    from_magnet = provider.add(release("Heat.1995.720p.WEB-DL-GRP", magnet_url=MAGNET), None)

    assert from_file == info_hash
    assert from_magnet == "5DEE65101DB281AC9C46344CD6B175CDCAD53426"
    assert {torrent.label for torrent in hadouken.torrents.values()} == {"radarr"}
    assert {item.download_id for item in provider.items()} == {from_file, from_magnet}


def test_states_progress_and_seeding_goals_follow_radarr(hadouken, tmp_path):
    torrent, _ = make_torrent(write_payload(tmp_path, "Arrival.2016.1080p.BluRay.x264-GRP.mkv"))
    provider = hadouken_client(hadouken)
    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent)
    state = hadouken.torrents[download_id]

    state.downloaded, state.rate = state.size // 3, 1000
    item = provider.items()[0]
    assert item.status == ItemStatus.DOWNLOADING and item.remaining_size == state.size - state.size // 3
    assert item.remaining_time.total_seconds() == (state.size - state.size // 3) // 1000

    state.state = QUEUED_FOR_CHECKING
    assert provider.items()[0].status == ItemStatus.QUEUED
    state.state = PAUSED
    assert provider.items()[0].status == ItemStatus.PAUSED

    state.downloaded, state.uploaded, state.state = state.size, state.size, STARTED  # seeding
    item = provider.items()[0]
    assert item.status == ItemStatus.COMPLETED and item.seed_ratio == 1.0 and not item.can_be_removed
    state.state = PAUSED  # Hadouken pauses a torrent that met its seeding goal
    assert provider.items()[0].can_be_removed
    state.state = CHECKING
    assert provider.items()[0].status == ItemStatus.DOWNLOADING  # finished but re-checking: not yet

    state.error = "tracker unreachable"
    item = provider.items()[0]
    assert (item.status, item.message) == (ItemStatus.WARNING, "tracker unreachable")


def test_other_labels_are_not_ours_and_paths_are_mapped(hadouken, tmp_path):
    RemotePathMapping.objects.create(host="127.0.0.1", remote_path="/data/", local_path="/mnt/seedbox/")
    torrent, _ = make_torrent(write_payload(tmp_path, "Arrival.2016.1080p.BluRay.x264-GRP.mkv"))
    hadouken_client(hadouken, category="tv").add(release("Other"), torrent)
    _, other = make_torrent(write_payload(tmp_path, "Dune.2021.2160p.WEB-DL-GRP.mkv"))
    provider = hadouken_client(hadouken)
    provider.add(release("Dune"), make_torrent(tmp_path / "Dune.2021.2160p.WEB-DL-GRP.mkv")[0])

    items = provider.items()

    assert [item.download_id for item in items] == [other]
    assert items[0].output_path == "/mnt/seedbox/downloads/Dune.2021.2160p.WEB-DL-GRP.mkv"
    assert provider.status().output_root_folders == ["/mnt/seedbox/downloads"]


def test_remove_with_and_without_data(hadouken, tmp_path):
    provider = hadouken_client(hadouken)
    first = provider.add(release("A"), make_torrent(write_payload(tmp_path, "A.2020.mkv"))[0])
    second = provider.add(release("B"), make_torrent(write_payload(tmp_path, "B.2020.mkv"))[0])

    provider.remove(first, delete_data=True)
    provider.remove(second, delete_data=False)

    assert hadouken.removed == [("removedata", first), ("remove", second)]
    assert provider.items() == []
