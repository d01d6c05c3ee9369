"""devopsarr's radarr-py (the client Terraform's and buildarr's Radarr providers are built on) against a
real seeded instance: its typed models deserialize every list and get it offers.

radarr-py installs a top-level `radarr` module, as our project does, so it runs in a virtual
environment of its own (tests/clients/venvs.py), through tests/clients/radarr_py_driver.py."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.clients.calls import FAILS_ON_RADARR, PENDING_ROUTES

pytestmark = pytest.mark.sqlite_pass

DRIVER = Path(__file__).parent / "radarr_py_driver.py"


@pytest.fixture(scope="module")
def results(radarr_server, radarr_py_python, tmp_path_factory) -> dict[str, dict]:
    context = {**radarr_server.seeded, "root": radarr_server.root}
    run = subprocess.run(
        [
            str(radarr_py_python),
            "-I",
            str(DRIVER),
            radarr_server.url,
            radarr_server.api_key,
            json.dumps(context),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path_factory.mktemp("radarr-py"),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


def test_the_driver_reached_the_calls_clients_use(results):
    called = {call for call, result in results.items() if "ok" in result}

    assert len(called) > 100
    assert {"MovieApi.list_movie", "MovieApi.get_movie_by_id", "QueueApi.get_queue"} <= called


def test_every_list_and_get_deserializes(results):
    failed = {call: result["error"] for call, result in results.items() if result.get("ok") is False}
    known = {call: error for call, error in failed.items() if f"radarr-py {call}" in FAILS_ON_RADARR}
    pending = {call: error for call, error in failed.items() if f"radarr-py {call}" in PENDING_ROUTES}
    broken = {call: error for call, error in failed.items() if call not in known and call not in pending}

    assert broken == {}
    for call in FAILS_ON_RADARR:  # a call Radarr refuses must be refused here too
        if call.startswith("radarr-py "):
            assert results[call.removeprefix("radarr-py ")].get("ok") is False, call
    if pending:
        pytest.xfail(f"routes still to land: {sorted(pending)}")
