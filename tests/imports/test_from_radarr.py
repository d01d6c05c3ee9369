"""Moving in from Radarr against a loopback stand-in answering a small install of our own making
(tests/imports/fixtures/radarr): what comes over, what is reported, what is never touched."""

import hashlib
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from downloads.models import Blocklist, DownloadClient, History, HistoryEventType, RemotePathMapping
from imports.fromradarr.run import SECTIONS, import_radarr
from indexers.models import Indexer
from movies.models import ImportExclusion, Movie, MovieFile, RootFolder
from notifications.models import Notification
from radarr.models import Command as RadarrCommandRow
from radarr.models import Tag
from releases.models import CustomFormat, DelayProfile, QualityProfile, ReleaseProfile
from tests.imports.radarrsource import StandInRadarr, our_fixtures

pytestmark = pytest.mark.django_db

WRITTEN = (Tag, CustomFormat, QualityProfile, DelayProfile, ReleaseProfile, RootFolder, RemotePathMapping,
           DownloadClient, Indexer, Notification, ImportExclusion, Movie, MovieFile, History,
           Blocklist)  # fmt: skip


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The source's root folder, visible here: Arrival's file on disk, Alien's folder without its file."""
    root = tmp_path / "movies"
    (root / "Arrival (2016)").mkdir(parents=True)
    (root / "Arrival (2016)" / "Arrival (2016) Bluray-1080p.mkv").write_bytes(b"video")
    (root / "Alien (1979)").mkdir()
    (root / "Alien (1979)" / "Alien.nfo").write_text("<movie/>")
    return root


@pytest.fixture
def source(library: Path) -> Iterator[StandInRadarr]:
    server = StandInRadarr(page_size=2)  # history comes in three pages
    server.serve_all(our_fixtures(library))
    server.start()
    yield server
    server.stop()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN}


