"""Download Station (torrent and usenet) against a loopback fake of Synology's Web API: discovery,
the session id, both task APIs, the folder rules, shared-folder paths, states, removal and the test
button's plain words."""

import hashlib

import pytest

from downloads.implementations.base import ItemStatus
from downloads.models import RemotePathMapping
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row, release
from tests.downloads.fakes.caches import forget_client_sessions  # noqa: F401
from tests.downloads.fakes.synology import SynologyFake
from tests.downloads.test_client_faults import closed_port
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = pytest.mark.django_db
MAGNET = "magnet:?xt=urn:btih:5dee65101db281ac9c46344cd6b175cdcad53426&dn=Heat.1995.720p.WEB-DL-GRP"
NZB = b'<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"></nzb>'
SERIAL_HASH = hashlib.sha1(b"1780PDN123456").hexdigest().upper()


@pytest.fixture(params=[True, False], ids=["DownloadStation2.Task", "DownloadStation.Task"])
def synology(request):
    fake = SynologyFake(has_task2=request.param).start()
    yield fake
    fake.stop()


def station(fake: SynologyFake, implementation: str = "TorrentDownloadStation", **settings: object):
    values = {"host": "127.0.0.1", "port": fake.port, "username": "radarr", "password": "secret"}
    protocol = "usenet" if implementation.startswith("Usenet") else "torrent"
    return client_row(implementation, protocol, **{**values, **settings}).provider()


def test_the_test_button_passes_with_a_category_folder_that_exists(synology):
    assert station(synology, tvCategory="radarr").test() == []


def test_a_wrong_password_names_the_username_in_plain_words(synology):
    failures = station(synology, password="wrong").test()

    assert [(failure.property_name, failure.message) for failure in failures] == [
        ("username", "Authentication failed: Failed to log in: No such account or incorrect password")
    ]


def test_a_box_without_task_api_version_2_fails_the_test():
    fake = SynologyFake(has_task2=False, task_versions=(3, 3)).start()
    try:
        failures = station(fake).test()
    finally:
        fake.stop()

    assert failures[0].message == (
        "Download Station's API version is not supported: version 2 is needed, it speaks 3 to 3"
    )


def test_an_unreachable_box_fails_on_the_host():
    provider = client_row("TorrentDownloadStation", host="127.0.0.1", port=closed_port(), username="radarr")

    failures = provider.provider().test()

    assert failures[0].property_name == "host"
    assert failures[0].message.startswith("Unable to connect to Download Station at http://127.0.0.1:")


def test_missing_folders_are_named_in_plain_words(synology):
    no_share = station(synology, tvDirectory="media/movies").test()
    no_folder = station(synology, tvCategory="films").test()
    synology.default_destination = ""
    no_default = station(synology).test()

    assert no_share[0].property_name == "tvDirectory"
    assert no_share[0].message == "Shared folder does not exist: the DiskStation has no shared folder 'media'"
    assert no_folder[0].property_name == "tvCategory"
    assert no_folder[0].message == (
        "Folder does not exist: create 'downloads/films' inside the shared folder 'downloads' first"
    )
    assert no_default[0].property_name == "tvDirectory" and "no default destination" in no_default[0].message


def test_the_folder_rules_are_checked_on_save():
    provider = client_row("TorrentDownloadStation", tvCategory="Radarr_1", tvDirectory="/video").provider()

    failures = [(failure.property_name, failure.message) for failure in provider.validate()]

    assert failures == [
        ("tvDirectory", "Cannot start with /"),
        ("tvCategory", "Allowed characters a-z and -"),
        ("tvCategory", "Cannot use Category and Directory"),
    ]


def test_a_torrent_file_goes_into_the_category_folder_with_an_id_of_serial_and_task(synology, tmp_path):
    torrent, _ = make_torrent(write_payload(tmp_path, "Arrival.2016.1080p.BluRay.x264-GRP.mkv"))
    provider = station(synology, tvCategory="radarr")

    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent)

    assert download_id == f"{SERIAL_HASH}:dbid_1"
    task = synology.tasks["dbid_1"]
    assert (task.type, task.destination, task.title) == (
        "bt",
        "downloads/radarr",
        "Arrival.2016.1080p.BluRay.x264-GRP.mkv",
    )
    assert [item.download_id for item in provider.items()] == [download_id]


def test_a_magnet_goes_into_the_directory_and_other_folders_are_not_ours(synology):
    provider = station(synology, tvDirectory="video/movies")

    download_id = provider.add(release("Heat.1995.720p.WEB-DL-GRP", magnet_url=MAGNET), None)
    station(synology).add(release("Other", magnet_url=MAGNET.replace("5dee", "6dee")), None)

    assert synology.tasks["dbid_1"].destination == "video/movies"
    assert [item.download_id for item in provider.items()] == [download_id]


