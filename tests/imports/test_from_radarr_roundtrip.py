"""Moving in from a second instance of this server: a library seeded here, read through our own v3 API
(the same API Radarr speaks), the database emptied, then imported back: the library, profiles and
custom formats compare equal. Against a real second instance (a server process of its own, with its
own database): test_from_radarr_instance.py."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from downloads.models import Blocklist, DownloadClient, History, HistoryEventType, RemotePathMapping
from imports.fromradarr.run import SECTIONS, import_radarr
from imports.models import Metadata
from indexers.models import Indexer
from movies.models import AlternativeTitle, Collection, ImportExclusion, ImportList, Movie, RootFolder
from notifications.models import Notification
from radarr.models import Tag
from releases.models import CustomFormat, DelayProfile, QualityProfile, ReleaseProfile
from tests.downloads.factories import DownloadClientFactory
from tests.factories import TagFactory
from tests.imports.radarrsource import StandInRadarr
from tests.indexers.factories import IndexerFactory
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db

PAGED = ("history", "blocklist")
# the resources a move-in reads, as this server answers them
PATHS = [
    "system/status", "tag", "qualitydefinition", "customformat", "qualityprofile", "delayprofile",
    "rootfolder", "config/naming", "config/mediamanagement", "remotepathmapping", "downloadclient", "indexer",
    "releaseprofile", "notification", "metadata", "importlist", "exclusions", "config/ui", "config/host",
    "movie", "history", "blocklist", "collection", "autotagging", "config/indexer", "config/downloadclient",
    "config/importlist", "config/metadata",
]  # fmt: skip


def _seed(library: Path, api_client) -> None:
    """A small but complete install: tags, a custom format scored in a profile, providers with secrets,
    movies with files on disk, history and the blocklist."""
    hdr = api_client.post(
        "/api/v3/customformat",
        {"name": "HDR", "includeCustomFormatWhenRenaming": False, "specifications": [
            {"name": "HDR", "implementation": "ReleaseTitleSpecification", "negate": False, "required": True,
             "fields": [{"name": "value", "value": r"\bHDR\b"}]},
        ]},
        content_type="application/json",
    ).json()  # fmt: skip
    schema = api_client.get("/api/v3/qualityprofile/schema").json()
    for item in schema["items"]:
        item["allowed"] = item.get("quality", {}).get("id") in (7, 9, 3) if "quality" in item else False
    schema.update(name="HD Movies", cutoff=7, upgradeAllowed=True, minFormatScore=0, cutoffFormatScore=10)
    schema["formatItems"] = [{"format": hdr["id"], "name": "HDR", "score": 25}]
    profile_id = api_client.post("/api/v3/qualityprofile", schema, content_type="application/json").json()[
        "id"
    ]
    profile = QualityProfile.objects.get(pk=profile_id)
    kids, uhd = TagFactory(label="kids"), TagFactory(label="uhd")
    RootFolderFactory(path=str(library))
    for number, (title, year) in enumerate([("Arrival", 2016), ("Alien", 1979), ("Heat", 1995)]):
        movie = MovieFactory(
            title=title, year=year, quality_profile=profile, root_folder_path=str(library),
            path=str(library / f"{title} ({year})"), tags=[kids] if number else [kids, uhd],
            monitored=number != 2, minimum_availability="inCinemas" if number else "released",
            added=datetime(2020, 1, 1 + number, 10, 30, tzinfo=UTC),
        )  # fmt: skip
        AlternativeTitle.objects.create(movie=movie, title=f"{title} Alt", clean_title=f"{title.lower()}alt")
        folder = Path(movie.path)
        folder.mkdir()
        name = f"{title}.{year}.HDR.1080p.BluRay.x264-GRP.mkv"
        (folder / name).write_bytes(b"x" * (100 + number))
        MovieFileFactory(
            movie=movie, relative_path=name, size=100 + number, scene_name=name.removesuffix(".mkv"),
            release_group="GRP", edition="Director's Cut" if number == 1 else "", language_ids=[1, 2],
            media_info={"videoCodec": "x264", "audioChannels": 5.1, "resolution": "1920x1080"},
            date_added=datetime(2021, 2, 3, 4, 5, 6, tzinfo=UTC),
        )  # fmt: skip
        History.objects.create(
            movie=movie, event_type=HistoryEventType.GRABBED, date=datetime(2021, 2, 1, tzinfo=UTC),
            source_title=name, quality_id=7, data={"indexer": "NZBgeek"}, download_id=f"SAB_{number}",
        )  # fmt: skip
        History.objects.create(
            movie=movie, event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED, source_title=name,
            date=datetime(2021, 2, 3, 4, 5, 6, tzinfo=UTC), quality_id=7, download_id=f"SAB_{number}",
        )  # fmt: skip
    Blocklist.objects.create(
        movie=Movie.objects.get(title="Heat"), source_title="Heat.1995.1080p.WEB-BAD", quality_id=3,
        date=datetime(2021, 3, 1, tzinfo=UTC), protocol="torrent", indexer="Tracker", message="Failed",
    )  # fmt: skip
    IndexerFactory(name="NZBgeek")
    DownloadClientFactory(name="SABnzbd", settings={"host": "127.0.0.1", "port": 9, "apiKey": "secretkey"})
    ImportExclusion.objects.create(tmdb_id=603, movie_title="The Matrix", movie_year=1999)
    alien = Movie.objects.get(title="Alien")
    alien.collection = Collection.objects.create(
        tmdb_id=8091, title="Alien Collection", clean_title="aliencollection", sort_title="alien collection",
        monitored=True, quality_profile=profile, root_folder_path=str(library),
        minimum_availability="inCinemas",
    )  # fmt: skip
    alien.save()
    rule = api_client.post(
        "/api/v3/autotagging",
        {"name": "Old films", "removeTagsAutomatically": True, "tags": [uhd.pk], "specifications": [
            {"name": "Old", "implementation": "YearSpecification", "negate": False, "required": True,
             "fields": [{"name": "min", "value": 1900}, {"name": "max", "value": 1990}]},
            {"name": "Kids", "implementation": "TagSpecification", "negate": True, "required": False,
             "fields": [{"name": "value", "value": kids.pk}]}]},
        content_type="application/json",
    )  # fmt: skip
    assert rule.status_code == 201, rule.content


def _capture(api_client) -> dict[str, Any]:
    """What the source answers, read through its own API (paged resources in one big page)."""
    resources = {}
    for path in PATHS:
        params = {"pageSize": 10_000} if path in PAGED else {}
        response = api_client.get(f"/api/v3/{path}", params)
        assert response.status_code == 200, path
        body = response.json()
        resources[path] = body["records"] if path in PAGED else body
    return resources


def _empty_the_database() -> None:
    """This instance becomes a fresh install (the default profiles and formats stay, as a new one has)."""
    models = (History, Blocklist, Movie, Collection, ImportExclusion, Indexer, DownloadClient)
    for model in (*models, Notification, ImportList, Metadata, RootFolder, ReleaseProfile, RemotePathMapping):
        model.objects.all().delete()
    QualityProfile.objects.filter(name="HD Movies").delete()
    CustomFormat.objects.all().delete()
    DelayProfile.objects.exclude(tags=None).delete()
    Tag.objects.all().delete()


def _without_ids(value: Any, names: dict[str, dict[int, str]]) -> Any:
    """A resource with every row id replaced by what it names (tags by label, profiles by name...), and
    the ids of the rows themselves left out: they differ between two installs."""
    if isinstance(value, list):
        return [_without_ids(item, names) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    if value.get("type") == "movieTag":  # an auto tagging condition's tag
        value = {**value, "value": names["tag"].get(value.get("value"))}
    for key, item in value.items():
        if key in (
            "id",
            "movieId",
            "movieFileId",
            "movieMetadataId",
            "url",
        ):  # a cover's local url holds the id
            continue
        if key == "tags":
            item = sorted(names["tag"][tag] for tag in item)
        elif key == "qualityProfileId":
            item = names["profile"].get(item)
        elif key in ("format", "cutoffFormatId"):
            item = names["format"].get(item)
        result[key] = _without_ids(item, names)
    return result


def _names() -> dict[str, dict[int, str]]:
    return {
        "tag": dict(Tag.objects.values_list("pk", "label")),
        "profile": dict(QualityProfile.objects.values_list("pk", "name")),
        "format": dict(CustomFormat.objects.values_list("pk", "name")),
    }


def _compared(api_client, path: str) -> Any:
    body = api_client.get(f"/api/v3/{path}").json()
    body = body["records"] if path in PAGED else body
    key = "tmdbId" if path in ("movie", "collection") else "name"
    return sorted(
        _without_ids(body, _names()), key=lambda item: str(item.get(key) or item.get("sourceTitle"))
    )


def test_a_library_moves_in_from_another_instance_and_compares_equal(api_client, tmp_path):
    library = tmp_path / "movies"
    library.mkdir()
    _seed(library, api_client)
    compared = ("movie", "qualityprofile", "customformat", "history", "collection", "autotagging")
    before = {path: _compared(api_client, path) for path in compared}
    source = StandInRadarr()
    source.serve_all(_capture(api_client))
    _empty_the_database()
    assert not Movie.objects.exists()

    source.start()
    try:
        report = import_radarr(source.url, source.API_KEY)
    finally:
        source.stop()

    assert report.succeeded, report.as_json()
    assert [section.name for section in report.sections] == [section.name for section in SECTIONS]
    for path, expected in before.items():
        assert _compared(api_client, path) == expected, path
    assert Blocklist.objects.get().source_title == "Heat.1995.1080p.WEB-BAD"
    client = DownloadClient.objects.get(name="SABnzbd")
    assert client.needs_password and not client.enable  # our API masks its key, as Radarr's does
    assert any(notice.kind == "secret" and "SABnzbd" in notice.item for notice in report.notices)
