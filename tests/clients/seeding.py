"""A library for the real-client tests, written into an instance's database before it starts (run inside
that instance's environment by `manage.py shell`): movies with and without files, profiles, tags,
formats, indexers, clients, notifications, history, blocklist, exclusions, an auto tagging rule.
"""

import json
from pathlib import Path

from django.utils import timezone

from downloads.models import RemotePathMapping
from imports.models import NamingConfig
from movies.autotagrules import rule_input, save_auto_tag
from movies.models import ImportList, ImportListItem, MovieVersion, RootFolder
from notifications.models import Notification
from radarr.models import Tag
from releases.customformats import save_custom_format
from releases.defaults import install_defaults
from releases.models import ReleaseProfile
from tests.downloads.factories import BlocklistFactory, DownloadClientFactory, GrabFactory
from tests.factories import CommandFactory
from tests.indexers.factories import IndexerFactory
from tests.movies.factories import CollectionFactory, ImportExclusionFactory, MovieFactory, MovieFileFactory


def seed(root: str) -> dict[str, object]:
    """Create the library under the root folder `root`; returns the ids tests refer to."""
    install_defaults()
    Path(root).mkdir(parents=True, exist_ok=True)
    RootFolder.objects.get_or_create(path=root)
    uhd, kids = Tag.objects.create(label="uhd"), Tag.objects.create(label="kids")
    collection = CollectionFactory(title="Seeded Collection", tmdb_id=90_001)
    movies = [
        MovieFactory(
            title=title,
            tmdb_id=tmdb_id,
            imdb_id=f"tt{tmdb_id:07d}",
            year=year,
            root_folder_path=root,
            path=f"{root}/{title} ({year})",
            genres=["Drama"],
            studio="Seed Studio",
            collection=collection if index == 0 else None,
        )
        for index, (title, tmdb_id, year) in enumerate(
            [("Arrival", 329865, 2016), ("Heat", 949, 1995), ("Alien", 348, 1979)]
        )
    ]
    movies[0].tags.set([uhd])
    movies[1].tags.set([kids])
    movie_file = MovieFileFactory(movie=movies[0], relative_path="Arrival (2016).mkv", size=4_000_000_000)
    # an extra version with its own file: clients must keep reading the primary version as the movie
    version = MovieVersion.objects.create(
        movie=movies[0], name="4K", quality_profile_id=movies[0].quality_profile_id, has_file=True
    )
    MovieFileFactory(
        movie=movies[0],
        version=version,
        is_primary=False,
        quality_id=19,
        relative_path="Arrival (2016) - 4K.mkv",
    )
    ImportExclusionFactory(tmdb_id=90_002, movie_title="Excluded", movie_year=2001)
    save_custom_format(
        "x265",
        False,
        [{"name": "x265", "implementation": "ReleaseTitleSpecification", "fields": {"value": "x265|HEVC"}}],
    )
    ReleaseProfile.objects.create(name="No CAM", ignored=["CAM"]).tags.set([uhd])
    IndexerFactory(name="Seeded Indexer").tags.set([uhd])
    DownloadClientFactory(name="Seeded Client")
    # Telegram: buildarr-radarr 0.2.6 still reads Email's `requireEncryption`, which Radarr renamed
    # useEncryption (src/NzbDrone.Core/Notifications/Email/EmailSettings.cs), so it fails there on Radarr too
    Notification.objects.create(
        name="Seeded Telegram",
        implementation="Telegram",
        settings={
            "botToken": "123456:token",
            "chatId": "42",
            "sendSilently": False,
            "apiUrl": "http://127.0.0.1:9",
        },
        on_grab=True,
    )
    import_list = ImportList.objects.create(
        name="Seeded List",
        implementation="RadarrListImport",
        settings={"url": "http://127.0.0.1:9/list.json"},
        enabled=True,
        root_folder_path=root,
        quality_profile_id=movies[0].quality_profile_id,
    )
    import_list.tags.set([kids])
    ImportListItem.objects.create(import_list=import_list, tmdb_id=90_003, title="Listed", year=2003)
    naming = NamingConfig.load()
    # not Radarr's default (Smart): buildarr-radarr 0.2.6's radarr-py 0.4.0 predates Smart and fails to
    # read a naming config holding it, from Radarr as from us (FAILS_ON_RADARR in tests/clients/calls.py)
    naming.colon_replacement_format = "dash"
    naming.save()
    RemotePathMapping.objects.create(host="127.0.0.1", remote_path="/downloads/", local_path=f"{root}/")
    GrabFactory(movie=movies[0])
    BlocklistFactory(movie=movies[1])
    CommandFactory()
    save_auto_tag(
        rule_input(
            "Drama",
            False,
            [kids.pk],
            [
                {
                    "name": "Drama",
                    "implementation": "GenreSpecification",
                    "fields": [{"name": "value", "value": ["Drama"]}],
                }
            ],
        )
    )
    return {
        "movieIds": [movie.pk for movie in movies],
        "tmdbIds": [movie.tmdb_id for movie in movies],
        "movieFileId": movie_file.pk,
        "tagIds": [uhd.pk, kids.pk],
        "seededAt": timezone.now().isoformat(),
    }


def main(root: str, answer: str) -> None:
    Path(answer).write_text(json.dumps(seed(root)))
