"""uTorrent against a loopback fake of its Web UI API: token and cookie, labels, the differential list,
states, seeding goals, post-import label, remote paths and the test button."""

import pytest

from downloads.grabbing import grab_release
from downloads.implementations.base import AUTHENTICATION_FAILED, ItemStatus
from downloads.models import DownloadClient, RemotePathMapping, TrackedDownload
from downloads.tracking import mark_imported, refresh_monitored_downloads
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row, release
from tests.downloads.factories import approved
from tests.downloads.factories import release as indexer_release
from tests.downloads.fakes.caches import forget_client_sessions  # noqa: F401
from tests.downloads.fakes.utorrent import UTorrentFake
from tests.downloads.test_client_faults import closed_port
from tests.downloads.torrents import make_torrent, write_payload
from tests.indexers.factories import IndexerFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db
MAGNET = "magnet:?xt=urn:btih:5dee65101db281ac9c46344cd6b175cdcad53426&dn=Heat.1995.720p.WEB-DL-GRP"


@pytest.fixture
def utorrent():
    fake = UTorrentFake().start()
    yield fake
    fake.stop()


def utorrent_client(fake: UTorrentFake, **settings: object):
    values = {"host": "127.0.0.1", "port": fake.port, "username": "admin", "password": "secret"}
    return client_row("UTorrent", **{**values, **settings}).provider()


def added_torrent(
    fake: UTorrentFake, tmp_path, title: str = "Arrival.2016.1080p.BluRay.x264-GRP", **settings
):
    torrent, info_hash = make_torrent(write_payload(tmp_path, f"{title}.mkv"))
    provider = utorrent_client(fake, **settings)
    return provider, provider.add(release(title), torrent), info_hash


def test_the_test_button_passes_with_the_right_password_and_names_the_username_with_a_wrong_one(utorrent):
    assert utorrent_client(utorrent).test() == []

    failures = utorrent_client(utorrent, password="wrong").test()

    assert [(failure.property_name, failure.message) for failure in failures] == [
        ("username", AUTHENTICATION_FAILED)
    ]


def test_a_uTorrent_older_than_3_0_fails_the_test_in_plain_words(utorrent):
    utorrent.build = 25000

    failures = utorrent_client(utorrent).test()

    assert "uTorrent 3.0 or newer is needed" in failures[0].message


def test_an_unreachable_uTorrent_fails_the_test_on_the_host():
    provider = client_row("UTorrent", host="127.0.0.1", port=closed_port()).provider()

    failures = provider.test()

    assert failures[0].property_name == "host"
    assert failures[0].message.startswith("Unable to connect to uTorrent at http://127.0.0.1:")


def test_a_torrent_file_is_added_labelled_moved_to_the_top_and_started_as_asked(utorrent, tmp_path):
    provider, download_id, info_hash = added_torrent(utorrent, tmp_path, recentMoviePriority=1, intialState=2)

    assert download_id == info_hash
    torrent = utorrent.torrents[info_hash]
    assert torrent.label == "radarr"
    assert torrent.name == "Arrival.2016.1080p.BluRay.x264-GRP.mkv"
    actions = [action for action, hash_ in utorrent.actions if hash_ == info_hash]
    assert actions == ["setprops", "pause"]  # older movie: not moved to the top

    provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), make_torrent(tmp_path / torrent.name)[0],
                 is_recent=True)  # fmt: skip
    assert [action for action, hash_ in utorrent.actions if hash_ == info_hash][-2:] == ["queuetop", "pause"]


def test_a_magnet_link_is_added_by_url(utorrent):
    provider = utorrent_client(utorrent)

    download_id = provider.add(release("Heat.1995.720p.WEB-DL-GRP", magnet_url=MAGNET), None)

    assert download_id == "5DEE65101DB281AC9C46344CD6B175CDCAD53426"
    assert utorrent.torrents[download_id].label == "radarr"
    assert utorrent.torrents[download_id].flags & 64  # started: queued to download


