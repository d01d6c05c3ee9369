"""Large libraries: the work that builds and keeps a library (library import, rescans) and the lists a
big library shows use a number of queries that does not grow with the number of movies (work done in
batches: a fixed number per batch). A few hundred rows prove it; speed at 20,000 movies is measured by
bench/scale_bench.py."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports import rescan as rescan_module
from movies.models import Movie, MovieFile
from movies.scanning import scan_movie_folders
from radarr.models import Command
from releases.models import QualityProfile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def _folders(root: Path, first: int, count: int) -> list[dict]:
    """`count` movie folders with a video file each, and the import body Radarr's UI sends for them."""
    profile = QualityProfile.objects.first().pk
    body = []
    for number in range(first, first + count):
        title = f"Film Number {number}"
        folder = root / f"{title} ({1950 + number % 70}) {{tmdb-{number}}}"
        folder.mkdir()
        (folder / f"{title.replace(' ', '.')}.{1950 + number % 70}.1080p.BluRay.x264-GRP.mkv").write_bytes(
            b"x"
        )
        body.append(
            {
                "tmdbId": number,
                "title": title,
                "year": 1950 + number % 70,
                "path": str(folder),
                "qualityProfileId": profile,
                "monitored": True,
                "minimumAvailability": "released",
                "tags": [],
                "alternateTitles": [{"title": f"Other Name {number}"}],
                "collection": {"tmdbId": 900_000 + number % 7, "title": f"Saga {number % 7}"},
                "addOptions": {"monitor": "movieOnly", "searchForMovie": False},
            }
        )
    return body


