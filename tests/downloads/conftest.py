"""Session-wide real download clients (started once, stopped at the end) and client-row helpers."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from downloads.models import DownloadClient
from releases.releaseinfo import ReleaseInfo
from tests.downloads import services


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
