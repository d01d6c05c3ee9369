"""GET /api/v3/movie reads cached JSON that writers invalidate: reads must never fail, miss a movie or
keep stale JSON while other clients edit movies (Overseerr and Homepage poll this list)."""

import threading
import time
from collections import Counter
from pathlib import Path

import orjson
import pytest
import requests
from django.conf import settings
from django.db import connection

from movies.models import Movie
from movies.resources import movie_resources_json
from radarr.models import Tag
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db(transaction=True)

READERS, WRITERS, MOVIES = 8, 4, 40
SECONDS = 3.0


def _session() -> requests.Session:
    session = requests.Session()
    session.headers["X-Api-Key"] = settings.RADARR_API_KEY
    return session


def _library(tmp_path: Path) -> list[int]:
    root = tmp_path / "movies"
    root.mkdir()
    RootFolderFactory(path=str(root))
    Tag.objects.create(label="kids")
    Tag.objects.create(label="4k")
    movies = [
        MovieFactory(
            title=f"Film {number}", path=str(root / f"Film {number} (2010)"), root_folder_path=str(root)
        )
        for number in range(MOVIES)
    ]
    return [movie.pk for movie in movies]


def _edit(session: requests.Session, url: str, movie_id: int, turn: int, kind: str) -> int:
    """One client's edit: read the movie, change one thing, PUT the whole resource back (as Overseerr)."""
    movie = session.get(f"{url}/api/v3/movie/{movie_id}", timeout=30).json()
    if kind == "tags":
        tags = sorted(Tag.objects.values_list("pk", flat=True))
        movie["tags"] = tags[: turn % (len(tags) + 1)]
    elif kind == "monitored":
        movie["monitored"] = not movie["monitored"]
    elif kind == "profile":
        profiles = sorted(QualityProfile.objects.values_list("pk", flat=True))
        movie["qualityProfileId"] = profiles[turn % len(profiles)]
    else:
        root = movie["rootFolderPath"].rstrip("/")
        movie["path"] = f"{root}/{movie['title']} ({turn % 3})"
    return session.put(f"{url}/api/v3/movie/{movie_id}", data=orjson.dumps(movie), timeout=30).status_code


def _run_clients(url: str, movie_ids: list[int]) -> tuple[Counter, list[str], Counter]:
    deadline = time.monotonic() + SECONDS
    reads: Counter = Counter()
    problems: list[str] = []
    writes: Counter = Counter()
    expected = set(movie_ids)

    def reader() -> None:
        session = _session()
        try:
            while time.monotonic() < deadline:
                response = session.get(f"{url}/api/v3/movie", timeout=30)
                reads[response.status_code] += 1
                if response.status_code != 200:
                    problems.append(f"{response.status_code}: {response.text[:300]}")
                    continue
                seen = [movie["id"] for movie in response.json()]
                if set(seen) != expected or len(seen) != len(expected):
                    problems.append(f"incomplete list: {len(seen)} movies")
        finally:
            connection.close()

    def writer(kind: str, mine: list[int]) -> None:
        session = _session()
        turn = 0
        try:
            while time.monotonic() < deadline:
                turn += 1
                writes[_edit(session, url, mine[turn % len(mine)], turn, kind)] += 1
        finally:
            connection.close()

    kinds = ["tags", "monitored", "profile", "path"]
    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    threads += [
        threading.Thread(target=writer, args=(kind, movie_ids[number::WRITERS]))
        for number, kind in enumerate(kinds)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 60)
    return reads, problems, writes


def test_movie_list_reads_stay_whole_and_fresh_while_four_clients_edit_movies(live_server, tmp_path):
    movie_ids = _library(tmp_path)

    reads, problems, writes = _run_clients(live_server.url, movie_ids)

    assert problems == [], f"{len(problems)} bad reads of {sum(reads.values())}; first: {problems[:3]}"
    assert reads[200] > READERS and set(writes) == {202}, (reads, writes)
    # nothing stale was kept: the cached list now equals a list built afresh from the rows
    cached = _session().get(f"{live_server.url}/api/v3/movie", timeout=30).json()
    assert cached == orjson.loads(movie_resources_json(Movie.objects.all()))


def _change_in_another_connection(movie_id: int, title: str) -> None:
    """A writer on its own connection that commits before returning, as another request would."""

    def write() -> None:
        try:
            Movie.objects.filter(pk=movie_id).update(title=title)
        finally:
            connection.close()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join(30)


def test_json_built_before_a_concurrent_change_is_answered_but_not_kept(monkeypatch):
    from movies import resourcecache

    movie = MovieFactory(title="Before")
    build = resourcecache.movie_fragments

    def build_then_someone_writes(queryset):
        fragments = build(queryset)
        _change_in_another_connection(movie.pk, "After")  # lands between our build and our store
        return fragments

    monkeypatch.setattr(resourcecache, "movie_fragments", build_then_someone_writes)
    answered = orjson.loads(resourcecache.library_json())
    monkeypatch.undo()

    assert [item["title"] for item in answered] == ["Before"]  # what the snapshot showed
    assert [item["title"] for item in orjson.loads(resourcecache.library_json())] == ["After"]
