"""What an indexer (or a push) tells us about one release, before we decide anything about it.

Indexers live in a later app; they build these and hand them down, so the decision engine never
imports them.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntFlag

from releases.languages import Language


class IndexerFlag(IntFlag):
    """Radarr's IndexerFlags bits: autobrr pushes them as this integer, webhooks show their names."""

    G_FREELEECH = 1
    G_HALFLEECH = 2
    G_DOUBLEUPLOAD = 4
    PTP_GOLDEN = 8
    PTP_APPROVED = 16
    G_INTERNAL = 32
    G_SCENE = 128
    G_FREELEECH75 = 256
    G_FREELEECH25 = 512
    NUKED = 2048


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    guid: str
    title: str
    size: int  # bytes; 0 when the indexer does not say
    protocol: str  # "usenet" or "torrent"
    publish_date: datetime
    indexer_id: int = 0
    indexer: str = ""
    indexer_priority: int = 25  # 1-50, lower is preferred
    download_url: str = ""
    info_url: str = ""
    magnet_url: str = ""
    info_hash: str = ""
    seeders: int | None = None
    leechers: int | None = None
    indexer_flags: int = 0  # IndexerFlag bits
    container: str = ""  # file type the indexer reports (vob, iso, m2ts, mkv...)
    imdb_id: str = ""
    tmdb_id: int = 0
    languages: list[Language] = field(default_factory=list)  # what the indexer says, on top of the title
    times_completed: int | None = None  # snatches: Torznab `grabs`, HDBits `times_completed`; None unknown
    categories: tuple[int, ...] = ()  # Newznab category ids the indexer filed it under (HDBits: its own)
    medium: str = ""  # what the tracker says it is (HDBits: "Encode", "Remux", "WEB-DL"...)
    codec: str = ""  # the tracker's video codec (HDBits: "H.264", "HEVC"...)
    # the indexer's seed criteria, set at grab time for the torrent client (Radarr's SeedConfiguration)
    seed_ratio: float | None = None
    seed_time_minutes: int | None = None

    def age_minutes(self, now: datetime) -> float:
        return max(0.0, (now - self.publish_date).total_seconds() / 60)
