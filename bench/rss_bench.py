"""How long an RSS sync takes: 5 fake Newznab indexers x 100 items against a library of 10,000 movies.

Run from the repository root: `.venv/bin/python -m bench.rss_bench`. A throwaway data folder gets a
fresh SQLite database filled by `seed_movies`; five fake indexers on loopback serve feeds mixing
releases of library movies (several qualities each) with releases of films not in the library; a real
Usenet Blackhole client writes grabbed .nzb files into a temporary folder. Each run is the whole sync:
feeds fetched in parallel, every release matched and decided, the best per movie grabbed (the .nzb
downloaded from the fake indexer and written), history recorded. Target: under 2 s.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

MOVIES = 10_000
INDEXERS = 5
ITEMS = 100
RUNS = 3
TARGET_SECONDS = 2.0
QUALITIES = ["720p.BluRay.x264", "1080p.BluRay.x264", "1080p.WEB-DL.DDP5.1.H.264", "2160p.WEB-DL.DV.HEVC"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="radarr-rss-bench-") as data_dir:
        measure(Path(data_dir))


def measure(data_dir: Path) -> None:
    os.environ["RADARR_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from downloads.models import DownloadClient, History
    from downloads.rsssync import recent_decisions, rss_sync
    from indexers import fetching
    from indexers.models import Indexer
    from movies.management.commands.seed_movies import seed_movies
    from movies.models import Movie
    from tests.fakeserver import FakeServer
    from tests.indexers.searchsupport import Item, serve_newznab

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    seed_movies(MOVIES)
    print(f"rss sync: seeded {MOVIES:,} movies in {time.perf_counter() - started:.1f} s")
    fetching.REQUEST_SPACING_SECONDS = 0.0  # each run asks each indexer once: spacing would never apply
    rng = random.Random(5)
    library = list(Movie.objects.values_list("title", "year"))
    drop = data_dir / "drop"
    drop.mkdir()
    DownloadClient.objects.create(
        name="Blackhole",
        implementation="UsenetBlackhole",
        protocol="usenet",
        settings={"nzbFolder": str(drop), "watchFolder": str(data_dir)},
    )
    server = FakeServer().start()
    try:
        timings, queries, grabbed = [], 0, 0
        for run in range(RUNS + 1):  # run 0 warms up; every run gets fresh releases
            Indexer.objects.all().delete()
            for number in range(INDEXERS):
                items = [_item(rng, library, f"r{run}i{number}n{n}", Item) for n in range(ITEMS)]
                serve_newznab(server, items, prefix=f"/run{run}/indexer{number}")
                settings = {"baseUrl": f"{server.url}/run{run}/indexer{number}", "apiKey": "k" * 32}
                Indexer.objects.create(name=f"Indexer {number}", implementation="Newznab", settings=settings)
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                result = rss_sync()
                elapsed = time.perf_counter() - began
            if run:
                timings.append(elapsed)
                queries, grabbed = len(captured), len(result.processed.grabbed)
        with CaptureQueriesContext(connection) as deciding:  # the last feeds again, decided, not grabbed
            recent_decisions(with_pending=True)
        median = statistics.median(timings)
        verdict = "met" if median <= TARGET_SECONDS else "MISSED"
        print(
            f"rss sync: {INDEXERS} indexers x {ITEMS} items against {MOVIES:,} movies in {median:.2f} s "
            f"(median of {RUNS}; target {TARGET_SECONDS:.0f} s: {verdict}); {queries} queries: "
            f"{len(deciding)} to read feeds and decide, the rest for {grabbed} grabs "
            f"({History.objects.count()} grabs over all runs)"
        )
    finally:
        server.stop()


def _item(rng: random.Random, library: list[tuple[str, int]], guid: str, item_class: type) -> object:
    """Two releases in three are for library movies; the rest are films we do not have."""
    quality = rng.choice(QUALITIES)
    if rng.random() < 2 / 3:
        title, year = rng.choice(library)
    else:
        title, year = f"Unknown Film {rng.randint(1, 10**6)}", rng.randint(1950, 2026)
    name = ".".join(title.replace(":", "").split())
    return item_class(f"{name}.{year}.{quality}-GRP", guid=guid, size=rng.randint(4, 20) * 1024**3)


if __name__ == "__main__":
    sys.exit(main())