def _import(api_client, body: list[dict]) -> tuple[int, list[dict]]:
    with CaptureQueriesContext(connection) as queries:
        response = api_client.post("/api/v3/movie/import", json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content[:500]
    return len(queries), response.json()


def _no_probe(paths):
    raise AssertionError(f"media info was read inside the request for {paths}")


def test_library_import_queries_do_not_grow_with_the_folders_and_nothing_is_probed(
    api_client, root, monkeypatch
):
    monkeypatch.setattr(rescan_module, "probe_files", _no_probe)

    few, answered_few = _import(api_client, _folders(root, 1, 10))
    many, answered_many = _import(api_client, _folders(root, 1000, 200))

    assert len(answered_few) == 10 and len(answered_many) == 200
    assert all(movie["hasFile"] for movie in answered_many)
    assert Movie.objects.count() == 210 and MovieFile.objects.count() == 210
    # one batch each: the same statements whatever the number of movies in it (the response's own
    # reads included); a second batch would add a fixed number
    assert many <= few + 5, (few, many)
    # the slow part is one background command for all the movies, not a task per movie
    finishing = Command.objects.filter(name="FinishLibraryImport")
    assert [len(command.body["movieIds"]) for command in finishing] == [10, 200]


def test_a_batch_rescan_matches_files_with_the_same_queries_for_many_folders(root):
    from tests.movies.factories import MovieFactory

    def movies(first: int, count: int) -> list[Movie]:
        made = []
        for number in range(first, first + count):
            folder = root / f"Scan {number}"
            folder.mkdir()
            (folder / f"Scan.{number}.2001.720p.WEB-DL.mkv").write_bytes(b"x" * (number % 5 + 1))
            made.append(MovieFactory(path=str(folder), root_folder_path=str(root), tmdb_id=50_000 + number))
        return made

    small, large = movies(1, 5), movies(100, 150)

    with CaptureQueriesContext(connection) as few:
        scan_movie_folders(small, hooks=False)
    with CaptureQueriesContext(connection) as many:
        scan_movie_folders(large, hooks=False)

    assert len(many) == len(few), (len(few), len(many))
    assert MovieFile.objects.filter(movie__in=large).count() == 150
    assert Movie.objects.filter(pk__in=[movie.pk for movie in large], has_file=True).count() == 150


def test_a_rescan_tracks_extras_and_writes_metadata_with_the_same_queries_for_many_folders(root, monkeypatch):
    """Kodi's NFO on (cast, crew and tags read), a subtitle new in each folder and one gone: a batch of
    40 folders costs the queries of a batch of 3."""
    from imports.models import ExtraFile, ExtraFileType, Metadata
    from movies.models import Credit
    from radarr.models import Tag
    from tests.movies.factories import MovieFactory

    monkeypatch.setattr(rescan_module, "probe_files", lambda paths: [None] * len(paths))  # one-byte files
    kodi = Metadata.objects.get(implementation="XbmcMetadata")
    kodi.enable = True
    kodi.save()
    tag = Tag.objects.create(label="scale")

    def movies(first: int, count: int) -> list[Movie]:
        made = []
        for number in range(first, first + count):
            folder = root / f"Extras {number}"
            folder.mkdir()
            (folder / f"Extras.{number}.2001.720p.WEB-DL.mkv").write_bytes(b"x")
            (folder / f"Extras.{number}.2001.720p.WEB-DL.de.srt").write_bytes(b"x")
            movie = MovieFactory(path=str(folder), root_folder_path=str(root), tmdb_id=60_000 + number)
            movie.tags.add(tag)
            Credit.objects.create(
                movie=movie,
                person_tmdb_id=number,
                type="cast",
                name=f"Actor {number}",
                character="Lead",
                order=0,
            )
            made.append(movie)
        scan_movie_folders(made)  # files, subtitles and NFOs found and written once
        for movie in made:  # then one subtitle more and one gone in each folder
            stem = f"Extras.{movie.path.rsplit(' ', 1)[1]}.2001.720p.WEB-DL"
            (Path(movie.path) / f"{stem}.en.srt").write_bytes(b"x")
            (Path(movie.path) / f"{stem}.de.srt").unlink()
        return made

    def rescan(movies: list[Movie]) -> int:
        with CaptureQueriesContext(connection) as queries:
            scan_movie_folders(movies)
        return len(queries)

    small, large = movies(1, 3), movies(100, 40)
    few, many = rescan(small), rescan(large)

    assert many == few, (few, many)
    subtitles = ExtraFile.objects.filter(type=ExtraFileType.SUBTITLE)
    assert sorted(subtitles.values_list("language", flat=True)) == ["en"] * 43
    nfos = ExtraFile.objects.filter(type=ExtraFileType.METADATA, extension=".nfo")
    assert nfos.count() == 43
    assert all("Actor" in (Path(row.movie.path) / row.relative_path).read_text() for row in nfos)


def test_matching_many_folders_asks_tmdb_for_each_and_the_library_once(fake_tmdb, tmp_path):
    from movies.libraryimport import UnmappedFolder, match_folders
    from tests.movies.factories import MovieFactory

    MovieFactory(tmdb_id=603)
    folders = [UnmappedFolder(f"Copy {n} {{tmdb-603}}", str(tmp_path / str(n)), str(n)) for n in range(12)]
    folders.insert(5, UnmappedFolder("Nothing {tmdb-999999999}", str(tmp_path / "none"), "none"))

    with CaptureQueriesContext(connection) as queries:
        matches = match_folders(folders)

    assert [match.folder for match in matches] == folders  # in order, whatever finished first
    assert all(match.existing is not None for match in matches if match is not matches[5])
    assert matches[5].metadata is None and matches[5].error
    assert len(queries) == 1


def test_a_refresh_batch_writes_with_the_same_queries_for_many_movies(fake_tmdb, root, settings, monkeypatch):
    """TMDB asked in parallel, the rows written together, the folders scanned together: the same queries
    and transactions for 30 movies as for 4."""
    import orjson

    from movies.refresh import refresh_movies_batch
    from tests.movies.conftest import TMDB_FIXTURES
    from tests.movies.factories import MovieFactory

    settings.RADARR_TMDB_REQUESTS_PER_SECOND = 0
    monkeypatch.setattr("movies.refresh.cache_covers", lambda movie: None)  # no image server here
    monkeypatch.setattr(rescan_module, "probe_files", lambda paths: [None] * len(paths))  # one-byte files
    details = orjson.loads((TMDB_FIXTURES / "movie-603.json").read_bytes())
    for number in range(1, 41):
        fake_tmdb.add(f"/3/movie/{number}", body=orjson.dumps(details | {"id": number}).decode())

    def batch(first: int, count: int) -> tuple[int, int]:
        movies = []
        for number in range(first, first + count):
            folder = root / f"Refresh {number}"
            folder.mkdir()
            (folder / "The.Matrix.1999.1080p.BluRay.x264-GRP.mkv").write_bytes(b"x")
            movies.append(MovieFactory(tmdb_id=number, path=str(folder), root_folder_path=str(root)))
        with CaptureQueriesContext(connection) as queries:
            refresh_movies_batch(movies)
        savepoints = sum(query["sql"].startswith("SAVEPOINT") for query in queries.captured_queries)
        return len(queries), savepoints

    (few, few_savepoints), (many, many_savepoints) = batch(1, 4), batch(10, 30)

    assert Movie.objects.filter(title="The Matrix").count() == 34
    # the folder scan's after-steps (media info, extras, metadata files) read once for the batch too
    assert many <= few, (few, many)
    assert many_savepoints <= few_savepoints, (few_savepoints, many_savepoints)


LISTS = [
    "/api/v3/calendar?start={start}&end={end}",
    "/calendar",
    "/api/v3/wanted/missing?page=1&pageSize=20",
    "/api/v3/wanted/missing?page={last}&pageSize=20",
    "/wanted/missing",
    "/api/v3/history?page=1&pageSize=20",
    "/api/v3/history?page={history_last}&pageSize=20",
    "/api/v3/queue?page=1&pageSize=20",
    "/api/v3/queue/details",
    "/",
    "/?select=1",
    "/api/v3/movie",
]


def _grow_library(count: int) -> None:
    """`count` more seeded movies, ten history records each and one queue item for every tenth."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from downloads.models import DownloadClient, History, TrackedDownload
    from downloads.queueids import queue_id
    from movies.management.commands.seed_movies import seed_movies

    before = set(Movie.objects.values_list("pk", flat=True))
    seed_movies(count, seed=len(before) + 1)
    new = sorted(set(Movie.objects.values_list("pk", flat=True)) - before)
    rng, now = random.Random(len(before)), timezone.now()
    History.objects.bulk_create(
        History(
            movie_id=pk, event_type=rng.choice((1, 3, 6)), date=now - timedelta(hours=n), source_title=f"R{n}"
        )
        for n, pk in enumerate(new * 10)
    )
    client = DownloadClient.objects.get_or_create(
        name="Scale", defaults={"implementation": "Sabnzbd", "protocol": "usenet", "settings": {}}
    )[0]
    TrackedDownload.objects.bulk_create(
        TrackedDownload(
            client=client, download_id=f"D{pk}", queue_id=queue_id(client.pk, f"D{pk}"), movie_id=pk,
            title=f"Queued.{pk}.2020.1080p.WEB-DL-GRP", protocol="usenet", total_size=10, remaining_size=5,
        )
        for pk in new[::10]
    )  # fmt: skip


def _list_queries(api_client, page_client) -> dict[str, int]:
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    missing = api_client.get("/api/v3/wanted/missing?pageSize=20").json()["totalRecords"]
    history = api_client.get("/api/v3/history?pageSize=20").json()["totalRecords"]
    values = {
        "start": today - timedelta(days=15),
        "end": today + timedelta(days=15),
        "last": max(1, -(-missing // 20)),
        "history_last": max(1, -(-history // 20)),
    }
    counts = {}
    for template in LISTS:
        url = template.format(**values)
        client = api_client if url.startswith("/api/") else page_client
        assert client.get(url).status_code == 200, url  # warm: caches filled, settings rows made
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[template] = len(queries)
    return counts


def test_lists_of_a_large_library_use_the_same_queries_for_ten_times_the_rows(api_client, admin_client):
    from django.utils import timezone

    _grow_library(30)
    # the calendar has something to show from the start (an empty one answers with fewer queries)
    Movie.objects.filter(pk=Movie.objects.order_by("pk")[0].pk).update(in_cinemas=timezone.localdate())
    small = _list_queries(api_client, admin_client)
    _grow_library(270)
    large = _list_queries(api_client, admin_client)

    assert Movie.objects.count() == 300
    assert {url: count for url, count in large.items() if count > small[url]} == {}, (small, large)
