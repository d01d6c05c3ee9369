"""`make run`'s parts for real: migrate, first-start setup, then gunicorn and the job worker together."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.sqlite_pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.fixture
def instance_env(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    return environment | {"RADARR_DATA_DIR": str(tmp_path), "RADARR_PORT": str(free_port())}


def manage(environment: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=REPO, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_first_start_prints_the_admin_login_once(instance_env):
    manage(instance_env, "migrate", "--noinput")

    first = manage(instance_env, "setup_instance")
    second = manage(instance_env, "setup_instance")

    assert re.search(r"user:\s+admin", first) and re.search(r"password:\s+\S{12,}", first)
    assert "password" not in second


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.parametrize("broker", ["orm", "redis"])
def test_serve_runs_web_and_worker_and_stops_both_on_ctrl_c(instance_env, tmp_path, broker):
    if broker == "redis":
        if not redis_answers():
            pytest.skip("no Redis answers on 127.0.0.1:6379 (RADARR_REDIS_URL is optional)")
        instance_env["RADARR_REDIS_URL"] = "redis://127.0.0.1:6379/15"
    manage(instance_env, "migrate", "--noinput")
    manage(instance_env, "setup_instance")
    base = f"http://127.0.0.1:{instance_env['RADARR_PORT']}"
    api_key = json.loads((tmp_path / "config.json").read_text())["api_key"]
    server = subprocess.Popen([sys.executable, "manage.py", "serve"], cwd=REPO, env=instance_env)
    try:
        deadline = time.monotonic() + 60  # generous: CI machines can be busy
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/ping", timeout=5).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        headers = {"X-Api-Key": api_key}
        command = {"name": "CheckHealth"}
        queued = requests.post(f"{base}/api/v3/command", json=command, headers=headers, timeout=5)
        assert queued.status_code == 201
        command_url = f"{base}/api/v3/command/{queued.json()['id']}"
        status = ""
        while time.monotonic() < deadline and status != "completed":
            time.sleep(0.3)
            status = requests.get(command_url, headers=headers, timeout=5).json()["status"]
        assert status == "completed"  # the job worker picked it up from the broker
        children = children_of(server.pid)
        assert len(children) == 2  # gunicorn and the django-q2 cluster

        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        time.sleep(0.5)
        assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
    finally:
        if server.poll() is None:
            server.kill()


def test_killing_the_launcher_outright_stops_web_and_worker(instance_env):
    manage(instance_env, "migrate", "--noinput")
    base = f"http://127.0.0.1:{instance_env['RADARR_PORT']}"
    server = subprocess.Popen([sys.executable, "manage.py", "serve"], cwd=REPO, env=instance_env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(children_of(server.pid)) < 2:
            time.sleep(0.2)
        children = children_of(server.pid)
        assert len(children) == 2

        server.kill()  # SIGKILL: the launcher gets no chance to stop them itself
        server.wait(timeout=10)
        stop_deadline = time.monotonic() + 30
        while time.monotonic() < stop_deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
            time.sleep(0.2)

        assert not [pid for pid in children if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
        with pytest.raises(requests.ConnectionError):
            requests.get(f"{base}/ping", timeout=2)
    finally:
        if server.poll() is None:
            server.kill()


def _zombie(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) == "Z"
    except OSError:
        return True
