"""Freebox Download against a loopback fake of the Freebox OS API: the challenge/HMAC session, the
category folder, states, seeding done, removal with data and the test button's plain words."""

import pytest

from downloads.implementations.base import ItemStatus
from downloads.models import RemotePathMapping
from tests.downloads.conftest import client_row, release
from tests.downloads.fakes.caches import forget_client_sessions  # noqa: F401
from tests.downloads.fakes.freebox import FreeboxFake
from tests.downloads.test_client_faults import closed_port
from tests.downloads.torrents import make_torrent, write_payload

pytestmark = pytest.mark.django_db
MAGNET = "magnet:?xt=urn:btih:5dee65101db281ac9c46344cd6b175cdcad53426&dn=Heat.1995.720p.WEB-DL-GRP"


@pytest.fixture
def freebox():
    fake = FreeboxFake().start()
    yield fake
    fake.stop()


def freebox_client(fake: FreeboxFake, **settings: object):
    values = {
        "host": "127.0.0.1",
        "port": fake.port,
        "useSsl": False,
        "appId": "fr.radarr",
        "appToken": "token-approved-on-the-box",
        "category": "radarr",
    }
    return client_row("TorrentFreeboxDownload", **{**values, **settings}).provider()


def test_the_test_button_opens_a_session_and_names_the_app_fields_when_the_token_is_refused(freebox):
    assert freebox_client(freebox).test() == []

    failures = freebox_client(freebox, appToken="revoked").test()

    assert [failure.property_name for failure in failures] == ["appId", "appToken"]
    assert failures[0].message == (
        "Authentication to the Freebox API failed: "
        "The app token you are trying to use is invalid or has been revoked."
    )


def test_a_wrong_api_url_and_an_unreachable_box_fail_in_plain_words(freebox):
    wrong_url = freebox_client(freebox, apiUrl="/api/v9/").test()
    down = freebox_client(freebox, port=closed_port()).test()

    assert "check the API URL" in wrong_url[0].message
    assert down[0].property_name == "host" and down[0].message.startswith(
        "Unable to connect to Freebox Download"
    )


def test_settings_rules_on_save():
    provider = client_row(
        "TorrentFreeboxDownload", appId="", appToken="", category="radarr", destinationDirectory="/x"
    ).provider()

    names = [failure.property_name for failure in provider.validate()]

    assert names == ["appId", "appToken", "category"]


def test_a_torrent_goes_into_the_category_folder_paused_and_first_as_asked(freebox, tmp_path):
    torrent, _ = make_torrent(write_payload(tmp_path, "Arrival.2016.1080p.BluRay.x264-GRP.mkv"))
    provider = freebox_client(freebox, addPaused=True, recentPriority=1)

    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP"), torrent, is_recent=True)

    task = freebox.tasks[int(download_id)]
    assert task.download_dir == "/Disque dur/Téléchargements/radarr"
    assert (task.status, task.queue_pos) == ("stopped", 1)
    assert provider.items()[0].status == ItemStatus.PAUSED


def test_a_magnet_is_added_by_url_and_other_folders_are_not_ours(freebox):
    provider = freebox_client(freebox)
    download_id = provider.add(release("Heat.1995.720p.WEB-DL-GRP", magnet_url=MAGNET), None)
    freebox_client(freebox, category="tv").add(release("Show", magnet_url=MAGNET), None)

    items = provider.items()

    assert [item.download_id for item in items] == [download_id]
    assert items[0].title == "Heat.1995.720p.WEB-DL-GRP"


def test_states_progress_and_seeding_goal_follow_radarr(freebox, tmp_path):
    RemotePathMapping.objects.create(host="127.0.0.1", remote_path="/Disque dur/", local_path="/mnt/freebox/")
    provider = freebox_client(freebox)
    download_id = provider.add(release("A"), make_torrent(write_payload(tmp_path, "A.2020.mkv"))[0])
    task = freebox.tasks[int(download_id)]

    task.rx_pct, task.eta = 2500, 120
    downloading = provider.items()[0]
    task.status, task.rx_pct, task.stop_ratio = "seeding", 10000, 150
    seeding = provider.items()[0]
    task.status = "done"  # the box stops seeding once the ratio is reached
    done = provider.items()[0]
    task.status, task.error = "error", "disk_full"
    error = provider.items()[0]

    assert (downloading.status, downloading.remaining_size) == (
        ItemStatus.DOWNLOADING,
        round(task.size * 0.75),
    )
    assert downloading.remaining_time.total_seconds() == 120
    assert seeding.status == ItemStatus.COMPLETED and not seeding.can_be_removed and seeding.seed_ratio == 1.5
    assert done.can_be_removed and done.output_path == "/mnt/freebox/Téléchargements/radarr/A.2020.mkv"
    assert (error.status, error.message) == (ItemStatus.WARNING, "The disk is full.")
    assert provider.status().output_root_folders == ["/mnt/freebox/Téléchargements/radarr"]


def test_an_expired_session_is_opened_again_and_removal_erases_data(freebox, tmp_path):
    provider = freebox_client(freebox)
    download_id = provider.add(release("A"), make_torrent(write_payload(tmp_path, "A.2020.mkv"))[0])
    freebox.expire_sessions()

    provider.remove(download_id, delete_data=True)

    assert freebox.deleted == [(int(download_id), True)]
    assert provider.items() == []


def test_the_seed_ratio_of_the_grab_becomes_the_tasks_stop_ratio(freebox, tmp_path):
    torrent, _ = make_torrent(write_payload(tmp_path, "Arrival.2016.1080p.BluRay.x264-GRP.mkv"))

    download_id = freebox_client(freebox).add(release("Arrival", seed_ratio=2.5), torrent)

    assert freebox.tasks[int(download_id)].stop_ratio == 250
