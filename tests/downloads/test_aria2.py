"""aria2, the real program: its XML-RPC with the secret token, add, complete, remove, and its faults."""

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from downloads.health import download_client_check
from downloads.implementations.aria2 import BAD_TOKEN
from downloads.implementations.base import ItemStatus
from downloads.models import DownloadClient
from radarr.providers import ProviderError
from tests.downloads import daemons, services
from tests.downloads.conftest import client_row, find, release, wait_until_completed
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


@pytest.fixture(scope="module")
def aria2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Service]:
    yield from services.running(daemons.start_aria2, tmp_path_factory.mktemp("aria2"))


def aria2_client(service: services.Service, **settings: object):
    values = {"host": "127.0.0.1", "port": service.port, "secretToken": daemons.SECRET}
    return client_row("Aria2", **{**values, **settings}).provider()


def raw(service: services.Service, method: str, *params: object) -> object:
    """A call straight to the daemon (its JSON-RPC), to see what it holds apart from the code under test."""
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": [f"token:{daemons.SECRET}", *params]}
    return requests.post(f"http://127.0.0.1:{service.port}/jsonrpc", json=body, timeout=10).json()["result"]


def gid_of(service: services.Service, info_hash: str) -> str | None:
    keys = ["gid", "infoHash", "status"]
    listed = [
        *raw(service, "aria2.tellActive", keys),
        *raw(service, "aria2.tellWaiting", 0, 100, keys),
        *raw(service, "aria2.tellStopped", 0, 100, keys),
    ]
    return next((d["gid"] for d in listed if d.get("infoHash", "").upper() == info_hash), None)


def test_a_torrent_whose_data_is_there_completes_and_is_removed_with_its_data(aria2):
    path = write_payload(aria2.downloads, "Dune.2021.2160p.WEB-DL-GRP.mkv")
    torrent, info_hash = make_torrent(path)
    provider = aria2_client(aria2)

    download_id = provider.add(release("Dune.2021.2160p.WEB-DL-GRP"), torrent)

    assert download_id == info_hash
    item = wait_until_completed(provider, download_id)  # seeding, all of it there: "active" and whole
    assert item.title == path.name and Path(item.output_path) == path
    assert item.total_size == path.stat().st_size and item.remaining_size == 0
    assert item.can_be_removed is False  # still seeding
    provider.remove(download_id, delete_data=True)
    assert find(provider, download_id) is None and gid_of(aria2, info_hash) is None
    assert not path.exists()


def test_the_directory_setting_puts_the_download_there(aria2):
    folder = aria2.downloads / "movies"
    folder.mkdir(exist_ok=True)
    path = write_payload(folder, "Heat.1995.1080p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(path)
    provider = aria2_client(aria2, directory=str(folder))

    provider.add(release("Heat.1995.1080p.BluRay.x264-GRP"), torrent)

    assert Path(wait_until_completed(provider, info_hash).output_path) == path
    assert provider.status().output_root_folders == [str(aria2.downloads)]  # aria2's global dir, as Radarr
    provider.remove(info_hash, delete_data=False)
    assert path.exists()


def test_a_download_aria2_stopped_as_complete_may_be_removed(aria2):
    path = write_payload(aria2.downloads, "Arrival.2016.1080p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(path)
    raw(aria2, "aria2.addTorrent", base64.b64encode(torrent).decode(), [], {"seed-time": "0"})
    provider = aria2_client(aria2)

    item = services.wait_for(lambda: (found := find(provider, info_hash)) and found.can_be_removed and found)

    assert item.status == ItemStatus.COMPLETED
    provider.definition.remove_completed_downloads = False
    assert find(provider, info_hash).can_be_removed is False
    provider.remove(info_hash, delete_data=False)
    assert gid_of(aria2, info_hash) is None


def test_an_unfinished_download_is_downloading_then_paused(aria2, tmp_path):
    elsewhere = write_payload(tmp_path, "Never.There.2020.1080p.mkv")  # aria2 cannot find its data
    torrent, info_hash = make_torrent(elsewhere)
    provider = aria2_client(aria2)
    provider.add(release("Never.There.2020.1080p"), torrent)

    assert services.wait_for(lambda: (found := find(provider, info_hash)) and found).status == (
        ItemStatus.DOWNLOADING
    )
    raw(aria2, "aria2.forcePause", gid_of(aria2, info_hash))
    paused = services.wait_for(
        lambda: (found := find(provider, info_hash)) and found.status == "paused" and found
    )
    assert paused.remaining_size == paused.total_size > 0
    provider.remove(info_hash, delete_data=False)
    assert gid_of(aria2, info_hash) is None


def test_a_magnet_link_is_added_and_not_listed_while_it_fetches_its_metadata(aria2):
    info_hash = "0123456789ABCDEF0123456789ABCDEF01234567"
    magnet = f"magnet:?xt=urn:btih:{info_hash}&dn=Magnet.Movie.2020&tr=http%3A%2F%2F127.0.0.1%3A9%2Fannounce"
    provider = aria2_client(aria2)

    assert provider.add(release("Magnet.Movie.2020", magnet_url=magnet), None) == info_hash

    gid = services.wait_for(lambda: gid_of(aria2, info_hash))
    assert find(provider, info_hash) is None  # Radarr skips the [METADATA] download
    raw(aria2, "aria2.forceRemove", gid)


def test_the_test_button_passes(aria2):
    assert aria2_client(aria2).test() == []


def test_a_wrong_secret_token_fails_on_that_field(aria2):
    provider = aria2_client(aria2, secretToken="wrong")

    with pytest.raises(ProviderError) as raised:
        provider.items()

    assert raised.value.message == BAD_TOKEN
    [failure] = provider.test()
    assert (failure.property_name, failure.message) == ("secretToken", BAD_TOKEN)


def test_a_wrong_port_and_a_wrong_rpc_path_are_named(aria2):
    closed = services.free_port()

    [refused] = aria2_client(aria2, port=closed).test()
    [wrong_path] = aria2_client(aria2, rpcPath="/xmlrpc").test()

    assert refused.property_name == "host"
    assert refused.message.startswith(f"Unable to connect to Aria2 at http://127.0.0.1:{closed}")
    assert wrong_path.property_name == "rpcPath"


def test_the_health_check_names_an_aria2_refusing_its_token(aria2):
    settings = {"host": "127.0.0.1", "port": aria2.port, "secretToken": daemons.SECRET}
    DownloadClient.objects.create(name="aria2", implementation="Aria2", settings=settings)
    assert download_client_check() == []

    DownloadClient.objects.create(
        name="Locked", implementation="Aria2", settings={**settings, "secretToken": "x"}
    )
    [issue] = download_client_check()
    assert issue.message == f"Unable to communicate with Locked. {BAD_TOKEN}"
