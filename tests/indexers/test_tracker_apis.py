"""FileList and PassThePopcorn: their JSON APIs served by a loopback fake (our own small fixtures, and
Radarr's captured answers from the shared fixtures when present), credentials, flags and the test button."""

import base64
import json

import pytest

from indexers.fetching import fetch_from
from indexers.implementations.base import MovieSearchCriteria
from indexers.models import Indexer
from releases.releaseinfo import IndexerFlag
from tests.indexers.conftest import FIXTURES
from tests.indexers.factories import IndexerFactory
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db

CRITERIA = MovieSearchCriteria(imdb_id="tt0133093", tmdb_id=603, titles=["The Quiet Orchard"], year=2019)
TITLE_ONLY = MovieSearchCriteria(titles=["The Quiet Orchard"], year=2019)
LOGIN_PAGE = "<html><body><form action='login.php'>Login</form></body></html>"


def _filelist(fake_server, **settings) -> Indexer:
    values = {"baseUrl": fake_server.url, "username": "orchard", "passkey": "PK123", "categories": [4, 6]}
    return IndexerFactory(implementation="FileList", settings=values | settings)


def _ptp(fake_server) -> Indexer:
    settings = {"baseUrl": fake_server.url, "aPIUser": "apiuser", "aPIKey": "apikey"}
    return IndexerFactory(implementation="PassThePopcorn", settings=settings)


def _schema_payload(api_client, implementation: str, values: dict) -> dict:
    template = next(
        item
        for item in api_client.get("/api/v3/indexer/schema").json()
        if item["implementation"] == implementation
    )
    fields = [{"name": f["name"], "value": values.get(f["name"], f.get("value"))} for f in template["fields"]]
    return template | {"name": implementation, "fields": fields, "enableRss": True}


# ---- FileList


def test_filelist_recent_feed_sends_basic_auth_and_the_categories(fake_server):
    fake_server.add("/api.php", file=FIXTURES / "filelist.json", content_type="application/json")
    indexer = _filelist(fake_server)

    releases = fetch_from(indexer, lambda provider: provider.fetch_recent())

    request = fake_server.requests[0]
    assert request.query == {"action": ["latest-torrents"], "category": ["4,6"]}
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"orchard:PK123").decode()
    first, second = releases
    assert first.guid == "FileList-912001"
    assert first.title == "The.Quiet.Orchard.2019.1080p.BluRay.x264-ORCHARD"
    assert first.download_url == f"{fake_server.url}/download.php?id=912001&passkey=PK123"
    assert first.info_url == f"{fake_server.url}/details.php?id=912001"
    assert (first.size, first.seeders, first.leechers, first.imdb_id) == (9126805504, 41, 3, "tt0133093")
    assert first.publish_date.isoformat() == "2024-03-02T18:04:11+00:00"
    assert first.indexer_flags == IndexerFlag.G_FREELEECH
    assert second.indexer_flags == IndexerFlag.G_INTERNAL


def test_filelist_searches_by_imdb_id_and_falls_back_to_title_and_year(fake_server):
    fake_server.add("/api.php", file=FIXTURES / "filelist.json", content_type="application/json")
    indexer = _filelist(fake_server)

    by_id = fetch_from(indexer, lambda provider: provider.search(CRITERIA))
    by_title = fetch_from(indexer, lambda provider: provider.search(TITLE_ONLY))

    first, second = fake_server.requests
    assert first.query == {
        "action": ["search-torrents"],
        "category": ["4,6"],
        "type": ["imdb"],
        "query": ["tt0133093"],
    }
    assert second.query["type"] == ["name"] and second.query["query"] == ["The Quiet Orchard 2019"]
    assert len(by_id) == len(by_title) == 2


@pytest.mark.parametrize("status", [401, 403])
def test_filelist_refused_credentials_are_said_in_plain_words_and_disable_it(fake_server, status):
    fake_server.add("/api.php", body='{"error": "Invalid credentials"}', status=status)
    indexer = _filelist(fake_server)

    failures = indexer.provider().test()
    fetch_from(indexer, lambda provider: provider.fetch_recent())

    assert failures and "refused the username or passkey" in failures[0].message
    assert f"HTTP {status}" in failures[0].message
    indexer.refresh_from_db()
    assert indexer.escalation_level == 1 and "refused the username or passkey" in indexer.last_error
    assert "PK123" not in indexer.last_error


def test_filelist_without_categories_or_passkey_fails_the_test_before_asking(fake_server):
    indexer = _filelist(fake_server, categories=[], passkey="")

    failures = indexer.provider().test()

    assert {failure.property_name for failure in failures} == {"passkey", "categories"}
    assert fake_server.requests == []


def test_filelist_answering_a_web_page_says_so(fake_server):
    fake_server.add("/api.php", body=LOGIN_PAGE, content_type="text/html")

    failures = _filelist(fake_server).provider().test()

    assert failures and "not JSON" in failures[0].message


