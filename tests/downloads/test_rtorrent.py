"""rTorrent, the real program: XML-RPC straight over SCGI and through an HTTP endpoint (a loopback
HTTP -> SCGI bridge with basic auth), labels, priorities, the imported view, seeding goals, removal."""

import xmlrpc.client
from collections.abc import Iterator
from pathlib import Path

import pytest

from downloads.health import download_client_check
from downloads.implementations import rtorrent as rtorrent_module
from downloads.implementations.base import AUTHENTICATION_FAILED, ItemStatus
from downloads.implementations.rtorrent import IMPORTED_VIEW
from downloads.implementations.xmlrpc import scgi_request
from downloads.models import DownloadClient, RemotePathMapping
from radarr.providers import ProviderError
from tests.downloads import daemons, services
from tests.downloads.conftest import client_row, find, release, wait_until_completed
from tests.downloads.factories import GrabFactory
from tests.downloads.torrents import bencode, make_torrent, write_payload
from tests.indexers.factories import IndexerFactory
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]

# without DHT, rTorrent takes a magnet link only when it names a tracker (here one that never answers)
TRACKER = "&tr=http%3A%2F%2F127.0.0.1%3A9%2Fannounce"


@pytest.fixture(scope="module")
def rtorrent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Service]:
    yield from services.running(daemons.start_rtorrent, tmp_path_factory.mktemp("rtorrent"))


@pytest.fixture(scope="module")
def bridge(rtorrent: services.Service) -> Iterator[daemons.ScgiBridge]:
    relay = daemons.ScgiBridge(rtorrent.port)
    yield relay
    relay.stop()


def raw(rtorrent: services.Service, method: str, *params: object) -> object:
    """A call straight to the daemon, to see what it really holds (not through the code under test)."""
    answer = scgi_request(services.HOST, rtorrent.port, xmlrpc.client.dumps(params, method).encode())
    return xmlrpc.client.loads(answer)[0][0]


def over_scgi(rtorrent: services.Service, **settings: object):
    values = {"host": "127.0.0.1", "port": rtorrent.port, "urlBase": ""}
    return client_row("RTorrent", **{**values, **settings}).provider()


def over_http(bridge: daemons.ScgiBridge, **settings: object):
    values = {
        "host": "127.0.0.1",
        "port": bridge.port,
        "urlBase": "/RPC2",
        "username": services.USERNAME,
        "password": services.PASSWORD,
    }
    return client_row("RTorrent", **{**values, **settings}).provider()


def seeded_torrent(rtorrent: services.Service, name: str) -> tuple[Path, bytes, str]:
    """A payload in rTorrent's download folder and its .torrent: adding it completes by hash check."""
    path = write_payload(rtorrent.downloads, name)
    torrent, info_hash = make_torrent(path)
    return path, torrent, info_hash


def test_over_scgi_a_torrent_gets_its_label_and_priority_completes_and_is_removed_with_its_data(rtorrent):
    path, torrent, info_hash = seeded_torrent(rtorrent, "Dune.2021.2160p.WEB-DL-GRP.mkv")
    provider = over_scgi(rtorrent, movieCategory="radarr-movies", recentMoviePriority=3)

    download_id = provider.add(release("Dune.2021.2160p.WEB-DL-GRP"), torrent, is_recent=True)

    assert download_id == info_hash
    item = wait_until_completed(provider, download_id)
    assert item.category == "radarr-movies"
    assert item.total_size == path.stat().st_size and item.remaining_size == 0
    assert Path(item.output_path) == path
    assert raw(rtorrent, "d.custom1", info_hash) == "radarr-movies"
    assert raw(rtorrent, "d.priority", info_hash) == 3
    provider.remove(download_id, delete_data=True)
    assert find(provider, download_id) is None
    assert not path.exists()


def test_the_older_priority_applies_to_older_movies_and_normal_is_left_alone(rtorrent):
    _, low, low_hash = seeded_torrent(rtorrent, "Old.Movie.1999.720p.mkv")
    _, normal, normal_hash = seeded_torrent(rtorrent, "Normal.Movie.2001.720p.mkv")
    low_provider = over_scgi(rtorrent, olderMoviePriority=1, recentMoviePriority=3)

    low_provider.add(release("Old.Movie.1999.720p"), low)
    over_scgi(rtorrent).add(release("Normal.Movie.2001.720p"), normal)

    assert raw(rtorrent, "d.priority", low_hash) == 1
    assert raw(rtorrent, "d.priority", normal_hash) == 2  # rTorrent's own default
    for info_hash in (low_hash, normal_hash):
        low_provider.remove(info_hash, delete_data=False)


