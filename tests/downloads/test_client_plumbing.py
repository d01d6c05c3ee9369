"""What every client shares (downloads/implementations/base.py): the same words for the same failure,
whichever client meets it. Fake servers answer; the real programs are in the per-client tests."""

import socket

import pytest

from downloads.implementations.base import AUTHENTICATION_FAILED
from radarr.api.errors import Failure
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row, release

pytestmark = pytest.mark.django_db

JSON_CLIENTS = [  # implementation, protocol, settings, the one route its items() calls first
    ("Transmission", "torrent", {}, ("POST", "/transmission/rpc")),
    ("Deluge", "torrent", {}, ("POST", "/json")),
    ("Sabnzbd", "usenet", {"apiKey": "k"}, ("GET", "/api")),
    ("Nzbget", "usenet", {}, ("POST", "/jsonrpc")),
]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def provider_at(server, implementation: str, protocol: str, **settings: object):
    port = int(server.url.rsplit(":", 1)[1]) if server else closed_port()
    return client_row(implementation, protocol, host="127.0.0.1", port=port, **settings).provider()


def failure_of(call) -> ProviderError:
    with pytest.raises(ProviderError) as raised:
        call()
    return raised.value


@pytest.mark.parametrize(("implementation", "protocol", "settings", "route"), JSON_CLIENTS)
def test_an_http_error_names_the_client_and_the_settings_to_check(
    fake_server, implementation, protocol, settings, route
):
    fake_server.add(route[1], method=route[0], status=500, body="{}")
    provider = provider_at(fake_server, implementation, protocol, **settings)

    error = failure_of(provider.items)

    assert error.message == (f"{provider.implementation_name} answered HTTP 500: check the host and URL Base")
    assert not error.permanent


@pytest.mark.parametrize(
    ("implementation", "route"), [("Transmission", "/transmission/rpc"), ("Nzbget", "/jsonrpc")]
)
@pytest.mark.parametrize("status", [401, 403])
def test_basic_auth_clients_read_401_and_403_as_wrong_credentials(fake_server, implementation, route, status):
    fake_server.add(route, method="POST", status=status, body="{}")
    provider = provider_at(fake_server, implementation, "torrent", username="u", password="p")

    error = failure_of(provider.items)

    assert error.message == AUTHENTICATION_FAILED
    assert error.permanent
    assert [failure.property_name for failure in provider.test()] == ["username"]


def test_deluge_reads_a_403_as_an_http_error_not_as_wrong_credentials(fake_server):
    fake_server.add("/json", method="POST", status=403, body="{}")

    error = failure_of(provider_at(fake_server, "Deluge", "torrent").items)

    assert error.message == "Deluge answered HTTP 403: check the host and URL Base"


@pytest.mark.parametrize(
    ("implementation", "protocol", "settings", "route", "what"),
    [
        ("Transmission", "torrent", {}, ("POST", "/transmission/rpc"), "no RPC result"),
        ("Deluge", "torrent", {}, ("POST", "/json"), "no JSON-RPC envelope"),
        ("Sabnzbd", "usenet", {"apiKey": "k"}, ("GET", "/api"), "not a JSON object"),
        ("Nzbget", "usenet", {}, ("POST", "/jsonrpc"), "no JSON-RPC envelope"),
    ],
)
def test_json_that_is_not_an_object_is_an_unexpected_response(
    fake_server, implementation, protocol, settings, route, what
):
    fake_server.add(route[1], method=route[0], body="[1, 2]")
    provider = provider_at(fake_server, implementation, protocol, **settings)

    error = failure_of(provider.items)

    assert error.message == f"{provider.implementation_name} returned an unexpected response: {what}"


def test_transmission_wants_a_result_in_its_answer(fake_server):
    fake_server.add("/transmission/rpc", method="POST", body='{"arguments": {}}')

    error = failure_of(provider_at(fake_server, "Transmission", "torrent").items)

    assert error.message == "Transmission returned an unexpected response: no RPC result"


