"""How long the movie index's first screen takes at 10,000 movies (target: at most 100 ms, median).

Run from the repository root: `.venv/bin/python -m bench.index_bench [COUNT]`. It uses a throwaway
data folder with a fresh SQLite database, seeds COUNT realistic movies with files (`seed_movies`),
logs a user in and requests the index through Django's test client: the full page as a browser first
opens it, each view, a filter and a search-as-you-type fragment. The figure is the whole view,
templates included, measured in-process (no HTTP server in between).
"""

import os
import statistics
import sys
import tempfile
import time

COUNT = 10_000
RUNS = 30
TARGET_MS = 100

SCREENS = {
    "posters (first screen)": ("/", {}),
    "table": ("/?view=table", {}),
    "overview": ("/?view=overview", {}),
    "sorted by rating, descending": ("/?sort=rating&dir=desc", {}),
    "filter: cutoff unmet": ("/?filter=cutoffUnmet", {}),
    "search fragment (HTMX)": ("/?search=dark", {"HX-Request": "true", "HX-Target": "movies"}),
    "next page (HTMX)": ("/?page=50&more=1", {"HX-Request": "true"}),
}


def median_ms(client: object, url: str, headers: dict[str, str]) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url, headers=headers)  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    with tempfile.TemporaryDirectory(prefix="radarr-index-bench-") as data_dir:
        os.environ["RADARR_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        from movies.management.commands.seed_movies import seed_movies

        setup_test_environment()  # the test client's ALLOWED_HOSTS ("testserver")
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        seed_movies(count)
        print(f"seeded {count} movies in {time.perf_counter() - started:.1f} s")
        user = get_user_model().objects.create_user("bench", password="a long bench password")
        client = Client()
        client.force_login(user)
        client.get("/")  # warm: templates compiled, connection open, SQLite pages cached
        results = {name: median_ms(client, url, headers) for name, (url, headers) in SCREENS.items()}
    for name, ms in results.items():
        print(f"{name:32} {ms:7.1f} ms (median of {RUNS})")
    first = results["posters (first screen)"]
    verdict = "within" if first <= TARGET_MS else "OVER"
    print(f"first screen at {count} movies: {first:.1f} ms, {verdict} the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
