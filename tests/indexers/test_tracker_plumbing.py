"""What the indexers share: trackers' own RSS elements on top of the plain values, and the test flow."""

import pytest

from indexers.feeds import FeedLayout
from indexers.implementations.nyaa import parse_nyaa_feed
from indexers.implementations.torrentrss import parse_torrent_rss
from radarr.api.errors import Failure
from releases.languages import FRENCH
from tests.indexers.conftest import FIXTURES
from tests.indexers.factories import IndexerFactory

BASE = "https://tracker.test/rss"
HASH = "0123456789abcdef0123456789abcdef01234567"

NYAA = f"""<rss xmlns:nyaa="https://nyaa.si/xmlns/nyaa" version="2.0"><channel>
<item><title>[Group] Quiet Orchard 2019 MULTi 1080p</title>
<link>https://nyaa.test/download/1.torrent</link><guid isPermaLink="true">https://nyaa.test/view/1</guid>
<pubDate>Tue, 04 Jun 2019 10:00:00 -0000</pubDate><description>Seeders: 3</description>
<nyaa:seeders>12</nyaa:seeders><nyaa:leechers>4</nyaa:leechers><nyaa:infoHash>{HASH}</nyaa:infoHash>
<nyaa:size>1.5 GiB</nyaa:size></item>
<item><title>[Group] Other Film 2020 720p</title><link>https://nyaa.test/download/2.torrent</link>
<pubDate>Tue, 04 Jun 2019 11:00:00 -0000</pubDate><description>Seeders: 3 Leechers: 1</description>
<nyaa:size>700 MiB</nyaa:size></item>
</channel></rss>""".encode()

EZRSS = f"""<rss version="2.0"><channel>
<item><title>Quiet Orchard 2019 1080p</title><link>https://tracker.test/get/1.torrent</link>
<guid>https://tracker.test/details/1</guid><pubDate>Tue, 04 Jun 2019 10:00:00 -0000</pubDate>
<enclosure url="https://tracker.test/get/1.torrent" length="4000" type="application/x-bittorrent"/>
<torrent xmlns="http://xmlns.ezrss.it/0.1/"><contentLength>1610612736</contentLength>
<infoHash>{HASH}</infoHash><magnetURI>magnet:?xt=urn:btih:{HASH}</magnetURI></torrent></item>
</channel></rss>""".encode()


def test_nyaa_elements_override_the_plain_rss_values_and_the_title_keeps_multi_languages():
    layout = FeedLayout(
        "torrent",
        use_enclosure_url=False,
        use_enclosure_length=False,
        size_element="size",
        seeders_in_description=True,
        multi_languages=[FRENCH],
    )

    first, second = parse_nyaa_feed(NYAA, BASE, layout)

    assert (first.info_url, first.seeders, first.leechers, first.info_hash) == (
        "https://nyaa.test/view/1",
        12,
        4,
        HASH,
    )
    assert first.size == int(1.5 * 1024**3) and first.languages == [FRENCH]
    # without nyaa elements the description's counts stay, and there is no page to link
    assert (second.info_url, second.seeders, second.leechers, second.info_hash) == ("", 3, 1, "")


def test_ezrss_torrent_elements_give_size_hash_and_magnet():
    (release,) = parse_torrent_rss(EZRSS, BASE)

    assert release.size == 1610612736 and release.info_hash == HASH
    assert release.magnet_url == f"magnet:?xt=urn:btih:{HASH}"
    assert release.download_url == "https://tracker.test/get/1.torrent"


@pytest.mark.django_db
def test_tracker_test_reads_the_feed_and_names_the_api_key_for_an_error_document(fake_server):
    fake_server.add("/rss", body=NYAA, content_type="application/rss+xml", query={"u": "good"})
    fake_server.add("/rss", file=FIXTURES / "error_apikey.xml", content_type="application/xml")
    good = IndexerFactory(implementation="IPTorrents", settings={"baseUrl": f"{fake_server.url}/rss?u=good"})
    bad = IndexerFactory(implementation="IPTorrents", settings={"baseUrl": f"{fake_server.url}/rss?u=bad"})

    assert good.provider().test() == []
    assert bad.provider().test() == [Failure("apiKey", "API key is invalid (Incorrect user credentials)")]


@pytest.mark.django_db
def test_tracker_test_stops_at_settings_checks_without_a_request(fake_server):
    indexer = IndexerFactory(implementation="IPTorrents", settings={"baseUrl": f"{fake_server.url}/feed"})

    failures = indexer.provider().test()

    assert [failure.property_name for failure in failures] == ["baseUrl"] and fake_server.requests == []


@pytest.mark.django_db
def test_newznab_test_asks_for_fresh_caps_even_when_they_are_cached(fake_server):
    fake_server.add("/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})
    fake_server.add("/api", file=FIXTURES / "newznab_movies.xml", content_type="application/rss+xml")
    indexer = IndexerFactory(settings={"baseUrl": fake_server.url, "apiKey": "k", "categories": [2000]})
    provider = indexer.provider()

    provider.fetch_recent()
    assert provider.test() == []
    provider.fetch_recent()  # the test refreshed the cache: no third caps request

    functions = [request.query.get("t") for request in fake_server.requests]
    assert functions.count(["caps"]) == 2 and len(functions) == 5
