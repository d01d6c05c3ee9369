"""Backlog search: off by default, a few wanted movies per run, oldest-searched first, with back-off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from downloads import tasks
from downloads.backlog import backlog_search, retry_delay, wanted_movies
from indexers.models import BacklogSettings, BacklogState
from tests.indexers.searchsupport import Item, newznab_indexer, serve_newznab, usenet_blackhole
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def _turn_on(**fields: object) -> BacklogSettings:
    BacklogSettings.objects.update_or_create(pk=1, defaults={"enabled": True, **fields})
    return BacklogSettings.load()


def test_the_backlog_search_is_off_by_default():
    assert tasks.backlog_search() == "Backlog search is turned off"


def test_wanted_movies_are_monitored_missing_available_ones_oldest_searched_first():
    now = timezone.now()
    settings = _turn_on(movies_per_run=3, include_cutoff_unmet=False)
    recent = MovieFactory(title="Recent", last_search_time=now - timedelta(days=1))
    old = MovieFactory(title="Old", last_search_time=now - timedelta(days=30))
    never = MovieFactory(title="Never")
    MovieFactory(title="Unmonitored", monitored=False)
    MovieFactory(
        title="Unreleased", status="announced", in_cinemas=None, digital_release=None, physical_release=None
    )
    MovieFileFactory(movie=MovieFactory(title="Has a file"))

    assert [movie.title for movie in wanted_movies(settings, now)] == [never.title, old.title, recent.title]


def test_a_run_searches_at_most_the_configured_number_of_movies(fake_server):
    _turn_on(movies_per_run=2)
    MovieFactory.create_batch(5)
    newznab_indexer(fake_server)
    serve_newznab(fake_server, [])

    assert backlog_search().summary.searched == 2


def test_a_fruitless_search_backs_the_movie_off_and_doubles_each_time(fake_server):
    settings = _turn_on(retry_days=3, max_retry_days=10)
    movie = MovieFactory(title="Nowhere")
    newznab_indexer(fake_server)
    serve_newznab(fake_server, [])
    now = timezone.now()

    backlog_search(now)

    state = BacklogState.objects.get(movie=movie)
    assert state.fruitless_searches == 1 and state.next_search == now + timedelta(days=3)
    assert wanted_movies(settings, now) == []
    assert [retry_delay(settings, n).days for n in (1, 2, 3, 4)] == [3, 6, 10, 10]


def test_a_grab_clears_the_back_off(fake_server, tmp_path):
    _turn_on()
    movie = MovieFactory(title="Arrival", year=2016)
    BacklogState.objects.create(
        movie=movie, fruitless_searches=2, next_search=timezone.now() - timedelta(hours=1)
    )
    serve_newznab(fake_server, [Item("Arrival.2016.1080p.BluRay.x264-GRP")])
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)

    run = backlog_search()

    assert run.summary.grabbed == 1 and not BacklogState.objects.exists()


def test_runs_are_spaced_by_the_interval(fake_server):
    _turn_on(interval_minutes=60)
    newznab_indexer(fake_server)
    serve_newznab(fake_server, [])
    now = timezone.now()
    backlog_search(now)

    assert backlog_search(now + timedelta(minutes=30)).ran is False
    assert backlog_search(now + timedelta(minutes=61)).ran is True


def test_the_settings_page_turns_the_backlog_search_on(admin_client):
    response = admin_client.post(
        "/settings/indexers/backlog",
        {
            "enabled": "on",
            "interval_minutes": 120,
            "movies_per_run": 4,
            "retry_days": 7,
            "max_retry_days": 60,
        },
    )

    assert response.status_code == 302
    settings = BacklogSettings.load()
    assert settings.enabled and settings.movies_per_run == 4 and not settings.include_cutoff_unmet
