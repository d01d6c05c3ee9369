"""POST /api/v3/release/push as autobrr sends it: decided as RSS, grabbed when approved, always an array."""

import pytest

from downloads.models import History
from indexers.models import Indexer
from tests.indexers.factories import IndexerFactory
from tests.indexers.searchsupport import NZB, dropped, usenet_blackhole
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def _push(api_client, **overrides: object):
    body = {
        "title": "Arrival.2016.1080p.BluRay.x264-GRP",
        "downloadUrl": "http://127.0.0.1:9/nothing.nzb",
        "size": 8 * 1024**3,
        "indexer": "MyIndexer",
        "downloadProtocol": "usenet",
        "protocol": "usenet",
        "publishDate": "2025-06-01T12:00:00+02:00",
        "indexerFlags": 0,
    } | overrides
    return api_client.post("/api/v3/release/push", body, content_type="application/json")


def test_an_approved_push_is_grabbed_and_answered_with_one_decision(api_client, fake_server, tmp_path):
    movie = MovieFactory(title="Arrival", year=2016)
    fake_server.add("/get/1.nzb", body=NZB.decode(), content_type="application/x-nzb")
    usenet_blackhole(tmp_path)

    response = _push(api_client, downloadUrl=f"{fake_server.url}/get/1.nzb")

    assert response.status_code == 200
    [decision] = response.json()
    assert decision["approved"] is True and decision["rejected"] is False and decision["rejections"] == []
    assert decision["guid"] == f"PUSH-{fake_server.url}/get/1.nzb"
    assert decision["mappedMovieId"] == movie.pk and decision["quality"]["quality"]["name"] == "Bluray-1080p"
    assert dropped(tmp_path) == ["Arrival.2016.1080p.BluRay.x264-GRP.nzb"]
    assert History.objects.get().data["guid"] == decision["guid"]


def test_a_push_for_an_unknown_movie_is_a_rejection_in_a_200(api_client):
    response = _push(api_client, title="Nobody.Has.This.2016.1080p.BluRay.x264-GRP")

    assert response.status_code == 200
    [decision] = response.json()
    assert decision["rejected"] is True and decision["approved"] is False
    assert decision["rejections"] == ["No movie in the library matches this title"]


def test_an_unparseable_title_is_a_400_with_the_validation_array(api_client):
    response = _push(api_client, title="just some words")

    assert response.status_code == 400
    [failure] = response.json()
    assert failure["propertyName"] == "Title" and failure["errorMessage"] == "Unable to parse"
    assert failure["attemptedValue"] == "just some words" and failure["severity"] == "error"


def test_a_push_without_links_protocol_or_date_is_refused_field_by_field(api_client):
    response = api_client.post(
        "/api/v3/release/push", {"title": "X.2016.1080p-G"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert {failure["propertyName"] for failure in response.json()} == {
        "DownloadUrl",
        "Protocol",
        "PublishDate",
    }


def test_the_push_names_its_indexer_by_name_case_insensitively(api_client):
    indexer: Indexer = IndexerFactory(name="MyIndexer", priority=3)
    MovieFactory(title="Arrival", year=2016)

    response = _push(api_client, indexer="myindexer")

    [decision] = response.json()
    assert decision["indexerId"] == indexer.pk and decision["indexer"] == "MyIndexer"


def test_a_grab_that_fails_still_answers_the_approved_decision(api_client):
    MovieFactory(title="Arrival", year=2016)

    response = _push(api_client)  # no download client configured

    assert response.status_code == 200
    assert response.json()[0]["approved"] is True
    assert not History.objects.exists()


def test_a_magnet_push_is_accepted_without_a_download_url(api_client):
    MovieFactory(title="Arrival", year=2016)

    response = _push(
        api_client, downloadUrl=None, magnetUrl="magnet:?xt=urn:btih:" + "a" * 40, protocol="torrent"
    )

    assert response.status_code == 200
    assert response.json()[0]["guid"] == "PUSH-magnet:?xt=urn:btih:" + "a" * 40


def test_a_push_without_a_year_is_decided_for_the_one_movie_with_its_title(api_client, fake_server, tmp_path):
    movie = MovieFactory(title="Arrival", year=2016)
    fake_server.add("/get/1.nzb", body=NZB.decode(), content_type="application/x-nzb")
    usenet_blackhole(tmp_path)

    response = _push(
        api_client, title="Arrival.1080p.BluRay.x264-GRP", downloadUrl=f"{fake_server.url}/get/1.nzb"
    )

    assert response.status_code == 200
    [decision] = response.json()
    assert decision["approved"] is True and decision["mappedMovieId"] == movie.pk
    assert dropped(tmp_path) == ["Arrival.1080p.BluRay.x264-GRP.nzb"]


def test_a_push_without_a_year_fitting_no_single_movie_is_unparseable(api_client):
    MovieFactory(title="Twice", year=2011, path="/movies/Twice (2011)")
    MovieFactory(title="Twice", year=1990, path="/movies/Twice (1990)")

    for title in ("Twice.1080p.BluRay.x264-GRP", "Nobody.Has.This.1080p.BluRay.x264-GRP"):
        response = _push(api_client, title=title)
        assert response.status_code == 400, title
        assert response.json()[0]["errorMessage"] == "Unable to parse"