def _fingerprints(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under `folder`: its content's hash, size and modification time in nanoseconds."""
    return {
        str(path): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_size,
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_library_comes_over_with_its_files_as_they_are(source, library):
    report = import_radarr(source.url, source.API_KEY)

    assert report.succeeded, report.as_json()
    assert report.source_version == "5.14.0.9383"
    arrival = Movie.objects.get(tmdb_id=329865)
    assert arrival.path == str(library / "Arrival (2016)")
    assert arrival.quality_profile.name == "HD-1080p (Radarr)"
    assert [tag.label for tag in arrival.tags.all()] == ["kids"]
    assert arrival.added == datetime(2019, 1, 2, 10, tzinfo=UTC)
    assert arrival.in_cinemas.isoformat() == "2016-05-01"
    assert list(arrival.alternative_titles.values_list("title", flat=True)) == ["L'Arrivée"]
    dune = Movie.objects.get(tmdb_id=438631)
    assert (dune.monitored, dune.minimum_availability) == (False, "inCinemas")
    movie_file = arrival.files.get()
    assert movie_file.relative_path == "Arrival (2016) Bluray-1080p.mkv"
    assert (movie_file.scene_name, movie_file.release_group, movie_file.quality_id) == (
        "Arrival.2016.1080p.BluRay.x265-GRP", "GRP", 7,
    )  # fmt: skip
    assert movie_file.date_added == datetime(2020, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert movie_file.media_info["videoCodec"] == "x265"
    x265 = CustomFormat.objects.get(name="x265")
    assert movie_file.custom_format_ids == [x265.pk]  # matched here again, from the scene name
    assert arrival.has_file and arrival.size_on_disk == 5


def test_profiles_and_custom_formats_keep_their_scores_and_groups(source):
    import_radarr(source.url, source.API_KEY)

    profile = QualityProfile.objects.get(name="HD-1080p (Radarr)")
    scores = {score.custom_format.name: score.score for score in profile.format_scores.all()}
    assert scores["x265"] == -50 and scores["Remux"] == 100
    assert profile.cutoff == 1001 and profile.cutoff_format_score == 100
    group = next(item for item in profile.items if item.get("name") == "WEB 1080p")
    assert group["qualities"] == [3, 15]
    assert CustomFormat.objects.get(name="Remux").include_custom_format_when_renaming
    tagged = DelayProfile.objects.get(tags__label="4k")
    assert (tagged.enable_usenet, tagged.enable_torrent) == (True, False)
    assert ReleaseProfile.objects.get(name="No cams").ignored == ["CAM", "TELESYNC"]


def test_history_and_blocklist_come_over_with_their_dates(source):
    report = import_radarr(source.url, source.API_KEY)

    alien = Movie.objects.get(tmdb_id=348)
    events = list(alien.history.order_by("date").values_list("event_type", "date", "data"))
    assert [event[0] for event in events] == [
        HistoryEventType.DOWNLOAD_FAILED,
        HistoryEventType.MOVIE_FILE_DELETED,
        HistoryEventType.MOVIE_FILE_RENAMED,
    ]
    assert events[0][1] == datetime(2020, 1, 1, tzinfo=UTC) and events[0][2] == {
        "message": "Unpacking failed"
    }
    grab = History.objects.get(event_type=HistoryEventType.GRABBED)
    assert grab.download_id == "SAB1" and grab.custom_formats == [
        {"id": CustomFormat.objects.get(name="x265").pk, "name": "x265"}
    ]
    history = next(section for section in report.sections if section.name == "History")
    assert (history.found, history.imported, history.skip_reasons) == (
        6,
        5,
        {"its movie was not imported": 1},
    )
    blocked = Blocklist.objects.get()
    assert (blocked.movie, blocked.date, blocked.quality_id) == (
        alien,
        datetime(2020, 1, 1, 0, 0, 5, tzinfo=UTC),
        3,
    )


def test_providers_without_their_secrets_are_saved_disabled_and_reported(source):
    report = import_radarr(source.url, source.API_KEY)

    sabnzbd = DownloadClient.objects.get(name="SABnzbd")
    assert (sabnzbd.enable, sabnzbd.needs_password, sabnzbd.settings["apiKey"]) == (False, True, "")
    assert sabnzbd.settings["host"] == "sabnzbd.lan"
    qbittorrent = DownloadClient.objects.get(name="Torrents")
    assert (qbittorrent.enable, qbittorrent.needs_password) == (False, True)
    assert qbittorrent.settings["password"] == ""  # never the mask itself
    nzbgeek = Indexer.objects.get(name="NZBgeek")
    assert not nzbgeek.is_enabled and nzbgeek.needs_password
    assert nzbgeek.download_client_id == sabnzbd.pk
    nyaa = Indexer.objects.get(name="Public tracker")  # nothing secret: as it was
    assert (nyaa.enable_rss, nyaa.enable_automatic_search, nyaa.needs_password) == (True, False, False)
    telegram = Notification.objects.get(name="Telegram")
    assert telegram.needs_password and not telegram.on_grab
    flagged = {notice.item for notice in report.notices if notice.kind == "secret"}
    assert flagged == {"Download client 'SABnzbd'", "Download client 'Torrents'", "Indexer 'NZBgeek'",
                       "Connection 'Telegram'"}  # fmt: skip
    unknown = [notice for notice in report.notices if notice.kind == "unknown"]
    # Rarbg: a kind Radarr 4 had and Radarr 5 removed, which we do not have either
    assert [notice.item for notice in unknown] == ["Indexer 'Rarbg'"]


def test_a_provider_given_its_password_here_keeps_it_on_the_next_run(source, admin_client):
    import_radarr(source.url, source.API_KEY)
    client = DownloadClient.objects.get(name="Torrents")
    client.settings = {**client.settings, "password": "typed-here"}
    client.needs_password = False
    client.save()

    report = import_radarr(source.url, source.API_KEY)

    client.refresh_from_db()
    assert (client.settings["password"], client.needs_password, client.enable) == ("typed-here", False, True)
    assert "Download client 'Torrents'" not in {notice.item for notice in report.notices}


def test_missing_files_are_reported_and_no_file_is_touched(source, library):
    before = _fingerprints(library)

    report = import_radarr(source.url, source.API_KEY)

    assert _fingerprints(library) == before
    assert not MovieFile.objects.filter(movie__tmdb_id=348).exists()  # Alien's file is not there
    paths = {notice.item: notice.message for notice in report.notices if notice.kind == "path"}
    assert str(library / "Alien (1979)" / "Alien (1979) Bluray-1080p.mkv") in paths
    roots = {notice.item: notice.message for notice in report.notices if notice.kind == "root folder"}
    assert "remote path mapping" in roots["/mnt/nas-not-mounted/movies"]
    assert (
        Movie.objects.get(tmdb_id=949).path == "/mnt/nas-not-mounted/movies/Heat (1995)"
    )  # adopted as it is
    files = next(section for section in report.sections if section.name == "Movie files")
    assert files.skip_reasons == {"file not found": 1, "in a root folder not visible here": 1}


def test_a_dry_run_writes_nothing_and_reports_what_it_would_do(source, library):
    before = _counts()

    report = import_radarr(source.url, source.API_KEY, dry_run=True)

    assert _counts() == before
    movies = next(section for section in report.sections if section.name == "Movies")
    assert (movies.found, movies.imported, movies.status) == (4, 4, "rolled back (dry run)")
    assert any(notice.kind == "secret" for notice in report.notices)


def test_a_second_run_updates_and_never_duplicates(source, library):
    import_radarr(source.url, source.API_KEY)
    first = _counts()
    Movie.objects.filter(tmdb_id=329865).update(monitored=False)
    movies = our_fixtures(library)["movie"]
    movies[0]["movieFile"]["releaseGroup"] = "NEWGRP"  # the source's file facts changed since
    movies[0]["movieFile"]["edition"] = "Extended"
    source.serve("movie", movies)

    report = import_radarr(source.url, source.API_KEY)

    assert _counts() == first
    assert Movie.objects.get(tmdb_id=329865).monitored  # the source's value again
    movie_file = MovieFile.objects.get(movie__tmdb_id=329865)
    assert (movie_file.release_group, movie_file.edition) == ("NEWGRP", "Extended")
    movies = next(section for section in report.sections if section.name == "Movies")
    assert (movies.imported, movies.updated) == (0, 4)
    history = next(section for section in report.sections if section.name == "History")
    assert history.imported == 0 and history.skip_reasons["already here"] == 5


def test_a_failing_section_stops_the_run_and_keeps_the_earlier_ones(source):
    source.fail("movie")

    report = import_radarr(source.url, source.API_KEY)

    assert report.stopped_at == "Movies" and not report.succeeded
    failed = next(section for section in report.sections if section.name == "Movies")
    assert failed.status == "failed" and "500" in failed.error
    assert report.sections[-1] is failed  # nothing after it was read
    assert QualityProfile.objects.filter(name="HD-1080p (Radarr)").exists()
    assert Indexer.objects.filter(name="NZBgeek").exists()
    assert not Movie.objects.exists()


def test_a_source_that_refuses_the_key_is_reported_before_anything_is_read(source):
    source.fail("system/status", status=401)

    report = import_radarr(source.url, "wrong")

    assert report.stopped_at == "Connecting" and "API key" in report.sections[0].error
    assert not Tag.objects.exists()


def test_the_command_prints_progress_and_the_report(source):
    out = io.StringIO()

    call_command("import_radarr", "--url", source.url, "--api-key", source.API_KEY, stdout=out)

    text = out.getvalue()
    position = [section.name for section in SECTIONS].index("Movies") + 1
    assert f"[{position}/{len(SECTIONS)}] Movies" in text and "Movies: 4 found, 4 imported, 0 updated" in text
    assert "[secret] Indexer 'NZBgeek'" in text
    assert source.API_KEY not in text
    command = RadarrCommandRow.objects.get(name="ImportRadarr")  # System → Tasks lists it
    assert command.status == "completed" and command.message.startswith("Finished")


def test_the_command_fails_with_the_stopping_section(source):
    source.fail("history")

    with pytest.raises(CommandError, match="Stopped at History"):
        call_command("import_radarr", "--url", source.url, "--api-key", source.API_KEY, stdout=io.StringIO())

    assert Movie.objects.count() == 4


def test_settings_come_over_but_never_one_that_deletes_files(source):
    from downloads.models import DownloadClientConfig
    from imports.models import NamingConfig
    from indexers.models import IndexerConfig
    from movies.models import ImportListConfig, MetadataConfig

    report = import_radarr(source.url, source.API_KEY)

    assert NamingConfig.load().standard_movie_format == "{Movie Title} ({Release Year}) {Quality Full}"
    assert (IndexerConfig.load().minimum_age, IndexerConfig.load().rss_sync_interval) == (10, 20)
    assert not DownloadClientConfig.load().auto_redownload_failed
    assert MetadataConfig.load().certification_country == "gb"
    cleaning = ImportListConfig.load()
    assert cleaning.list_sync_level == "removeAndKeep"  # the source's removeAndDelete is not armed here
    assert cleaning.list_sync_tag == Tag.objects.get(label="anime").pk
    assert any(notice.item == "Import list cleaning" for notice in report.notices)
    mapping = RemotePathMapping.objects.get()
    assert (mapping.host, mapping.remote_path, mapping.local_path) == (
        "sabnzbd.lan",
        "/downloads/complete/",
        "/data/complete/",
    )
    assert ImportExclusion.objects.get().tmdb_id == 603


def test_a_source_before_release_profiles_gives_its_restrictions(source):
    source.fail("releaseprofile", status=404)
    source.serve("restriction", [{"id": 1, "required": "REMUX,HDR", "ignored": "CAM", "tags": [22]}])

    report = import_radarr(source.url, source.API_KEY)

    assert report.succeeded
    profile = ReleaseProfile.objects.get()
    assert (profile.required, profile.ignored) == (["REMUX", "HDR"], ["CAM"])
    assert [tag.label for tag in profile.tags.all()] == ["4k"]


def test_a_file_path_leaving_its_movie_folder_is_never_adopted(source, library, tmp_path):
    outside = tmp_path / "outside.mkv"
    outside.write_bytes(b"not a movie file")
    movies = our_fixtures(library)["movie"]
    movies[0]["movieFile"]["relativePath"] = "../../outside.mkv"
    movies[1]["movieFile"]["relativePath"] = str(outside)
    source.serve("movie", movies)

    report = import_radarr(source.url, source.API_KEY)

    assert not MovieFile.objects.filter(movie__tmdb_id__in=[329865, 348]).exists()
    files = next(section for section in report.sections if section.name == "Movie files")
    assert files.skip_reasons["no usable path"] == 2
    assert outside.read_bytes() == b"not a movie file"


def test_collections_and_auto_tagging_rules_name_our_rows(source, library):
    from movies.models import AutoTag, Collection

    import_radarr(source.url, source.API_KEY)

    collection = Collection.objects.get(tmdb_id=8091)
    assert collection.monitored and collection.quality_profile.name == "HD-1080p (Radarr)"
    assert collection.root_folder_path == str(library)
    assert [tag.label for tag in collection.tags.all()] == ["kids"]
    assert Movie.objects.get(tmdb_id=348).collection == collection
    rule = AutoTag.objects.get(name="Kids films")
    values = {spec["implementation"]: spec for spec in rule.specifications}
    profile = QualityProfile.objects.get(name="HD-1080p (Radarr)")
    assert values["QualityProfileSpecification"]["fields"]["value"] == profile.pk
    assert values["TagSpecification"]["fields"]["value"] == Tag.objects.get(label="4k").pk
    assert [tag.label for tag in rule.tags.all()] == ["kids"]


def test_a_provider_missing_its_secret_and_wrong_otherwise_is_refused_not_saved(source, library):
    indexers = our_fixtures(library)["indexer"]
    indexers[0]["fields"][0]["value"] = ""  # NZBgeek's URL, which is required, besides its masked key
    source.serve("indexer", indexers)

    report = import_radarr(source.url, source.API_KEY)

    assert not Indexer.objects.filter(name="NZBgeek").exists()
    refused = [notice for notice in report.notices if notice.item == "Indexer 'NZBgeek'"]
    assert [notice.kind for notice in refused] == ["invalid"] and "URL" in refused[0].message
    assert Indexer.objects.get(name="Public tracker").download_client_id == 0


def test_overlong_texts_are_cut_to_fit_and_an_overlong_path_is_refused(source, library):
    movies = our_fixtures(library)["movie"]
    movies[0]["certification"] = "X" * 300
    movies[0]["movieFile"]["releaseGroup"] = "G" * 300
    movies[3]["path"] = "/" + "d" * 1200
    source.serve("movie", movies)

    report = import_radarr(source.url, source.API_KEY)

    assert report.succeeded, report.stopped_at
    arrival = Movie.objects.get(tmdb_id=329865)
    assert arrival.certification == "X" * 20 and arrival.files.get().release_group == "G" * 200
    assert not Movie.objects.filter(tmdb_id=438631).exists()
