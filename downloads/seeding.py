"""Seeding goals of a grabbed torrent (Radarr's DownloadSeedConfigProvider).

The goal is the grabbing indexer's Seed Ratio / Seed Time settings, found through the latest grab
of the info-hash. Clients that cannot stop a torrent at its goal themselves (rTorrent, Flood) let
Radarr remove it only once one of the two is met.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from downloads.models import History
from indexers.models import Indexer


@dataclass(frozen=True, slots=True)
class SeedGoal:
    ratio: float | None = None
    seed_time: timedelta | None = None

    def reached(self, ratio: float, finished_at: datetime | None, now: datetime) -> bool:
        """Whether the ratio goal is met, or the torrent has seeded for the goal's time since finishing."""
        if self.ratio is not None and ratio >= self.ratio:
            return True
        return self.seed_time is not None and finished_at is not None and now - finished_at >= self.seed_time


def seed_goal(download_id: str) -> SeedGoal | None:
    """The seeding goal of the torrent `download_id`, or None when no grab or indexer tells it."""
    if not download_id:
        return None
    grab = History.objects.grabs().filter(download_id__iexact=download_id).order_by("-date").first()
    if grab is None or not grab.data.get("indexer"):
        return None
    indexer = Indexer.objects.filter(name=grab.data["indexer"]).first()
    if indexer is None:
        return None
    ratio = _number(indexer.settings.get("seedCriteria.seedRatio"))
    minutes = _number(indexer.settings.get("seedCriteria.seedTime"))
    if ratio is None and minutes is None:
        return None
    return SeedGoal(ratio, timedelta(minutes=minutes) if minutes is not None else None)


def _number(value: object) -> float | None:
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