def test_a_session_the_box_forgot_is_opened_again(synology, tmp_path):
    provider = station(synology, tvCategory="radarr")
    provider.add(release("A"), make_torrent(write_payload(tmp_path, "A.2020.mkv"))[0])
    logins = sum(request.arg("method") == "login" for request in synology.requests)
    synology.expire_sessions()

    assert len(station(synology, tvCategory="radarr").items()) == 1
    assert sum(request.arg("method") == "login" for request in synology.requests) == logins + 1


def test_torrent_states_progress_and_seeding_follow_radarr(synology, tmp_path):
    RemotePathMapping.objects.create(
        host="127.0.0.1", remote_path="/volume1/downloads/", local_path=f"{tmp_path}/nas/"
    )
    provider = station(synology, tvCategory="radarr")
    provider.add(release("A"), make_torrent(write_payload(tmp_path, "A.2020.mkv"))[0])
    task = synology.tasks["dbid_1"]

    waiting = provider.items()[0]
    task.status, task.downloaded, task.speed = "downloading", task.size // 2, 1000
    downloading = provider.items()[0]
    task.status, task.downloaded, task.uploaded = "seeding", task.size, task.size * 2
    seeding = provider.items()[0]
    task.status = "finished"
    finished = provider.items()[0]
    task.status, task.extra = "error", {"error_detail": "broken_link"}
    failed = provider.items()[0]

    assert waiting.status == ItemStatus.QUEUED
    assert (
        downloading.status == ItemStatus.DOWNLOADING
        and downloading.remaining_size == task.size - task.size // 2
    )
    assert downloading.remaining_time.total_seconds() == (task.size - task.size // 2) // 1000
    assert seeding.status == ItemStatus.COMPLETED and seeding.seed_ratio == 2.0 and not seeding.can_be_removed
    assert finished.can_be_removed and finished.output_path == f"{tmp_path}/nas/radarr/A.2020.mkv"
    assert (failed.status, failed.message) == (ItemStatus.FAILED, "broken_link")


def test_remove_with_data_deletes_the_mapped_files_and_the_task(synology, tmp_path):
    RemotePathMapping.objects.create(
        host="127.0.0.1", remote_path="/volume1/downloads/", local_path=f"{tmp_path}/nas/"
    )
    (tmp_path / "nas" / "radarr").mkdir(parents=True)
    payload = write_payload(tmp_path / "nas" / "radarr", "A.2020.mkv")
    provider = station(synology, tvCategory="radarr")
    download_id = provider.add(release("A"), make_torrent(payload)[0])
    synology.tasks["dbid_1"].status = "finished"

    provider.remove(download_id, delete_data=True)

    assert synology.deleted == ["dbid_1"] and not payload.exists()
    assert provider.items() == []


def test_status_is_the_category_folder_as_the_volume_path_mapped(synology, tmp_path):
    RemotePathMapping.objects.create(
        host="127.0.0.1", remote_path="/volume1/downloads/", local_path="/mnt/nas/"
    )

    status = station(synology, tvCategory="radarr").status()

    assert status.output_root_folders == ["/mnt/nas/radarr"]


def test_an_nzb_is_added_and_its_states_read_for_usenet(synology):
    provider = station(synology, "UsenetDownloadStation", tvCategory="radarr")

    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP", "usenet"), NZB)
    provider_torrents = station(synology, tvCategory="radarr")
    task = synology.tasks["dbid_1"]
    task.status, task.downloaded, task.speed = "downloading", task.size // 4, 500
    downloading = provider.items()[0]
    task.status, task.extra = "extracting", {"unzip_progress": "42"}
    extracting = provider.items()[0]
    task.status, task.downloaded = "finished", task.size
    finished = provider.items()[0]

    assert download_id == f"{SERIAL_HASH}:dbid_1"
    assert (task.type, task.uri) == ("nzb", "Arrival.2016.1080p.BluRay.x264-GRP.nzb")
    assert provider_torrents.items() == []  # the torrent kind lists no NZB task
    assert downloading.status == ItemStatus.DOWNLOADING and downloading.can_be_removed
    assert downloading.remaining_time.total_seconds() == (task.size - task.size // 4) // 500
    assert (extracting.status, extracting.message) == (ItemStatus.DOWNLOADING, "Extracting: 42%")
    assert (
        finished.status == ItemStatus.COMPLETED
        and finished.output_path == "/volume1/downloads/radarr/Arrival.2016.1080p.BluRay.x264-GRP"
    )


def test_a_destination_the_box_refuses_is_a_plain_error(synology):
    synology.folders.discard("downloads/radarr")

    with pytest.raises(ProviderError) as raised:
        station(synology, tvCategory="radarr").add(release("Heat", magnet_url=MAGNET), None)

    assert raised.value.message == "Failed to add task from url: Destination does not exist"


def test_discovery_runs_once_even_for_apis_the_box_does_not_have(synology):
    for _ in range(3):
        station(synology, tvCategory="radarr").items()

    assert len(synology.calls("/webapi/query.cgi")) == 1
