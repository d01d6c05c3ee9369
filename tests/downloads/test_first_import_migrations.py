"""The data migrations that give existing movies their first import: the oldest file on disk (movies
0007), then the oldest import in history when that is older (downloads 0003)."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from downloads.models import History, HistoryEventType
from movies.models import Movie
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db

from_files = importlib.import_module("movies.migrations.0007_movie_first_imported").from_files
from_history = importlib.import_module("downloads.migrations.0003_first_import_from_history").from_history


def _imported(movie: Movie, days_ago: int, event: int = HistoryEventType.DOWNLOAD_FOLDER_IMPORTED) -> None:
    History.objects.create(
        movie=movie, event_type=event, date=timezone.now() - timedelta(days=days_ago), source_title="x"
    )


def test_existing_movies_take_their_oldest_file_then_an_older_import_from_history():
    now = timezone.now()
    upgraded = MovieFactory(title="Upgraded")
    MovieFileFactory(movie=upgraded, date_added=now - timedelta(days=3))
    _imported(upgraded, 90)  # the file an upgrade replaced
    _imported(upgraded, 3)
    _imported(upgraded, 200, HistoryEventType.GRABBED)  # a grab is no import
    plain = MovieFactory(title="Plain")
    MovieFileFactory(movie=plain, date_added=now - timedelta(days=10))
    _imported(plain, 5)  # newer than the file: the file stays the first
    missing = MovieFactory(title="Missing")
    _imported(missing, 50)  # no file any more: no window to count
    Movie.objects.update(first_imported=None)  # as the column arrives

    from_files(apps, None)
    from_history(apps, None)

    first = dict(Movie.objects.values_list("title", "first_imported"))
    assert round((now - first["Upgraded"]) / timedelta(days=1)) == 90
    assert round((now - first["Plain"]) / timedelta(days=1)) == 10
    assert first["Missing"] is None
