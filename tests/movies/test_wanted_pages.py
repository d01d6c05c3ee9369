"""Wanted pages: Missing and Cutoff Unmet lists, search selected and search all."""

import pytest

from radarr.models import Command
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def test_the_missing_page_lists_missing_movies(admin_client):
    MovieFactory(title="Gap Film")
    MovieFileFactory(movie=MovieFactory(title="Owned Film", has_file=True))

    html = admin_client.get("/wanted/missing").content.decode()

    assert "Gap Film" in html and "Owned Film" not in html


def test_wanted_opens_on_missing(admin_client):
    MovieFactory(title="Gap Film")
    assert "Gap Film" in admin_client.get("/wanted").content.decode()


def test_search_selected_queues_a_movie_search_of_the_ticked_movies(admin_client):
    movie = MovieFactory()

    admin_client.post("/wanted/missing/search", {"movie": [str(movie.pk)]})

    command = Command.objects.get()
    assert command.name == "MoviesSearch" and command.body["movieIds"] == [movie.pk]


def test_search_all_queues_the_lists_own_search(admin_client):
    admin_client.post("/wanted/cutoff/search", {"all": "1"})

    assert Command.objects.get().name == "CutoffUnmetMoviesSearch"
