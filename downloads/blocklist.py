"""The blocklist: releases that failed for a movie and must never be grabbed for it again.

Matched (in releases.decisions.download_rules.blocklist) by torrent info hash and indexer guid first, then by
title, indexer and publish date: titles alone let the same torrent back in under a new name.
"""

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from downloads.history import ReleaseFacts
from downloads.models import Blocklist, History


def _published(grab: History) -> datetime | None:
    text = grab.data.get("publishedDate", "")
    return parse_datetime(text) if text else None


def blocklist_grab(grab: History, message: str) -> Blocklist:
    """Blocklist the release a Grabbed history event sent (title, indexer, protocol, hash, size)."""
    data = grab.data
    protocol = "usenet" if data.get("protocol") in ("1", "usenet") else "torrent"
    return Blocklist.objects.create(
        movie_id=grab.movie_id,
        source_title=grab.source_title,
        date=timezone.now(),
        published_date=_published(grab),
        size=int(data.get("size") or 0),
        protocol=protocol,
        indexer=data.get("indexer", ""),
        indexer_flags=int(data.get("indexerFlags") or 0),
        message=message,
        torrent_info_hash=grab.download_id.upper() if protocol == "torrent" else "",
        guid=data.get("guid", ""),
        **ReleaseFacts.of(grab).columns(),
    )


def remove_from_blocklist(ids: Iterable[int]) -> int:
    """Remove blocklist entries (missing ids are ignored); the number removed."""
    deleted, _ = Blocklist.objects.filter(pk__in=list(ids)).delete()
    return deleted


def clear_blocklist() -> str:
    """The ClearBlocklist command."""
    deleted, _ = Blocklist.objects.all().delete()
    return f"{deleted} blocklist entries removed"
