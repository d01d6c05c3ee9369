"""API latency while eight clients hammer the login page with wrong passwords.

Run from the repository root: `.venv/bin/python -m bench.login_bench`. Starts the real server
(`make run`'s launcher: gunicorn's threaded worker, 8 threads) on a free loopback port with a throwaway
data folder, then measures `GET /api/v3/system/status` (median and 95th percentile) three times: with
nobody logging in;
while eight clients post wrong passwords as fast as they are answered (the failed-login throttle
refuses them after five); and the same with the throttle's limit raised out of reach, so every attempt
reaches a password check and only the one-at-a-time password check protects the API. Before the
throttle (issue 14) the second figure was a 188 ms median against 4 ms idle.
"""

import json
import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

from bench.run import LAUNCHER, REPO, free_port

API_REQUESTS = 300
HAMMERS = 8


def wait_for_ping(base: str, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/ping", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or busy starting
            time.sleep(0.1)
    raise RuntimeError("the server did not answer /ping in time")


def start_server(extra: dict[str, str]) -> tuple[subprocess.Popen, str, str]:
    data_dir = Path(tempfile.mkdtemp(prefix="radarr-login-bench-"))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    environment |= {"RADARR_DATA_DIR": str(data_dir), "RADARR_PORT": str(free_port())} | extra
    environment["RADARR_JOB_WORKERS"] = "1"
    server = subprocess.Popen(
        LAUNCHER,
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{environment['RADARR_PORT']}"
    wait_for_ping(base)
    api_key = json.loads((data_dir / "config.json").read_text())["api_key"]
    return server, base, api_key


def hammer(base: str, stop: threading.Event, statuses: Counter) -> None:
    """One client posting wrong passwords, as a browser would (CSRF cookie and token)."""
    session = requests.Session()
    session.get(f"{base}/login", timeout=30)
    token = session.cookies.get("radarr_csrftoken", "")
    form = {"username": "admin", "password": "wrong", "csrfmiddlewaretoken": token}
    while not stop.is_set():
        response = session.post(f"{base}/login", data=form, headers={"Referer": f"{base}/login"}, timeout=30)
        statuses[response.status_code] += 1


def api_latency(base: str, api_key: str) -> list[float]:
    session = requests.Session()
    session.headers["X-Api-Key"] = api_key
    timings = []
    for _ in range(API_REQUESTS):
        started = time.perf_counter()
        response = session.get(f"{base}/api/v3/system/status", timeout=30)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return sorted(timings)


def figures(label: str, timings: list[float], statuses: Counter | None = None) -> None:
    p95 = timings[int(len(timings) * 0.95) - 1]
    answered = f"; login answers {dict(sorted(statuses.items()))}" if statuses else ""
    print(f"login: API {label}: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms{answered}")


def measure(label: str, extra: dict[str, str], hammering: bool) -> None:
    server, base, api_key = start_server(extra)
    try:
        api_latency(base, api_key)[:0]  # warm up
        stop, statuses = threading.Event(), Counter()
        threads = [threading.Thread(target=hammer, args=(base, stop, statuses)) for _ in range(HAMMERS)]
        if hammering:
            for thread in threads:
                thread.start()
            time.sleep(2)  # every client past its first attempts
        timings = api_latency(base, api_key)
        stop.set()
        for thread in threads if hammering else []:
            thread.join()
        figures(label, timings, statuses if hammering else None)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    measure("idle", {}, hammering=False)
    measure(f"while {HAMMERS} clients hammer the login", {}, hammering=True)
    unlimited = {"RADARR_LOGIN_FAILURE_LIMIT": "1000000"}
    measure(f"while {HAMMERS} clients hammer, throttle limit out of reach", unlimited, hammering=True)


if __name__ == "__main__":
    main()
