"""Flood, the real program (npm), in front of a real rTorrent: login, tags, add, import path, post-import
tags, seeding goals, removal, and its refusals."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from downloads.health import download_client_check
from downloads.implementations.base import AUTHENTICATION_FAILED
from downloads.models import DownloadClient
from radarr.providers import ProviderError
from tests.downloads import daemons, services
from tests.downloads.conftest import client_row, find, release, wait_until_completed
from tests.downloads.factories import GrabFactory
from tests.downloads.torrents import make_torrent, write_payload
from tests.indexers.factories import IndexerFactory
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


@pytest.fixture(scope="module")
def flood(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Service]:
    folder = tmp_path_factory.mktemp("flood")
    daemons.require_flood()
    rtorrent = daemons.start_rtorrent(folder / "rtorrent")
    try:
        yield from services.running(daemons.start_flood, folder / "front", rtorrent)
    finally:
        rtorrent.stop()


def flood_client(service: services.Service, **settings: object):
    values = {"host": "127.0.0.1", "port": service.port, "username": "admin", "password": "adminadmin"}
    return client_row("Flood", **{**values, **settings}).provider()


def test_a_tagged_torrent_completes_with_its_file_as_output_and_is_removed_with_its_data(flood):
    path = write_payload(flood.downloads, "Dune.2021.2160p.WEB-DL-GRP.mkv")
    torrent, info_hash = make_torrent(path)
    provider = flood_client(flood, tags=["radarr", "movies"], additionalTags=[1, 3, 4])

    download_id = provider.add(release("Dune.2021.2160p.WEB-DL-GRP"), torrent)

    assert download_id == info_hash
    item = wait_until_completed(provider, download_id)
    tags = provider.torrents()[info_hash]["tags"]
    assert sorted(tags) == sorted(["radarr", "movies", "WEBDL-2160p", "GRP", "2021"])
    assert item.category == tags[0]  # Flood's first tag, as Radarr reports it
    assert Path(item.output_path) == path  # the file itself, as Radarr's import item
    assert item.total_size == path.stat().st_size and item.remaining_size == 0
    provider.remove(download_id, delete_data=True)
    services.wait_for(lambda: find(provider, download_id) is None and not path.exists())


def test_a_multi_file_torrent_imports_from_its_folder(flood):
    folder = flood.downloads / "Heat.1995.1080p.BluRay.x264-GRP"
    folder.mkdir()
    write_payload(folder, "heat.mkv")
    write_payload(folder, "heat.nfo", size=500)
    torrent, info_hash = make_multi_file_torrent(folder)
    provider = flood_client(flood)

    provider.add(release("Heat.1995.1080p.BluRay.x264-GRP"), torrent)

    assert Path(wait_until_completed(provider, info_hash).output_path) == folder
    provider.remove(info_hash, delete_data=False)


def test_only_torrents_with_every_tag_are_ours_and_post_import_tags_are_added(flood):
    path = write_payload(flood.downloads, "Arrival.2016.1080p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(path)
    provider = flood_client(flood, postImportTags=["imported"])
    provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent)
    wait_until_completed(provider, info_hash)

    assert find(flood_client(flood, tags=["radarr", "other"]), info_hash) is None
    provider.mark_imported(info_hash)

    assert sorted(provider.torrents()[info_hash]["tags"]) == ["imported", "radarr"]
    assert find(provider, info_hash) is not None  # still ours: it keeps its initial tag
    provider.remove(info_hash, delete_data=False)


def test_a_finished_torrent_is_removable_once_its_indexer_seed_goal_is_met(flood):
    path = write_payload(flood.downloads, "Sicario.2015.1080p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(path)
    provider = flood_client(flood)
    provider.add(release("Sicario.2015.1080p.BluRay.x264-GRP"), torrent)
    assert wait_until_completed(provider, info_hash).can_be_removed is False  # no grab: no goal

    indexer = IndexerFactory(implementation="Torznab", settings={"seedCriteria.seedRatio": 0.0})
    GrabFactory(movie=MovieFactory(), download_id=info_hash, data={"indexer": indexer.name})

    assert find(provider, info_hash).can_be_removed is True  # ratio 0 meets a goal of 0
    provider.remove(info_hash, delete_data=False)


def test_add_paused_leaves_the_torrent_stopped(flood):
    path = write_payload(flood.downloads, "Jaws.1975.720p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(path)
    provider = flood_client(flood, addPaused=True)

    provider.add(release("Jaws.1975.720p.BluRay.x264-GRP"), torrent)

    states = services.wait_for(lambda: provider.torrents().get(info_hash, {}).get("status"))
    assert "stopped" in states
    provider.remove(info_hash, delete_data=False)


def test_the_test_button_passes_and_status_names_rtorrents_folder(flood):
    provider = flood_client(flood)

    assert provider.test() == []
    assert provider.status().output_root_folders == [str(flood.downloads)]
    assert flood_client(flood, destination="/srv/movies").status().output_root_folders == ["/srv/movies"]


def test_a_wrong_password_fails_on_the_password_field(flood):
    provider = flood_client(flood, password="wrong")

    with pytest.raises(ProviderError) as raised:
        provider.items()

    assert raised.value.message == AUTHENTICATION_FAILED
    [failure] = provider.test()
    assert failure.property_name == "password"


def test_a_wrong_port_fails_on_the_host_field(flood):
    closed = services.free_port()

    [failure] = flood_client(flood, port=closed).test()

    assert failure.property_name == "host"
    assert failure.message.startswith(f"Unable to connect to Flood at http://127.0.0.1:{closed}")


def make_multi_file_torrent(folder: Path) -> tuple[bytes, str]:
    """A torrent of every file in `folder`, the folder its name."""
    import hashlib

    from tests.downloads.torrents import PIECE_LENGTH, bencode

    files = sorted(path for path in folder.iterdir() if path.is_file())
    data = b"".join(path.read_bytes() for path in files)
    pieces = b"".join(
        hashlib.sha1(data[start : start + PIECE_LENGTH]).digest()
        for start in range(0, len(data), PIECE_LENGTH)
    )
    info = {
        "name": folder.name,
        "files": [{"length": path.stat().st_size, "path": [path.name]} for path in files],
        "piece length": PIECE_LENGTH,
        "pieces": pieces,
        "private": 1,
    }
    torrent = {"announce": "http://127.0.0.1:9/announce", "info": info}
    return bencode(torrent), hashlib.sha1(bencode(info)).hexdigest().upper()


def test_the_health_check_names_a_flood_refusing_the_login(flood):
    settings = {"host": "127.0.0.1", "port": flood.port, "username": "admin", "password": "adminadmin"}
    DownloadClient.objects.create(name="Flood", implementation="Flood", settings=settings)
    assert download_client_check() == []

    DownloadClient.objects.create(
        name="Locked", implementation="Flood", settings={**settings, "password": "x"}
    )
    [issue] = download_client_check()
    assert issue.message == f"Unable to communicate with Locked. {AUTHENTICATION_FAILED}"
