"""Implementations against a fake server: search parameters from caps, caps cached, HDBits' JSON API."""

import orjson
import pytest

from indexers.fetching import fetch_from
from indexers.implementations.base import MovieSearchCriteria
from indexers.models import IndexerConfig
from indexers.options import decision_settings, indexer_facts
from tests.factories import TagFactory
from tests.indexers.conftest import FIXTURES
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db

CRITERIA = MovieSearchCriteria(imdb_id="tt0133093", tmdb_id=603, titles=["The Quiet Orchard"], year=2019)


def _serve(fake_server, feed: str = "newznab_movies.xml") -> None:
    fake_server.add("/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})
    fake_server.add("/api", file=FIXTURES / feed, content_type="application/rss+xml")


def test_search_asks_by_tmdb_and_imdb_id_when_the_caps_allow(fake_server):
    _serve(fake_server)
    indexer = IndexerFactory(
        settings={
            "baseUrl": fake_server.url,
            "apiKey": "k",
            "categories": [2000],
            "additionalParameters": "&lang=en",
        }
    )

    releases = fetch_from(indexer, lambda provider: provider.search(CRITERIA))

    search = next(r for r in fake_server.requests if r.query.get("t") == ["movie"])
    assert search.query["tmdbid"] == ["603"] and search.query["imdbid"] == ["0133093"]
    assert search.query["lang"] == ["en"] and search.query["offset"] == ["0"]
    assert len(releases) == 2


def test_caps_are_fetched_once_and_cached(fake_server):
    _serve(fake_server)
    indexer = IndexerFactory(settings={"baseUrl": fake_server.url, "apiKey": "k", "categories": [2000]})

    fetch_from(indexer, lambda provider: provider.fetch_recent())
    fetch_from(indexer, lambda provider: provider.fetch_recent())

    assert sum(r.query.get("t") == ["caps"] for r in fake_server.requests) == 1


def test_title_search_falls_back_when_ids_find_nothing_and_remove_year_drops_the_year(fake_server):
    empty = b'<rss version="2.0"><channel></channel></rss>'
    fake_server.add("/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"})
    fake_server.add("/api", body=empty, content_type="application/rss+xml", query={"tmdbid": "603"})
    fake_server.add("/api", file=FIXTURES / "newznab_movies.xml", content_type="application/rss+xml")
    indexer = IndexerFactory(
        settings={"baseUrl": fake_server.url, "apiKey": "k", "categories": [2000], "removeYear": True}
    )

    releases = fetch_from(indexer, lambda provider: provider.search(CRITERIA))

    queries = [r.query.get("q") for r in fake_server.requests if r.query.get("q")]
    assert queries == [["The Quiet Orchard"]] and len(releases) == 2


def test_hdbits_posts_username_passkey_and_imdb_id(fake_server):
    fake_server.add("/api/torrents", file=FIXTURES / "hdbits.json", method="POST")
    settings = {
        "baseUrl": fake_server.url,
        "username": "me",
        "apiKey": "PK",
        "categories": [1],
        "codecs": [5],
    }
    indexer = IndexerFactory(implementation="HDBits", settings=settings)

    releases = fetch_from(indexer, lambda provider: provider.search(CRITERIA))

    body = orjson.loads(fake_server.requests[0].body)
    assert body == {"username": "me", "passkey": "PK", "category": [1], "codec": [5], "imdb": {"id": 133093}}
    assert [r.guid for r in releases] == ["HDBits-1001", "HDBits-1002"]


def test_decision_facts_come_from_the_options_and_rows(django_assert_max_num_queries):
    IndexerConfig.objects.create(pk=1, minimum_age=30, retention=1000, prefer_indexer_flags=True)
    tag = TagFactory()
    indexer = IndexerFactory(
        implementation="Torznab",
        priority=3,
        settings={"baseUrl": "http://x.test", "minimumSeeders": 4, "requiredFlags": [1, 32]},
    )
    indexer.tags.add(tag)

    settings = decision_settings()
    with django_assert_max_num_queries(2):
        facts = indexer_facts()[indexer.pk]

    assert (settings.minimum_age_minutes, settings.retention_days, settings.prefer_indexer_flags) == (
        30,
        1000,
        True,
    )
    assert (facts.priority, facts.minimum_seeders, facts.required_flags) == (3, 4, 33)
    assert facts.tag_ids == {tag.pk} and facts.blocked_until is None
