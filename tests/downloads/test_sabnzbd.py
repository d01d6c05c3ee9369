"""SABnzbd against a fake built from its documented API (SABnzbd is in no package registry here)."""

from datetime import timedelta
from pathlib import Path

import pytest

from downloads.implementations.base import ItemStatus
from downloads.models import RemotePathMapping
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row, release

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "sabnzbd"


@pytest.fixture
def sabnzbd(fake_server):
    for mode in ("queue", "history", "version"):
        fake_server.add("/api", file=FIXTURES / f"{mode}.json", query={"mode": mode})
    fake_server.add("/api", file=FIXTURES / "config.json", query={"mode": "get_config"})
    fake_server.add(
        "/api",
        method="POST",
        query={"mode": "addfile"},
        body='{"status": true, "nzo_ids": ["SABnzbd_nzo_new1"]}',
    )
    return fake_server


def sabnzbd_client(server, **settings):
    port = int(server.url.rsplit(":", 1)[1])
    values = {"host": "127.0.0.1", "port": port, "apiKey": "sab-key", **settings}
    return client_row("Sabnzbd", "usenet", **values).provider()


def test_queue_and_history_items_of_our_category(sabnzbd):
    items = {item.download_id: item for item in sabnzbd_client(sabnzbd).items()}

    assert set(items) == {
        "SABnzbd_nzo_aaaa1111",
        "SABnzbd_nzo_bbbb2222",
        "SABnzbd_nzo_dddd4444",
        "SABnzbd_nzo_eeee5555",
    }
    downloading = items["SABnzbd_nzo_aaaa1111"]
    assert downloading.status == ItemStatus.DOWNLOADING
    assert downloading.total_size == 2048 * 1024 * 1024
    assert downloading.remaining_size == 1024 * 1024 * 1024
    assert downloading.remaining_time == timedelta(minutes=17, seconds=4)
    assert items["SABnzbd_nzo_bbbb2222"].status == ItemStatus.QUEUED
    completed = items["SABnzbd_nzo_dddd4444"]
    assert completed.status == ItemStatus.COMPLETED
    assert completed.output_path == "/downloads/complete/movies/Alien.1979.1080p.BluRay-GRP"
    failed = items["SABnzbd_nzo_eeee5555"]
    assert failed.status == ItemStatus.FAILED
    assert "password" in failed.message


def test_output_paths_go_through_remote_path_mappings(sabnzbd):
    RemotePathMapping.objects.create(host="127.0.0.1", remote_path="/downloads/", local_path="/mnt/nas/dl/")

    items = {item.download_id: item for item in sabnzbd_client(sabnzbd).items()}

    assert (
        items["SABnzbd_nzo_dddd4444"].output_path == "/mnt/nas/dl/complete/movies/Alien.1979.1080p.BluRay-GRP"
    )
    assert sabnzbd_client(sabnzbd).status().output_root_folders == ["/mnt/nas/dl/complete/movies"]


def test_add_uploads_the_nzb_with_category_and_key(sabnzbd):
    download_id = sabnzbd_client(sabnzbd).add(release("Dune.2021.2160p.WEB-DL-GRP", "usenet"), b"<nzb></nzb>")

    assert download_id == "SABnzbd_nzo_new1"
    upload = next(request for request in sabnzbd.requests if request.method == "POST")
    assert upload.query["cat"] == ["movies"]
    assert upload.query["apikey"] == ["sab-key"]
    assert b'filename="Dune.2021.2160p.WEB-DL-GRP.nzb"' in upload.body


def test_the_connection_test_checks_the_category_exists(sabnzbd):
    assert sabnzbd_client(sabnzbd).test() == []
    failures = sabnzbd_client(sabnzbd, movieCategory="films").test()

    assert [failure.property_name for failure in failures] == ["movieCategory"]


def test_a_wrong_api_key_is_a_clear_authentication_failure(fake_server):
    fake_server.add("/api", body='{"status": false, "error": "API Key Incorrect"}', query={"mode": "queue"})

    with pytest.raises(ProviderError) as raised:
        sabnzbd_client(fake_server).items()

    assert raised.value.message == "Authentication failed: check the API key"
    assert raised.value.permanent
