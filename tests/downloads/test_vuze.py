"""Vuze against a loopback fake of its Web Remote (Transmission's RPC): the session-id handshake, the
category folder, where Vuze puts single- and multi-file torrents, removal and the test button."""

import pytest

from downloads.implementations.base import AUTHENTICATION_FAILED, ItemStatus
from tests.downloads.conftest import client_row, release
from tests.downloads.fakes.vuze import SEEDING, STOPPED, VuzeFake
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def vuze():
    fake = VuzeFake().start()
    yield fake
    fake.stop()


def vuze_client(fake: VuzeFake, **settings: object):
    values = {"host": "127.0.0.1", "port": fake.port, "username": "vuze", "password": "pairing-code"}
    return client_row("Vuze", **{**values, **settings}).provider()


def test_vuze_keeps_transmissions_settings_contract(api_client):
    schema = {item["implementation"]: item for item in api_client.get("/api/v3/downloadclient/schema").json()}

    vuze = schema["Vuze"]
    assert vuze["configContract"] == "TransmissionSettings"
    assert [field["name"] for field in vuze["fields"]] == [
        field["name"] for field in schema["Transmission"]["fields"]
    ]


def test_the_test_button_passes_and_fails_in_plain_words(vuze):
    assert vuze_client(vuze).test() == []

    wrong = vuze_client(vuze, password="wrong").test()
    vuze.rpc_version = 13
    old = vuze_client(vuze).test()

    assert [(failure.property_name, failure.message) for failure in wrong] == [
        ("username", AUTHENTICATION_FAILED)
    ]
    assert "RPC version 13" in old[0].message and "update the Vuze Web Remote plugin" in old[0].message


def test_a_torrent_goes_into_the_category_folder_and_is_found_there(vuze, tmp_path):
    torrent, info_hash = make_torrent(write_payload(tmp_path, "Arrival.2016.1080p.BluRay.x264-GRP.mkv"))
    provider = vuze_client(vuze, movieCategory="radarr")

    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent)

    assert download_id == info_hash
    assert vuze.torrents[info_hash].download_dir == "/home/vuze/Downloads/radarr"
    assert [request.headers.get("x-transmission-session-id") for request in vuze.requests][:2] == [
        "", vuze.session_id]  # fmt: skip
    item = provider.items()[0]
    assert item.status == ItemStatus.DOWNLOADING
    assert item.output_path == "/home/vuze/Downloads/radarr/Arrival.2016.1080p.BluRay.x264-GRP.mkv"


def test_a_multi_file_torrents_folder_is_its_own_and_a_finished_stopped_one_can_be_removed(vuze, tmp_path):
    provider = vuze_client(vuze)
    download_id = provider.add(release("Heat"), make_torrent(write_payload(tmp_path, "Heat.1995.mkv"))[0])
    state = vuze.torrents[download_id]
    state.download_dir, state.file_count = "/home/vuze/Downloads/Heat.1995.1080p-GRP", 3

    state.status, state.left, state.finished = SEEDING, 0, False
    seeding = provider.items()[0]
    state.status, state.finished = STOPPED, True
    done = provider.items()[0]

    assert seeding.output_path == "/home/vuze/Downloads/Heat.1995.1080p-GRP"
    assert seeding.status == ItemStatus.COMPLETED and not seeding.can_be_removed
    assert done.status == ItemStatus.COMPLETED and done.can_be_removed


def test_remove_with_data(vuze, tmp_path):
    provider = vuze_client(vuze)
    download_id = provider.add(release("Heat"), make_torrent(write_payload(tmp_path, "Heat.1995.mkv"))[0])

    provider.remove(download_id, delete_data=True)

    assert vuze.removed == [(download_id, True)]
