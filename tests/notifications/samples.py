"""One event of every kind Connect sends, built from snapshots (no rows needed), by its subscription."""

from notifications import events as ev
from notifications.snapshots import (
    ImageSnapshot,
    MovieFileSnapshot,
    MovieSnapshot,
    ReleaseSnapshot,
    RenamedFileSnapshot,
)

MOVIE = MovieSnapshot(
    id=7,
    title="The Quiet Orchard",
    year=2019,
    path="/movies/The Quiet Orchard (2019)",
    tmdb_id=603,
    imdb_id="tt0133093",
    overview="Apples.",
    images=(ImageSnapshot("Poster", "https://image.tmdb.org/t/p/original/poster.jpg"),),
)
MEDIA = {
    "audioCodec": "TrueHD Atmos",
    "audioChannels": 7.1,
    "hdrFormat": "DolbyVisionHdr10",
    "scanType": "Progressive",
    "videoMultiViewCount": 1,
}
FILE = MovieFileSnapshot(
    id=11,
    relative_path="The Quiet Orchard (2019) Bluray-2160p.mkv",
    path="/movies/The Quiet Orchard (2019)/The Quiet Orchard (2019) Bluray-2160p.mkv",
    size=50_000_000_000,
    quality="Bluray-2160p",
    release_group="ORCHARD",
    media_info=MEDIA,
)
OLD_FILE = MovieFileSnapshot(
    id=10,
    relative_path="The Quiet Orchard (2019) HDTV-720p.mkv",
    path="/movies/The Quiet Orchard (2019)/The Quiet Orchard (2019) HDTV-720p.mkv",
    size=4_000_000_000,
    quality="HDTV-720p",
)
RELEASE = ReleaseSnapshot(title="The.Quiet.Orchard.2019.2160p.BluRay.x265-ORCHARD", quality="Bluray-2160p")

EVENTS: dict[str, ev.Event] = {
    "on_grab": ev.GrabEvent(MOVIE, RELEASE),
    "on_download": ev.DownloadEvent(MOVIE, FILE, is_upgrade=False, release=RELEASE),
    "on_upgrade": ev.DownloadEvent(MOVIE, FILE, is_upgrade=True, deleted_files=(OLD_FILE,), release=RELEASE),
    "on_rename": ev.RenameEvent(
        MOVIE, renamed=(RenamedFileSnapshot(FILE, "old name.mkv", f"{MOVIE.path}/old name.mkv"),)
    ),
    "on_movie_added": ev.MovieAddedEvent(MOVIE),
    "on_movie_delete": ev.MovieDeleteEvent(MOVIE, deleted_files=True),
    "on_movie_file_delete": ev.MovieFileDeleteEvent(MOVIE, FILE, "manual"),
    "on_movie_file_delete_for_upgrade": ev.MovieFileDeleteEvent(MOVIE, OLD_FILE, "upgrade", for_upgrade=True),
    "on_health_issue": ev.HealthEvent(
        "IndexerStatusCheck", "warning", "Indexers unavailable", "https://wiki"
    ),
    "on_health_restored": ev.HealthRestoredEvent("IndexerStatusCheck", "warning", "Indexers unavailable"),
    "on_application_update": ev.ApplicationUpdateEvent("Radarr updated from 5.0 to 5.1", "5.0", "5.1"),
    "on_manual_interaction_required": ev.ManualInteractionRequiredEvent(
        download_id="HASH",
        title="The.Quiet.Orchard.2019.2160p.BluRay.x265-ORCHARD",
        movie=MOVIE,
        messages=("No files found are eligible for import",),
    ),
}

# what Radarr's kinds implement (their On... overrides); upgrade follows download, delete-for-upgrade
# follows file delete (NotificationBase.SupportsOn...)
EVERY = frozenset(EVENTS)
MESSAGES = EVERY - {"on_rename"}
