"""`manage.py seed_movies N`: N realistic movies with files, tags, alternative titles and collections.

For benchmarks and large-library tests; rows are bulk-inserted in batches, so 50,000 take seconds.
Nothing is written to disk: paths point under --root, which need not exist.
"""

import random
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from movies.models import AlternativeTitle, Collection, Movie, MovieFile
from movies.titles import clean_title, sort_title
from radarr.models import Tag
from releases.models import QualityProfile

BATCH = 2000
WORDS = (
    "Dark",
    "Last",
    "Night",
    "Lost",
    "City",
    "Star",
    "Iron",
    "Silent",
    "Red",
    "Winter",
    "Secret",
    "Black",
    "Golden",
    "Wild",
    "Broken",
    "River",
    "Edge",
    "Fire",
    "Shadow",
    "Blue",
    "Empire",
    "Storm",
    "Ghost",
    "Kingdom",
    "Paper",
    "Glass",
    "Heart",
    "Road",
    "Moon",
    "Signal",
    "Echo",
    "Hollow",
    "Crown",
    "Machine",
)
GENRES = ("Action", "Adventure", "Comedy", "Drama", "Horror", "Science Fiction", "Thriller", "Romance")
QUALITY_IDS = (3, 4, 5, 6, 7, 9, 14, 15, 18, 19, 30, 31)  # DVD to Remux-2160p
GROUPS = ("FLUX", "NTb", "SPARKS", "RARBG", "FraMeSToR", "CtrlHD", "playWEB", "")


class Command(BaseCommand):
    help = "Seed N realistic movies (with files, tags, alternative titles, collections) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int)
        parser.add_argument("--root", default="/movies", help="root folder path written on the movies")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args: Any, count: int, root: str, seed: int, **options: Any) -> None:
        seed_movies(count, root=root, seed=seed)
        self.stdout.write(f"Seeded {count} movies under {root}")


def _title(rng: random.Random, number: int) -> str:
    return f"{' '.join(rng.sample(WORDS, rng.randint(1, 3)))} {number}"


def _movie(rng: random.Random, number: int, root: str, profile_ids: list[int], collections: list) -> Movie:
    title = _title(rng, number)
    year = rng.randint(1950, 2026)
    cinema = date(year, rng.randint(1, 12), rng.randint(1, 28))
    tmdb_id = 1_000_000 + number
    return Movie(
        tmdb_id=tmdb_id,
        imdb_id=f"tt{7_000_000 + number}",
        title=title,
        original_title=title,
        sort_title=sort_title(title),
        clean_title=clean_title(title),
        year=year,
        overview="A seeded film about " + " ".join(rng.sample(WORDS, 12)).lower() + ".",
        runtime=rng.randint(80, 180),
        status="released" if year < 2026 else "announced",
        in_cinemas=cinema,
        digital_release=cinema + timedelta(days=rng.randint(60, 120)),
        physical_release=cinema + timedelta(days=rng.randint(90, 150)) if rng.random() < 0.7 else None,
        certification=rng.choice(("G", "PG", "PG-13", "R", "")),
        genres=rng.sample(GENRES, rng.randint(1, 3)),
        keywords=rng.sample(WORDS, 3),
        studio=f"{rng.choice(WORDS)} Pictures",
        website=f"https://example.org/{tmdb_id}",
        youtube_trailer_id=f"yt{tmdb_id}",
        images=[
            {"coverType": "poster", "remoteUrl": f"https://image.tmdb.org/t/p/original/p{tmdb_id}.jpg"},
            {"coverType": "fanart", "remoteUrl": f"https://image.tmdb.org/t/p/original/f{tmdb_id}.jpg"},
        ],
        ratings={
            "imdb": {"votes": rng.randint(10, 900_000), "value": round(rng.uniform(3, 9), 1), "type": "user"},
            "tmdb": {"votes": rng.randint(10, 30_000), "value": round(rng.uniform(3, 9), 1), "type": "user"},
        },
        popularity=round(rng.uniform(0.5, 200), 3),
        collection=rng.choice(collections) if collections and rng.random() < 0.2 else None,
        monitored=rng.random() < 0.85,
        minimum_availability=rng.choice(("announced", "inCinemas", "released", "released")),
        quality_profile_id=rng.choice(profile_ids),
        root_folder_path=root,
        path=f"{root}/{title} ({year})",
        added=timezone.now() - timedelta(days=rng.randint(0, 3000)),
    )


def _file(rng: random.Random, movie: Movie) -> MovieFile:
    quality_id = rng.choice(QUALITY_IDS)
    group = rng.choice(GROUPS)
    return MovieFile(
        movie=movie,
        relative_path=f"{movie.title} ({movie.year}) q{quality_id}{'-' + group if group else ''}.mkv",
        size=rng.randint(700_000_000, 60_000_000_000),
        scene_name=f"{movie.title.replace(' ', '.')}.{movie.year}.1080p.BluRay.x264-{group or 'NOGRP'}",
        release_group=group,
        quality_id=quality_id,
        revision={"version": 1, "real": 0, "isRepack": False},
        language_ids=[1],
        media_info={
            "videoCodec": "x264",
            "audioCodec": "DTS",
            "audioChannels": 5.1,
            "resolution": "1920x1080",
        },
        is_primary=True,
    )


@transaction.atomic
def seed_movies(count: int, *, root: str = "/movies", seed: int = 42) -> None:
    """Insert `count` movies; about 70% with a file, each with 0-2 of 8 tags and 0-3 alternative titles."""
    rng = random.Random(seed)
    start = (Movie.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    profile_ids = list(QualityProfile.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(label=f"seed-{n}")[0] for n in range(8)]
    collections = [
        Collection.objects.get_or_create(
            tmdb_id=2_000_000 + start + n, defaults={"title": f"Seeded Collection {start + n}"}
        )[0]
        for n in range(max(1, count // 50))
    ]
    through = Movie.tags.through
    for offset in range(0, count, BATCH):
        numbers = range(start + offset, start + min(offset + BATCH, count))
        movies = Movie.objects.bulk_create([_movie(rng, n, root, profile_ids, collections) for n in numbers])
        files = [_file(rng, movie) for movie in movies if rng.random() < 0.7]
        MovieFile.objects.bulk_create(files)
        for movie_file in files:
            movie_file.movie.has_file, movie_file.movie.size_on_disk = True, movie_file.size
            movie_file.movie.first_imported = movie_file.date_added
        Movie.objects.bulk_update(
            [f.movie for f in files], ["has_file", "size_on_disk", "first_imported"], batch_size=BATCH
        )
        AlternativeTitle.objects.bulk_create(
            AlternativeTitle(movie=movie, title=title, clean_title=clean_title(title))
            for movie in movies
            for title in {_title(rng, movie.tmdb_id) for _ in range(rng.randint(0, 3))}
        )
        through.objects.bulk_create(
            through(movie_id=movie.pk, tag_id=tag.pk)
            for movie in movies
            for tag in rng.sample(tags, rng.randint(0, 2))
        )
