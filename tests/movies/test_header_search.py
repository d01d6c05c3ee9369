"""The header's movie search: on every page once signed in, library matches as you type (titles starting
with the words first), and TMDB offered for anything else."""

import pytest

from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_every_page_has_the_header_search(admin_client):
    for url in ("/", "/calendar", "/settings/general"):
        body = admin_client.get(url).content.decode()
        assert 'id="header-search-input"' in body and 'aria-keyshortcuts="s /"' in body


def test_matches_start_with_titles_beginning_with_the_words(admin_client):
    MovieFactory(title="The Heat", sort_title="heat the", year=2013)
    MovieFactory(title="Heat", sort_title="heat", year=1995)
    MovieFactory(title="Alien", sort_title="alien")

    body = admin_client.get(
        "/movies/search", {"search": "heat"}, headers={"HX-Request": "true"}
    ).content.decode()

    assert body.index(">Heat <") < body.index(">The Heat <") and "Alien" not in body
    assert "/add?term=heat" in body


def test_nothing_in_the_library_still_offers_tmdb(admin_client):
    body = admin_client.get("/movies/search", {"search": "zzz"}).content.decode()

    assert "No movie in your library matches" in body and "/add?term=zzz" in body


def test_no_template_comment_leaks_into_the_page(admin_client):
    body = admin_client.get("/settings/general").content.decode()

    assert "{#" not in body and "#}" not in body
