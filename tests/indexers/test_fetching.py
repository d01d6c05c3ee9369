"""Faults: back-off, Retry-After, timeouts, size limits, spacing, and one failing indexer among many."""

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from indexers import fetching
from indexers.fetching import fetch_from, fetch_recent_releases
from indexers.health import indexer_status_check
from indexers.models import Indexer
from tests.indexers.conftest import FIXTURES
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db


def _newznab(url: str, **overrides) -> Indexer:
    return IndexerFactory(
        settings={"baseUrl": url, "apiKey": "secretkey123", "categories": [2000]}, **overrides
    )


def _serve_feed(fake_server, prefix: str = "") -> None:
    fake_server.add(
        f"{prefix}/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"}
    )
    fake_server.add(f"{prefix}/api", file=FIXTURES / "newznab_movies.xml", content_type="application/rss+xml")


def _recent(indexer: Indexer) -> list:
    return fetch_from(indexer, lambda provider: provider.fetch_recent())


class _Special(BaseHTTPRequestHandler):
    """Answers the fake server cannot give: headers (Retry-After) and a hang."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        self.send_response(429 if self.path.startswith("/limited") else 200)
        self.send_header("Retry-After", "7200")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def special_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Special)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_working_indexer_returns_releases_tagged_with_the_indexer(fake_server):
    _serve_feed(fake_server)
    indexer = _newznab(fake_server.url, priority=7)

    releases = _recent(indexer)

    assert len(releases) == 2
    assert {(r.indexer_id, r.indexer, r.indexer_priority) for r in releases} == {
        (indexer.pk, indexer.name, 7)
    }
    request = next(r for r in fake_server.requests if r.query.get("t") == ["movie"])
    assert request.query["cat"] == ["2000"] and request.query["extended"] == ["1"]


def test_server_error_backs_the_indexer_off_and_success_clears_it(fake_server):
    fake_server.add("/api", body="oops", status=500)
    indexer = _newznab(fake_server.url)

    assert _recent(indexer) == []
    indexer.refresh_from_db()
    assert indexer.escalation_level == 1 and "HTTP 500" in indexer.last_error
    assert indexer.is_backed_off()

    indexer.disabled_until = timezone.now() - timedelta(seconds=1)
    fake_server.routes.clear()
    _serve_feed(fake_server)
    assert len(_recent(indexer)) == 2
    indexer.refresh_from_db()
    assert indexer.escalation_level == 0 and indexer.last_error == ""


def test_a_backed_off_indexer_is_skipped_without_a_request(fake_server):
    indexer = _newznab(
        fake_server.url, disabled_until=timezone.now() + timedelta(minutes=5), escalation_level=2
    )

    assert _recent(indexer) == []
    assert fake_server.requests == []


def test_invalid_api_key_disables_the_indexer_for_a_day_with_a_clear_message(fake_server):
    fake_server.add("/api", file=FIXTURES / "error_apikey.xml", content_type="application/xml")
    indexer = _newznab(fake_server.url)

    _recent(indexer)

    indexer.refresh_from_db()
    assert indexer.last_error.startswith("API key is invalid")
    assert indexer.disabled_until > timezone.now() + timedelta(hours=23)


def test_too_many_requests_honours_retry_after(special_server):
    indexer = IndexerFactory(
        implementation="TorrentRssIndexer", settings={"baseUrl": f"{special_server}/limited"}
    )

    _recent(indexer)

    indexer.refresh_from_db()
    assert "429" in indexer.last_error
    assert indexer.disabled_until > timezone.now() + timedelta(minutes=110)


def test_a_hung_indexer_times_out(special_server, monkeypatch):
    monkeypatch.setattr(fetching, "READ_TIMEOUT_SECONDS", 0.3)
    indexer = IndexerFactory(
        implementation="TorrentRssIndexer", settings={"baseUrl": f"{special_server}/slow"}
    )

    _recent(indexer)

    indexer.refresh_from_db()
    assert "did not answer within" in indexer.last_error


def test_an_oversized_feed_is_refused(fake_server, monkeypatch):
    monkeypatch.setattr(fetching, "MAX_RESPONSE_BYTES", 1000)
    fake_server.add("/rss", body=b"<rss>" + b" " * 5000 + b"</rss>", content_type="application/xml")
    indexer = IndexerFactory(
        implementation="TorrentRssIndexer", settings={"baseUrl": f"{fake_server.url}/rss"}
    )

    _recent(indexer)

    indexer.refresh_from_db()
    assert "20 MB" in indexer.last_error


def test_malformed_xml_is_a_recorded_failure(fake_server):
    fake_server.add("/api", body="<rss><channel><item>", content_type="application/xml")
    indexer = _newznab(fake_server.url)

    assert _recent(indexer) == []

    indexer.refresh_from_db()
    assert "not valid XML" in indexer.last_error


def test_api_keys_never_reach_the_stored_error(fake_server):
    indexer = _newznab("http://127.0.0.1:9")

    _recent(indexer)

    indexer.refresh_from_db()
    assert "Unable to connect" in indexer.last_error and "secretkey123" not in indexer.last_error


def test_one_failing_indexer_does_not_stop_the_others(fake_server):
    _serve_feed(fake_server, "/good")
    fake_server.add("/bad/api", body="nope", status=503)
    _newznab(f"{fake_server.url}/bad", name="A bad one")
    _newznab(f"{fake_server.url}/good", name="B good one")

    releases = fetch_recent_releases(Indexer.objects.enabled_for_rss().order_by("name"))

    assert {release.indexer for release in releases} == {"B good one"}


def test_requests_to_the_same_indexer_are_spaced(fake_server, monkeypatch):
    monkeypatch.setattr(fetching, "REQUEST_SPACING_SECONDS", 0.25)
    _serve_feed(fake_server)
    indexer = _newznab(fake_server.url)

    started = time.monotonic()
    _recent(indexer)  # caps, then the feed: two requests
    elapsed = time.monotonic() - started

    assert elapsed >= 0.25


def test_health_reports_recent_and_long_term_failures_apart():
    now = timezone.now()
    IndexerFactory(name="Fine")
    IndexerFactory(name="Flaky", disabled_until=now + timedelta(minutes=5), initial_failure=now)
    IndexerFactory(
        name="Dead", disabled_until=now + timedelta(hours=1), initial_failure=now - timedelta(hours=7)
    )

    issues = indexer_status_check()

    assert [(i.source, i.level, i.message) for i in issues] == [
        ("IndexerStatusCheck", "warning", "Indexers unavailable due to failures: Flaky"),
        (
            "IndexerLongTermStatusCheck",
            "warning",
            "Indexers unavailable due to failures for more than 6 hours: Dead",
        ),
    ]


def test_health_is_an_error_when_every_indexer_is_down():
    IndexerFactory(
        name="Only", disabled_until=timezone.now() + timedelta(minutes=5), initial_failure=timezone.now()
    )

    issues = indexer_status_check()

    assert issues[0].level == "error" and issues[0].message == "All indexers are unavailable due to failures"
