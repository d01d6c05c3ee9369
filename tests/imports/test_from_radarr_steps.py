"""The long move-in sections commit in steps: history page by page, movies in batches. Another writer
(the web, the job worker) is never kept waiting on SQLite's write lock for a whole section, and a run
stopped mid-section keeps its steps before and is completed by the next, without duplicates."""

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from downloads.models import History
from imports.fromradarr import library as library_section
from imports.fromradarr.run import import_radarr
from movies.models import AlternativeTitle, Movie
from radarr.models import Tag
from tests.fakeserver import Route
from tests.imports.radarrsource import StandInRadarr, our_fixtures

PAGE_SIZE = 10
PAGES = 12
MOVIES = {1: "Arrival", 2: "Alien", 3: "Heat", 4: "Dune"}  # the source ids of tests/imports/fixtures/radarr


def _history(count: int) -> list[dict[str, Any]]:
    """`count` grabs spread over the fixtures' movies, a minute apart (oldest first, as asked for)."""
    return [
        {
            "id": number,
            "movieId": 1 + number % len(MOVIES),
            "sourceTitle": f"{MOVIES[1 + number % len(MOVIES)]}.Release.{number}.1080p.BluRay.x264-GRP",
            "quality": {"quality": {"id": 7}, "revision": {"version": 1, "real": 0, "isRepack": False}},
            "date": f"2021-01-{1 + number // 1440:02d}T{number // 60 % 24:02d}:{number % 60:02d}:00Z",
            "eventType": "grabbed",
            "downloadId": f"SAB{number}",
            "data": {"indexer": "NZBgeek"},
        }
        for number in range(count)
    ]


class SlowHistory(StandInRadarr):
    """History pages answered after a pause, as a large source's are: the section lasts a while."""

    def __init__(self, pause: float) -> None:
        super().__init__(page_size=PAGE_SIZE)
        self.pause = pause
        self.history_asked = threading.Event()
        self.history_began = 0.0

    def _find(self, method: str, path: str, query: dict[str, list[str]]) -> Route | None:
        if path == "/api/v3/history":
            if not self.history_asked.is_set():
                self.history_began = time.monotonic()
            self.history_asked.set()
            time.sleep(self.pause)
        return super()._find(method, path, query)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "movies"
    (root / "Arrival (2016)").mkdir(parents=True)
    (root / "Arrival (2016)" / "Arrival (2016) Bluray-1080p.mkv").write_bytes(b"video")
    return root


@pytest.fixture
def source(library: Path) -> Iterator[SlowHistory]:
    server = SlowHistory(pause=0.0)
    server.serve_all(our_fixtures(library) | {"history": _history(PAGE_SIZE * PAGES)})
    server.start()
    yield server
    server.stop()


def _section(report, name: str):
    return next(section for section in report.sections if section.name == name)


@pytest.mark.django_db(transaction=True)  # real commits: the writer's connection sees what is committed
def test_another_writer_is_not_kept_waiting_during_a_long_history_section(source):
    source.pause = 0.35  # twelve pages: the section lasts over four seconds, a whole-section lock as long
    waits: list[tuple[float, float]] = []  # (when the write ended, how long it waited)
    stop = threading.Event()

    def writer() -> None:
        # as the web or the job worker would: its own connection, one short write at a time
        try:
            source.history_asked.wait(timeout=60)
            number = 0
            while not stop.is_set():
                started = time.monotonic()
                Tag.objects.create(label=f"written-meanwhile-{number}")
                waits.append((time.monotonic(), time.monotonic() - started))
                number += 1
                time.sleep(0.05)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        report = import_radarr(source.url, source.API_KEY)
        finished = time.monotonic()
        history_began = source.history_began
    finally:
        stop.set()
        thread.join(timeout=60)

    assert report.succeeded, report.as_json()
    assert History.objects.count() == PAGE_SIZE * PAGES
    during = [wait for ended, wait in waits if ended < finished]
    assert len(during) >= 5, f"the writer got only {len(during)} write(s) in while the history section ran"
    assert finished - history_began > 4  # what a writer would wait were the section one transaction
    # a whole-section lock makes one write wait about the section's length (over 2.5 s); steps make
    # each wait a page's commit, however slow a loaded machine is
    assert max(wait for _, wait in waits) < 2.5, sorted(wait for _, wait in waits)[-5:]


@pytest.mark.django_db
def test_a_history_page_failing_keeps_the_pages_before_and_the_next_run_completes_them(source):
    source.add("/api/v3/history", body='{"message": "boom"}', status=500, query={"page": "5"})

    report = import_radarr(source.url, source.API_KEY)

    assert report.stopped_at == "History" and not report.succeeded
    history = _section(report, "History")
    kept = 4 * PAGE_SIZE
    assert history.status == "failed" and history.imported == kept == History.objects.count()
    assert "page 4" in history.error and "running again continues" in history.error
    assert sorted(History.objects.values_list("download_id", flat=True)) == sorted(
        f"SAB{number}" for number in range(kept)
    )

    source.serve("history", _history(PAGE_SIZE * PAGES))  # the source answers every page again
    again = import_radarr(source.url, source.API_KEY)

    assert again.succeeded, again.as_json()
    history = _section(again, "History")
    assert (history.imported, history.skip_reasons) == (PAGE_SIZE * PAGES - kept, {"already here": kept})
    keys = Counter(History.objects.values_list("movie_id", "event_type", "date", "source_title"))
    assert len(keys) == PAGE_SIZE * PAGES and set(keys.values()) == {1}


@pytest.mark.django_db
def test_a_movie_batch_failing_keeps_the_batches_before_and_the_next_run_completes_them(source, monkeypatch):
    monkeypatch.setattr(library_section, "BATCH", 1)  # one movie per batch: four batches
    writes = library_section._replace_alternative_titles
    calls = []

    def third_batch_fails(batch):
        calls.append(batch)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        writes(batch)

    monkeypatch.setattr(library_section, "_replace_alternative_titles", third_batch_fails)

    report = import_radarr(source.url, source.API_KEY)

    assert report.stopped_at == "Movies"
    movies = _section(report, "Movies")
    assert movies.imported == 2 == Movie.objects.count()  # the failing batch rolled back whole
    assert "movie 2 of 4" in movies.error and "running again continues" in movies.error
    assert AlternativeTitle.objects.exclude(movie__in=Movie.objects.all()).count() == 0

    monkeypatch.setattr(library_section, "_replace_alternative_titles", writes)
    again = import_radarr(source.url, source.API_KEY)

    assert again.succeeded, again.as_json()
    movies = _section(again, "Movies")
    assert (movies.imported, movies.updated) == (2, 2)
    tmdb_ids = Counter(Movie.objects.values_list("tmdb_id", flat=True))
    assert len(tmdb_ids) == 4 and set(tmdb_ids.values()) == {1}
