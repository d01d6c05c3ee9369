"""`make bench`: start-up time, idle memory, API latency (and later areas' figures) on this machine.

Runs the real server (`manage.py serve`) on a free loopback port with a throwaway data folder.
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


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def wait_for_ping(base: str, limit: float = 60) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        try:
            if requests.get(f"{base}/ping", timeout=1).status_code == 200:
                return time.perf_counter() - started
        except requests.RequestException:  # refused, or a slow first answer (ReadTimeout)
            time.sleep(0.02)
    raise RuntimeError("the server did not answer /ping within a minute")


def manage(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=REPO, env=environment, check=True, capture_output=True
    )


def server_figures() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="radarr-bench-"))
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    environment |= {"RADARR_DATA_DIR": str(data_dir), "RADARR_PORT": str(port)}
    base = f"http://127.0.0.1:{port}"
    first_start = time.perf_counter()
    manage(environment, "migrate", "--noinput")
    manage(environment, "setup_instance")
    migrate_seconds = time.perf_counter() - first_start
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        to_ping = wait_for_ping(base)
        print(
            f"start: {to_ping:.2f} s from `serve` to /ping answering "
            f"(after {migrate_seconds:.2f} s of first-run migrate and setup)"
        )
        time.sleep(8)  # let both settle to idle
        launched = children_of(server.pid)
        web = next(process_tree(pid) for pid in launched if "gunicorn" in command_line(pid))
        worker = next(process_tree(pid) for pid in launched if "qcluster" in command_line(pid))
        for name, tree in (("web", web), ("worker", worker), ("launcher", [server.pid])):
            print(
                f"memory at idle, {name}: {memory_mb(tree, 'Rss'):.0f} MB resident, "
                f"{memory_mb(tree, 'Pss'):.0f} MB proportional ({len(tree)} processes)"
            )
        api_key = json.loads((data_dir / "config.json").read_text())["api_key"]
        session = requests.Session()
        session.headers["X-Api-Key"] = api_key
        for _ in range(20):
            session.get(f"{base}/api/v3/system/status")
        timings = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = session.get(f"{base}/api/v3/system/status")
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"GET /api/v3/system/status over {REQUESTS} requests: p50 {statistics.median(timings):.2f} ms, "
            f"p95 {p95:.2f} ms"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    server_figures()
    modules = (
        "parser_bench",
        "decision_bench",
        "movies_bench",
        "index_bench",
        "rss_bench",
        "scenegroups_bench",
        "login_bench",
        "load_bench",
    )
    for module in modules:
        subprocess.run([sys.executable, "-m", f"bench.{module}"], cwd=REPO, check=True)


if __name__ == "__main__":
    main()
