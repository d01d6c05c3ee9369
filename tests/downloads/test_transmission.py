"""Transmission, the real program: the session-id handshake, add, complete, remove."""

from pathlib import Path

import pytest

from downloads.implementations.base import AUTHENTICATION_FAILED
from radarr.providers import ProviderError
from tests.downloads import services
from tests.downloads.conftest import client_row, find, release, wait_until_completed
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


def transmission_client(service: services.Service, **settings: object):
    values = {"host": "127.0.0.1", "port": service.port, "username": "admin", "password": "adminadmin"}
    return client_row("Transmission", **{**values, **settings}).provider()


def test_a_torrent_in_the_category_folder_completes_and_is_removed_with_its_data(transmission):
    folder = transmission.downloads / "radarr"
    folder.mkdir(exist_ok=True)
    payload_path = write_payload(folder, "Dune.2021.2160p.WEB-DL-GRP.mkv")
    torrent, info_hash = make_torrent(payload_path)
    provider = transmission_client(transmission, movieCategory="radarr")

    download_id = provider.add(release("Dune.2021.2160p.WEB-DL-GRP"), torrent)

    assert download_id == info_hash
    item = wait_until_completed(provider, download_id)
    assert item.total_size == payload_path.stat().st_size
    assert Path(item.output_path) == payload_path
    provider.remove(download_id, delete_data=True)
    services.wait_for(lambda: find(provider, download_id) is None and not payload_path.exists())


def test_torrents_outside_the_category_folder_are_not_listed(transmission):
    payload_path = write_payload(transmission.downloads, "Other.Download.iso")
    torrent, _ = make_torrent(payload_path)
    everything = transmission_client(transmission)
    download_id = everything.add(release("Other.Download"), torrent)

    ours = transmission_client(transmission, movieCategory="radarr").items()

    assert download_id not in [item.download_id for item in ours]
    assert find(everything, download_id) is not None
    everything.remove(download_id, delete_data=False)


def test_the_connection_test_passes_and_status_names_the_folder(transmission):
    provider = transmission_client(transmission, movieCategory="radarr")

    assert provider.test() == []
    assert provider.status().output_root_folders == [f"{transmission.downloads}/radarr"]


def test_wrong_credentials_fail_with_a_clear_message(transmission):
    provider = transmission_client(transmission, password="wrong")

    with pytest.raises(ProviderError) as raised:
        provider.items()

    assert raised.value.message == AUTHENTICATION_FAILED
