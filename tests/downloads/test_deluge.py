"""Deluge, the real programs (deluged + deluge-web): login, labels, add, complete, remove."""

from pathlib import Path

import pytest

from radarr.providers import ProviderError
from tests.downloads import services
from tests.downloads.conftest import client_row, find, release, wait_until_completed
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


def deluge_client(service: services.Service, **settings: object):
    values = {"host": "127.0.0.1", "port": service.port, "password": "adminadmin"}
    return client_row("Deluge", **{**values, **settings}).provider()


def test_a_labelled_torrent_completes_and_is_removed(deluge):
    payload_path = write_payload(deluge.downloads, "Jaws.1975.1080p.BluRay-GRP.mkv")
    torrent, info_hash = make_torrent(payload_path)
    provider = deluge_client(deluge)

    download_id = provider.add(release("Jaws.1975.1080p.BluRay-GRP"), torrent)

    assert download_id == info_hash
    item = wait_until_completed(provider, download_id)
    assert item.category == "radarr"
    assert item.total_size == payload_path.stat().st_size
    assert Path(item.output_path) == payload_path
    provider.remove(download_id, delete_data=False)
    services.wait_for(lambda: find(provider, download_id) is None)


def test_the_post_import_label_moves_the_torrent_out_of_the_category(deluge):
    payload_path = write_payload(deluge.downloads, "Rocky.1976.720p.BluRay-GRP.mkv")
    torrent, _ = make_torrent(payload_path)
    provider = deluge_client(deluge, movieImportedCategory="radarr-imported")
    download_id = provider.add(release("Rocky.1976.720p.BluRay-GRP"), torrent)

    provider.mark_imported(download_id)

    assert find(provider, download_id) is None
    assert find(deluge_client(deluge, movieCategory="radarr-imported"), download_id) is not None
    provider.remove(download_id, delete_data=False)


def test_the_connection_test_passes_and_status_names_the_folder(deluge):
    provider = deluge_client(deluge)

    assert provider.test() == []
    assert provider.status().output_root_folders == [str(deluge.downloads)]


def test_a_wrong_password_fails_with_a_clear_message(deluge):
    with pytest.raises(ProviderError) as raised:
        deluge_client(deluge, password="wrong").items()

    assert raised.value.message == "Authentication failed: check the password"
