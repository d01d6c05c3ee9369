"""Seeding goals: a torrent grabbed from an indexer with seed criteria (ratio, time) carries them to the
download client, which stops seeding once they are met; Radarr then removes it (Remove Completed).
Radarr's SeedConfigProvider, read at grab time so an edited indexer applies to the next grab."""

import dataclasses
from typing import Any

from indexers.models import Indexer
from releases.releaseinfo import ReleaseInfo

RATIO_SETTING, TIME_SETTING = "seedCriteria.seedRatio", "seedCriteria.seedTime"


def _number(value: Any) -> float | None:
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def with_seed_goal(release: ReleaseInfo) -> ReleaseInfo:
    """The release with its indexer's seed ratio and time (minutes); unchanged when it has none."""
    if release.protocol != "torrent" or not release.indexer_id:
        return release
    settings = Indexer.objects.filter(pk=release.indexer_id).values_list("settings", flat=True).first() or {}
    ratio, minutes = _number(settings.get(RATIO_SETTING)), _number(settings.get(TIME_SETTING))
    if ratio is None and minutes is None:
        return release
    return dataclasses.replace(
        release, seed_ratio=ratio, seed_time_minutes=None if minutes is None else int(minutes)
    )
