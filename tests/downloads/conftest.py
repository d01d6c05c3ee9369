"""Session-wide real download clients (started once, stopped at the end), client-row helpers and the
look-ups the real-client tests poll with."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from downloads.implementations.base import BaseDownloadClient, DownloadItem, ItemStatus
from downloads.models import DownloadClient
from releases.releaseinfo import ReleaseInfo
from tests.downloads import services
from tests.downloads.sabfake import SabFake
from tests.fakeserver import FakeServer


@pytest.fixture(scope="session")
def qbittorrent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Service]:
    yield from services.running(services.start_qbittorrent, tmp_path_factory.mktemp("qbittorrent"))


@pytest.fixture(scope="session")
def transmission(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Service]:
    yield from services.running(services.start_transmission, tmp_path_factory.mktemp("transmission"))


@pytest.fixture(scope="session")
def deluge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Service]:
    yield from services.running(services.start_deluge, tmp_path_factory.mktemp("deluge"))


@pytest.fixture(scope="session")
def nntp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.NntpServer]:
    server = services.start_nntp(tmp_path_factory.mktemp("nntp"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def nzbget(tmp_path_factory: pytest.TempPathFactory, nntp: services.NntpServer) -> Iterator[services.Service]:
    yield from services.running(services.start_nzbget, tmp_path_factory.mktemp("nzbget"), nntp.port)


@pytest.fixture
def sab(fake_server: FakeServer) -> SabFake:
    """A SABnzbd stand-in on the test's fake server, its queue and history empty until the test fills them."""
    return SabFake(fake_server)


def client_row(
    implementation: str, protocol: str = "torrent", name: str = "", **settings: object
) -> DownloadClient:
    """An unsaved client row whose settings are given by v3 field name."""
    return DownloadClient(
        name=name or implementation, implementation=implementation, protocol=protocol, settings=settings
    )


def release(title: str, protocol: str = "torrent", **fields: object) -> ReleaseInfo:
    return ReleaseInfo(
        guid=f"guid-{title}", title=title, size=0, protocol=protocol, publish_date=datetime.now(UTC), **fields
    )


def find(provider: BaseDownloadClient, download_id: str) -> DownloadItem | None:
    """The item the client lists for `download_id`, or None when it lists none."""
    return next((item for item in provider.items() if item.download_id == download_id), None)


def wait_until_completed(provider: BaseDownloadClient, download_id: str, seconds: float = 30) -> DownloadItem:
    """The item once the client reports it completed; AssertionError when it has not after `seconds`."""
    return services.wait_for(
        lambda: (found := find(provider, download_id)) and found.status == ItemStatus.COMPLETED and found,
        seconds,
    )
