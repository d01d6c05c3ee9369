"""The part of a second instance's install its v3 API cannot write (movies with their files already on
disk, their history and blocklist), written by `manage.py shell` in that instance's environment (its
data folder, its SQLite database) while it runs. Tags, the custom format, the quality profile and the
root folder were made through its API before: this names them by label and name.
"""

from datetime import UTC, datetime
from pathlib import Path

from downloads.models import Blocklist, History, HistoryEventType
from movies.models import AlternativeTitle, Collection
from radarr.models import Tag
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory

FILMS = [("Arrival", 2016, 329865), ("Alien", 1979, 348), ("Heat", 1995, 949), ("Ronin", 1998, 8195)]


def seed(root: str, profile_name: str) -> None:
    library = Path(root)
    profile = QualityProfile.objects.get(name=profile_name)
    kids, uhd = Tag.objects.get(label="kids"), Tag.objects.get(label="uhd")
    collection = Collection.objects.create(
        tmdb_id=8091, title="Alien Collection", clean_title="aliencollection", sort_title="alien collection",
        monitored=True, quality_profile=profile, root_folder_path=root, minimum_availability="inCinemas",
    )  # fmt: skip
    for number, (title, year, tmdb_id) in enumerate(FILMS):
        folder = library / f"{title} ({year})"
        folder.mkdir()
        movie = MovieFactory(
            title=title, year=year, tmdb_id=tmdb_id, imdb_id=f"tt{tmdb_id:07d}", quality_profile=profile,
            root_folder_path=root, path=str(folder), tags=[kids] if number % 2 else [kids, uhd],
            monitored=number != 2, minimum_availability="inCinemas" if number else "released",
            added=datetime(2020, 1, 1 + number, 10, 30, tzinfo=UTC),
            genres=["Drama", "Thriller"][: 1 + number % 2],
            collection=collection if title == "Alien" else None,
        )  # fmt: skip
        AlternativeTitle.objects.create(movie=movie, title=f"{title} Alt", clean_title=f"{title.lower()}alt")
        if title == "Ronin":  # wanted: a folder, no file yet
            (folder / "Ronin.nfo").write_text("<movie/>")
            continue
        name = f"{title}.{year}.{'HDR.' if number != 1 else ''}1080p.BluRay.x264-GRP.mkv"
        (folder / name).write_bytes(b"tiny" * (10 + number))
        MovieFileFactory(
            movie=movie, relative_path=name, size=(folder / name).stat().st_size, release_group="GRP",
            scene_name=name.removesuffix(".mkv"), edition="Director's Cut" if number == 1 else "",
            language_ids=[1, 2] if number else [1], quality_id=7,
            media_info={"videoCodec": "x264", "audioChannels": 5.1, "resolution": "1920x1080"},
            date_added=datetime(2021, 2, 3, 4, 5, number, tzinfo=UTC),
        )  # fmt: skip
        History.objects.create(
            movie=movie, event_type=HistoryEventType.GRABBED, date=datetime(2021, 2, 1, number, tzinfo=UTC),
            source_title=name.removesuffix(".mkv"), quality_id=7, data={"indexer": "NZBgeek"},
            download_id=f"SAB_{number}",
        )  # fmt: skip
        History.objects.create(
            movie=movie, event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED, quality_id=7,
            source_title=name.removesuffix(".mkv"), date=datetime(2021, 2, 3, 4, 5, number, tzinfo=UTC),
            download_id=f"SAB_{number}",
            data={"droppedPath": f"/downloads/{name}", "importedPath": str(folder / name)},
        )  # fmt: skip
    Blocklist.objects.create(
        movie=MovieFactory._meta.model.objects.get(title="Heat"), source_title="Heat.1995.1080p.WEB-BAD",
        quality_id=3, date=datetime(2021, 3, 1, tzinfo=UTC), protocol="torrent", indexer="Tracker",
        message="Failed",
    )  # fmt: skip
