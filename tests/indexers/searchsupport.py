"""Helpers for search, RSS sync and push tests: fake Newznab indexers serving generated feeds, and a
real Usenet Blackhole download client writing into a temporary folder (the real grab path)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from downloads.models import DownloadClient
from indexers.models import Indexer
from tests.fakeserver import FakeServer
from tests.indexers.conftest import FIXTURES
from tests.indexers.factories import IndexerFactory

NZB = b'<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"></nzb>'


@dataclass(frozen=True, slots=True)
class Item:
    title: str
    guid: str = ""
    size: int = 8 * 1024**3
    age: timedelta = timedelta(hours=5)
    imdb: str = ""  # digits, as Newznab attributes carry it
    tmdb: int = 0

    @property
    def key(self) -> str:
        return self.guid or self.title


def newznab_feed(items: list[Item], base_url: str, now: datetime | None = None) -> str:
    """A Newznab RSS answer whose download links point back at `base_url`/getnzb/<guid>.nzb."""
    now = now or datetime.now(UTC)
    entries = []
    for item in items:
        attributes = f'<newznab:attr name="size" value="{item.size}"/>'
        if item.imdb:
            attributes += f'<newznab:attr name="imdb" value="{item.imdb}"/>'
        if item.tmdb:
            attributes += f'<newznab:attr name="tmdbid" value="{item.tmdb}"/>'
        link = escape(f"{base_url}/getnzb/{item.key}.nzb")
        entries.append(
            f'<item><title>{escape(item.title)}</title><guid isPermaLink="false">{escape(item.key)}</guid>'
            f"<link>{link}</link><pubDate>{format_datetime(now - item.age)}</pubDate>"
            f'<enclosure url="{link}" length="{item.size}" type="application/x-nzb"/>{attributes}</item>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/"><channel><title>Fake</title>'
        f'<newznab:response offset="0" total="{len(items)}"/>{"".join(entries)}</channel></rss>'
    )


def serve_newznab(server: FakeServer, items: list[Item], prefix: str = "") -> None:
    """Caps, the feed (for RSS and every search) and each item's .nzb under `prefix`."""
    server.add(
        f"{prefix}/api", file=FIXTURES / "caps.xml", content_type="application/xml", query={"t": "caps"}
    )
    feed = newznab_feed(items, server.url + prefix)
    server.add(f"{prefix}/api", body=feed, content_type="application/rss+xml")
    for item in items:
        server.add(f"{prefix}/getnzb/{item.key}.nzb", body=NZB.decode(), content_type="application/x-nzb")


def newznab_indexer(server: FakeServer, prefix: str = "", **fields: object) -> Indexer:
    settings = {"baseUrl": server.url + prefix, "apiPath": "/api", "apiKey": "k" * 32, "categories": [2000]}
    return IndexerFactory(settings=settings, **fields)


def usenet_blackhole(folder: Path, name: str = "Blackhole") -> DownloadClient:
    """A real Usenet Blackhole client: a grab writes the .nzb into `folder`/drop."""
    (folder / "drop").mkdir(parents=True, exist_ok=True)
    (folder / "watch").mkdir(parents=True, exist_ok=True)
    return DownloadClient.objects.create(
        name=name,
        implementation="UsenetBlackhole",
        protocol="usenet",
        settings={"nzbFolder": str(folder / "drop"), "watchFolder": str(folder / "watch")},
    )


def dropped(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "drop").glob("*.nzb"))
