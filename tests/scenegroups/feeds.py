"""Indexers serving feeds from a fake server, for the scene group evidence tests: Torznab and Newznab
XML and HDBits' JSON, read through our real implementations."""

import re
from dataclasses import dataclass
from pathlib import Path

from indexers.models import Indexer
from tests.fakeserver import FakeServer
from tests.indexers.conftest import FIXTURES as INDEXER_FIXTURES
from tests.indexers.factories import IndexerFactory

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_ITEM = re.compile(rb"<item>.*?</item>", re.DOTALL)
_SEEDERS = re.compile(rb'(name="seeders" value=")\d+(")')


@dataclass(frozen=True, slots=True)
class Feed:
    """One indexer's answer: `implementation` reads `content`, served under `/<name>`."""

    name: str
    implementation: str  # Torznab, Newznab or HDBits
    content: bytes

    @classmethod
    def of(cls, name: str, implementation: str, path: Path) -> "Feed":
        return cls(name, implementation, path.read_bytes())


def serve(server: FakeServer, feed: Feed) -> Indexer:
    """Answer `feed` for the indexer's every request (caps apart) and save an indexer reading it."""
    prefix = f"/{feed.name}"
    if feed.implementation == "HDBits":
        server.routes.pop(("POST", f"{prefix}/api/torrents"), None)  # serving a feed again replaces it
        server.add(f"{prefix}/api/torrents", body=feed.content, method="POST")
        settings = {
            "baseUrl": server.url + prefix,
            "username": "user",
            "apiKey": "passkey",
            "categories": [1],
        }
    else:
        server.routes.pop(("GET", f"{prefix}/api"), None)
        caps = INDEXER_FIXTURES / "caps.xml"
        server.add(f"{prefix}/api", file=caps, content_type="application/xml", query={"t": "caps"})
        server.add(f"{prefix}/api", body=feed.content, content_type="application/rss+xml")
        settings = {
            "baseUrl": server.url + prefix,
            "apiPath": "/api",
            "apiKey": "k" * 32,
            "categories": [2000],
        }
    indexer = Indexer.objects.filter(name=feed.name).first()
    if indexer is not None:
        return indexer
    return IndexerFactory(name=feed.name, implementation=feed.implementation, settings=settings)


def with_seeders(content: bytes, group: str, seeders: int) -> bytes:
    """The Torznab feed with every release of `group` showing `seeders` seeders."""
    ending = f"-{group}</title>".encode()

    def change(item: re.Match[bytes]) -> bytes:
        text = item.group(0)
        return _SEEDERS.sub(rb"\g<1>%d\g<2>" % seeders, text) if ending in text else text

    return _ITEM.sub(change, content)


def own_feeds() -> list[Feed]:
    """The small feeds of our own making: a tracker (Torznab), a usenet indexer, HDBits."""
    return [
        Feed.of("orchard", "Torznab", FIXTURES / "torznab_groups.xml"),
        Feed.of("usenet", "Newznab", FIXTURES / "newznab_groups.xml"),
        Feed.of("hdbits", "HDBits", FIXTURES / "hdbits_groups.json"),
    ]
