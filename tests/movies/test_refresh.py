"""Refreshing movies from a fake TMDB: metadata applied, collection linked, deleted flagged, runs go on."""

import logging
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from movies import tmdb
from movies.models import AlternativeTitle, Collection, MetadataConfig, Movie
from movies.refresh import apply_metadata, movies_due_for_refresh, refresh_movie
from movies.tasks import refresh_movies
from movies.tmdb import TmdbUnavailable, fetch_movie
from releases.models import QualityProfile

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "tmdb"


@pytest.fixture(autouse=True)
def clean_state(data_dir):
    cache.clear()
    yield
    cache.clear()
    shutil.rmtree(data_dir / "MediaCover", ignore_errors=True)


@pytest.fixture
def fake_tmdb(fake_tmdb, monkeypatch):
    """The movies' fake TMDB with The Matrix's collection; retries wait milliseconds, not seconds."""
    monkeypatch.setattr(tmdb, "BACKOFF_SECONDS", 0.01)
    fake_tmdb.add("/3/collection/2344", file=FIXTURES / "collection-2344.json")
    return fake_tmdb


def make_movie(tmdb_id: int = 603, title: str = "Matrix (old title)", **fields) -> Movie:
    profile = QualityProfile.objects.first() or QualityProfile.objects.create(name="Any", cutoff=1)
    defaults = {
        "sort_title": title.lower(),
        "clean_title": title.lower(),
        "quality_profile": profile,
        "root_folder_path": "/nonexistent-root",
        "path": f"/nonexistent-root/{title} {tmdb_id}",
        "status": "announced",
    }
    return Movie.objects.create(tmdb_id=tmdb_id, title=title, **{**defaults, **fields})


def test_refresh_applies_tmdbs_metadata_to_the_movie(fake_tmdb):
    movie = make_movie(monitored=False, minimum_availability="inCinemas")

    refresh_movie(movie)

    movie.refresh_from_db()
    assert (movie.title, movie.sort_title, movie.clean_title) == ("The Matrix", "matrix", "matrix")
    assert (movie.year, movie.runtime, movie.status, movie.certification) == (1999, 136, "released", "R")
    assert str(movie.in_cinemas) == "1999-03-31" and str(movie.physical_release) == "1999-09-21"
    assert movie.imdb_id == "tt0133093"
    assert movie.youtube_trailer_id == "vKQi3bBA1y8"
    assert movie.images[0]["coverType"] == "poster"
    assert movie.last_info_sync is not None
    assert (movie.monitored, movie.minimum_availability) == (False, "inCinemas")  # the user's, untouched


def test_refresh_takes_the_certification_of_the_country_in_settings_metadata(fake_tmdb):
    MetadataConfig.objects.create(pk=1, certification_country="de")
    movie = make_movie()

    refresh_movie(movie)

    movie.refresh_from_db()
    assert movie.certification == "16"


def test_refresh_replaces_tmdbs_alternative_titles_and_keeps_the_users(fake_tmdb):
    movie = make_movie()
    AlternativeTitle.objects.create(movie=movie, title="Old TMDB title", clean_title="oldtmdbtitle")
    AlternativeTitle.objects.create(movie=movie, title="Matrice", clean_title="matrice", source_type="user")

    refresh_movie(movie)

    # "Matrix" cleans to the title's own clean title: as Radarr, it is not kept as an alternative
    titles = set(movie.alternative_titles.values_list("title", "source_type"))
    assert titles == {("Matrice", "user"), ("The Matrix 1", "tmdb")}


def test_refresh_links_the_collection_with_its_parts(fake_tmdb):
    movie = make_movie()

    refresh_movie(movie)

    collection = Collection.objects.get(tmdb_id=2344)
    assert movie.collection == collection
    assert collection.title == "The Matrix Collection" and collection.sort_title == "matrix collection"
    assert [part["tmdbId"] for part in collection.parts] == [603, 604, 605, 624860]
    assert collection.parts[1]["title"] == "The Matrix Reloaded"
    assert collection.last_info_sync is not None


def test_a_collections_details_are_fetched_at_most_daily(fake_tmdb):
    movie = make_movie()
    refresh_movie(movie)
    cache.clear()  # so only our own rule can spare the request

    refresh_movie(movie)

    collection_requests = [r for r in fake_tmdb.requests if r.path == "/3/collection/2344"]
    assert len(collection_requests) == 1


def test_a_movie_gone_from_tmdb_is_flagged_deleted_and_kept(fake_tmdb, caplog):
    movie = make_movie(tmdb_id=999999, title="Gone")

    outcome = refresh_movie(movie)

    movie.refresh_from_db()
    assert movie.status == "deleted"
    assert Movie.objects.filter(pk=movie.pk).exists()
    assert "removed from TMDB" in outcome
    assert any(
        record.levelname == "WARNING" and "removed from TMDB" in record.message for record in caplog.records
    )


