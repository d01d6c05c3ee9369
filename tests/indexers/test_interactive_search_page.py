"""The movie page's interactive search: a table of every release and its decision, a grab per row."""

import pytest

from tests.indexers.searchsupport import Item, dropped, newznab_indexer, serve_newznab, usenet_blackhole
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_the_movie_page_offers_automatic_and_interactive_search(admin_client):
    movie = MovieFactory(title="Heat", year=1995)

    body = admin_client.get(f"/movie/{movie.tmdb_id}").content.decode()

    assert f'hx-get="/settings/indexers/search/movie/{movie.pk}"' in body
    assert f'action="/movie/{movie.tmdb_id}/search"' in body


def test_the_fragment_lists_each_release_with_its_rejections(admin_client, fake_server):
    movie = MovieFactory(title="Heat", year=1995)
    MovieFactory(title="Heat", year=1986)
    serve_newznab(
        fake_server, [Item("Heat.1995.1080p.BluRay.x264-GRP"), Item("Heat.1986.720p.HDTV.x264-OLD")]
    )
    newznab_indexer(fake_server, name="Local NZB")

    response = admin_client.get(f"/settings/indexers/search/movie/{movie.pk}", headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "<html" not in body
    assert "Heat.1995.1080p.BluRay.x264-GRP" in body and "Bluray-1080p" in body and "Local NZB" in body
    assert "This release is for Heat, not the movie searched for" in body
    assert 'hx-confirm="This release was rejected' in body  # grabbing a rejected one asks first


def test_grabbing_an_accepted_release_sends_it_to_the_client(admin_client, fake_server, tmp_path):
    movie = MovieFactory(title="Heat", year=1995)
    serve_newznab(fake_server, [Item("Heat.1995.1080p.BluRay.x264-GRP", guid="g1")])
    indexer = newznab_indexer(fake_server)
    usenet_blackhole(tmp_path, name="My Blackhole")
    admin_client.get(f"/settings/indexers/search/movie/{movie.pk}", headers={"HX-Request": "true"})

    response = admin_client.post(
        f"/settings/indexers/search/movie/{movie.pk}/grab",
        {"guid": "g1", "indexer_id": indexer.pk},
        headers={"HX-Request": "true"},
    )

    assert "Sent to My Blackhole" in response.content.decode()
    assert dropped(tmp_path) == ["Heat.1995.1080p.BluRay.x264-GRP.nzb"]


def test_a_rejected_release_is_not_grabbed_without_confirmation(admin_client, fake_server, tmp_path):
    movie = MovieFactory(title="Heat", year=1995)
    MovieFactory(title="Heat", year=1986)
    serve_newznab(fake_server, [Item("Heat.1986.720p.HDTV.x264-OLD", guid="old")])
    indexer = newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    admin_client.get(f"/settings/indexers/search/movie/{movie.pk}")
    grab_url = f"/settings/indexers/search/movie/{movie.pk}/grab"

    asked = admin_client.post(grab_url, {"guid": "old", "indexer_id": indexer.pk})
    assert "Grab anyway" in asked.content.decode() and dropped(tmp_path) == []

    admin_client.post(grab_url, {"guid": "old", "indexer_id": indexer.pk, "confirmed": "1"})
    assert dropped(tmp_path) == ["Heat.1986.720p.HDTV.x264-OLD.nzb"]


def test_an_expired_result_says_to_search_again(admin_client):
    movie = MovieFactory(title="Heat", year=1995)

    response = admin_client.post(
        f"/settings/indexers/search/movie/{movie.pk}/grab", {"guid": "x", "indexer_id": 1}
    )

    assert response.status_code == 410 and "search again" in response.content.decode()
