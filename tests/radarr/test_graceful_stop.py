"""SIGTERM (docker stop, Kubernetes, Ctrl-C) lets requests in flight finish and ends or interrupts the
running command before the launcher's 10 seconds are up; a second signal stops everything at once."""

import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.indexers.searchsupport import serve_newznab
from tests.radarr.launching import (
    HeldIndexer,
    Instance,
    add_indexer,
    indexer_body,
    is_running,
    prepared_instance,
    wait_for,
)

pytestmark = pytest.mark.sqlite_pass

STOPPED = "Interrupted: Radarr stopped while it ran"


@pytest.fixture
def held() -> Iterator[list[HeldIndexer]]:
    """Two indexers whose feeds answer only once released: one for an RSS sync, one for a request."""
    servers = [HeldIndexer().start(), HeldIndexer().start()]
    for server in servers:
        serve_newznab(server, [])
    yield servers
    for server in servers:
        server.released.set()
        server.stop()


def command_row(data_dir: Path, command_id: int) -> tuple[str, str]:
    with sqlite3.connect(data_dir / "radarr.db") as database:
        return database.execute(
            "SELECT status, message FROM radarr_command WHERE id = ?", [command_id]
        ).fetchone()


def hold_a_command_and_a_request(instance: Instance, held: list[HeldIndexer]) -> tuple[int, dict]:
    """An RSS sync waiting on one indexer, and an indexer test request waiting on the other."""
    rss_indexer, request_indexer = held
    add_indexer(instance, rss_indexer)
    command = instance.post_command("RssSync")
    wait_for(rss_indexer.holding.is_set, "the RSS sync to ask for the feed")
    answer: dict = {}

    def in_flight() -> None:
        body = indexer_body(instance, request_indexer, "Tested")
        try:
            answer["response"] = instance.session.post(
                f"{instance.base}/api/v3/indexer/test", json=body, timeout=60
            )
        except requests.RequestException as error:  # a stop at once drops it
            answer["error"] = error

    threading.Thread(target=in_flight, daemon=True).start()
    wait_for(request_indexer.holding.is_set, "the test request to ask for the feed")
    return command, answer


@pytest.mark.parametrize("mode", ["default", "small"])
def test_sigterm_finishes_requests_in_flight_and_interrupts_a_command_that_runs_on(tmp_path, held, mode):
    instance = prepared_instance(tmp_path, **({"RADARR_SMALL": "true"} if mode == "small" else {}))
    instance.start()
    try:
        command, answer = hold_a_command_and_a_request(instance, held)

        instance.process.send_signal(signal.SIGTERM)
        time.sleep(1)  # stopping by now: the request is still held
        held[1].released.set()

        assert instance.process.wait(timeout=20) == 0
        assert answer["response"].status_code == 200  # the request in flight was answered
        assert command_row(tmp_path, command) == ("failed", STOPPED)  # the RSS sync never could end
        with pytest.raises(requests.ConnectionError):
            requests.get(f"{instance.base}/ping", timeout=2)
    finally:
        instance.cleanup()


def test_sigterm_lets_a_command_that_ends_in_time_complete(tmp_path, held):
    instance = prepared_instance(tmp_path)
    instance.start()
    try:
        command, _ = hold_a_command_and_a_request(instance, held)

        instance.process.send_signal(signal.SIGTERM)
        time.sleep(1)
        held[0].released.set()  # the feed answers: the RSS sync can finish within the grace time
        held[1].released.set()

        assert instance.process.wait(timeout=20) == 0
        assert command_row(tmp_path, command)[0] == "completed"
    finally:
        instance.cleanup()


def test_a_second_signal_stops_at_once(tmp_path, held):
    instance = prepared_instance(tmp_path)
    instance.start()
    try:
        command, _ = hold_a_command_and_a_request(instance, held)
        children = list(instance.children().values())

        instance.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        instance.process.send_signal(signal.SIGTERM)

        instance.process.wait(timeout=5)  # not the 10 s of a graceful stop
        wait_for(lambda: not any(is_running(pid) for pid in children), "all to be gone", 5)
        assert command_row(tmp_path, command)[0] == "started"  # killed: the next start settles it
    finally:
        instance.cleanup()