def test_tmdb_unreachable_leaves_the_movie_untouched(settings):
    settings.RADARR_TMDB_URL = "http://127.0.0.1:9/3"
    settings.RADARR_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"
    movie = make_movie()

    with pytest.raises(TmdbUnavailable):
        refresh_movie(movie)

    movie.refresh_from_db()
    assert (movie.title, movie.last_info_sync) == ("Matrix (old title)", None)


def test_refresh_rescans_the_movies_folder(fake_tmdb, tmp_path):
    root = tmp_path / "movies"
    folder = root / "The Matrix (1999)"
    folder.mkdir(parents=True)
    (folder / "The.Matrix.1999.1080p.BluRay.x264-GROUP.mkv").write_bytes(b"\0" * 2048)
    movie = make_movie(root_folder_path=str(root), path=str(folder))

    outcome = refresh_movie(movie)

    assert outcome.startswith("Updated info for The Matrix (1999)")
    assert "; " in outcome  # followed by the scan's own outcome
    movie.refresh_from_db()
    assert movie.has_file


def test_the_outcome_is_written_to_the_log(fake_tmdb, caplog):
    caplog.set_level(logging.INFO, logger="movies")

    refresh_movie(make_movie())

    assert any("Updated info for The Matrix (1999)" in record.message for record in caplog.records)


def test_a_run_goes_on_past_one_movies_failure(fake_tmdb, caplog):
    fake_tmdb.add("/3/movie/604", body="{}")  # an answer without an id: this movie fails
    broken = make_movie(tmdb_id=604, title="Broken")
    matrix = make_movie()

    summary = refresh_movies([broken.pk, matrix.pk])

    assert summary == "Refreshed 1 of 2 movies, 1 failed (see the log)"
    matrix.refresh_from_db()
    assert matrix.title == "The Matrix"
    assert any("Refreshing 2 of 2" in record.message for record in caplog.records)


def test_a_run_stops_when_tmdb_itself_fails(fake_tmdb, monkeypatch):
    monkeypatch.setattr("movies.tasks.REFRESH_BATCH", 1)  # a batch asks TMDB in parallel: one per batch here
    fake_tmdb.add("/3/movie/604", body="{}", status=503)
    first = make_movie(tmdb_id=604, title="A first")
    second = make_movie(tmdb_id=603, title="B second")

    summary = refresh_movies([first.pk, second.pk])

    assert summary.startswith("Stopped after 0 of 2 movies: TMDB answered HTTP 503")
    assert [r.path for r in fake_tmdb.requests] == ["/3/movie/604"] * 3  # the second was never asked


def test_the_scheduled_selection_follows_the_policy():
    now = timezone.now()
    today = timezone.localdate()
    old_sync, recent_sync, fresh_sync = (
        now - timedelta(days=8),
        now - timedelta(days=2),
        now - timedelta(hours=1),
    )
    never = make_movie(1, "never synced", status="released")
    upcoming = make_movie(2, "upcoming", status="announced", last_info_sync=recent_sync)
    just_out = make_movie(
        3,
        "just out",
        status="released",
        digital_release=today - timedelta(days=5),
        last_info_sync=recent_sync,
    )
    old_and_stale = make_movie(4, "old stale", status="released", last_info_sync=old_sync)
    make_movie(5, "old recent", status="released", last_info_sync=recent_sync)
    make_movie(6, "upcoming fresh", status="announced", last_info_sync=fresh_sync)

    due = set(movies_due_for_refresh().values_list("pk", flat=True))

    assert due == {never.pk, upcoming.pk, just_out.pk, old_and_stale.pk}


def test_apply_metadata_keeps_the_version_of_an_unchanged_cover(fake_tmdb):
    movie = make_movie()
    metadata = fetch_movie(603)
    poster_url = metadata.images[0]["remoteUrl"]
    movie.images = [{"coverType": "poster", "remoteUrl": poster_url, "lastWrite": 123}]

    apply_metadata(movie, metadata)

    assert movie.images[0] == {"coverType": "poster", "remoteUrl": poster_url, "lastWrite": 123}
    assert "lastWrite" not in movie.images[1]


def test_a_users_edit_made_during_a_refresh_is_kept(fake_tmdb):
    movie = make_movie(monitored=True)
    Movie.objects.filter(pk=movie.pk).update(monitored=False, minimum_availability="announced")

    refresh_movie(movie)  # `movie` still holds the values from before the edit

    movie.refresh_from_db()
    assert (movie.title, movie.monitored, movie.minimum_availability) == ("The Matrix", False, "announced")
