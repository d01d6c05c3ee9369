"""How clients fail: down, garbage answers, wrong credentials; never a crash, always a clear message."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from downloads.clients import record_client_failure, run_client
from downloads.models import DownloadClient
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def port_of(server) -> int:
    return int(server.url.rsplit(":", 1)[1])


CLIENTS = [
    ("QBittorrent", "torrent", {"username": "admin", "password": "x"}, [("POST", "/api/v2/auth/login")]),
    ("Transmission", "torrent", {}, [("POST", "/transmission/rpc")]),
    ("Deluge", "torrent", {}, [("POST", "/json")]),
    ("Sabnzbd", "usenet", {"apiKey": "k"}, [("GET", "/api")]),
    ("Nzbget", "usenet", {}, [("POST", "/jsonrpc")]),
]


@pytest.mark.parametrize(("implementation", "protocol", "settings", "routes"), CLIENTS)
def test_a_client_that_is_down_is_a_provider_error_naming_it(implementation, protocol, settings, routes):
    provider = client_row(
        implementation, protocol, host="127.0.0.1", port=closed_port(), **settings
    ).provider()

    with pytest.raises(ProviderError) as raised:
        provider.items()

    assert raised.value.message.startswith(
        f"Unable to connect to {provider.implementation_name} at http://127.0.0.1:"
    )


@pytest.mark.parametrize("body", ["<html><body>502 Bad Gateway</body></html>", '{"result": [{"NZBID": 1', ""])
@pytest.mark.parametrize(("implementation", "protocol", "settings", "routes"), CLIENTS)
def test_garbage_answers_are_provider_errors_not_crashes(
    fake_server, body, implementation, protocol, settings, routes
):
    for method, path in routes:
        fake_server.add(path, method=method, body=body, content_type="text/html")
    provider = client_row(
        implementation, protocol, host="127.0.0.1", port=port_of(fake_server), **settings
    ).provider()

    with pytest.raises(ProviderError) as raised:
        provider.items()

    assert raised.value.message
    assert provider.test()  # the test reports it instead of raising


def test_a_failure_backs_the_client_off_after_the_first_five_minutes():
    client = DownloadClient.objects.create(
        name="SAB", implementation="Sabnzbd", protocol="usenet", settings={}
    )

    record_client_failure(client, ProviderError("down"))
    assert client.escalation_level == 1
    assert client.disabled_until is None  # Radarr's grace for download clients

    client.initial_failure = timezone.now() - timedelta(minutes=6)
    record_client_failure(client, ProviderError("still down"))
    assert client.escalation_level == 2
    assert client.is_backed_off()
    assert client.last_error == "still down"


def test_the_back_off_of_a_download_client_stops_at_one_hour():
    client = DownloadClient.objects.create(
        name="SAB", implementation="Sabnzbd", protocol="usenet", settings={},
        escalation_level=5, initial_failure=timezone.now() - timedelta(hours=2),
    )  # fmt: skip

    record_client_failure(client, ProviderError("down"))

    assert client.escalation_level == 5
    assert client.disabled_until <= timezone.now() + timedelta(hours=1)


def test_run_client_records_the_failure_and_re_raises():
    client = DownloadClient.objects.create(
        name="SAB",
        implementation="Sabnzbd",
        protocol="usenet",
        settings={"host": "127.0.0.1", "port": closed_port()},
    )

    with pytest.raises(ProviderError):
        run_client(client, lambda provider: provider.items())

    client.refresh_from_db()
    assert client.escalation_level == 1
    assert "Unable to connect" in client.last_error
