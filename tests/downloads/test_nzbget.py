"""NZBGet, the real program, downloading from our local NNTP server: queue → history → file on disk."""

from pathlib import Path

import pytest

from downloads.implementations.base import AUTHENTICATION_FAILED, ItemStatus
from radarr.providers import ProviderError
from tests.downloads import services
from tests.downloads.conftest import client_row, find, release
from tests.downloads.torrents import write_payload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


def nzbget_client(service: services.Service, **settings: object):
    return client_row("Nzbget", "usenet", host="127.0.0.1", port=service.port, **settings).provider()


def test_a_usenet_download_completes_with_the_file_on_disk(nzbget, nntp):
    payload = write_payload(nntp.articles, "Gattaca.1997.1080p.BluRay.x264-GRP.mkv", size=250_000)
    provider = nzbget_client(nzbget)

    download_id = provider.add(
        release("Gattaca.1997.1080p.BluRay.x264-GRP", "usenet"), services.make_nzb(payload)
    )

    assert download_id.isdigit()
    item = services.wait_for(
        lambda: (found := find(provider, download_id)) and found.status == ItemStatus.COMPLETED and found, 60
    )
    assert item.category == "Movies"
    assert item.title == "Gattaca.1997.1080p.BluRay.x264-GRP"
    downloaded = Path(item.output_path) / payload.name
    assert downloaded.read_bytes() == payload.read_bytes()
    provider.remove(download_id, delete_data=True)
    assert find(provider, download_id) is None
    assert not Path(item.output_path).exists()


def test_a_download_whose_articles_are_missing_fails(nzbget, nntp, tmp_path):
    absent = write_payload(tmp_path, "Missing.Movie.2001.720p.WEB-DL-GRP.mkv", size=120_000)  # not served
    provider = nzbget_client(nzbget)

    download_id = provider.add(
        release("Missing.Movie.2001.720p.WEB-DL-GRP", "usenet"), services.make_nzb(absent)
    )

    item = services.wait_for(
        lambda: (found := find(provider, download_id)) and found.status == ItemStatus.FAILED and found, 60
    )
    assert "FAILURE" in item.message
    provider.remove(download_id, delete_data=False)


def test_the_connection_test_passes_and_status_names_the_category_folder(nzbget):
    provider = nzbget_client(nzbget)

    assert provider.test() == []
    assert provider.status().output_root_folders == [f"{nzbget.downloads}/Movies"]


def test_an_unknown_category_fails_the_connection_test(nzbget):
    failures = nzbget_client(nzbget, movieCategory="Films").test()

    assert [failure.property_name for failure in failures] == ["movieCategory"]


def test_wrong_credentials_fail_with_a_clear_message(nzbget):
    with pytest.raises(ProviderError) as raised:
        nzbget_client(nzbget, password="wrong").items()

    assert raised.value.message == AUTHENTICATION_FAILED
