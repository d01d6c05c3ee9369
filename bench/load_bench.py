"""Load without errors: 20 concurrent clients mixing reads and writes against the real server.

Run from the repository root: `.venv/bin/python -m bench.load_bench [seconds]` (60 by default). The
server (`make run`'s launcher: the web server and the job worker) runs on a free loopback port with
a throwaway data folder, first on SQLite, then on PostgreSQL when one answers at RADARR_BENCH_DATABASE_URL
(default `postgresql://postgres@127.0.0.1:5432/postgres`; a throwaway database is created beside it).
A library of 2,000 seeded movies; each client picks, at random, what Overseerr, Homepage, Prowlarr and
a user do: read the whole movie list, one movie, the queue, calendar, history, health, status, tags
and profiles; edit a movie (monitored, tags), bulk-edit five, add a tag, post a command. Any answer of
400 or more, or a failed connection, is an error. Reports throughput and p50/p95 per operation.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import requests

from bench.run import LAUNCHER, REPO, free_port, manage, wait_for_ping

CLIENTS = 20
MOVIES = 2000
POSTGRES = os.environ.get("RADARR_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

Operation = Callable[[requests.Session, str, random.Random], requests.Response]


def _movie_id(rng: random.Random) -> int:
    return rng.choice(_state["ids"])


def _edit_movie(session: requests.Session, base: str, rng: random.Random) -> requests.Response:
    movie_id = _movie_id(rng)
    movie = session.get(f"{base}/api/v3/movie/{movie_id}", timeout=60).json()
    if rng.random() < 0.5:
        movie["monitored"] = not movie["monitored"]
    else:
        movie["tags"] = rng.sample(_state["tags"], rng.randint(0, len(_state["tags"])))
    return session.put(f"{base}/api/v3/movie/{movie_id}", json=movie, timeout=60)


def _bulk_edit(session: requests.Session, base: str, rng: random.Random) -> requests.Response:
    body = {"movieIds": [_movie_id(rng) for _ in range(5)], "monitored": rng.random() < 0.5}
    return session.put(f"{base}/api/v3/movie/editor", json=body, timeout=60)


def _add_tag(session: requests.Session, base: str, rng: random.Random) -> requests.Response:
    return session.post(f"{base}/api/v3/tag", json={"label": f"load-{rng.getrandbits(48):x}"}, timeout=60)


def _get(path: str) -> Operation:
    return lambda session, base, rng: session.get(f"{base}{path}", timeout=60)


_COMMAND = {"name": "RefreshMonitoredDownloads"}

# (name, weight, operation): reads dominate, as they do for a real install polled by other tools
OPERATIONS: list[tuple[str, int, Operation]] = [
    ("GET movie list", 6, _get("/api/v3/movie")),
    ("GET one movie", 14, lambda s, b, r: s.get(f"{b}/api/v3/movie/{_movie_id(r)}", timeout=60)),
    ("GET queue", 8, _get("/api/v3/queue?page=1&pageSize=20")),
    ("GET calendar", 6, _get("/api/v3/calendar")),
    ("GET history", 6, _get("/api/v3/history?page=1&pageSize=20")),
    ("GET health", 6, _get("/api/v3/health")),
    ("GET status", 10, _get("/api/v3/system/status")),
    ("GET tags", 6, _get("/api/v3/tag")),
    ("GET quality profiles", 6, _get("/api/v3/qualityprofile")),
    ("PUT movie", 12, _edit_movie),
    ("PUT movie editor", 4, _bulk_edit),
    ("POST tag", 3, _add_tag),
    ("POST command", 3, lambda s, b, r: s.post(f"{b}/api/v3/command", json=_COMMAND, timeout=60)),
]
_state: dict[str, list[int]] = {}


def run_clients(base: str, api_key: str, seconds: float) -> tuple[dict[str, list[float]], list[str]]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    names, weights = [name for name, _, _ in OPERATIONS], [weight for _, weight, _ in OPERATIONS]
    operations = {name: operation for name, _, operation in OPERATIONS}
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        session = requests.Session()
        session.headers["X-Api-Key"] = api_key
        while time.monotonic() < deadline:
            name = rng.choices(names, weights)[0]
            started = time.perf_counter()
            try:
                response = operations[name](session, base, rng)
                if response.status_code >= 400:
                    errors.append(f"{name}: {response.status_code} {response.text[:200]}")
            except requests.RequestException as error:
                errors.append(f"{name}: {error}")
            timings[name].append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def report(label: str, timings: dict[str, list[float]], errors: list[str], seconds: float) -> None:
    every = [value for values in timings.values() for value in values]
    print(
        f"load, {label}: {CLIENTS} clients for {seconds:.0f} s, {len(every):,} requests, "
        f"{len(every) / seconds:.0f} requests/s, p50 {statistics.median(every):.1f} ms, "
        f"p95 {_p95(every):.1f} ms, {len(errors)} errors"
    )
    for name, _, _ in OPERATIONS:
        values = timings.get(name) or [0.0]
        print(
            f"  {name:<22} {len(timings.get(name, [])):>6}  "
            f"p50 {statistics.median(values):7.1f} ms  p95 {_p95(values):7.1f} ms"
        )
    for error in errors[:5]:
        print(f"  error: {error}")


def measure(label: str, database_url: str | None, seconds: float) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="radarr-load-bench-"))
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    environment |= {"RADARR_DATA_DIR": str(data_dir), "RADARR_PORT": str(port), "RADARR_WEB_THREADS": "8"}
    if database_url:
        environment["DATABASE_URL"] = database_url
    root = data_dir / "movies"
    root.mkdir()
    manage(environment, "migrate", "--noinput")
    manage(environment, "seed_movies", str(MOVIES), "--root", str(root))
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        LAUNCHER,
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for_ping(base)
        api_key = _api_key(data_dir)
        session = requests.Session()
        session.headers["X-Api-Key"] = api_key
        session.post(f"{base}/api/v3/rootfolder", json={"path": str(root)}, timeout=60).raise_for_status()
        tags = [
            session.post(f"{base}/api/v3/tag", json={"label": f"t{n}"}, timeout=60).json() for n in range(3)
        ]
        _state["tags"] = [tag["id"] for tag in tags]
        _state["ids"] = [movie["id"] for movie in session.get(f"{base}/api/v3/movie", timeout=120).json()]
        timings, errors = run_clients(base, api_key, seconds)
        report(label, timings, errors, seconds)
    finally:
        server.terminate()
        server.wait(timeout=60)


def _api_key(data_dir: Path) -> str:
    return json.loads((data_dir / "config.json").read_text())["api_key"]


def _throwaway_postgres() -> tuple[str, Callable[[], None]] | None:
    """A fresh database beside RADARR_BENCH_DATABASE_URL's, dropped afterwards; None when none answers."""
    try:
        import psycopg

        admin = psycopg.connect(POSTGRES, connect_timeout=3, autocommit=True)
    except Exception:  # noqa: BLE001 - any failure means there is no PostgreSQL to measure
        return None
    name = f"radarr_load_bench_{os.getpid()}"
    admin.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()

    return POSTGRES.rsplit("/", 1)[0] + f"/{name}", drop


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    measure("SQLite", None, seconds)
    postgres = _throwaway_postgres()
    if postgres is None:
        print(f"load, PostgreSQL: skipped, nothing answers at {POSTGRES}")
        return
    url, drop = postgres
    try:
        measure("PostgreSQL", url, seconds)
    finally:
        drop()


if __name__ == "__main__":
    main()