def test_only_torrents_with_our_label_are_listed_and_a_blank_category_lists_all(rtorrent):
    _, torrent, info_hash = seeded_torrent(rtorrent, "Someone.Elses.Download.iso")
    over_scgi(rtorrent, movieCategory="tv").add(release("Someone.Elses.Download"), torrent)

    ours = over_scgi(rtorrent, movieCategory="radarr")
    everything = over_scgi(rtorrent, movieCategory="")

    services.wait_for(lambda: find(everything, info_hash))
    assert find(ours, info_hash) is None
    assert find(everything, info_hash).category == "tv"
    everything.remove(info_hash, delete_data=False)


def test_add_stopped_leaves_the_torrent_stopped(rtorrent):
    _, torrent, info_hash = seeded_torrent(rtorrent, "Stopped.Movie.2010.1080p.mkv")
    provider = over_scgi(rtorrent, addStopped=True)

    provider.add(release("Stopped.Movie.2010.1080p"), torrent)

    assert raw(rtorrent, "d.state", info_hash) == 0
    assert raw(rtorrent, "d.is_active", info_hash) == 0
    provider.remove(info_hash, delete_data=False)


def test_after_import_the_torrent_gets_the_post_import_label_and_the_imported_view(rtorrent):
    _, torrent, info_hash = seeded_torrent(rtorrent, "Arrival.2016.1080p.BluRay.x264-GRP.mkv")
    provider = over_scgi(rtorrent, movieImportedCategory="radarr-imported")
    provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent)
    wait_until_completed(provider, info_hash)

    provider.mark_imported(info_hash)

    assert raw(rtorrent, "d.custom1", info_hash) == "radarr-imported"
    assert IMPORTED_VIEW in raw(rtorrent, "d.views", info_hash)
    assert find(provider, info_hash) is None  # no longer in our category
    over_scgi(rtorrent, movieCategory="radarr-imported").remove(info_hash, delete_data=False)


def test_a_finished_torrent_is_removable_only_once_its_indexer_seed_goal_is_met(rtorrent):
    _, torrent, info_hash = seeded_torrent(rtorrent, "Sicario.2015.1080p.BluRay.x264-GRP.mkv")
    provider = over_scgi(rtorrent)
    provider.add(release("Sicario.2015.1080p.BluRay.x264-GRP"), torrent)
    assert wait_until_completed(provider, info_hash).can_be_removed is False  # no grab: no goal known

    indexer = IndexerFactory(implementation="Torznab", settings={"seedCriteria.seedRatio": 1.0})
    GrabFactory(movie=MovieFactory(), download_id=info_hash, data={"indexer": indexer.name})
    assert find(provider, info_hash).can_be_removed is False  # ratio 0 of 1, no seed time

    indexer.settings = {"seedCriteria.seedRatio": 1.0, "seedCriteria.seedTime": 0}
    indexer.save()
    item = find(provider, info_hash)
    assert item.can_be_removed is True and item.can_move_files is True  # seeded 0 minutes: goal met

    provider.definition.remove_completed_downloads = False
    assert find(provider, info_hash).can_be_removed is False  # Radarr's rule: only with Remove Completed
    provider.remove(info_hash, delete_data=False)


def test_over_http_the_test_button_passes_and_a_download_round_trips(bridge, rtorrent):
    path, torrent, info_hash = seeded_torrent(rtorrent, "Heat.1995.1080p.BluRay.x264-GRP.mkv")
    provider = over_http(bridge)

    assert provider.test() == []
    provider.add(release("Heat.1995.1080p.BluRay.x264-GRP"), torrent)
    item = wait_until_completed(provider, info_hash)
    assert Path(item.output_path) == path
    assert provider.status().output_root_folders == [str(rtorrent.downloads)]
    provider.remove(info_hash, delete_data=False)
    assert find(provider, info_hash) is None and path.exists()


def test_over_http_a_wrong_password_fails_as_authentication(bridge):
    provider = over_http(bridge, password="wrong")

    with pytest.raises(ProviderError) as raised:
        provider.items()

    assert raised.value.message == AUTHENTICATION_FAILED
    [failure] = provider.test()
    assert failure.property_name == "password"


def test_over_http_a_wrong_url_path_is_named(bridge):
    [failure] = over_http(bridge, urlBase="/plugins/rpc/rpc.php").test()

    assert failure.property_name == "urlBase"
    assert "HTTP 404" in failure.message


def test_a_wrong_port_fails_the_test_on_the_host_field(rtorrent):
    closed = services.free_port()

    [failure] = over_scgi(rtorrent, port=closed).test()

    assert failure.property_name == "host"
    assert failure.message.startswith(f"Unable to connect to rTorrent at scgi://127.0.0.1:{closed}")
    assert "refused" in failure.message.lower()