@pytest.mark.parametrize(
    ("implementation", "route", "body", "method"),
    [
        ("Nzbget", "/jsonrpc", '{"error": {"message": "boom"}}', "listgroups"),
        ("Nzbget", "/jsonrpc", '{"error": "bare boom"}', "listgroups"),
        # Deluge logs in first: the same answer says the login worked and the call failed
        ("Deluge", "/json", '{"result": true, "error": {"message": "boom"}}', "web.update_ui"),
    ],
)
def test_a_json_rpc_error_says_which_call_was_refused_and_why(
    fake_server, implementation, route, body, method
):
    fake_server.add(route, method="POST", body=body)
    provider = provider_at(fake_server, implementation, "torrent")

    error = failure_of(provider.items)

    expected = "bare boom" if "bare" in body else "boom"
    assert error.message == f"{provider.implementation_name} refused {method}: {expected}"


@pytest.mark.parametrize("implementation", ["QBittorrent", "Transmission", "Deluge"])
def test_a_torrent_client_without_file_or_magnet_refuses_before_calling_out(implementation):
    provider = provider_at(None, implementation, "torrent")  # nothing listens: no call may be made
    grab = release("Alien.1979.1080p.BluRay-GRP", download_url="https://indexer.test/get/1")

    error = failure_of(lambda: provider.add(grab, None))

    assert error.message == "Nothing to add: no torrent file and no magnet link"
    assert error.permanent


def test_the_torrent_blackhole_without_file_or_magnet_refuses(tmp_path):
    provider = client_row(
        "TorrentBlackhole", torrentFolder=str(tmp_path), watchFolder=str(tmp_path)
    ).provider()

    error = failure_of(lambda: provider.add(release("Alien.1979.1080p.BluRay-GRP"), None))

    assert error.message == "Nothing to add: no torrent file and no magnet link"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("implementation", ["Sabnzbd", "Nzbget", "UsenetBlackhole"])
def test_a_usenet_client_without_the_nzb_refuses_before_calling_out(implementation, tmp_path):
    settings = {"nzbFolder": str(tmp_path), "watchFolder": str(tmp_path)}
    if implementation != "UsenetBlackhole":
        settings = {"host": "127.0.0.1", "port": closed_port(), "apiKey": "k"}
    provider = client_row(implementation, "usenet", **settings).provider()

    error = failure_of(lambda: provider.add(release("Alien.1979.1080p.BluRay-GRP", "usenet"), None))

    assert error.message == "Nothing to add: the NZB file was not downloaded"
    assert error.permanent
    assert list(tmp_path.iterdir()) == []


def test_category_rules_are_checked_before_any_call():
    qbittorrent = provider_at(
        None, "QBittorrent", "torrent", movieCategory="/movies", movieImportedCategory="a//b"
    )
    deluge = provider_at(None, "Deluge", "torrent", movieCategory="Movies", movieImportedCategory="done")

    qbittorrent_rule = "Can not contain '\\', '//', or start/end with '/'"
    assert qbittorrent.test() == [
        Failure("movieCategory", qbittorrent_rule, "/movies"),
        Failure("movieImportedCategory", qbittorrent_rule, "a//b"),
    ]
    assert deluge.test() == [Failure("movieCategory", "Allowed characters a-z, 0-9 and -", "Movies")]


def test_sabnzbd_names_a_missing_category_and_recommends_one(fake_server):
    fake_server.add("/api", query={"mode": "version"}, body='{"version": "4.3.3"}')
    fake_server.add("/api", query={"mode": "get_config"}, body='{"config": {"categories": [{"name": "*"}]}}')

    missing = provider_at(fake_server, "Sabnzbd", "usenet", apiKey="k", movieCategory="films").test()
    without = provider_at(fake_server, "Sabnzbd", "usenet", apiKey="k", movieCategory="").test()

    assert missing == [
        Failure("movieCategory", "Category 'films' does not exist in SABnzbd: create it first")
    ]
    assert without == [Failure("movieCategory", "A category is recommended", severity="warning")]
