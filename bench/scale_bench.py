"""Large libraries (issue 24): lists and library-wide operations at 1,000, 5,000 and 20,000 movies.

Run from the repository root: `.venv/bin/python -m bench.scale_bench` (part of `make bench`).
BENCH_SCALE_SIZES=1000,5000 limits the sizes (a quick run); BENCH_SCALE_PARTS=lists or =ops runs one part.

Lists (in-process, Django's test client, SQLite in a throwaway folder, `seed_movies` libraries): calendar
(30 days), wanted/missing first and last page, history with 100,000 records, queue with 500 items, the
movie index page, the bulk editor (select mode of the index, and an edit of every movie), GET
/api/v3/movie; median time and query count each, and the database size.

Operations (`make run`'s server with its job worker, per size in a fresh data folder, TMDB replaced by an
instant local stand-in that still goes through the client's rate limit): the unmapped-folder lookup of N
folders named `Title (Year) {tmdb-N}`, the import request, the FinishLibraryImport command (ffprobe
of each file: every folder holds a hard link to one real one-second video when ffmpeg is installed),
a full rescan, a full refresh; p95 of GET /api/v3/movie at idle and while the rescan and the refresh
run; memory (proportional set size of the web server and the job worker) of the empty server, just
started and settled (its lists answered once, a minute of tasks), and after import + refresh with the
whole list served once more; the load average, as the machine may be shared.
"""

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = 5
LIST_TARGET_MS = 500
HISTORY_RECORDS = 100_000
QUEUE_ITEMS = 500
SETTLE_SECONDS = 65  # past the first run of the every-minute tasks


def sizes() -> list[int]:
    text = os.environ.get("BENCH_SCALE_SIZES", "1000,5000,20000")
    return sorted(int(size) for size in text.replace(" ", "").split(",") if size)


# ---- lists


