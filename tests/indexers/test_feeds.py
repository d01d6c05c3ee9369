"""Feed parsing: our own small feeds (always), and every captured feed of ../shared (when present)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from indexers.feeds import FeedLayout, parse_caps, parse_size, parse_znab_feed
from indexers.implementations.hdbits import parse_hdbits_response
from indexers.implementations.nyaa import parse_nyaa_feed
from indexers.implementations.torrentrss import parse_torrent_rss
from radarr.providers import ProviderError
from releases.languages import ENGLISH, FRENCH, GERMAN
from releases.releaseinfo import IndexerFlag
from tests.indexers.conftest import FIXTURES
from tests.shared import SHARED_FIXTURES, requires_shared

BASE = "https://indexer.test/api"
USENET = FeedLayout("usenet")
TORRENT = FeedLayout("torrent")


def test_newznab_item_reads_size_ids_languages_and_flags_from_attributes():
    releases = parse_znab_feed((FIXTURES / "newznab_movies.xml").read_bytes(), BASE, USENET)

    first = releases[0]
    assert first.title == "The.Quiet.Orchard.2019.1080p.BluRay.x264-GRP"
    assert first.size == 8589934592  # the size attribute wins over the enclosure length
    assert first.imdb_id == "tt0133093" and first.tmdb_id == 603
    assert first.languages == [ENGLISH, FRENCH]
    assert first.indexer_flags == IndexerFlag.G_SCENE
    assert first.info_url == "https://indexer.test/details/aa11"
    assert first.download_url == "https://indexer.test/getnzb/aa11.nzb&i=1&r=KEY"
    assert first.publish_date == datetime(2025, 3, 2, 10, 15, tzinfo=UTC)


def test_relative_links_resolve_against_the_request_url_and_usenetdate_wins():
    releases = parse_znab_feed((FIXTURES / "newznab_movies.xml").read_bytes(), BASE, USENET)

    second = releases[1]
    assert second.download_url == "https://indexer.test/getnzb/bb22.nzb"
    assert second.publish_date == datetime(2025, 3, 1, 7, 30, tzinfo=UTC)
    assert second.indexer_flags == IndexerFlag.NUKED


def test_multi_languages_apply_only_when_the_title_says_multi():
    layout = FeedLayout("usenet", multi_languages=[FRENCH, GERMAN])

    releases = parse_znab_feed((FIXTURES / "newznab_movies.xml").read_bytes(), BASE, layout)

    assert releases[0].languages == [ENGLISH, FRENCH]
    assert releases[1].languages == [FRENCH, GERMAN]


def test_torznab_attributes_give_seeders_hash_magnet_and_flags():
    releases = parse_znab_feed((FIXTURES / "torznab_movies.xml").read_bytes(), BASE, TORRENT)

    first, second = releases
    assert (first.seeders, first.leechers) == (12, 3)
    assert first.info_hash == "0123456789abcdef0123456789abcdef01234567"
    assert first.magnet_url.startswith("magnet:?xt=urn:btih:0123")
    assert (
        first.indexer_flags == IndexerFlag.G_FREELEECH | IndexerFlag.G_DOUBLEUPLOAD | IndexerFlag.G_INTERNAL
    )
    assert first.size == 4294967296
    assert (second.seeders, second.leechers) == (3, 1)
    assert second.indexer_flags == IndexerFlag.G_HALFLEECH | IndexerFlag.G_SCENE


def test_caps_give_search_parameters_page_size_and_categories():
    caps = parse_caps((FIXTURES / "caps.xml").read_bytes())

    assert caps.movie_search_params == {"q", "imdbid", "tmdbid"}
    assert caps.max_page_size == 100
    assert (2045, "Movies/UHD") in caps.categories


def test_tracker_rss_with_html_entities_reads_sizes_and_seeders_from_the_description():
    releases = parse_torrent_rss((FIXTURES / "tracker_rss.xml").read_bytes(), "https://tracker.test/rss")

    assert [r.title for r in releases] == [
        "Quiet Orchard 2019 1080p BluRay x264-GRP édition",
        "Another Film 2020 720p WEB-DL x264-GRP",
    ]
    assert releases[0].size == int(7.5 * 1024**3)
    assert releases[1].size == int(1536.25 * 1024**2)
    assert (releases[0].seeders, releases[0].leechers) == (9, 2)
    assert releases[0].publish_date == datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


def test_hdbits_json_gives_internal_and_freeleech_flags_and_a_passkey_download_link():
    releases = parse_hdbits_response((FIXTURES / "hdbits.json").read_bytes(), "https://hdbits.org", "PK")

    first = releases[0]
    assert first.guid == "HDBits-1001"
    assert first.indexer_flags == IndexerFlag.G_FREELEECH | IndexerFlag.G_INTERNAL
    assert first.download_url == "https://hdbits.org/download.php?id=1001&passkey=PK"
    assert first.imdb_id == "tt0133093" and (first.seeders, first.leechers) == (30, 2)
    assert releases[1].indexer_flags == 0


@pytest.mark.parametrize(
    ("name", "message", "permanent"),
    [
        ("error_apikey.xml", "API key is invalid", True),
        ("error_limit.xml", "API limit reached", False),
        ("entity_bomb.xml", "declares XML entities", False),
    ],
)
def test_error_documents_and_hostile_xml_are_clear_provider_errors(name, message, permanent):
    with pytest.raises(ProviderError) as raised:
        parse_znab_feed((FIXTURES / name).read_bytes(), BASE, USENET)

    assert message in raised.value.message
    assert raised.value.permanent is permanent


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty response"),
        (b"<html><body>Cloudflare says no</body></html", "HTML page"),
        (b"<rss><channel><item><title>x</title></item>", "not valid XML"),
        (b'{"json": true}', "not valid XML"),
    ],
)
def test_malformed_responses_are_provider_errors_not_exceptions(content, message):
    with pytest.raises(ProviderError, match=message):
        parse_znab_feed(content, BASE, USENET)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Size: 1.2 GB", int(1.2 * 1024**3)),
        ("556 MB; TV/x264", 556 * 1024**2),
        ("Size: 185918870 bytes (177.31 MiB)", 185918870),
        ("<i>Size</i>: 530.48 MiB<br />", int(530.48 * 1024**2)),
        ("1,37 GB", int(1.37 * 1024**3)),
        ("nothing here", 0),
    ],
)
def test_sizes_written_in_text_are_read_in_binary_units(text, size):
    assert parse_size(text) == size


# ---- every captured feed in ../shared/fixtures/indexers (Radarr's test files and autobrr's)

SHARED = SHARED_FIXTURES / "indexers"


def _parse(relative: str, content: bytes, allow_zero_size: bool = False) -> list:
    base = "http://indexer.local/api"
    if relative.startswith(("Newznab/", "Fanzub/", "relative_urls")):
        return parse_znab_feed(content, base, USENET)
    if relative.startswith(("Torznab/", "autobrr-torznab/")):
        return parse_znab_feed(content, base, TORRENT)
    if relative.startswith("Nyaa/"):
        layout = FeedLayout(
            "torrent",
            use_enclosure_url=False,
            use_enclosure_length=False,
            size_element="size",
            size_in_description=True,
            seeders_in_description=True,
        )
        return parse_nyaa_feed(content, base, layout)
    if relative.startswith("HdBits/"):
        return parse_hdbits_response(content, "https://hdbits.org", "PK")
    return parse_torrent_rss(content, base, allow_zero_size=allow_zero_size)


# file: (count, allow zero size, {index: (title start, size, published, download url start, seeders, flags)})
EXPECTED = {
    "Fanzub/fanzub.xml": (
        3,
        False,
        {
            0: (
                "[Vivid] Hanayamata - 10",
                556246858,
                "2014-09-13T12:56:53+00:00",
                "http://fanzub.com/nzb/296464/",
                None,
                0,
            )
        },
    ),
    "Newznab/newznab_nzb_su.xml": (
        100,
        False,
        {
            0: (
                "White.Collar.S03E05.720p",
                1183105773,
                "2012-02-27T11:09:39-05:00",
                "http://nzb.su/getnzb/24967",
                None,
                0,
            )
        },
    ),
    "Newznab/newznab_language.xml": (
        100,
        False,
        {
            1: (
                "White.Collar.S03E04",
                1436708478,
                "2012-02-27T11:14:16-05:00",
                "http://nzb.su/getnzb/fab3b",
                None,
                0,
            )
        },
    ),
    "Newznab/newznab_indexerflags.xml": (
        9,
        False,
        {
            5: ("title", 500, "2024-08-31T12:28:40+03:00", "http://indexer.local/url", None, 2048),
            7: ("title", 500, "2024-08-31T12:28:40+03:00", "http://indexer.local/url", None, 128 | 2048),
        },
    ),
    "relative_urls.xml": (
        1,
        False,
        {
            0: (
                "Real.Time.With.Bill.Maher",
                1230000000,
                "2015-08-08T14:27:16+01:00",
                "http://indexer.local/getnzb/123.nzb",
                None,
                0,
            )
        },
    ),
    "Torznab/torznab_hdaccess_net.xml": (
        5,
        False,
        {
            0: (
                "Better Call Saul S01E05",
                2538463390,
                "2015-03-14T17:10:42-04:00",
                "https://hdaccess.net/download",
                7,
                0,
            )
        },
    ),
    "Torznab/torznab_tpb.xml": (
        5,
        False,
        {
            0: (
                "Series Title S05E02",
                388895872,
                "2015-04-11T21:34:00-06:00",
                "magnet:?xt=urn:btih:9fb267",
                34128,
                0,
            )
        },
    ),
    "Torznab/torznab_animetosho.xml": (
        2,
        False,
        {
            0: (
                "[finFAGs]_Frame_Arms_Girl_07",
                316477946,
                "2017-05-17T20:36:06+00:00",
                "http://storage.localhost/torrents/",
                None,
                0,
            )
        },
    ),
    "autobrr-torznab/torznab_response.xml": (
        2,
        False,
        {
            0: (
                "TRON Legacy Extras",
                2139365375,
                "2011-03-30T23:11:08+00:00",
                "http://localhost:9696/2/",
                7,
                2,
            )
        },
    ),
    "Nyaa/Nyaa.xml": (
        4,
        False,
        {
            0: (
                "[TSRaws] Futsuu no Joshikousei",
                int(2.35 * 1024**3),
                "2014-08-14T18:10:36+00:00",
                "http://www.nyaa.si/?page=download&tid=587750",
                1,
                0,
            )
        },
    ),
    "Nyaa/Nyaa2021.xml": (
        3,
        False,
        {
            1: (
                "Macross Zero",
                int(5.7 * 1024**3),
                "2021-08-24T22:03:11+00:00",
                "https://nyaa.si/download/1424895.torrent",
                23,
                0,
            )
        },
    ),
    "IPTorrents/IPTorrents.xml": (
        5,
        False,
        {
            1: (
                "Rosemary's Baby S01E01 Part 1 1080p",
                556 * 1024**2,
                "2014-05-12T19:06:25+00:00",
                "http://iptorrents.com/download.php",
                None,
                0,
            )
        },
    ),
    "Torrentleech/Torrentleech.xml": (
        5,
        True,
        {
            0: (
                "Classic Car Rescue S02E04",
                0,
                "2014-05-12T19:15:28+00:00",
                "http://www.torrentleech.org/rss/download/513575",
                1,
                0,
            )
        },
    ),
    "TorrentRss/AlphaRatio.xml": (
        2,
        False,
        {
            0: (
                "TvHD 465989 465960 Good.Behavior",
                1095216660,
                "2016-11-29T10:55:58+00:00",
                "https://alpharatio.cc/torrents.php",
                None,
                0,
            )
        },
    ),
    "TorrentRss/AnimeTosho_NoSize.xml": (
        2,
        False,
        {
            0: (
                "[FFF] Ore Monogatari!!",
                int(1.366 * 1024**3),
                "2016-08-02T13:48:04+00:00",
                "http://storage.animetosho.org/",
                None,
                0,
            )
        },
    ),
    "TorrentRss/AwesomeHD.xml": (
        2,
        True,
        {
            0: (
                "TV-SHOW: Utopia [2013]",
                0,
                "2015-05-19T22:03:37+00:00",
                "https://awesome-hd.club/torrents.php?action=download",
                None,
                0,
            )
        },
    ),
    "TorrentRss/BitHdtv.xml": (
        15,
        False,
        {
            0: (
                "Egypt's Lost Queens.720p",
                int(0.99 * 1024**3),
                "2015-06-03T03:19:49+00:00",
                "https://www.bit-hdtv.com/rssdownload.php",
                None,
                0,
            )
        },
    ),
    "TorrentRss/DanishBits.xml": (
        None,
        True,
        {
            0: (
                "Marfa.Girl.2012.NORDiC.720p",
                0,
                "2018-05-03T10:56:03+02:00",
                "https://danishbits.org/torrents.php/Marfa",
                None,
                0,
            )
        },
    ),
    "TorrentRss/Doki.xml": (
        None,
        True,
        {
            0: (
                "[Doki] PriPara",
                0,
                "2015-07-02T08:18:29+00:00",
                "http://tracker.anime-index.org/download.php",
                None,
                0,
            )
        },
    ),
    "TorrentRss/EvolutionWorld.xml": (2, True, {}),
    "TorrentRss/ExtraTorrents.xml": (
        5,
        False,
        {
            0: (
                "One.Piece.E334.D ED.720p",
                562386947,
                "2016-02-21T09:51:54+00:00",
                "http://ac.me/download/4722030/",
                None,
                0,
            )
        },
    ),
    "TorrentRss/Ezrss.xml": (
        3,
        False,
        {
            0: (
                "S4C I Grombil Cyfandir Pell",
                796606175,
                "2014-09-15T13:39:00-05:00",
                "http://re.zoink.it/20a4ed4eFC",
                None,
                0,
            )
        },
    ),
    "TorrentRss/ImmortalSeed.xml": (
        50,
        False,
        {
            0: (
                "Conan.2015.02.05.Jeff.Bridges",
                int(938.49 * 1024**2),
                "2015-02-06T13:32:26+00:00",
                "https://immortalseed.me/download.php",
                6,
                0,
            )
        },
    ),
    "TorrentRss/LimeTorrents.xml": (
        5,
        False,
        {
            0: (
                "The Expanse 2x04",
                880496711,
                "2017-02-16T05:24:26+03:00",
                "http://itorrents.org/torrent/51C578",
                0,
                0,
            )
        },
    ),
    "TorrentRss/ShowRSS.info.xml": (
        None,
        True,
        {0: ("The Voice 8x25", 0, "2015-05-15T08:30:01+00:00", "magnet:?xt=urn:btih:96CD620B", None, 0)},
    ),
    "TorrentRss/TransmitTheNet.xml": (
        1,
        False,
        {
            0: (
                "[SD-Episode] Tonight.S17E10",
                185918870,
                "2015-05-19T16:11:53-04:00",
                "https://transmithe.net/download.php",
                None,
                0,
            )
        },
    ),
    "TorrentRss/speed.cd.xml": (
        None,
        False,
        {
            0: (
                "Nightwatch S01E04 PROPER HDTV",
                int(386.41 * 1024**2),
                "2015-02-16T02:03:47+00:00",
                "http://speed.cd/download.php",
                None,
                0,
            )
        },
    ),
    "HdBits/RecentFeedLongIDs.json": (
        2,
        False,
        {
            0: (
                "Supernatural S10E17 1080p",
                1718009717,
                "2015-04-04T20:30:46+00:00",
                "https://hdbits.org/download.php?id=257142",
                46,
                0,
            )
        },
    ),
    "HdBits/RecentFeedStringIDs.json": (2, False, {}),
}

INVALID = {
    "Newznab/unauthorized.xml": "API key is invalid",
    "TorrentRss/invalid/Eztv_InvalidSize.xml": "doesn't contain the release content size",
    "TorrentRss/invalid/ImmortalSeed_InvalidDownloadUrl.xml": "valid download url",
    "TorrentRss/invalid/ImmortalSeed_InvalidSize.xml": "doesn't contain the release content size",
    "TorrentRss/invalid/TorrentDay_NoPubDate.xml": "without a valid publish date",
}
NOT_FEEDS = {
    "README.md",
    "Newznab/newznab_caps.xml",
    "autobrr-torznab/caps_response.xml",
    "PTP/imdbsearch.json",
    "FileList/RecentFeed.json",
}


def _captured_files() -> list[str]:
    if not SHARED.is_dir():
        return ["absent"]
    return sorted(str(path.relative_to(SHARED)) for path in SHARED.rglob("*") if path.is_file())


@requires_shared
def test_every_captured_file_is_covered_by_the_table():
    uncovered = set(_captured_files()) - set(EXPECTED) - set(INVALID) - NOT_FEEDS
    assert not uncovered


@requires_shared
@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_captured_feed_parses_with_hand_checked_items(relative):
    count, allow_zero_size, checks = EXPECTED[relative]

    releases = _parse(relative, (SHARED / relative).read_bytes(), allow_zero_size)

    assert releases and (count is None or len(releases) == count)
    assert all(r.title and r.guid and r.download_url.startswith(("http", "magnet:")) for r in releases)
    for index, (title, size, published, url, seeders, flags) in checks.items():
        release = releases[index]
        assert release.title.startswith(title)
        assert release.size == size
        assert release.publish_date == datetime.fromisoformat(published)
        assert release.download_url.startswith(url)
        assert release.seeders == seeders
        assert release.indexer_flags == flags


@requires_shared
@pytest.mark.parametrize("relative", sorted(INVALID))
def test_invalid_captured_feed_is_a_clear_provider_error(relative):
    with pytest.raises(ProviderError) as raised:
        _parse(relative, (SHARED / relative).read_bytes())

    assert INVALID[relative] in raised.value.message


@requires_shared
def test_captured_caps_documents_parse():
    newznab = parse_caps((SHARED / "Newznab/newznab_caps.xml").read_bytes())
    autobrr = parse_caps((SHARED / "autobrr-torznab/caps_response.xml").read_bytes())

    assert newznab.max_page_size == 60 and newznab.movie_search_params == {"q", "imdbid"}
    assert not autobrr.movie_search_available and autobrr.tags == ("anonymous", "trusted", "internal")


def test_fixture_folder_is_ours(tmp_path: Path):
    assert (FIXTURES / "newznab_movies.xml").is_file()
