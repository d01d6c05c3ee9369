"""How long moving in from Radarr takes: a seeded source of 10,000 movies (each with a file on disk)
and 50,000 history records, answering at once from memory, imported into a fresh SQLite database.

Run from the repository root: `.venv/bin/python -m bench.radarr_import_bench`. The source is a loopback
HTTP server in this process answering prepared JSON (Radarr's shapes, built from our own resource
builders), so what is measured is the move-in: reading, checking 10,000 files exist, matching custom
formats, writing in batches. Target: 120 s (issue 18).

Meanwhile another thread writes one row at a time on its own connection, as the web and the job worker
would during a move-in: the longest it waited for SQLite's write lock (the busy timeout is 20 s, past
which it fails with "database is locked") says whether a move-in can run on a live install.
"""

import json
import logging
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

MOVIES = 10_000
HISTORY = 50_000
TARGET_SECONDS = 120.0
PAGED = ("history", "blocklist")


class Source(ThreadingHTTPServer):
    """Prepared answers by v3 path; paged resources sliced per request."""

    def __init__(self, resources: dict[str, Any]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bodies = {
            path: json.dumps(body).encode() for path, body in resources.items() if path not in PAGED
        }
        self.paged = {path: resources.get(path, []) for path in PAGED}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Source

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        path = parts.path.removeprefix("/api/v3/")
        if path in PAGED:
            query = parse_qs(parts.query)
            page, size = int(query.get("page", ["1"])[0]), int(query.get("pageSize", ["1000"])[0])
            records = self.server.paged[path]
            body = json.dumps(
                {"page": page, "pageSize": size, "totalRecords": len(records),
                 "records": records[(page - 1) * size : page * size]}
            ).encode()  # fmt: skip
        else:
            body = self.server.bodies.get(path, b"[]")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _quality(quality_id: int) -> dict[str, Any]:
    return {"quality": {"id": quality_id}, "revision": {"version": 1, "real": 0, "isRepack": False}}


def source_resources(library: Path, profile: dict[str, Any]) -> dict[str, Any]:
    """The source's answers: a profile, two custom formats, tags, 10,000 movies with files, history."""
    formats = [
        {"id": 1, "name": "x265", "includeCustomFormatWhenRenaming": False, "specifications": [
            {"name": "x265", "implementation": "ReleaseTitleSpecification", "negate": False, "required": True,
             "fields": [{"name": "value", "value": r"[xh][ .]?265|\bHEVC\b"}]}]},
        {"id": 2, "name": "HDR", "includeCustomFormatWhenRenaming": False, "specifications": [
            {"name": "HDR", "implementation": "ReleaseTitleSpecification", "negate": False, "required": True,
             "fields": [{"name": "value", "value": r"\bHDR\b"}]}]},
    ]  # fmt: skip
    profile = {**profile, "id": 7, "name": "Bench profile", "formatItems": [{"format": 1, "score": 10}]}
    movies, history = [], []
    groups = ("GRP", "SPARKS", "FGT", "NTb", "RARBG")
    for n in range(MOVIES):
        title, year = f"Bench Movie {n}", 1950 + n % 75
        folder = library / f"{title} ({year})"
        name = f"Bench.Movie.{n}.{year}.1080p.BluRay.{'x265' if n % 3 else 'x264'}-{groups[n % 5]}"
        movies.append({
            "id": n + 1, "title": title, "originalTitle": title, "year": year, "tmdbId": 100_000 + n,
            "imdbId": f"tt{2_000_000 + n}", "path": str(folder), "rootFolderPath": str(library),
            "qualityProfileId": 7, "monitored": n % 4 != 0, "minimumAvailability": "released",
            "tags": [1] if n % 2 else [1, 2], "added": "2020-01-02T03:04:05Z", "status": "released",
            "genres": ["Drama"], "runtime": 100, "overview": "A film.", "hasFile": True,
            "inCinemas": f"{year}-05-01T00:00:00Z", "alternateTitles": [{"title": f"Bench Film {n}"}],
            "movieFile": {
                "id": n + 1, "movieId": n + 1, "relativePath": f"{name}.mkv", "size": 0,
                "dateAdded": "2021-02-03T04:05:06Z", "sceneName": name, "releaseGroup": groups[n % 5],
                "edition": "", "languages": [{"id": 1, "name": "English"}], "quality": _quality(7),
                "mediaInfo": {"videoCodec": "x265", "audioChannels": 5.1, "resolution": "1920x1080"},
            },
        })  # fmt: skip
        for event in range(HISTORY // MOVIES):
            history.append({
                "id": len(history) + 1, "movieId": n + 1, "sourceTitle": name, "quality": _quality(7),
                "languages": [{"id": 1}], "customFormats": [{"id": 1, "name": "x265"}],
                "date": f"2021-0{1 + event}-01T0{event}:00:00Z",
                "eventType": ("grabbed", "downloadFolderImported", "downloadFailed", "movieFileDeleted",
                              "movieFileRenamed")[event],
                "downloadId": f"SAB{n}", "data": {"indexer": "NZBgeek"},
            })  # fmt: skip
    return {
        "system/status": {"version": "5.14.0.9383"},
        "tag": [{"id": 1, "label": "hd"}, {"id": 2, "label": "kids"}],
        "customformat": formats,
        "qualityprofile": [profile],
        "rootfolder": [{"id": 1, "path": str(library)}],
        **{f"config/{name}": {} for name in ("naming", "mediamanagement", "ui", "host", "indexer",
                                             "downloadclient", "importlist", "metadata")},
        "movie": movies,
        "history": history,
    }  # fmt: skip


def make_files(resources: dict[str, Any]) -> None:
    for movie in resources["movie"]:
        folder = Path(movie["path"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / movie["movieFile"]["relativePath"]).touch()


def write_meanwhile(stop: threading.Event, waits: list[tuple[float, float]], failures: list[str]) -> None:
    """One Tag row at a time on this thread's own connection, every 0.1 s, until `stop`."""
    from django.db import DatabaseError, connection

    from radarr.models import Tag

    try:
        number = 0
        while not stop.is_set():
            started = time.perf_counter()
            try:
                Tag.objects.create(label=f"bench-writer-{number}")
            except DatabaseError as error:
                failures.append(str(error))
            waits.append((started, time.perf_counter() - started))
            number += 1
            time.sleep(0.1)
    finally:
        connection.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="radarr-import-bench-") as data_dir:
        measure(Path(data_dir))


def measure(data_dir: Path) -> None:
    os.environ["RADARR_DATA_DIR"] = str(data_dir / "data")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from downloads.models import History
    from imports.fromradarr.run import import_radarr
    from movies.models import Movie, MovieFile
    from releases.models import CustomFormat, QualityProfile
    from releases.resources import quality_profile_resource

    call_command("migrate", verbosity=0)
    logging.disable(logging.INFO)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, SQLite")
    profile = quality_profile_resource(
        QualityProfile.objects.get(name="HD-1080p"), CustomFormat.objects.all()
    )
    resources = source_resources(data_dir / "movies", profile)
    make_files(resources)
    source = Source(resources)
    threading.Thread(target=source.serve_forever, daemon=True).start()
    marks: list[tuple[float, str]] = []
    stop = threading.Event()
    waits: list[tuple[float, float]] = []  # (when the write began, how long it took)
    failures: list[str] = []
    writer = threading.Thread(target=write_meanwhile, args=(stop, waits, failures))
    started = time.perf_counter()
    writer.start()
    try:
        report = import_radarr(
            source.url, "bench", progress=lambda line: marks.append((time.perf_counter(), line))
        )
        elapsed = time.perf_counter() - started
    finally:
        stop.set()
        writer.join()
    assert report.succeeded, report.stopped_at
    assert Movie.objects.count() == MOVIES and MovieFile.objects.count() == MOVIES
    assert History.objects.count() == HISTORY
    again_started = time.perf_counter()
    again = import_radarr(source.url, "bench")  # nothing changed: matched, compared, not written again
    second = time.perf_counter() - again_started
    source.shutdown()
    assert again.succeeded, [(section.name, section.error) for section in again.sections if section.error]
    assert Movie.objects.count() == MOVIES and History.objects.count() == HISTORY  # nothing doubled
    previous = started
    for at, line in marks:
        if " found, " in line:  # a section's summary (not the lines within one)
            print(f"  {at - previous:6.1f} s  {line}")
            previous = at
    began, longest = max(waits, key=lambda wait: wait[1], default=(started, 0.0))
    during = next((line for at, line in reversed(marks) if at <= began and "…" in line), "the start")
    print(
        f"another writer meanwhile: {len(waits)} one-row writes, the longest waited {longest:.2f} s "
        f"(in {during.split('] ')[-1].rstrip('…')}), {len(failures)} failed"
        + (f" ({failures[0]})" if failures else "")
    )
    verdict = "within" if elapsed <= TARGET_SECONDS else "OVER"
    print(
        f"radarr import: {MOVIES:,} movies with files + {HISTORY:,} history records in {elapsed:.1f} s "
        f"({verdict} the {TARGET_SECONDS:.0f} s target); a second run over it: {second:.1f} s"
    )


if __name__ == "__main__":
    main()
