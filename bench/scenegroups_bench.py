"""How long recomputing scene group reputations takes: 5,000 groups from 500,000 sightings on SQLite.

Run from the repository root: `.venv/bin/python -m bench.scenegroups_bench`. A throwaway data folder
gets a fresh SQLite database; the sightings are written with plain multi-row inserts (the ORM would take
longer than what is measured): a few large groups and many small ones, three years of publish dates,
six indexers (three trackers reporting seeders, leechers and completions, three Usenet indexers), and
20,000 outcomes of our own. Measured: the full recompute that the scheduled job runs (the first creates
every group, the next ones update them), and the recompute of 50 groups that follows an RSS sync.
Target: under 10 s for the full recompute.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

GROUPS = 5_000
SIGHTINGS = 500_000
OUTCOMES = 20_000
RUNS = 3
TARGET_SECONDS = 10.0
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
QUALITIES = ["Bluray-1080p", "Bluray-2160p", "WEBDL-1080p", "WEBDL-2160p", "Remux-1080p", "Bluray-720p", ""]
INDEXERS = [(1, "TrackerA", "torrent"), (2, "TrackerB", "torrent"), (3, "TrackerC", "torrent")]
INDEXERS += [(4, "NZBgeek", "usenet"), (5, "DrunkenSlug", "usenet"), (6, "NZBFinder", "usenet")]
OUTCOME_KINDS = ["grabbed", "imported", "imported", "imported", "failed", "rejected", "upgraded", "deleted"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="radarr-scenegroups-bench-") as data_dir:  # ~250 MB
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

    from scenegroups.recompute import recompute

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    seed(connection, random.Random(9))
    seeding = time.perf_counter() - started
    print(f"scene groups: seeded {SIGHTINGS:,} sightings and {OUTCOMES:,} outcomes in {seeding:.1f} s")
    timings, queries = [], 0
    for _ in range(RUNS + 1):  # the first run creates every group; the others update them
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            written = recompute(now=NOW)
            timings.append(time.perf_counter() - began)
        queries = len(captured)
    few = [f"group{number}" for number in range(0, GROUPS, GROUPS // 50)]
    partial = []
    for _ in range(RUNS):
        began = time.perf_counter()
        recompute(few, now=NOW)
        partial.append((time.perf_counter() - began) * 1000)
    median = statistics.median(timings[1:])
    verdict = "met" if max(timings) <= TARGET_SECONDS else "MISSED"
    print(
        f"scene groups: recompute of {written:,} groups from {SIGHTINGS:,} sightings: "
        f"first (creating) {timings[0]:.2f} s, then median {median:.2f} s of {RUNS} "
        f"(target {TARGET_SECONDS:.0f} s: {verdict}), {queries} queries; "
        f"{len(few)} groups after an RSS sync: median {statistics.median(partial):.0f} ms"
    )


def seed(connection: Any, rng: random.Random) -> None:
    """Multi-row inserts in one transaction; group sizes are skewed (a few groups post most releases)."""
    from django.db import transaction

    from scenegroups.models import Outcome, Sighting

    with transaction.atomic():
        insert(connection, Sighting, sighting_rows(connection, rng))
        insert(connection, Outcome, outcome_rows(connection, rng))


def insert(connection: Any, model: type, rows: Iterator[dict[str, Any]]) -> None:
    first = next(rows)
    columns = list(first)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    sql = f"INSERT INTO {model._meta.db_table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        batch = [tuple(first.values())]
        for row in rows:
            batch.append(tuple(row.values()))
            if len(batch) == 10_000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)


def sighting_rows(connection: Any, rng: random.Random) -> Iterator[dict[str, Any]]:
    stamp = connection.ops.adapt_datetimefield_value
    for number in range(SIGHTINGS):
        group = int(GROUPS * rng.random() ** 2)
        indexer_id, indexer, protocol = rng.choice(INDEXERS)
        torrent = protocol == "torrent"
        published = NOW - timedelta(days=rng.random() * 3 * 365)
        preferred = rng.choice([0, 6, 10, 25]) * 1_000_000_000
        yield {
            "group": f"group{group}",
            "group_name": f"Group{group}" if rng.random() < 0.9 else f"GROUP{group}",
            "indexer_id": indexer_id,
            "indexer": indexer,
            "guid": f"guid-{number}",
            "title": f"Movie.{number}.2020.1080p.BluRay.x264-Group{group}",
            "protocol": protocol,
            "quality": rng.choice(QUALITIES),
            "size": int(preferred * rng.lognormvariate(0, 0.5)) if preferred else rng.randint(1, 60) * 10**9,
            "preferred_size": preferred,
            "published": stamp(published),
            "seen": stamp(published + timedelta(hours=rng.random() * 48)),
            "seeders": int(rng.lognormvariate(2.5, 1.5)) if torrent else None,
            "leechers": rng.randint(0, 20) if torrent else None,
            "times_completed": rng.randint(0, 2000) if torrent else None,
            "internal": torrent and rng.random() < 0.2,
            "scene": rng.random() < 0.3,
            "freeleech": torrent and rng.random() < 0.1,
            "category": rng.choice([2000, 2030, 2040, 2045, 2050]),
            "medium": "",
            "codec": "",
            "source": "rss",
        }


def outcome_rows(connection: Any, rng: random.Random) -> Iterator[dict[str, Any]]:
    for number in range(OUTCOMES):
        yield {
            "group": f"group{int(GROUPS * rng.random() ** 2)}",
            "kind": rng.choice(OUTCOME_KINDS),
            "key": f"download-{number}",
            "movie_id": rng.randint(1, 10_000),
            "title": f"Movie.{number}.2020.1080p.BluRay.x264",
            "date": connection.ops.adapt_datetimefield_value(NOW - timedelta(days=rng.random() * 2 * 365)),
        }


if __name__ == "__main__":
    sys.exit(main())