def test_states_progress_and_seeding_goals_follow_radarr(utorrent, tmp_path):
    provider, download_id, _ = added_torrent(utorrent, tmp_path)
    size = utorrent.torrents[download_id].size

    utorrent.set(download_id, "downloading", downloaded=size // 4, eta=90)
    item = provider.items()[0]
    assert (item.status, item.remaining_size, item.remaining_time.total_seconds()) == (
        ItemStatus.DOWNLOADING, size - size // 4, 90)  # fmt: skip
    assert not item.can_be_removed

    utorrent.set(download_id, "seeding", downloaded=size, uploaded=size // 2)
    item = provider.items()[0]
    assert item.status == ItemStatus.COMPLETED and item.seed_ratio == 0.5
    assert not item.can_be_removed  # still seeding toward its goal

    utorrent.set(download_id, "stopped")  # uTorrent stops a torrent once its seeding goal is met
    item = provider.items()[0]
    assert item.status == ItemStatus.COMPLETED and item.can_be_removed and item.can_move_files

    utorrent.set(download_id, "paused", downloaded=size // 2)
    assert provider.items()[0].status == ItemStatus.PAUSED
    utorrent.set(download_id, "error")
    item = provider.items()[0]
    assert (item.status, item.message) == (ItemStatus.WARNING, "uTorrent is reporting an error")


def test_the_list_is_read_differentially_after_the_first_call(utorrent, tmp_path):
    provider, first, _ = added_torrent(utorrent, tmp_path)
    _, second, _ = added_torrent(utorrent, tmp_path, "Heat.1995.720p.WEB-DL-GRP")
    assert {item.download_id for item in provider.items()} == {first, second}

    utorrent.torrents.pop(second)
    utorrent.set(first, "stopped", downloaded=utorrent.torrents[first].size)
    items = utorrent_client(utorrent).items()  # a new provider object: the list outlives it

    assert [(item.download_id, item.status) for item in items] == [(first, ItemStatus.COMPLETED)]
    last_list = [request for request in utorrent.requests if request.arg("list") == "1"][-1]
    assert last_list.arg("cid") in utorrent.snapshots  # answered with changes only (torrentp/torrentm)


def test_torrents_of_other_labels_are_not_ours(utorrent, tmp_path):
    added_torrent(utorrent, tmp_path, movieCategory="tv-sonarr")

    assert utorrent_client(utorrent).items() == []


def test_a_stale_token_is_replaced_once_and_the_call_goes_through(utorrent, tmp_path):
    provider, download_id, _ = added_torrent(utorrent, tmp_path)
    logins = len(utorrent.calls("/gui/token.html"))
    utorrent.expire_token()

    items = utorrent_client(utorrent).items()

    assert [item.download_id for item in items] == [download_id]
    assert len(utorrent.calls("/gui/token.html")) == logins + 1


def test_remove_with_data_and_the_post_import_label(utorrent, tmp_path):
    provider, first, _ = added_torrent(utorrent, tmp_path, movieImportedCategory="radarr-imported")
    _, second, _ = added_torrent(utorrent, tmp_path, "Heat.1995.720p.WEB-DL-GRP")

    provider.mark_imported(first)
    provider.remove(second, delete_data=True)

    assert utorrent.torrents[first].label == "radarr-imported"
    assert ("removedata", second) in utorrent.actions and second not in utorrent.torrents
    assert provider.items() == []


def test_status_names_the_completed_folder_with_the_label_through_remote_path_mappings(utorrent):
    RemotePathMapping.objects.create(host="127.0.0.1", remote_path="/downloads/", local_path="/mnt/nas/")

    status = utorrent_client(utorrent).status()

    assert status.output_root_folders == ["/mnt/nas/complete/radarr"]
    assert status.is_localhost is True


def test_the_category_is_required_on_save():
    failures = client_row("UTorrent", movieCategory="").provider().validate()

    assert [failure.property_name for failure in failures] == ["movieCategory"]


def test_a_wrong_password_is_a_permanent_provider_error(utorrent):
    with pytest.raises(ProviderError) as raised:
        utorrent_client(utorrent, password="wrong").items()

    assert raised.value.permanent and raised.value.message == AUTHENTICATION_FAILED


def test_a_grab_carries_the_indexers_seed_goal_and_the_download_is_tracked_imported_and_removed(
    utorrent, fake_server, tmp_path
):
    movie = MovieFactory(title="Arrival", year=2016)
    indexer = IndexerFactory(implementation="Torznab", settings={
        "baseUrl": fake_server.url, "seedCriteria.seedRatio": 1.5, "seedCriteria.seedTime": 120})  # fmt: skip
    DownloadClient.objects.create(
        name="uTorrent", implementation="UTorrent", protocol="torrent",
        settings={"host": "127.0.0.1", "port": utorrent.port, "username": "admin", "password": "secret",
                  "movieImportedCategory": "radarr-imported"},
    )  # fmt: skip
    (tmp_path / "seedbox").mkdir()
    payload = write_payload(tmp_path / "seedbox", "Arrival.2016.1080p.BluRay.x264-GRP.mkv")
    torrent, info_hash = make_torrent(payload)
    fake_server.add("/t/1", body=torrent, content_type="application/x-bittorrent")
    RemotePathMapping.objects.create(
        host="127.0.0.1", remote_path="/downloads/", local_path=f"{tmp_path}/seedbox/"
    )
    found = indexer_release("Arrival.2016.1080p.BluRay.x264-GRP", "torrent", indexer_id=indexer.pk,
                            download_url=f"{fake_server.url}/t/1")  # fmt: skip

    grab = grab_release(approved(movie, found))
    state = utorrent.torrents[info_hash]
    state.flags, state.downloaded = 137, state.size // 2  # downloading, half way
    refresh_monitored_downloads()
    halfway = TrackedDownload.objects.get()
    utorrent.set(info_hash, "stopped", downloaded=state.size)  # seeding goal met: uTorrent stopped it
    refresh_monitored_downloads()
    completed = TrackedDownload.objects.get()
    mark_imported(grab.download_id)

    assert grab.download_id == info_hash
    assert state.props["seed_override"] == ["1"] and state.props["seed_ratio"] == ["1500"]
    assert state.props["seed_time"] == ["7200"]
    assert (halfway.item_status, halfway.remaining_size) == ("downloading", state.size - state.size // 2)
    assert (completed.state, completed.output_path) == ("importPending", str(payload))
    assert state.label == "radarr-imported"
    assert ("removedata", info_hash) in utorrent.actions and info_hash not in utorrent.torrents
