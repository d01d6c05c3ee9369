"""RSS sync: every RSS indexer's feed decided against the library in one pass, the best grabbed per movie."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from downloads import tasks
from downloads.models import History, HistoryEventType, PendingRelease
from downloads.rsssync import rss_sync
from indexers.models import IndexerConfig
from releases.models import DelayProfile
from tests.indexers.searchsupport import Item, dropped, newznab_indexer, serve_newznab, usenet_blackhole
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_the_best_accepted_release_of_each_movie_is_grabbed_once(fake_server, tmp_path):
    arrival = MovieFactory(title="Arrival", year=2016)
    heat = MovieFactory(title="Heat", year=1995)
    serve_newznab(
        fake_server,
        [
            Item("Arrival.2016.720p.BluRay.x264-GRP"),
            Item("Arrival.2016.1080p.BluRay.x264-GRP"),
            Item("Heat.1995.1080p.BluRay.x264-GRP"),
            Item("Not.In.The.Library.2020.1080p.BluRay.x264-GRP"),
        ],
    )
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)

    result = rss_sync()

    assert result.releases == 4 and result.matched == 3
    assert dropped(tmp_path) == [
        "Arrival.2016.1080p.BluRay.x264-GRP.nzb",
        "Heat.1995.1080p.BluRay.x264-GRP.nzb",
    ]
    grabs = History.objects.filter(event_type=HistoryEventType.GRABBED)
    assert sorted(grabs.values_list("movie_id", flat=True)) == sorted([arrival.pk, heat.pk])


def test_a_second_sync_does_not_grab_the_same_release_again(fake_server, tmp_path):
    MovieFactory(title="Arrival", year=2016)
    serve_newznab(fake_server, [Item("Arrival.2016.1080p.BluRay.x264-GRP")])
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    rss_sync()

    second = rss_sync()

    assert second.processed.grabbed == []
    assert History.objects.filter(event_type=HistoryEventType.GRABBED).count() == 1


def test_a_failing_indexer_is_backed_off_and_the_others_still_sync(fake_server, tmp_path):
    MovieFactory(title="Arrival", year=2016)
    serve_newznab(fake_server, [Item("Arrival.2016.1080p.BluRay.x264-GRP")], prefix="/good")
    fake_server.add("/bad/api", body="boom", status=500)
    broken = newznab_indexer(fake_server, prefix="/bad")
    newznab_indexer(fake_server, prefix="/good")
    usenet_blackhole(tmp_path)

    result = rss_sync()

    assert len(result.processed.grabbed) == 1
    broken.refresh_from_db()
    assert broken.is_backed_off() and "HTTP 500" in broken.last_error


def test_a_release_held_by_the_delay_profile_is_kept_as_pending(fake_server, tmp_path):
    movie = MovieFactory(title="Arrival", year=2016)
    DelayProfile.objects.update(usenet_delay=120)
    serve_newznab(fake_server, [Item("Arrival.2016.1080p.BluRay.x264-GRP", age=timedelta(minutes=10))])
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)

    result = rss_sync()

    assert result.processed.grabbed == [] and result.processed.pending == 1
    pending = PendingRelease.objects.get()
    assert pending.movie_id == movie.pk and pending.title == "Arrival.2016.1080p.BluRay.x264-GRP"
    assert dropped(tmp_path) == []


def test_a_pending_release_is_grabbed_by_the_sync_after_its_delay(fake_server, tmp_path):
    MovieFactory(title="Arrival", year=2016)
    DelayProfile.objects.update(usenet_delay=120)
    serve_newznab(fake_server, [Item("Arrival.2016.1080p.BluRay.x264-GRP", age=timedelta(minutes=10))])
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    rss_sync()
    DelayProfile.objects.update(usenet_delay=5)  # the user shortens the delay: the kept release is due

    result = rss_sync()

    assert [d.release.title for d in result.processed.grabbed] == ["Arrival.2016.1080p.BluRay.x264-GRP"]
    assert not PendingRelease.objects.exists()


def test_without_a_download_client_nothing_is_grabbed_and_the_sync_says_why(fake_server):
    MovieFactory(title="Arrival", year=2016)
    serve_newznab(fake_server, [Item("Arrival.2016.1080p.BluRay.x264-GRP")])
    newznab_indexer(fake_server)

    result = rss_sync()

    assert result.processed.grabbed == []
    assert "No download client is available for usenet releases" in result.processed.failures[0][1]


def test_the_rss_sync_task_is_off_with_an_interval_of_zero():
    IndexerConfig.objects.update_or_create(pk=1, defaults={"rss_sync_interval": 0})

    assert tasks.rss_sync() == "RSS sync is turned off"


def test_the_sync_costs_the_same_queries_for_more_releases_and_movies(fake_server):
    def sync_queries(count: int, prefix: str) -> int:
        movies = [MovieFactory(title=f"{prefix} Film {n}", year=2011, monitored=False) for n in range(count)]
        items = [
            Item(f"{prefix}.Film.{n}.2011.1080p.BluRay.x264-GRP", guid=f"{prefix}{n}") for n in range(count)
        ]
        serve_newznab(fake_server, items, prefix=f"/{prefix}")
        indexer = newznab_indexer(fake_server, prefix=f"/{prefix}")
        with CaptureQueriesContext(connection) as captured:
            result = rss_sync()
        indexer.delete()
        assert result.matched == len(movies)
        return len(captured)

    sync_queries(1, "Warm")  # the first sync creates the options rows
    assert sync_queries(3, "Small") == sync_queries(30, "Large")


def test_a_name_without_a_year_is_grabbed_for_the_one_movie_it_names_and_says_why(fake_server, tmp_path):
    from downloads.rsssync import recent_decisions

    movie = MovieFactory(title="Quiet Orchard", year=2019)
    serve_newznab(
        fake_server, [Item("Quiet.Orchard.1080p.BluRay.x264-NOVA"), Item("Twice.1080p.BluRay-NOVA")]
    )
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)

    _, matched, decisions, _ = recent_decisions()

    assert [(release.title, movie_id) for release, _, movie_id in matched if movie_id] == [
        ("Quiet.Orchard.1080p.BluRay.x264-NOVA", movie.pk)
    ]
    [decision] = decisions
    assert decision.approved
    assert any("without a year" in line for line in decision.explain())
    result = rss_sync()
    assert dropped(tmp_path) == ["Quiet.Orchard.1080p.BluRay.x264-NOVA.nzb"] and result.matched == 1