def test_filelist_test_button_through_the_api(api_client, fake_server):
    fake_server.add("/api.php", file=FIXTURES / "filelist.json", content_type="application/json")
    values = {"baseUrl": fake_server.url, "username": "orchard", "passkey": "PK"}
    good = api_client.post(
        "/api/v3/indexer/test",
        _schema_payload(api_client, "FileList", values),
        content_type="application/json",
    )
    fake_server.add("/refusing/api.php", body="{}", status=403)
    refusing = values | {"baseUrl": f"{fake_server.url}/refusing"}
    bad = api_client.post(
        "/api/v3/indexer/test",
        _schema_payload(api_client, "FileList", refusing),
        content_type="application/json",
    )

    assert good.status_code == 200
    assert bad.status_code == 400
    assert "refused the username or passkey" in json.dumps(bad.json())
    # Radarr's defaults: Movies SD, HD, HD-RO and 4K
    assert fake_server.requests[0].query["category"] == ["1,4,19,6"]


@requires_shared
def test_filelist_reads_radarrs_captured_feed(fake_server):
    fake_server.add(
        "/api.php",
        file=SHARED_FIXTURES / "indexers/FileList/RecentFeed.json",
        content_type="application/json",
    )

    releases = fetch_from(_filelist(fake_server), lambda provider: provider.fetch_recent())

    assert len(releases) == 4
    first = releases[0]
    assert (first.guid, first.title) == ("FileList-665873", "Storming.Juno.2010.1080p.BluRay.x264-GUACAMOLE")
    assert (first.size, first.seeders, first.leechers, first.imdb_id) == (8300512414, 12, 2, "tt1776305")
    assert first.publish_date.isoformat() == "2020-01-25T22:20:19+00:00"
    assert releases[2].indexer_flags & IndexerFlag.G_FREELEECH
    assert not first.indexer_flags


# ---- PassThePopcorn


def test_ptp_recent_feed_sends_its_api_headers_and_maps_the_flags(fake_server):
    fake_server.add("/torrents.php", file=FIXTURES / "ptp.json", content_type="application/json")

    releases = fetch_from(_ptp(fake_server), lambda provider: provider.fetch_recent())

    request = fake_server.requests[0]
    assert (request.headers["ApiUser"], request.headers["ApiKey"]) == ("apiuser", "apikey")
    assert request.query["action"] == ["advanced"] and request.query["json"] == ["noredirect"]
    assert request.query["order_by"] == ["time"] and request.query["grouping"] == ["0"]
    golden, scene, web = releases
    assert golden.indexer_flags == IndexerFlag.PTP_GOLDEN | IndexerFlag.PTP_APPROVED | IndexerFlag.G_FREELEECH
    assert scene.indexer_flags == IndexerFlag.G_SCENE | IndexerFlag.G_HALFLEECH
    assert web.indexer_flags == IndexerFlag.PTP_APPROVED | IndexerFlag.G_FREELEECH  # neutral leech counts
    assert golden.guid == "PassThePopcorn-80001" and golden.imdb_id == "tt0133093"
    assert golden.download_url == f"{fake_server.url}/torrents.php?action=download&id=80001"
    assert golden.info_url == f"{fake_server.url}/torrents.php?id=7001&torrentid=80001"
    assert (golden.size, golden.seeders, golden.leechers) == (9126805504, 55, 1)
    assert scene.container == "VOB IFO"


def test_ptp_searches_by_imdb_id_else_title_and_year(fake_server):
    fake_server.add("/torrents.php", file=FIXTURES / "ptp.json", content_type="application/json")
    indexer = _ptp(fake_server)

    fetch_from(indexer, lambda provider: provider.search(CRITERIA))
    fetch_from(indexer, lambda provider: provider.search(TITLE_ONLY))

    by_id, by_title = fake_server.requests
    assert by_id.query["searchstr"] == ["tt0133093"] and "year" not in by_id.query
    assert by_title.query["searchstr"] == ["The Quiet Orchard"] and by_title.query["year"] == ["2019"]


def test_ptp_no_results_is_an_empty_answer(fake_server):
    fake_server.add("/torrents.php", body='{"TotalResults": "0", "Movies": [], "Page": "Browse"}')

    assert fetch_from(_ptp(fake_server), lambda provider: provider.fetch_recent()) == []


def test_ptp_login_page_instead_of_json_means_the_api_credentials(fake_server):
    fake_server.add("/torrents.php", body=LOGIN_PAGE, content_type="text/html")

    failures = _ptp(fake_server).provider().test()

    assert failures and "check the API user and API key" in failures[0].message


