"""Seeding goals of a torrent (Radarr's SeedConfigProvider): the grabbing indexer's Seed Ratio and Seed
Time settings, read in one place.

At grab time the goal travels with the release (`with_seed_goal`), so clients that can stop a torrent
themselves (uTorrent, Freebox) are told it, and an edited indexer applies to the next grab. Clients that
cannot (rTorrent, Flood) look the goal up through the latest grab of the info-hash (`seed_goal`) and let
a finished torrent be removed only once one of the two is met.
"""

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from downloads.models import History
from indexers.models import Indexer
from releases.releaseinfo import ReleaseInfo

RATIO_SETTING, TIME_SETTING = "seedCriteria.seedRatio", "seedCriteria.seedTime"


@dataclass(frozen=True, slots=True)
class SeedGoal:
    ratio: float | None = None
    seed_time: timedelta | None = None

    def reached(self, ratio: float, finished_at: datetime | None, now: datetime) -> bool:
        """Whether the ratio goal is met, or the torrent has seeded for the goal's time since finishing."""
        if self.ratio is not None and ratio >= self.ratio:
            return True
        return self.seed_time is not None and finished_at is not None and now - finished_at >= self.seed_time


def goal_of_settings(settings: dict[str, Any]) -> SeedGoal | None:
    """An indexer's seeding goal from its settings, or None when it sets neither ratio nor time."""
    ratio, minutes = _number(settings.get(RATIO_SETTING)), _number(settings.get(TIME_SETTING))
    if ratio is None and minutes is None:
        return None
    return SeedGoal(ratio, timedelta(minutes=minutes) if minutes is not None else None)


def with_seed_goal(release: ReleaseInfo) -> ReleaseInfo:
    """The release with its indexer's seed ratio and time (minutes); unchanged when it has none."""
    if release.protocol != "torrent" or not release.indexer_id:
        return release
    settings = Indexer.objects.filter(pk=release.indexer_id).values_list("settings", flat=True).first()
    goal = goal_of_settings(settings or {})
    if goal is None:
        return release
    minutes = None if goal.seed_time is None else int(goal.seed_time.total_seconds() // 60)
    return dataclasses.replace(release, seed_ratio=goal.ratio, seed_time_minutes=minutes)


def seed_goal(download_id: str) -> SeedGoal | None:
    """The seeding goal of the torrent `download_id`, or None when no grab or indexer tells it."""
    if not download_id:
        return None
    grab = History.objects.grabs().filter(download_id__iexact=download_id).order_by("-date").first()
    if grab is None or not grab.data.get("indexer"):
        return None
    settings = Indexer.objects.filter(name=grab.data["indexer"]).values_list("settings", flat=True).first()
    return None if settings is None else goal_of_settings(settings)


def _number(value: Any) -> float | None:
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None