def test_an_http_endpoint_given_as_scgi_fails_in_plain_words(bridge):
    provider = client_row("RTorrent", host="127.0.0.1", port=bridge.port, urlBase="").provider()

    [failure] = provider.test()

    assert failure.property_name == "host"
    assert "SCGI" in failure.message


def test_the_test_warns_without_a_category_and_checks_a_local_directory(rtorrent, tmp_path):
    assert [(f.property_name, f.severity) for f in over_scgi(rtorrent, movieCategory="").test()] == [
        ("movieCategory", "warning")
    ]
    [missing] = over_scgi(rtorrent, movieDirectory=str(tmp_path / "absent")).test()
    assert missing.property_name == "movieDirectory"
    assert over_scgi(rtorrent, movieDirectory=str(tmp_path)).test() == []


def test_a_torrent_rtorrent_refuses_fails_the_grab_in_plain_words(rtorrent, monkeypatch):
    monkeypatch.setattr(rtorrent_module, "ADD_RETRY_SECONDS", 0.05)
    info = {"name": "Broken.2020.mkv", "length": 10, "piece length": 16384}  # no pieces: not a valid torrent
    broken = bencode({"announce": "http://127.0.0.1:9/announce", "info": info})

    with pytest.raises(ProviderError) as raised:
        over_scgi(rtorrent).add(release("Broken.2020"), broken)

    assert raised.value.message == "rTorrent did not add the torrent Broken.2020: is the .torrent valid?"


def test_a_magnet_link_is_added_with_its_label(rtorrent):
    info_hash = "0123456789ABCDEF0123456789ABCDEF01234567"
    magnet = f"magnet:?xt=urn:btih:{info_hash}&dn=Magnet.Movie.2020.1080p{TRACKER}"
    provider = over_scgi(rtorrent)

    download_id = provider.add(release("Magnet.Movie.2020.1080p", magnet_url=magnet), None)

    assert download_id == info_hash
    # rTorrent knows a magnet's hash once it has opened it, a moment after it accepted the call
    services.wait_for(lambda: find(provider, info_hash), 10)
    assert raw(rtorrent, "d.custom1", info_hash) == "radarr"
    assert raw(rtorrent, "d.is_active", info_hash) == 1
    provider.remove(info_hash, delete_data=False)


def test_items_report_downloading_and_paused_as_radarr_maps_them(rtorrent):
    info_hash = "89ABCDEF0123456789ABCDEF0123456789ABCDEF"
    magnet = f"magnet:?xt=urn:btih:{info_hash}&dn=Never.Finishes.2020{TRACKER}"
    provider = over_scgi(rtorrent)
    provider.add(release("Never.Finishes.2020", magnet_url=magnet), None)

    # rTorrent lists a magnet once it has opened it, a moment after it accepted the call
    listed = services.wait_for(lambda: find(provider, info_hash), 10)
    assert listed.status == ItemStatus.DOWNLOADING
    raw(rtorrent, "d.stop", info_hash)
    # a stopped torrent stays open, so rTorrent still reports its path
    paused = services.wait_for(
        lambda: (item := find(provider, info_hash)) and item.status != ItemStatus.DOWNLOADING and item, 10
    )
    assert paused.status == ItemStatus.PAUSED
    provider.remove(info_hash, delete_data=False)


def test_the_health_check_passes_for_a_reachable_rtorrent_and_names_one_that_is_not(rtorrent):
    DownloadClient.objects.create(
        name="rTorrent",
        implementation="RTorrent",
        settings={"host": "127.0.0.1", "port": rtorrent.port, "urlBase": ""},
    )
    assert download_client_check() == []

    closed = services.free_port()
    DownloadClient.objects.create(
        name="Gone", implementation="RTorrent", settings={"host": "127.0.0.1", "port": closed, "urlBase": ""}
    )
    [issue] = download_client_check()
    assert issue.message.startswith(
        "Unable to communicate with Gone. Unable to connect to rTorrent at scgi://"
    )


def test_paths_rtorrent_reports_go_through_the_remote_path_mappings(rtorrent, tmp_path):
    path, torrent, info_hash = seeded_torrent(rtorrent, "Alien.1979.1080p.BluRay.x264-GRP.mkv")
    RemotePathMapping.objects.create(
        host="127.0.0.1", remote_path=f"{rtorrent.downloads}/", local_path="/mnt/seedbox/"
    )
    provider = over_scgi(rtorrent)
    provider.add(release("Alien.1979.1080p.BluRay.x264-GRP"), torrent)

    assert wait_until_completed(provider, info_hash).output_path == f"/mnt/seedbox/{path.name}"
    assert provider.status().output_root_folders == ["/mnt/seedbox/"]
    provider.remove(info_hash, delete_data=False)
