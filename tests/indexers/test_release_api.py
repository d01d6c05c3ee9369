"""GET /api/v3/release?movieId= (interactive search over the API) and POST /api/v3/release (grab one)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from downloads.models import History
from indexers.models import Indexer
from tests.indexers.searchsupport import Item, dropped, newznab_indexer, serve_newznab, usenet_blackhole
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_an_interactive_search_lists_every_release_with_its_decision(api_client, fake_server):
    movie = MovieFactory(title="Heat", year=1995)
    MovieFactory(title="Heat", year=1986)
    serve_newznab(
        fake_server, [Item("Heat.1995.1080p.BluRay.x264-GRP"), Item("Heat.1986.720p.HDTV.x264-OLD")]
    )
    indexer = newznab_indexer(fake_server)

    response = api_client.get(f"/api/v3/release?movieId={movie.pk}")

    assert response.status_code == 200
    first, second = response.json()
    assert first["title"] == "Heat.1995.1080p.BluRay.x264-GRP" and first["approved"] is True
    assert first["quality"]["quality"]["name"] == "Bluray-1080p" and first["customFormatScore"] == 0
    assert (first["indexerId"], first["indexer"], first["protocol"]) == (indexer.pk, indexer.name, "usenet")
    assert first["mappedMovieId"] == movie.pk and first["downloadAllowed"] is True
    assert first["size"] == 8 * 1024**3 and 4.9 < first["ageHours"] < 5.1 and first["age"] == 0
    assert second["rejected"] is True and second["rejections"] == [
        "This release is for Heat, not the movie searched for"
    ]


def test_a_release_from_the_search_is_grabbed_by_guid_and_indexer(api_client, fake_server, tmp_path):
    movie = MovieFactory(title="Heat", year=1995)
    serve_newznab(fake_server, [Item("Heat.1995.1080p.BluRay.x264-GRP", guid="g1")])
    indexer = newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    api_client.get(f"/api/v3/release?movieId={movie.pk}")

    response = api_client.post(
        "/api/v3/release", {"guid": "g1", "indexerId": indexer.pk}, content_type="application/json"
    )

    assert response.status_code == 200 and response.json()["guid"] == "g1"
    assert dropped(tmp_path) == ["Heat.1995.1080p.BluRay.x264-GRP.nzb"]
    assert History.objects.get().data["releaseSource"] == "InteractiveSearch"


def test_a_rejected_release_is_grabbed_when_asked_over_the_api(api_client, fake_server, tmp_path):
    searched = MovieFactory(title="Heat", year=1995)
    other = MovieFactory(title="Heat", year=1986)
    serve_newznab(fake_server, [Item("Heat.1986.1080p.BluRay.x264-GRP", guid="g1")])
    indexer = newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    [found] = api_client.get(f"/api/v3/release?movieId={searched.pk}").json()
    assert found["rejected"] is True

    response = api_client.post(
        "/api/v3/release", {"guid": "g1", "indexerId": indexer.pk}, content_type="application/json"
    )

    assert response.status_code == 200
    assert History.objects.get().movie_id == other.pk  # the movie the release really is
    assert len(dropped(tmp_path)) == 1


def test_grabbing_a_release_no_search_found_is_a_404(api_client):
    response = api_client.post(
        "/api/v3/release", {"guid": "never-seen", "indexerId": 1}, content_type="application/json"
    )

    assert response.status_code == 404
    assert "cache" in response.json()["message"]


def test_a_grab_the_client_cannot_take_is_a_409_with_the_reason(api_client, fake_server):
    movie = MovieFactory(title="Heat", year=1995)
    serve_newznab(fake_server, [Item("Heat.1995.1080p.BluRay.x264-GRP", guid="g1")])
    indexer = newznab_indexer(fake_server)
    api_client.get(f"/api/v3/release?movieId={movie.pk}")

    response = api_client.post(
        "/api/v3/release", {"guid": "g1", "indexerId": indexer.pk}, content_type="application/json"
    )

    assert response.status_code == 409
    assert "No download client is available for usenet releases" in response.json()["description"]


def test_an_interactive_search_for_a_missing_movie_is_a_404(api_client):
    assert api_client.get("/api/v3/release?movieId=999").status_code == 404


def test_the_release_list_costs_the_same_queries_for_more_results(api_client, fake_server):
    movie = MovieFactory(title="Heat", year=1995)

    def queries(count: int) -> int:
        Indexer.objects.all().delete()
        prefix = f"/size{count}"
        items = [Item(f"Heat.1995.1080p.BluRay.x264-G{n}", guid=f"{count}-{n}") for n in range(count)]
        serve_newznab(fake_server, items, prefix=prefix)
        newznab_indexer(fake_server, prefix=prefix)
        with CaptureQueriesContext(connection) as captured:
            assert len(api_client.get(f"/api/v3/release?movieId={movie.pk}").json()) == count
        return len(captured)

    queries(1)
    assert queries(2) == queries(20)
