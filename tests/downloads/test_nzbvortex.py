"""NZBVortex against a loopback fake of its HTTPS API: the nonce/hash login, groups, states,
encrypted and failed downloads, the one-file output path, removal and the test button."""

import pytest

from downloads.implementations.base import ItemStatus
from downloads.implementations.nzbvortex import API_KEY_INCORRECT
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row, release
from tests.downloads.fakes.caches import forget_client_sessions  # noqa: F401
from tests.downloads.fakes.nzbvortex import (
    DONE,
    DOWNLOADING,
    PASSWORD_REQUEST,
    UNCOMPRESS_FAILED,
    NzbVortexFake,
)
from tests.downloads.fakes.service import self_signed_certificate
from tests.downloads.test_client_faults import closed_port

pytestmark = pytest.mark.django_db
NZB = b'<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"></nzb>'


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return self_signed_certificate(tmp_path_factory.mktemp("nzbvortex-tls"))


@pytest.fixture
def vortex(certificate, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate))  # trust the fake's own certificate
    fake = NzbVortexFake(certificate).start()
    yield fake
    fake.stop()


def vortex_client(fake: NzbVortexFake, **settings: object):
    values = {"host": "127.0.0.1", "port": fake.port, "apiKey": "vortex-key"}
    return client_row("NzbVortex", "usenet", **{**values, **settings}).provider()


def test_the_test_button_passes_over_https_and_fails_on_a_wrong_key_or_group(vortex):
    assert vortex_client(vortex).test() == []

    wrong_key = vortex_client(vortex, apiKey="wrong").test()
    no_group = vortex_client(vortex, tvCategory="Films").test()

    assert [(failure.property_name, failure.message) for failure in wrong_key] == [
        ("apiKey", "API Key is incorrect")
    ]
    assert no_group[0].property_name == "tvCategory" and "'Films' does not exist" in no_group[0].message


def test_an_old_api_level_and_an_unreachable_box_fail_on_the_host(vortex):
    vortex.api_level = "2.2"

    old = vortex_client(vortex).test()
    down = (
        client_row("NzbVortex", "usenet", host="127.0.0.1", port=closed_port(), apiKey="k").provider().test()
    )

    assert old[0].property_name == "host" and "2.3 or newer" in old[0].message
    assert down[0].property_name == "host" and down[0].message.startswith(
        "Unable to connect to NZBVortex at https://"
    )


def test_the_api_key_never_travels_and_a_wrong_one_is_a_permanent_error(vortex):
    vortex_client(vortex).items()
    with pytest.raises(ProviderError) as raised:
        vortex_client(vortex, apiKey="wrong").items()

    assert raised.value.permanent and raised.value.message == API_KEY_INCORRECT
    assert not any("vortex-key" in str(request.query) for request in vortex.requests)


def test_an_nzb_is_added_to_the_group_with_the_priority(vortex):
    provider = vortex_client(vortex, recentMoviePriority=1, olderMoviePriority=-1)

    recent = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP", "usenet"), NZB, is_recent=True)
    older = provider.add(release("Heat.1995.720p.WEB-DL-GRP", "usenet"), NZB)

    assert (recent, older) == ("uuid-0001", "uuid-0002")
    assert [(nzb.title, nzb.group, nzb.priority) for nzb in vortex.nzbs.values()] == [
        ("Arrival.2016.1080p.BluRay.x264-GRP", "Movies", 1),
        ("Heat.1995.720p.WEB-DL-GRP", "Movies", -1),
    ]


def test_states_follow_radarr_and_only_our_group_is_listed(vortex):
    provider = vortex_client(vortex)
    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP", "usenet"), NZB)
    vortex_client(vortex, tvCategory="TV").add(release("Show.S01E01", "usenet"), NZB)
    nzb = vortex.nzbs[1]

    queued = provider.items()
    nzb.state, nzb.downloaded = DOWNLOADING, 250_000
    downloading = provider.items()[0]
    nzb.paused = True
    paused = provider.items()[0]
    nzb.paused, nzb.state = False, PASSWORD_REQUEST
    encrypted = provider.items()[0]
    nzb.state = UNCOMPRESS_FAILED
    failed = provider.items()[0]

    assert [(item.download_id, item.status) for item in queued] == [(download_id, ItemStatus.QUEUED)]
    assert (downloading.status, downloading.remaining_size) == (ItemStatus.DOWNLOADING, 750_000)
    assert paused.status == ItemStatus.PAUSED
    assert encrypted.is_encrypted
    assert (failed.status, failed.message) == (ItemStatus.FAILED, "Uncompressing failed")


def test_a_done_download_points_at_its_folder_or_its_one_file(vortex):
    provider = vortex_client(vortex)
    provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP", "usenet"), NZB)
    nzb = vortex.nzbs[1]
    nzb.state, nzb.downloaded = DONE, nzb.size

    nzb.destination = "/Users/vortex/Downloads/Movies/Arrival.2016.1080p.BluRay.x264-GRP"
    own_folder = provider.items()[0]
    nzb.destination, nzb.files = "/Users/vortex/Downloads/Movies", ("arrival.mkv",)
    one_file = provider.items()[0]
    nzb.files = ("arrival.mkv", "other.mkv")
    many = provider.items()[0]

    assert (own_folder.status, own_folder.output_path) == (
        ItemStatus.COMPLETED,
        nzb.destination + "/" + nzb.title,
    )
    assert one_file.output_path == "/Users/vortex/Downloads/Movies/arrival.mkv"
    assert many.status == ItemStatus.WARNING and "several files" in many.message


def test_an_expired_session_logs_in_again_once(vortex):
    provider = vortex_client(vortex)
    provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP", "usenet"), NZB)
    vortex.expire_sessions()

    items = vortex_client(vortex).items()

    assert len(items) == 1
    assert len(vortex.calls("/api/auth/login")) == 2


def test_remove_by_add_uuid_with_data(vortex):
    provider = vortex_client(vortex)
    download_id = provider.add(release("Arrival.2016.1080p.BluRay.x264-GRP", "usenet"), NZB)

    provider.remove(download_id, delete_data=True)

    assert vortex.cancelled == [(1, True)]
    assert provider.items() == []
