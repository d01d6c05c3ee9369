"""Loopback fakes for the notification services: every service's API base points at one fake server."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.fakeserver import FakeServer

SERVICES = (
    "join",
    "mailgun",
    "mailgun_eu",
    "notifiarr",
    "prowl",
    "pushbullet",
    "pushcut",
    "pushsafer",
    "sendgrid",
    "simplepush",
    "twitter",
)


@dataclass
class Services:
    server: FakeServer

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def port(self) -> int:
        return int(self.server.url.rsplit(":", 1)[1])

    def add(self, path: str, **kwargs) -> None:
        self.server.add(path, **kwargs)

    @property
    def requests(self) -> list:
        return self.server.requests


@pytest.fixture
def services(settings) -> Iterator[Services]:
    server = FakeServer().start()
    settings.RADARR_NOTIFICATION_SERVICE_URLS = {name: f"{server.url}/{name}" for name in SERVICES}
    settings.RADARR_LIST_SERVICE_URLS = {**settings.RADARR_LIST_SERVICE_URLS, "trakt": f"{server.url}/trakt"}
    yield Services(server)
    server.stop()
