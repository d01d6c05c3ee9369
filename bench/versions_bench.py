"""GET /api/v3/movie for 10,000 movies without and with an extra version each (two versions per movie):
the issue 21 target is at most 1.5 times the time without.

Run from the repository root: `.venv/bin/python -m bench.versions_bench [size]`. A throwaway data folder
gets a fresh SQLite database filled by `seed_movies` (about 70% of movies with a file); the list is
timed warm (from the resource cache) and cold (every movie built again), without extra versions and
with a "4K" version from a template on every movie (about 70% of them with their own 2160p file), the
two sides taking turns for a few rounds. Medians (and minimums) of the runs after one warm-up each.
"""

import os
import statistics
import sys
import tempfile
import time

ROUNDS = 3  # each round times both sides, so a neighbour's load falls on both alike
RUNS = 5
TARGET_RATIO = 1.5


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="radarr-versions-bench-") as data_dir:
        measure(size, data_dir)


def measure(size: int, data_dir: str) -> None:
    os.environ["RADARR_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from movies.management.commands.seed_movies import seed_movies

    call_command("migrate", verbosity=0)
    client = Client(headers={"X-Api-Key": settings.RADARR_API_KEY})
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, SQLite in {settings.DATA_DIR}")
    seed_movies(size)
    sides: dict[str, tuple[list[float], list[float], int]] = {"one": ([], [], 0), "two": ([], [], 0)}
    for _ in range(ROUNDS):
        for side in ("one", "two"):
            remove_versions() if side == "one" else add_versions()
            warm, cold, length = timings(client)
            sides[side] = (sides[side][0] + warm, sides[side][1] + cold, length)
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v3/movie")
    for side, label in (("one", "one version"), ("two", "two versions")):
        warm, cold, length = sides[side]
        print(
            f"GET /api/v3/movie, {size:,} movies with {label} each: "
            f"warm median {statistics.median(warm):.0f} ms (min {min(warm):.0f}), "
            f"every movie built again median {statistics.median(cold):.0f} ms (min {min(cold):.0f}); "
            f"{length / 1e6:.1f} MB"
        )
    ratios = {
        f"{kind} {name}": pick(sides["two"][index]) / pick(sides["one"][index])
        for index, kind in ((0, "warm"), (1, "cold"))
        for name, pick in (("median", statistics.median), ("min", min))
    }
    verdict = "met" if max(ratios["warm median"], ratios["cold median"]) <= TARGET_RATIO else "MISSED"
    print(
        "two versions / one: "
        + ", ".join(f"{ratio:.2f}x {name}" for name, ratio in ratios.items())
        + f" (target {TARGET_RATIO}x on the medians: {verdict}); {len(queries)} query warm"
    )


def remove_versions() -> None:
    from movies.models import MovieFile, MovieVersion, VersionTemplate

    MovieFile.objects.filter(version__isnull=False).delete()
    MovieVersion.objects.all().delete()
    VersionTemplate.objects.all().delete()


def add_versions() -> None:
    """A "4K" template's version on every movie, with a 2160p file for about 70% of them."""
    import random

    from movies.models import Movie, MovieFile, MovieVersion, RootFolder, VersionTemplate
    from movies.versions import apply_template
    from releases.models import QualityProfile

    RootFolder.objects.get_or_create(path="/movies-4k")
    template = VersionTemplate.objects.create(
        name="4K", quality_profile=QualityProfile.objects.order_by("pk").last(), root_folder_path="/movies-4k"
    )
    apply_template(Movie.objects.values_list("pk", flat=True), template)
    rng = random.Random(21)
    files = [
        MovieFile(
            movie_id=row.movie_id,
            version_id=row.pk,
            relative_path=f"Movie {row.movie_id} Bluray-2160p.mkv",
            size=rng.randint(20_000_000_000, 80_000_000_000),
            scene_name=f"Movie.{row.movie_id}.2160p.BluRay.x265-UHD",
            release_group="UHD",
            quality_id=19,
            revision={"version": 1, "real": 0, "isRepack": False},
            language_ids=[1],
            media_info={"videoCodec": "x265", "audioCodec": "TrueHD", "resolution": "3840x2160"},
            is_primary=False,
        )
        for row in MovieVersion.objects.only("pk", "movie_id")
        if rng.random() < 0.7
    ]
    MovieFile.objects.bulk_create(files, batch_size=2000)
    for start in range(0, len(files), 2000):
        MovieVersion.objects.filter(pk__in=[f.version_id for f in files[start : start + 2000]]).update(
            has_file=True
        )


def timings(client: object) -> tuple[list[float], list[float], int]:
    """(warm timings, cold timings, body length) of GET /api/v3/movie."""
    from django.db.models import F

    from movies.models import MovieResourceCache

    client.get("/api/v3/movie")  # type: ignore[attr-defined]  # warm-up: SQLite pages, the cache
    warm, length = timed(client, RUNS)
    # every movie changed since the last read: everything is built again
    MovieResourceCache.objects.update(generation="", version=F("version") + 1)
    cold = timed(client, 1)[0]
    return warm, cold, length


def timed(client: object, runs: int) -> tuple[list[float], int]:
    result, length = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/api/v3/movie")  # type: ignore[attr-defined]
        result.append((time.perf_counter() - started) * 1000)
        length = len(response.content)
    return result, length


if __name__ == "__main__":
    main()
