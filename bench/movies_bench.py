"""How long GET /api/v3/movie takes for 10,000 and 50,000 movies on SQLite, and how many queries.

Run from the repository root: `.venv/bin/python -m bench.movies_bench [sizes...]`. A throwaway data
folder gets a fresh SQLite database, `seed_movies` fills it (about 70% of movies with a file, tags,
alternative titles, collections), and the whole list is fetched through Django's test client: the full
request path (middleware, API key, view, serialization) without a socket. Targets: 150 ms at 10,000,
1 s at 50,000 (median of the runs after one warm-up).
"""

import os
import statistics
import sys
import tempfile
import time

RUNS = 7
TARGETS_MS = {10_000: 150, 50_000: 1000}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="radarr-movies-bench-") as data_dir:  # ~100 MB at 50,000
        measure([int(size) for size in sys.argv[1:]] or [10_000, 50_000], data_dir)


def measure(sizes: list[int], data_dir: str) -> None:
    os.environ["RADARR_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from movies.management.commands.seed_movies import seed_movies
    from movies.models import Movie, MovieResourceCache

    call_command("migrate", verbosity=0)
    client = Client(headers={"X-Api-Key": settings.RADARR_API_KEY})
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, SQLite in {settings.DATA_DIR}")
    for size in sorted(sizes):
        started = time.perf_counter()
        seed_movies(size - Movie.objects.count())
        print(f"seeded {size:,} movies in {time.perf_counter() - started:.1f} s")
        client.get("/api/v3/movie")  # warm-up: SQLite pages, the resource cache
        warm, length = timed(client, RUNS)
        cold = []
        for _ in range(3):  # every movie changed since the last read: everything is built again
            MovieResourceCache.objects.update(generation="", version=F("version") + 1)
            cold += timed(client, 1)[0]
        with CaptureQueriesContext(connection) as queries:
            client.get("/api/v3/movie")
        median = statistics.median(warm)
        target = TARGETS_MS.get(size)
        verdict = f" (target {target} ms: {'met' if median <= target else 'MISSED'})" if target else ""
        print(
            f"GET /api/v3/movie with {size:,} movies: median {median:.0f} ms, min {min(warm):.0f} ms, "
            f"{length / 1e6:.1f} MB, {len(queries)} queries{verdict}; after every movie changed "
            f"(all rebuilt): median {statistics.median(cold):.0f} ms"
        )


def timed(client: object, runs: int) -> tuple[list[float], int]:
    timings, length = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/api/v3/movie")  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - started) * 1000)
        length = len(response.content)
    return timings, length


if __name__ == "__main__":
    main()
