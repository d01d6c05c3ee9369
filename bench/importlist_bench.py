"""How long the import list sync takes to decide, excluding the fetch: 5 lists of 2,000 movies against a
10,000-movie library on SQLite.

Run from the repository root: `.venv/bin/python -m bench.importlist_bench`. A throwaway data folder gets
a fresh SQLite database and `seed_movies` fills it. Each list is a Custom Lists row whose fetch is
replaced in-process by its prepared answer (no socket: the fetch is not what is measured): 1,600 movies
of the library, 200 excluded ones and 200 new ones (shared between the lists, as real lists overlap).
Measured: the whole sync of the five lists (mapping, caching what they name, deciding what is new, and
unmonitoring the library's movies no list names) plus deciding each list's movies to add, with the
number of queries. Target: 2 s.
"""

import logging
import os
import random
import statistics
import sys
import tempfile
import time

LIBRARY = 10_000
LISTS = 5
PER_LIST = 2_000
RUNS = 3
TARGET_SECONDS = 2.0


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="radarr-importlist-bench-") as data_dir:
        measure(data_dir)


def measure(data_dir: str) -> None:
    os.environ["RADARR_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from movies import importlists, importlistsync
    from movies.management.commands.seed_movies import seed_movies
    from movies.models import ImportExclusion, ImportList, ImportListConfig, ImportListItem, Movie
    from releases.models import QualityProfile

    call_command("migrate", verbosity=0)
    logging.disable(logging.INFO)  # the unmonitored movies are logged one by one: not what is measured
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, SQLite")
    started = time.perf_counter()
    seed_movies(LIBRARY)
    print(f"seeded {LIBRARY:,} movies in {time.perf_counter() - started:.1f} s")

    Movie.objects.update(add_options={"addMethod": "list"})  # clean library acts on list-added movies only
    rng = random.Random(7)
    library = list(Movie.objects.values_list("tmdb_id", flat=True))
    excluded = [3_000_000 + n for n in range(1_000)]
    ImportExclusion.objects.bulk_create(
        ImportExclusion(tmdb_id=tmdb_id, movie_title=f"Excluded {tmdb_id}", movie_year=2000)
        for tmdb_id in excluded
    )
    new = [4_000_000 + n for n in range(400)]
    answers: dict[str, list[importlists.ListMovie]] = {}
    for number in range(LISTS):
        ids = rng.sample(library, 1_600) + rng.sample(excluded, 200) + rng.sample(new, 200)
        answers[f"http://lists.invalid/{number}"] = [
            importlists.ListMovie(tmdb_id, "", f"Movie {tmdb_id}", 2000 + tmdb_id % 25) for tmdb_id in ids
        ]

    class PreparedList(importlists.RadarrListImport):
        implementation = "BenchPreparedList"

        def fetch(self) -> list[importlists.ListMovie]:
            return answers[self.settings.url]

    importlists.IMPLEMENTATIONS[PreparedList.implementation] = PreparedList
    profile = QualityProfile.objects.first()
    rows = [
        ImportList.objects.create(
            name=f"List {number}",
            implementation=PreparedList.implementation,
            settings={"url": url},
            enabled=True,
            enable_auto=False,  # adding fetches each new movie from TMDB: deciding is what is measured
            root_folder_path="/movies",
            quality_profile_id=profile.pk if profile else None,
        )
        for number, url in enumerate(answers)
    ]
    ImportListConfig(pk=1, list_sync_level="keepAndUnmonitor").save()

    timings, to_add, queries = [], 0, 0
    for _ in range(RUNS):
        Movie.objects.update(monitored=True)
        ImportListItem.objects.all().delete()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            outcome = importlistsync.sync_lists(definition_id=None)
            to_add = 0
            for row in rows:
                named = importlistsync._tmdb_ids(answers[row.settings["url"]])
                to_add += len(importlistsync.movies_to_add(named))
        timings.append(time.perf_counter() - started)
        queries = len(captured)
        ImportList.objects.update(last_sync=None)  # the next run syncs again
    median = statistics.median(timings)
    verdict = "met" if median <= TARGET_SECONDS else "MISSED"
    print(
        f"import list sync: {LISTS} lists x {PER_LIST:,} movies against {LIBRARY:,}: median {median:.2f} s"
        f" of {RUNS} runs (target {TARGET_SECONDS:.0f} s: {verdict}), {queries} queries,"
        f" {ImportListItem.objects.count():,} movies remembered, {to_add} to add,"
        f" {len(outcome.cleaned):,} unmonitored"
    )


if __name__ == "__main__":
    main()