def list_figures(all_sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="radarr-scale-bench-") as data_dir:
        os.environ["RADARR_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        setup_test_environment()
        call_command("migrate", verbosity=0)
        print(f"lists: SQLite in {data_dir}, {RUNS} runs each after a warm-up, median")
        for size in all_sizes:
            _lists_at(size, Path(data_dir))


def _seed(size: int) -> None:
    import random

    from django.utils import timezone

    from downloads.models import DownloadClient, History, TrackedDownload
    from downloads.queueids import queue_id
    from movies.management.commands.seed_movies import seed_movies
    from movies.models import Movie

    seed_movies(size - Movie.objects.count())
    ids = list(Movie.objects.values_list("pk", flat=True))
    rng = random.Random(7)
    now = timezone.now()
    if not History.objects.exists():
        for start in range(0, HISTORY_RECORDS, 5000):
            History.objects.bulk_create(
                History(
                    movie_id=rng.choice(ids),
                    event_type=rng.choice((1, 3, 6)),
                    date=now - timedelta(minutes=number),
                    source_title=f"Some.Movie.{number}.2019.1080p.BluRay.x264-GRP",
                    quality_id=7,
                    revision={"version": 1, "real": 0, "isRepack": False},
                    language_ids=[1],
                    download_id=f"BENCH{number}",
                    data={"indexer": "Bench", "downloadClient": "Bench"},
                )
                for number in range(start, start + 5000)
            )
    if not TrackedDownload.objects.exists():
        client = DownloadClient.objects.create(
            name="Bench", implementation="Sabnzbd", protocol="usenet", settings={"host": "127.0.0.1"}
        )
        TrackedDownload.objects.bulk_create(
            TrackedDownload(
                client=client,
                download_id=f"Q{number}",
                queue_id=queue_id(client.pk, f"Q{number}"),
                movie_id=rng.choice(ids),
                title=f"Queued.Movie.{number}.2020.1080p.WEB-DL.x264-GRP",
                protocol="usenet",
                quality_id=3,
                revision={"version": 1, "real": 0, "isRepack": False},
                language_ids=[1],
                total_size=10_000_000,
                remaining_size=rng.randint(0, 10_000_000),
                added=now,
            )
            for number in range(QUEUE_ITEMS)
        )


def _measure(
    client: object, method: str, url: str, body: str | None = None
) -> tuple[float, float, int, object]:
    """Median wall time and CPU time (ms) of RUNS calls after a warm-up, the queries of one, its answer.
    In-process, the CPU time is the request's own work (SQLite included): on a shared machine it moves
    far less with the load than the wall time does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def call() -> object:
        if method == "PUT":
            return client.put(url, body, content_type="application/json")  # type: ignore[attr-defined]
        return client.get(url)  # type: ignore[attr-defined]

    response = call()
    assert response.status_code in (200, 202), (url, response.status_code)
    timings, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = call()
    return statistics.median(timings), statistics.median(cpu), len(queries), response


def _lists_at(size: int, data_dir: Path) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from movies.models import Movie

    started = time.perf_counter()
    _seed(size)
    print(f"seeded {size:,} movies (+ {HISTORY_RECORDS:,} history, {QUEUE_ITEMS} queue) in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    api = Client(headers={"X-Api-Key": settings.RADARR_API_KEY})
    user = get_user_model().objects.filter(username="bench").first()
    user = user or get_user_model().objects.create_user("bench", password="a long bench password")
    pages = Client()
    pages.force_login(user)
    today = timezone.localdate()
    missing = api.get("/api/v3/wanted/missing?pageSize=20").json()["totalRecords"]
    last = max(1, math.ceil(missing / 20))
    all_ids = json.dumps({"movieIds": list(Movie.objects.values_list("pk", flat=True)), "monitored": True})
    cases = [
        ("calendar, 30 days (API)", api, "GET", f"/api/v3/calendar?start={today - timedelta(days=15)}"
         f"&end={today + timedelta(days=15)}", None),
        ("calendar page (month)", pages, "GET", "/calendar", None),
        ("wanted/missing, first page", api, "GET", "/api/v3/wanted/missing?page=1&pageSize=20", None),
        ("wanted/missing, last page", api, "GET", f"/api/v3/wanted/missing?page={last}&pageSize=20", None),
        ("wanted/missing page, last", pages, "GET", f"/wanted/missing?page={math.ceil(missing / 50)}", None),
        ("history, first page", api, "GET", "/api/v3/history?page=1&pageSize=20", None),
        ("history, last page", api, "GET",
         f"/api/v3/history?page={HISTORY_RECORDS // 20}&pageSize=20", None),
        ("queue, first page", api, "GET", "/api/v3/queue?page=1&pageSize=20", None),
        ("queue details (all)", api, "GET", "/api/v3/queue/details", None),
        ("movie index page", pages, "GET", "/", None),
        ("bulk editor page (all selectable)", pages, "GET", "/?select=1", None),
        ("bulk edit of every movie (PUT editor)", api, "PUT", "/api/v3/movie/editor", all_ids),
        ("GET /api/v3/movie", api, "GET", "/api/v3/movie", None),
    ]  # fmt: skip
    print(f"-- {size:,} movies (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for name, client, method, url, body in cases:
        try:
            ms, cpu_ms, queries, _response = _measure(client, method, url, body)
        except AssertionError as error:
            print(f"   {name:40} failed: {error}")
            continue
        flag = "" if ms <= LIST_TARGET_MS else f"  (OVER {LIST_TARGET_MS} ms)"
        print(f"   {name:40} {ms:8.1f} ms ({cpu_ms:6.1f} ms CPU) {queries:4d} queries{flag}")
    database = sum(path.stat().st_size for path in data_dir.glob("*.db*"))
    print(f"   database size: {database / 1e6:.0f} MB")


# ---- operations


class _TmdbStandIn(BaseHTTPRequestHandler):
    """TMDB's movie details for any id, at once; images left out (nothing to download)."""

    template: dict = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        if path.startswith("/3/movie/") and path.rsplit("/", 1)[1].isdigit():
            number = int(path.rsplit("/", 1)[1])
            body = self.template | {
                "id": number,
                "imdb_id": f"tt{9_000_000 + number}",
                "title": f"Bench Film {number}",
                "original_title": f"Bench Film {number}",
                "release_date": f"{1950 + number % 70}-06-01",
                "poster_path": None,
                "backdrop_path": None,
                "images": {"posters": [], "backdrops": []},
                "belongs_to_collection": None,
            }
            data = json.dumps(body).encode()
            self.send_response(200)
        else:
            data = json.dumps({"status_code": 34, "status_message": "not found"}).encode()
            self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def _stand_in() -> ThreadingHTTPServer:
    fixture = REPO / "tests" / "movies" / "fixtures" / "tmdb" / "movie-603.json"
    _TmdbStandIn.template = json.loads(fixture.read_text())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TmdbStandIn)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _sample_video(folder: Path) -> Path | None:
    if not shutil.which("ffmpeg"):
        return None
    path = folder / "sample.mkv"
    command = [
        "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=24",
        "-f", "lavfi", "-i", "sine=duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
        str(path),
    ]  # fmt: skip
    subprocess.run(command, check=True, timeout=120)
    return path


