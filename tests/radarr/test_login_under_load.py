"""The real server (`make run`: gunicorn's threaded worker, 8 threads) keeps answering the API while clients
hammer the login page, and believes no loopback peer that merely claims https. Latency figures:
bench/login_bench.py.
"""

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.radarr.launching import Instance

REPO = Path(__file__).resolve().parents[2]
HAMMERS = 8
HAMMER_SECONDS = 3

pytestmark = pytest.mark.sqlite_pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    instance = Instance(tmp_path_factory.mktemp("login-load"), RADARR_JOB_WORKERS="1")
    try:
        instance.start()
        yield instance.base, instance.config()["api_key"]
    finally:
        instance.stop()
        instance.cleanup()


def hammer_login(base: str, stop: threading.Event, answers: list[requests.Response]) -> None:
    session = requests.Session()
    token = session.get(f"{base}/login", timeout=30).cookies["radarr_csrftoken"]
    form = {"username": "admin", "password": "wrong", "csrfmiddlewaretoken": token}
    while not stop.is_set():
        answers.append(session.post(f"{base}/login", data=form, timeout=30))


def test_the_api_answers_every_request_while_eight_clients_hammer_the_login(server):
    base, api_key = server
    stop, answers = threading.Event(), []
    hammers = [threading.Thread(target=hammer_login, args=(base, stop, answers)) for _ in range(HAMMERS)]
    for thread in hammers:
        thread.start()
    api_statuses = Counter()
    api = requests.Session()
    api.headers["X-Api-Key"] = api_key
    try:
        deadline = time.monotonic() + HAMMER_SECONDS
        while time.monotonic() < deadline:
            response = api.get(f"{base}/api/v3/system/status", timeout=30)
            api_statuses[response.status_code] += 1
    finally:
        stop.set()
        for thread in hammers:
            thread.join(timeout=60)

    refused = [answer for answer in answers if answer.status_code == 429]
    assert set(api_statuses) == {200}
    assert {answer.status_code for answer in answers} <= {200, 429}
    assert refused and all(int(answer.headers["Retry-After"]) >= 1 for answer in refused)


def test_a_loopback_peer_claiming_https_gets_no_secure_cookie(server):
    """gunicorn believes X-Forwarded-Proto from 127.0.0.1 unless told otherwise; no proxy is trusted here."""
    base, _api_key = server

    response = requests.get(f"{base}/login", headers={"X-Forwarded-Proto": "https"}, timeout=30)

    cookie = next(cookie for cookie in response.cookies if cookie.name == "radarr_csrftoken")
    assert not cookie.secure