def test_ptp_forbidden_is_said_in_plain_words_without_the_key(api_client, fake_server):
    fake_server.add("/torrents.php", body="", status=403)
    values = {"baseUrl": fake_server.url, "aPIUser": "apiuser", "aPIKey": "sekrit"}

    response = api_client.post(
        "/api/v3/indexer/test",
        _schema_payload(api_client, "PassThePopcorn", values),
        content_type="application/json",
    )

    assert response.status_code == 400
    text = json.dumps(response.json())
    assert "refused the API user or API key (HTTP 403)" in text and "sekrit" not in text


def test_ptp_gives_the_download_its_api_headers(fake_server):
    assert _ptp(fake_server).provider().download_headers() == {"ApiUser": "apiuser", "ApiKey": "apikey"}


@requires_shared
def test_ptp_reads_radarrs_captured_imdb_search(fake_server):
    fake_server.add(
        "/torrents.php",
        file=SHARED_FIXTURES / "indexers/PTP/imdbsearch.json",
        content_type="application/json",
    )

    releases = fetch_from(_ptp(fake_server), lambda provider: provider.search(CRITERIA))

    assert len(releases) == 293
    first = releases[0]
    assert (first.guid, first.title) == ("PassThePopcorn-452135", "The.Night.Of.S01.BluRay.AAC2.0.x264-DEPTH")
    assert first.info_url == f"{fake_server.url}/torrents.php?id=148131&torrentid=452135"
    assert first.publish_date.isoformat() == "2016-10-18T23:40:59+00:00"
    assert (first.size, first.seeders, first.leechers) == (2466170624, 26, 2)
    assert first.indexer_flags == IndexerFlag.G_SCENE | IndexerFlag.PTP_APPROVED
    assert any(release.indexer_flags & IndexerFlag.G_FREELEECH for release in releases)
    assert sum(bool(release.indexer_flags & IndexerFlag.PTP_GOLDEN) for release in releases) == 9


# ---- TorrentPotato


def _potato(fake_server) -> Indexer:
    settings = {"baseUrl": f"{fake_server.url}/potato", "user": "orchard", "passkey": "pw"}
    return IndexerFactory(implementation="TorrentPotato", settings=settings)


def test_torrentpotato_reads_megabyte_sizes_and_magnet_hashes(fake_server):
    fake_server.add("/potato", file=FIXTURES / "torrentpotato.json", content_type="application/json")

    releases = fetch_from(_potato(fake_server), lambda provider: provider.fetch_recent())

    assert fake_server.requests[0].query == {"passkey": ["pw"], "user": ["orchard"], "search": ["-"]}
    magnet, link = releases
    assert magnet.guid == "potato-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"
    assert magnet.magnet_url.startswith("magnet:?xt=urn:btih:9f86") and magnet.size == 8_705_000_000
    assert (magnet.seeders, magnet.leechers) == (31, 2)
    assert link.guid == "potato-https://tracker.example/download.php?id=5502&passkey=pk"
    assert link.download_url.endswith("id=5502&passkey=pk") and not link.magnet_url


def test_torrentpotato_searches_by_imdb_id_else_title_and_year(fake_server):
    fake_server.add("/potato", file=FIXTURES / "torrentpotato.json", content_type="application/json")
    indexer = _potato(fake_server)

    fetch_from(indexer, lambda provider: provider.search(CRITERIA))
    fetch_from(indexer, lambda provider: provider.search(TITLE_ONLY))

    by_id, by_title = fake_server.requests
    assert by_id.query["imdbid"] == ["tt0133093"] and "search" not in by_id.query
    assert by_title.query["search"] == ["The Quiet Orchard 2019"]


def test_torrentpotato_refusal_in_words(fake_server):
    fake_server.add("/potato", body="", status=403)

    failures = _potato(fake_server).provider().test()

    assert failures and "TorrentPotato refused the username or passkey (HTTP 403)" in failures[0].message


def test_the_grab_can_ask_which_headers_a_download_needs(fake_server):
    from indexers.fetching import download_headers

    ptp = _ptp(fake_server)
    filelist = _filelist(fake_server)

    assert download_headers(ptp.pk) == {"ApiUser": "apiuser", "ApiKey": "apikey"}
    assert download_headers(filelist.pk) == {} and download_headers(0) == {} and download_headers(99999) == {}


def test_a_tracker_refusing_the_credentials_shows_in_health(fake_server):
    from indexers.health import indexer_status_check

    fake_server.add("/api.php", body='{"error": "Invalid credentials"}', status=401)
    fake_server.add("/torrents.php", file=FIXTURES / "ptp.json", content_type="application/json")
    filelist, ptp = _filelist(fake_server), _ptp(fake_server)
    filelist.name, ptp.name = "My FileList", "My PTP"
    filelist.save(), ptp.save()

    fetch_from(filelist, lambda provider: provider.fetch_recent())
    fetch_from(ptp, lambda provider: provider.fetch_recent())

    (issue,) = indexer_status_check()
    assert issue.message == "Indexers unavailable due to failures: My FileList"
