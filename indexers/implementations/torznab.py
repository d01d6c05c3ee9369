"""Torznab (torrent) indexers: Jackett, Prowlarr and trackers speaking Newznab's API for torrents."""

from dataclasses import dataclass
from typing import ClassVar

from indexers.implementations.base import (
    WIKI,
    minimum_seeders_setting,
    reject_blocklisted_setting,
    required_flags_setting,
    seed_ratio_setting,
    seed_time_setting,
)
from indexers.implementations.newznab import Newznab


class Torznab(Newznab):
    implementation = "Torznab"
    implementation_name = "Torznab"
    info_link = WIKI + "torznab"
    protocol: ClassVar[str] = "torrent"

    @dataclass
    class Settings(Newznab.Settings):
        minimum_seeders: int = minimum_seeders_setting()
        seed_ratio: float | None = seed_ratio_setting()
        seed_time: int | None = seed_time_setting()
        reject_blocklisted_torrent_hashes_while_grabbing: bool = reject_blocklisted_setting()
        required_flags: list[int] = required_flags_setting()