def _make_folders(root: Path, count: int, sample: Path | None) -> None:
    for number in range(1, count + 1):
        year = 1950 + number % 70
        folder = root / f"Bench Film {number} ({year}) {{tmdb-{number}}}"
        folder.mkdir()
        target = folder / f"Bench.Film.{number}.{year}.1080p.BluRay.x264-GRP.mkv"
        if sample is not None:
            os.link(sample, target)
        else:
            target.write_bytes(b"\0" * 1024)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def _poll_movies(session: object, base: str, stop: threading.Event, timings: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        try:
            session.get(f"{base}/api/v3/movie", timeout=120)  # type: ignore[attr-defined]
        except OSError:  # the server stopping under the last request
            return
        timings.append((time.perf_counter() - started) * 1000)
        time.sleep(0.2)  # a user's browser, not a load test


def _run_command(session: object, base: str, body: dict, probe_movies: bool) -> tuple[float, list[float]]:
    """Queue a command, wait for it; seconds it took and GET /api/v3/movie timings meanwhile."""
    timings: list[float] = []
    stop = threading.Event()
    poller = threading.Thread(target=_poll_movies, args=(session, base, stop, timings), daemon=True)
    started = time.perf_counter()
    command = session.post(f"{base}/api/v3/command", json=body, timeout=60).json()  # type: ignore[attr-defined]
    if probe_movies:
        poller.start()
    _wait_for(session, base, command["id"])
    seconds = time.perf_counter() - started
    stop.set()
    if probe_movies:
        poller.join()
    return seconds, timings


def _wait_for(session: object, base: str, command_id: int, limit: float = 7200) -> dict:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        found = session.get(f"{base}/api/v3/command/{command_id}", timeout=60).json()  # type: ignore[attr-defined]
        if found.get("status") in ("completed", "failed", "aborted", "cancelled"):
            if found["status"] != "completed":
                print(f"   command {found.get('name')} ended {found['status']}: {found.get('message')}")
            return found
        time.sleep(0.5)
    raise RuntimeError(f"command {command_id} did not finish")


def _wait_for_named(session: object, base: str, name: str) -> float:
    """Seconds the (first) command of that name ran, once it ended."""
    while True:
        commands = [c for c in session.get(f"{base}/api/v3/command", timeout=60).json() if c["name"] == name]  # type: ignore[attr-defined]
        if commands:
            found = _wait_for(session, base, commands[0]["id"])
            from datetime import datetime

            started = datetime.fromisoformat(found["started"].replace("Z", "+00:00"))
            ended = datetime.fromisoformat(found["ended"].replace("Z", "+00:00"))
            return (ended - started).total_seconds()
        time.sleep(0.5)


def ops_figures(size: int) -> None:
    """One size, in this process: a server of its own, folders on disk, the stand-in TMDB."""
    import requests

    from bench.run import Server, memory_mb

    with tempfile.TemporaryDirectory(prefix="radarr-scale-ops-") as folder:
        data_dir, root = Path(folder) / "data", Path(folder) / "movies"
        root.mkdir()
        tmdb = _stand_in()
        tmdb_url = f"http://127.0.0.1:{tmdb.server_address[1]}/3"
        environment = {"RADARR_TMDB_URL": tmdb_url, "RADARR_TMDB_API_KEY": "bench-key"}
        server = Server(data_dir, **environment)
        try:
            time.sleep(10)
            just_started = _memory(server, memory_mb)
            session = requests.Session()
            session.headers["X-Api-Key"] = json.loads((data_dir / "config.json").read_text())["api_key"]
            base = server.base
            empty = _settled(server, session, memory_mb)
            started = time.perf_counter()
            _make_folders(root, size, _sample_video(Path(folder)))
            made = time.perf_counter() - started
            session.post(f"{base}/api/v3/rootfolder", json={"path": str(root)}, timeout=60).raise_for_status()
            profile = session.get(f"{base}/api/v3/qualityprofile", timeout=60).json()[0]["id"]

            lookup, matches = _lookup(data_dir, root, environment)
            body = [
                {
                    "tmdbId": match["tmdbId"],
                    "title": match["title"],
                    "year": match["year"],
                    "path": match["path"],
                    "qualityProfileId": profile,
                    "monitored": True,
                    "minimumAvailability": "released",
                    "addOptions": {"monitor": "movieOnly", "searchForMovie": False},
                }
                for match in matches
            ]
            started = time.perf_counter()
            response = session.post(f"{base}/api/v3/movie/import", json=body, timeout=3600)
            request_seconds = time.perf_counter() - started
            response.raise_for_status()
            imported = len(response.json())
            finish = _wait_for_named(session, base, "FinishLibraryImport")
            listed = session.get(f"{base}/api/v3/movie", timeout=600).json()
            with_info = sum(1 for movie in listed if (movie.get("movieFile") or {}).get("mediaInfo"))
            idle = []
            for _ in range(20):
                began = time.perf_counter()
                session.get(f"{base}/api/v3/movie", timeout=120)
                idle.append((time.perf_counter() - began) * 1000)
            rescan, during_rescan = _run_command(session, base, {"name": "RescanMovie"}, True)
            refresh, during_refresh = _run_command(session, base, {"name": "RefreshMovie"}, True)
            session.get(f"{base}/api/v3/movie", timeout=600)  # the whole list built again after the refresh
            time.sleep(15)
            after = _memory(server, memory_mb)
            load = os.getloadavg()
            database = sum(path.stat().st_size for path in data_dir.glob("*.db*"))
        finally:
            server.stop()
            tmdb.shutdown()
    print(f"-- {size:,} movie folders ({made:.0f} s to make them)")
    print(f"   lookup of {size:,} unmapped folders (ids in names, TMDB stand-in): {lookup:.1f} s")
    print(f"   import request: {request_seconds:.2f} s for {imported:,} movies (target 5 s at 1,000)")
    print(f"   FinishLibraryImport (media info, extras, covers): {finish:.1f} s "
          f"({with_info:,} of {imported:,} files with media info)")  # fmt: skip
    print(f"   end to end (lookup + import + media info): {lookup + request_seconds + finish:.0f} s")
    print(f"   full rescan: {rescan:.1f} s; full refresh: {refresh:.1f} s")
    idle_p95 = _percentile(idle, 0.95)
    for name, timings in (("rescan", during_rescan), ("refresh", during_refresh)):
        if timings:
            p95 = _percentile(timings, 0.95)
            print(f"   GET /api/v3/movie p95 during {name}: {p95:.0f} ms over {len(timings)} requests "
                  f"(idle {idle_p95:.0f} ms, {p95 / idle_p95:.1f}x)")  # fmt: skip
    grown = ", ".join(f"{name} {after[name] - empty[name]:+.0f}" for name in after)
    print(f"   memory, MB proportional: empty server 10 s after start {_families(just_started)}, settled "
          f"{_families(empty)}; after import + refresh and the whole list served {_families(after)} "
          f"(grown from settled: {grown})")  # fmt: skip
    print(f"   database {database / 1e6:.0f} MB")
    print(f"   load average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)")


# what the operations below ask, once each: a first answer makes pages the web shares with the job
# worker its own (copy-on-write: Python writes reference counts), with an empty library as with a full one
_SETTLING = (
    "/api/v3/movie", "/api/v3/wanted/missing", "/api/v3/calendar", "/api/v3/rootfolder",
    "/api/v3/qualityprofile", "/api/v3/command", "/api/v3/tag", "/api/v3/system/status",
)  # fmt: skip


def _settled(server: object, session: object, memory_mb: object) -> dict[str, float]:
    """The empty server's memory once it did what any server does in its first minute (each list
    answered once, the every-minute tasks run): what a library's import is compared with."""
    base = server.base  # type: ignore[attr-defined]
    for path in _SETTLING:
        session.get(f"{base}{path}", timeout=60)  # type: ignore[attr-defined]
    time.sleep(SETTLE_SECONDS)
    return _memory(server, memory_mb)


def _memory(server: object, memory_mb: object) -> dict[str, float]:
    families = server.families()  # type: ignore[attr-defined]
    figures = {name: memory_mb(pids, "Pss") for name, pids in families.items()}  # type: ignore[operator]
    figures["total"] = sum(figures.values())
    return figures


def _families(figures: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.0f}" for name, value in figures.items())


def _lookup(data_dir: Path, root: Path, environment: dict[str, str]) -> tuple[float, list[dict]]:
    """Match every unmapped folder (in a child process set up on the server's data folder)."""
    script = (
        "import json, sys, time, django; django.setup()\n"
        "from movies.libraryimport import match_folders, unmapped_folders\n"
        "started = time.perf_counter()\n"
        f"matches = match_folders(unmapped_folders({str(root)!r}))\n"
        "seconds = time.perf_counter() - started\n"
        "found = [{'tmdbId': m.metadata.tmdb_id, 'title': m.metadata.title, 'year': m.metadata.year,"
        " 'path': m.folder.path} for m in matches if m.metadata is not None]\n"
        "print(json.dumps({'seconds': seconds, 'found': found}))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_")}
    env |= {"RADARR_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "radarr.settings", **environment}
    env.pop("DATABASE_URL", None)
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, check=True, capture_output=True, text=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return result["seconds"], result["found"]


def main() -> None:
    parts = os.environ.get("BENCH_SCALE_PARTS", "lists,ops").split(",")
    if len(sys.argv) > 2 and sys.argv[1] == "ops":
        ops_figures(int(sys.argv[2]))
        return
    print(f"scale bench: sizes {', '.join(f'{size:,}' for size in sizes())}, {os.cpu_count()} cores")
    if "lists" in parts:
        subprocess.run([sys.executable, "-c", "from bench.scale_bench import list_figures, sizes; "
                        "list_figures(sizes())"], cwd=REPO, check=True)  # fmt: skip
    if "ops" in parts:
        for size in sizes():
            subprocess.run(
                [sys.executable, "-m", "bench.scale_bench", "ops", str(size)], cwd=REPO, check=True
            )


if __name__ == "__main__":
    main()
