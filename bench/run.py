"""`make bench`: start-up time, idle memory, API latency (and later areas' figures) on this machine.

Runs `make run`'s command (`python -S -m radarr.launcher`) on free loopback ports with throwaway data
folders: first starts on an empty folder, later starts, memory per process family at idle in the default
and small modes, then API latency. Figures are medians of several runs (a shared machine is noisy).
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
REQUESTS = 1000
FIRST_STARTS = 3
LATER_STARTS = 7
MEMORY_RUNS = 3
SETTLE_SECONDS = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parent_of_each() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
    return parents


def children_of(pid: int) -> list[int]:
    return [child for child, parent in parent_of_each().items() if parent == pid]


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants, read from /proc."""
    parents = parent_of_each()
    tree, frontier = [pid], {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        tree += sorted(frontier)
    return tree


def memory_mb(pids: list[int], field: str) -> float:
    """Sum of `Rss` or `Pss` (shared pages divided among their sharers) from /proc/PID/smaps_rollup."""
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith(f"{field}:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def wait_for_ping(base: str, limit: float = 120) -> float:
    """Seconds until /ping answers 200; any request error (refused, a slow first answer) is waited out."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        try:
            if requests.get(f"{base}/ping", timeout=1).status_code == 200:
                return time.perf_counter() - started
        except requests.RequestException:
            time.sleep(0.02)
    raise RuntimeError(f"the server did not answer /ping within {limit:.0f} s")


def manage(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=REPO, env=environment, check=True, capture_output=True
    )


LAUNCHER = [sys.executable, "-S", "-m", "radarr.launcher"]  # what `make run` runs


class Server:
    """`make run`'s command with its own data folder and port; the launch-to-/ping time is kept."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_")}
        environment.pop("DATABASE_URL", None)
        environment |= {"RADARR_DATA_DIR": str(data_dir), "RADARR_PORT": str(self.port), **settings}
        started = time.perf_counter()
        self.process = subprocess.Popen(
            LAUNCHER,
            cwd=REPO,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_ping(self.base)
        except RuntimeError:
            self.stop()
            raise
        self.seconds_to_ping = time.perf_counter() - started

    def families(self) -> dict[str, list[int]]:
        """The launcher alone, then the web server and the job worker each with their descendants."""
        found = {"launcher": [self.process.pid]}
        for child in children_of(self.process.pid):
            name = Path(f"/proc/{child}/comm").read_text().strip().removeprefix("radarr-")
            found[name] = process_tree(child)
        return found

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def starts(data_dirs: list[Path]) -> list[float]:
    timings = []
    for data_dir in data_dirs:
        server = Server(data_dir)
        timings.append(server.seconds_to_ping)
        server.stop()
    return timings


def describe(values: list[float], unit: str) -> str:
    listed = ", ".join(f"{value:.2f}" for value in values)
    return f"median {statistics.median(values):.2f} {unit} of [{listed}]"


def start_figures(root: Path) -> Path:
    """Launch to /ping: first starts (empty data folder: migrations, the first login), then later ones."""
    first = starts([root / f"first-{number}" for number in range(FIRST_STARTS)])
    print(f"start on an empty data folder: {describe(first, 's')} (target 4 s)")
    later = starts([root / "first-0"] * LATER_STARTS)
    print(f"start again on that folder: {describe(later, 's')} (target 1.5 s)")
    return root / "first-0"


def memory_figures(data_dir: Path, mode: str) -> None:
    """Proportional set size (shared pages divided among their sharers) per process family, at idle."""
    settings = {"RADARR_SMALL": "true"} if mode == "small" else {}
    samples: dict[str, list[float]] = {}
    for _ in range(MEMORY_RUNS):
        server = Server(data_dir, **settings)
        time.sleep(SETTLE_SECONDS)
        families = server.families()
        for name, pids in families.items():
            samples.setdefault(name, []).append(memory_mb(pids, "Pss"))
        samples.setdefault("total", []).append(
            memory_mb([pid for pids in families.values() for pid in pids], "Pss")
        )
        server.stop()
    target = 80 if mode == "small" else 110
    figures = ", ".join(f"{name} {statistics.median(values):.0f}" for name, values in samples.items())
    print(
        f"memory at idle, {mode} mode, MB proportional, medians of {MEMORY_RUNS}: {figures} (target {target})"
    )


def latency_figures(data_dir: Path) -> None:
    """API latency on a started server, then its memory once the requests and a minute of tasks ran."""
    server = Server(data_dir)
    try:
        session = requests.Session()
        session.headers["X-Api-Key"] = json.loads((data_dir / "config.json").read_text())["api_key"]
        for _ in range(20):
            session.get(f"{server.base}/api/v3/system/status", timeout=30)
        timings = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = session.get(f"{server.base}/api/v3/system/status", timeout=30)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"GET /api/v3/system/status over {REQUESTS} requests: p50 {statistics.median(timings):.2f} ms, "
            f"p95 {p95:.2f} ms"
        )
        time.sleep(60)  # the every-minute task has run, in the job worker
        used = ", ".join(f"{name} {memory_mb(pids, 'Pss'):.0f}" for name, pids in server.families().items())
        print(f"memory after those requests and a minute of tasks, default mode, MB proportional: {used}")
    finally:
        server.stop()


def server_figures() -> None:
    with tempfile.TemporaryDirectory(prefix="radarr-bench-") as folder:
        data_dir = start_figures(Path(folder))
        memory_figures(data_dir, "default")
        memory_figures(data_dir, "small")
        latency_figures(data_dir)


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    server_figures()
    modules = (
        "parser_bench",
        "decision_bench",
        "movies_bench",
        "versions_bench",  # GET /movie with two versions per movie (issue 21)
        "index_bench",
        "rss_bench",
        "scenegroups_bench",
        "importlist_bench",
        "radarr_import_bench",
        "login_bench",
        "load_bench",
        "scale_bench",  # large libraries (issue 24); BENCH_SCALE_SIZES=1000 for a quick run
    )
    for module in modules:
        subprocess.run([sys.executable, "-m", f"bench.{module}"], cwd=REPO, check=True)


if __name__ == "__main__":
    main()
