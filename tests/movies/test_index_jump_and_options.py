"""The movie index's jump bar (the page where a letter starts) and its options (table columns marked
for hiding, poster sizes); the options themselves act in a browser (tests/browser/test_movie_index.py)."""

import pytest

from movies.indexquery import PAGE_SIZE
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def _movie(title: str):
    return MovieFactory(title=title, sort_title=title.lower())


def test_the_jump_bar_opens_the_page_where_the_letter_starts(admin_client):
    for number in range(PAGE_SIZE + 5):
        _movie(f"A movie {number:03}")
    _movie("Matrix")

    response = admin_client.get("/?jump=M&view=table")

    assert response.status_code == 302
    assert "page=2" in response["Location"] and "view=table" in response["Location"]
    page = admin_client.get(response["Location"])
    assert "Matrix" in page.content.decode() and "Earlier movies" in page.content.decode()


def test_jumping_keeps_the_filters_and_hash_opens_the_first_page(admin_client):
    _movie("Zodiac")

    hashed = admin_client.get("/?jump=%23&search=zod")
    lettered = admin_client.get("/?jump=Z&search=zod")

    assert "page=" not in hashed["Location"] and "search=zod" in hashed["Location"]
    assert "page=" not in lettered["Location"]  # the only match is on the first page


def test_the_index_offers_the_jump_bar_and_column_options(admin_client):
    _movie("Heat")

    body = admin_client.get("/?view=table").content.decode()

    assert 'aria-label="Jump to titles starting with"' in body and "jump=Q" in body
    assert '<td data-col="rating">' in body and '<th scope="col" data-col="year">' in body
    assert 'name="column" value="size"' in body and 'name="poster-size" value="large"' in body
