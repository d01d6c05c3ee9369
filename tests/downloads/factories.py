"""Rows and decisions for the activity tests: clients, grabs, tracked downloads, approved decisions."""

from datetime import UTC, datetime
from pathlib import Path

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from downloads.models import Blocklist, DownloadClient, History, HistoryEventType, TrackedDownload
from downloads.queueids import queue_id
from movies.decisionfacts import movie_facts
from movies.models import Movie
from releases.decisions.engine import Decision, evaluate
from releases.decisions.loading import load_context
from releases.releaseinfo import ReleaseInfo


class DownloadClientFactory(DjangoModelFactory):
    class Meta:
        model = DownloadClient

    name = factory.Sequence(lambda n: f"Client {n}")
    implementation = "Sabnzbd"
    protocol = "usenet"
    settings = factory.LazyFunction(lambda: {"host": "127.0.0.1", "port": 9, "apiKey": "key"})


def blackhole(folder: Path, name: str = "Blackhole") -> DownloadClient:
    """A saved Torrent Blackhole dropping into `folder/drop` and watching `folder/watch`."""
    (folder / "drop").mkdir(parents=True, exist_ok=True)
    (folder / "watch").mkdir(parents=True, exist_ok=True)
    settings = {"torrentFolder": str(folder / "drop"), "watchFolder": str(folder / "watch")}
    return DownloadClient.objects.create(
        name=name, implementation="TorrentBlackhole", protocol="torrent", settings=settings
    )


def sabnzbd(server_url: str, name: str = "SABnzbd", **fields: object) -> DownloadClient:
    port = int(server_url.rsplit(":", 1)[1])
    settings = {"host": "127.0.0.1", "port": port, "apiKey": "sab-key"}
    return DownloadClient.objects.create(
        name=name, implementation="Sabnzbd", protocol="usenet", settings=settings, **fields
    )


class GrabFactory(DjangoModelFactory):
    class Meta:
        model = History

    event_type = HistoryEventType.GRABBED
    date = factory.LazyFunction(timezone.now)
    source_title = "Arrival.2016.1080p.BluRay.x264-GRP"
    quality_id = 7  # Bluray-1080p
    revision = factory.LazyFunction(lambda: {"version": 1, "real": 0, "isRepack": False})
    language_ids = factory.LazyFunction(lambda: [1])
    download_id = factory.Sequence(lambda n: f"DOWNLOAD{n}")
    data = factory.LazyFunction(
        lambda: {
            "indexer": "Indexer",
            "protocol": "1",
            "size": "1000",
            "guid": "guid-1",
            "downloadClientName": "SAB",
        }
    )


class TrackedDownloadFactory(DjangoModelFactory):
    class Meta:
        model = TrackedDownload

    download_id = factory.Sequence(lambda n: f"TRACKED{n}")
    queue_id = factory.LazyAttribute(lambda row: queue_id(row.client.pk, row.download_id))
    title = "Arrival.2016.1080p.BluRay.x264-GRP"
    protocol = "usenet"
    quality_id = 7
    revision = factory.LazyFunction(lambda: {"version": 1, "real": 0, "isRepack": False})
    language_ids = factory.LazyFunction(lambda: [1])
    total_size = 1000
    remaining_size = 500
    item_status = "downloading"
    added = factory.LazyFunction(timezone.now)


class BlocklistFactory(DjangoModelFactory):
    class Meta:
        model = Blocklist

    source_title = factory.Sequence(lambda n: f"Blocked.Movie.{n}.2010.720p.WEB-DL-GRP")
    date = factory.LazyFunction(timezone.now)
    protocol = "torrent"
    indexer = "Indexer"
    message = "Failed"
    quality_id = 4


def release(title: str, protocol: str = "usenet", **fields: object) -> ReleaseInfo:
    values = {
        "guid": f"guid-{title}",
        "size": 2_000_000_000,
        "publish_date": datetime(2024, 1, 1, tzinfo=UTC),
        "indexer": "Indexer",
        **fields,
    }
    return ReleaseInfo(title=title, protocol=protocol, **values)


def approved(movie: Movie, info: ReleaseInfo) -> Decision:
    """The engine's decision for `info` and `movie`, rejections cleared (rules are tested elsewhere)."""
    context = load_context()
    facts = movie_facts([movie], context.formats)
    decision = evaluate(info, facts[movie.pk], context)
    assert decision.candidate is not None, decision.explain()
    return Decision(decision.release, decision.parsed, decision.candidate)
