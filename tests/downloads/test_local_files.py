"""Remote path mappings, torrent info-hashes and the blackholes (all on local disk)."""

import os
import time

import pytest

from downloads.implementations.base import ItemStatus
from downloads.models import RemotePathMapping
from downloads.remotepaths import map_remote_path
from downloads.torrentfiles import magnet_info_hash, torrent_info_hash
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row, release
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "path", "expected"),
    [
        ("nas", "/downloads/movies/Heat", "/mnt/nas/movies/Heat"),
        ("NAS", "/downloads", "/mnt/nas/"),
        ("nas", "/downloads-other/Heat", "/downloads-other/Heat"),
        ("other", "/downloads/movies/Heat", "/downloads/movies/Heat"),
        ("win", "D:\\Downloads\\Heat", "/mnt/win/Heat"),
        ("win", "d:\\downloads\\Heat\\file.mkv", "/mnt/win/Heat/file.mkv"),
        ("nas", "/downloads/complete/Heat", "/mnt/complete/Heat"),  # the longest mapping wins
    ],
)
def test_remote_paths_are_mapped_by_host_and_longest_prefix(host, path, expected):
    RemotePathMapping.objects.create(host="nas", remote_path="/downloads/", local_path="/mnt/nas/")
    RemotePathMapping.objects.create(
        host="nas", remote_path="/downloads/complete/", local_path="/mnt/complete/"
    )
    RemotePathMapping.objects.create(host="win", remote_path="D:\\Downloads\\", local_path="/mnt/win/")

    assert map_remote_path(host, path) == expected


def test_the_info_hash_of_a_torrent_file_is_the_hash_of_its_info_dictionary(tmp_path):
    torrent, expected = make_torrent(write_payload(tmp_path, "a.mkv"))

    assert torrent_info_hash(torrent) == expected


@pytest.mark.parametrize("payload", [b"<html>not a torrent</html>", b"d8:announce3:abc", b""])
def test_a_file_that_is_no_torrent_is_a_permanent_provider_error(payload):
    with pytest.raises(ProviderError) as raised:
        torrent_info_hash(payload)

    assert raised.value.permanent


def test_magnet_hashes_in_hex_and_base32_are_read():
    hex_hash = "C12FE1C06BBA254A9DC9F519B335AA7C1367A88A"
    base32 = "YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK"

    assert magnet_info_hash(f"magnet:?xt=urn:btih:{hex_hash.lower()}&dn=x") == hex_hash
    assert magnet_info_hash(f"magnet:?xt=urn:btih:{base32}") == hex_hash


def blackhole(tmp_path, **settings):
    drop, watch = tmp_path / "drop", tmp_path / "watch"
    drop.mkdir(exist_ok=True)
    watch.mkdir(exist_ok=True)
    values = {"torrentFolder": str(drop), "watchFolder": str(watch), **settings}
    return client_row("TorrentBlackhole", **values).provider(), drop, watch


def test_the_torrent_blackhole_writes_the_file_and_reports_it_once_finished(tmp_path):
    provider, drop, watch = blackhole(tmp_path)
    torrent = b"d4:infod4:name1:aee"

    download_id = provider.add(release("Heat.1995.720p.WEB-DL-GRP"), torrent)
    finished = watch / "Heat.1995.720p.WEB-DL-GRP"
    finished.mkdir()
    (finished / "heat.mkv").write_bytes(b"x" * 1000)
    old = time.time() - 120
    os.utime(finished / "heat.mkv", (old, old))
    os.utime(finished, (old, old))

    assert (drop / "Heat.1995.720p.WEB-DL-GRP.torrent").read_bytes() == torrent
    assert not [path for path in drop.iterdir() if path.name.startswith(".")]  # no temporary file left
    [item] = provider.items()
    assert item.download_id == download_id
    assert item.status == ItemStatus.COMPLETED
    assert item.total_size == 1000
    assert item.can_move_files is False  # read only by default: copy or hardlink, never move
    provider.remove(download_id, delete_data=True)
    assert not finished.exists()


def test_a_download_still_being_written_is_downloading(tmp_path):
    provider, _, watch = blackhole(tmp_path)
    (watch / "Alien.1979.mkv").write_bytes(b"partial")

    [item] = provider.items()

    assert item.status == ItemStatus.DOWNLOADING


def test_magnet_links_need_the_save_magnet_files_option(tmp_path):
    magnet = "magnet:?xt=urn:btih:C12FE1C06BBA254A9DC9F519B335AA7C1367A88A"
    provider, drop, _ = blackhole(tmp_path)
    with pytest.raises(ProviderError):
        provider.add(release("Jaws.1975", magnet_url=magnet), None)

    saving, drop, _ = blackhole(tmp_path, saveMagnetFiles=True)
    saving.add(release("Jaws.1975", magnet_url=magnet), None)

    assert (drop / "Jaws.1975.magnet").read_text() == magnet


def test_the_usenet_blackhole_test_names_a_missing_folder(tmp_path):
    provider = client_row(
        "UsenetBlackhole", "usenet", nzbFolder=str(tmp_path / "missing"), watchFolder=str(tmp_path)
    ).provider()

    assert [failure.property_name for failure in provider.test()] == ["nzbFolder"]
