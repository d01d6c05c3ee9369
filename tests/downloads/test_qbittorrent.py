"""qBittorrent, the real program: add a torrent of local data, watch it complete, remove it."""

from pathlib import Path

import pytest

from downloads.implementations.base import AUTHENTICATION_FAILED, ItemStatus
from radarr.providers import ProviderError
from tests.downloads import services
from tests.downloads.conftest import client_row, find, release, wait_until_completed
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


def qbittorrent_client(service: services.Service, **settings: object):
    values = {"host": "127.0.0.1", "port": service.port, "username": "admin", "password": "adminadmin"}
    return client_row("QBittorrent", **{**values, **settings}).provider()


def test_a_torrent_of_existing_data_completes_and_is_removed(qbittorrent):
    payload_path = write_payload(qbittorrent.downloads, "Arrival.2016.1080p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(payload_path)
    provider = qbittorrent_client(qbittorrent)

    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent)

    assert download_id == info_hash
    item = wait_until_completed(provider, download_id)
    assert item.title == payload_path.name
    assert item.category == "radarr"
    assert item.total_size == payload_path.stat().st_size
    assert item.remaining_size == 0
    assert Path(item.output_path) == payload_path
    provider.remove(download_id, delete_data=False)
    services.wait_for(lambda: find(provider, download_id) is None)
    assert payload_path.exists()


def test_the_post_import_category_is_created_and_set(qbittorrent):
    payload_path = write_payload(qbittorrent.downloads, "Heat.1995.720p.WEB-DL-GRP.mkv")
    torrent, _ = make_torrent(payload_path)
    provider = qbittorrent_client(qbittorrent, movieImportedCategory="radarr-imported")
    download_id = provider.add(release("Heat.1995.720p.WEB-DL-GRP"), torrent)

    provider.mark_imported(download_id)

    assert find(provider, download_id) is None  # no longer in our category
    imported = qbittorrent_client(qbittorrent, movieCategory="radarr-imported")
    assert find(imported, download_id).category == "radarr-imported"
    imported.remove(download_id, delete_data=True)


def test_an_added_torrent_can_start_paused(qbittorrent):
    payload_path = write_payload(qbittorrent.downloads, "Alien.1979.1080p.BluRay-GRP.mkv")
    torrent, _ = make_torrent(payload_path)
    provider = qbittorrent_client(qbittorrent, initialState=2)

    download_id = provider.add(release("Alien.1979.1080p.BluRay-GRP"), torrent)

    item = services.wait_for(lambda: find(provider, download_id))
    assert item.status in (ItemStatus.PAUSED, ItemStatus.COMPLETED, ItemStatus.QUEUED)
    assert item.status != ItemStatus.DOWNLOADING
    provider.remove(download_id, delete_data=False)


def test_status_reports_the_save_path(qbittorrent):
    status = qbittorrent_client(qbittorrent).status()

    assert [Path(folder) for folder in status.output_root_folders] == [qbittorrent.downloads]
    assert status.is_localhost


def test_the_connection_test_passes_with_good_settings(qbittorrent):
    assert qbittorrent_client(qbittorrent).test() == []


def test_wrong_credentials_fail_with_a_clear_message(qbittorrent):
    provider = qbittorrent_client(qbittorrent, password="wrong")

    with pytest.raises(ProviderError) as raised:
        provider.items()

    assert raised.value.message == AUTHENTICATION_FAILED
    assert [failure.property_name for failure in provider.test()] == ["username"]
