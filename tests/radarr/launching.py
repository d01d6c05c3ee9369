"""Real instances for tests: `make run`'s launcher started in a subprocess with its own data folder and
port, driven over HTTP; plus what tests need to know about the machine (free ports, Redis, PostgreSQL)."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.fakeserver import FakeServer, Route

REPO = Path(__file__).resolve().parents[2]
# each instance's keys carry its own instance key; TEST_REDIS_URL may point elsewhere (or nowhere)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers() -> bool:
    address = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Poll until `condition` holds; generous, since a busy machine is slow to start a server."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without a user's instance settings, TMDB out of reach (no test reaches
    the internet: a first start's health check would ask it the time), plus `extra`."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    return environment | {"RADARR_TMDB_URL": os.environ["RADARR_TMDB_URL"]} | extra


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def is_running(pid: int) -> bool:
    """The process exists and is not a zombie (a killed process waits as one for its parent)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def group_has_live_members(group: int) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                return True
    return False


class Instance:
    """A Radarr instance of its own (data folder, port), started as `make run` does."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        port = settings.pop("RADARR_PORT", None) or str(free_port())
        self.environment = clean_environment(RADARR_DATA_DIR=str(data_dir), RADARR_PORT=port, **settings)
        self.data_dir = data_dir
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None
        self.log = data_dir / f"launcher-{port}-{settings.get('RADARR_ROLE', 'all')}.out"
        self.session = requests.Session()

    def start(self, wait: bool = True) -> None:
        # a session of its own: the whole process group can be killed at once, as a crash would
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "radarr.launcher"],
                cwd=REPO,
                env=self.environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if wait:
            wait_for(lambda: self.answers("/ping") or self.process.poll() is not None, "/ping to answer")
            assert self.process.poll() is None, self.output()
            self.session.headers["X-Api-Key"] = self.config()["api_key"]

    def config(self) -> dict[str, str]:
        return json.loads((self.data_dir / "config.json").read_text())

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def children(self) -> dict[str, int]:
        """The launcher's children by process name: {"radarr-web": pid, "radarr-jobs": pid}."""
        assert self.process is not None
        return {process_name(pid): pid for pid in children_of(self.process.pid)}

    def answers(self, path: str) -> bool:
        try:
            return requests.get(self.base + path, timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def stop(self, signum: int = signal.SIGTERM, seconds: float = 30) -> int:
        """Ask the launcher to stop; its exit code (killed with its group if it does not stop in time)."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signum)
            try:
                self.process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode

    def kill(self) -> None:
        """kill -9 of the launcher and everything it started, as a crash or the OOM killer would."""
        assert self.process is not None
        groups = [self.process.pid, *children_of(self.process.pid)]
        for group in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=10)
        wait_for(lambda: not any(group_has_live_members(group) for group in groups), "the processes to end")

    def cleanup(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()

    def post_command(self, name: str, **body: object) -> int:
        response = self.session.post(f"{self.base}/api/v3/command", json={"name": name, **body}, timeout=10)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def command(self, command_id: int) -> dict:
        return self.session.get(f"{self.base}/api/v3/command/{command_id}", timeout=10).json()

    def wait_until_ended(self, command_id: int, seconds: float = 60) -> dict:
        wait_for(
            lambda: self.command(command_id)["status"] not in ("queued", "started"),
            "the command to end",
            seconds,
        )
        return self.command(command_id)


class HeldIndexer(FakeServer):
    """A Newznab indexer whose feed answers only once released, so an RSS sync stays mid-run."""

    def __init__(self) -> None:
        super().__init__()
        self._server.handle_error = lambda request, address: None  # the killed server hung up on us
        self.holding = threading.Event()  # a feed request has arrived and is being held
        self.released = threading.Event()

    def _find(self, method: str, path: str, query: dict[str, list[str]]) -> Route | None:
        if path == "/api" and query.get("t", [""])[-1] != "caps":
            self.holding.set()
            self.released.wait(timeout=120)
        return super()._find(method, path, query)


def indexer_body(instance: Instance, indexer: FakeServer, name: str = "Held") -> dict:
    """A Newznab indexer's v3 resource pointing at `indexer`, RSS on."""
    session, base = instance.session, instance.base
    schema = session.get(f"{base}/api/v3/indexer/schema", timeout=10).json()
    template = next(item for item in schema if item["implementation"] == "Newznab")
    values = {"baseUrl": indexer.url, "apiPath": "/api", "apiKey": "k" * 32, "categories": [2000]}
    fields = [{"name": f["name"], "value": values.get(f["name"], f.get("value"))} for f in template["fields"]]
    return {**template, "name": name, "enableRss": True, "priority": 25, "fields": fields, "tags": []}


def add_indexer(instance: Instance, indexer: FakeServer, name: str = "Held") -> None:
    body = indexer_body(instance, indexer, name)
    response = instance.session.post(f"{instance.base}/api/v3/indexer?forceSave=true", json=body, timeout=10)
    assert response.status_code == 201, response.text


PREPARE = (
    "from django.core.management import call_command; from django.utils import timezone; "
    "from datetime import timedelta; from django_q.models import Schedule; "
    "from radarr.jobs import sync_schedules; "
    "call_command('migrate', verbosity=0); sync_schedules(); "
    "Schedule.objects.update(next_run=timezone.now() + timedelta(days=1))"
)


def prepared_instance(data_dir: Path, **settings: str) -> Instance:
    """An instance whose database exists with its periodic tasks pushed a day out: only the commands a
    test sends run (a first start would run every periodic task)."""
    instance = Instance(data_dir, **settings)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PREPARE], cwd=REPO, env=instance.environment, check=True
    )
    return instance
