"""The test harness itself: the network guard and the fake HTTP server must work for everyone after us."""

import socket

import pytest
import requests

from tests.network_guard import NetworkGuardError
from tests.shared import SHARED_FIXTURES, requires_shared


def test_a_test_cannot_reach_a_non_loopback_address():
    with socket.socket() as sock, pytest.raises(NetworkGuardError, match="only talk to loopback"):
        sock.connect(("192.0.2.10", 80))


def test_requests_to_the_internet_fail_before_leaving_the_machine():
    with pytest.raises(requests.ConnectionError):
        requests.get("http://198.51.100.7/", timeout=2)


def test_fake_server_answers_routes_by_query_and_records_requests(fake_server):
    fake_server.add("/3/movie/603", body='{"title": "general"}')
    fake_server.add("/3/movie/603", body='{"title": "with key"}', query={"api_key": "k"})

    general = requests.get(f"{fake_server.url}/3/movie/603", timeout=5)
    specific = requests.get(f"{fake_server.url}/3/movie/603?api_key=k", timeout=5)
    missing = requests.get(f"{fake_server.url}/elsewhere", timeout=5)

    assert general.json() == {"title": "general"} and specific.json() == {"title": "with key"}
    assert missing.status_code == 404
    assert [r.query.get("api_key") for r in fake_server.requests] == [None, ["k"], None]


@requires_shared
def test_shared_fixture_server_serves_the_captured_files(shared_fixture_server):
    sample = next(path for path in sorted(SHARED_FIXTURES.rglob("*.json")) if path.stat().st_size < 200_000)
    relative = sample.relative_to(SHARED_FIXTURES).as_posix()

    response = requests.get(f"{shared_fixture_server.url}/{relative}", timeout=5)
    escape = requests.get(f"{shared_fixture_server.url}/../../etc/passwd", timeout=5)

    assert response.status_code == 200 and response.content == sample.read_bytes()
    assert escape.status_code == 404
