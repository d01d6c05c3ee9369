"""Scene group evidence: every release an indexer returns (RSS, search, push) becomes a sighting, and
what became of our own grabs and files becomes an outcome of the release's group."""

import logging
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from downloads.failing import fail_download, mark_history_failed
from downloads.models import History, HistoryEventType, TrackedDownload
from downloads.rsssync import rss_sync
from downloads.search import search_movie
from imports.completed import import_completed_downloads
from imports.filedeletion import delete_movie_file
from imports.pipeline import import_folder
from indexers.evidence import release_group_of, sighting
from indexers.matching import LibraryIndex
from indexers.search import searchable_movies
from releases.models import QualityDefinition
from releases.qualities import REMUX_1080P
from releases.releaseinfo import ReleaseInfo
from scenegroups.evidence import record_sightings
from scenegroups.models import Outcome, OutcomeKind, SceneGroup, Sighting
from tests.downloads.factories import TrackedDownloadFactory
from tests.indexers.searchsupport import Item, newznab_indexer, serve_newznab, usenet_blackhole
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory
from tests.scenegroups.feeds import FIXTURES, Feed, serve, with_seeders

pytestmark = pytest.mark.django_db

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"


def _tracker(fake_server, content: bytes | None = None) -> None:
    feed = Feed.of("orchard", "Torznab", FIXTURES / "torznab_groups.xml")
    serve(fake_server, Feed(feed.name, feed.implementation, content or feed.content))


# ---- sightings


def test_an_rss_sync_records_every_tracker_release_with_what_the_tracker_says(fake_server):
    _tracker(fake_server)

    result = rss_sync()

    assert result.releases == 8 and result.matched == 0  # no library movie: evidence all the same
    remux = Sighting.objects.get(guid="tz-101")
    assert (remux.group, remux.group_name, remux.indexer, remux.source) == (
        "framestor",
        "FraMeSToR",
        "orchard",
        "rss",
    )
    assert (remux.quality, remux.size, remux.category) == ("Remux-2160p", 62_000_000_000, 2045)
    assert (remux.seeders, remux.leechers, remux.times_completed) == (120, 10, 800)
    assert (remux.internal, remux.scene, remux.freeleech) == (True, False, True)
    scene = Sighting.objects.get(guid="tz-202")
    assert (scene.group, scene.quality, scene.scene, scene.internal) == ("sparks", "Bluray-720p", True, False)
    groups = ["evo", "framestor", "sparks"]
    assert sorted(Sighting.objects.values_list("group", flat=True).distinct()) == groups
    assert sorted(SceneGroup.objects.values_list("key", flat=True)) == groups  # recomputed by the sync


def test_hdbits_medium_codec_origin_and_times_completed_are_kept(fake_server):
    serve(fake_server, Feed.of("hdbits", "HDBits", FIXTURES / "hdbits_groups.json"))

    rss_sync()

    remux = Sighting.objects.get(guid="HDBits-9001")
    assert (remux.group, remux.medium, remux.codec, remux.category) == ("framestor", "Remux", "H.264", 1)
    assert (remux.times_completed, remux.seeders, remux.internal, remux.freeleech) == (1200, 150, True, True)
    web = Sighting.objects.get(guid="HDBits-9003")
    assert (web.medium, web.codec, web.internal, web.quality) == ("WEB-DL", "HEVC", False, "WEBDL-2160p")


def test_usenet_releases_keep_their_grabs_and_have_no_seeders(fake_server):
    serve(fake_server, Feed.of("usenet", "Newznab", FIXTURES / "newznab_groups.xml"))

    rss_sync()

    flux = Sighting.objects.get(guid="nz-401")
    assert (flux.group, flux.protocol, flux.times_completed, flux.category) == ("flux", "usenet", 510, 2045)
    assert flux.seeders is None and flux.leechers is None


def test_the_preferred_size_is_the_quality_definitions_for_the_matched_movies_runtime(fake_server):
    MovieFactory(title="Quiet Orchard", year=2021, runtime=100, monitored=False)
    QualityDefinition.objects.filter(quality_id=REMUX_1080P.id).update(preferred_size=250)
    _tracker(fake_server)

    rss_sync()

    matched = Sighting.objects.get(guid="tz-102")  # Quiet.Orchard.2021.1080p.BluRay.REMUX-FraMeSToR
    assert matched.preferred_size == 250 * 100 * 1024 * 1024
    assert Sighting.objects.get(guid="tz-103").preferred_size == 0  # Paper Moons is not in the library


def test_a_release_seen_again_refreshes_its_counts_instead_of_doubling(fake_server):
    _tracker(fake_server)
    rss_sync()
    content = (FIXTURES / "torznab_groups.xml").read_bytes()
    _tracker(fake_server, with_seeders(content, "EVO", 77))

    rss_sync()

    assert Sighting.objects.count() == 8
    assert set(Sighting.objects.filter(group="evo").values_list("seeders", flat=True)) == {77}


def test_a_search_records_its_results_as_search_sightings(fake_server):
    movie = MovieFactory(title="Quiet Orchard", year=2021, imdb_id="tt2222222")
    _tracker(fake_server)

    result = search_movie(searchable_movies([movie.pk])[0], LibraryIndex.load())

    assert len(result.decisions) == 8
    assert set(Sighting.objects.values_list("source", flat=True)) == {"search"}
    assert Sighting.objects.count() == 8


def test_a_push_is_recorded_as_a_push_sighting(api_client, fake_server):
    url = f"{fake_server.url}/get/1.torrent"
    body = {
        "title": "Quiet.Orchard.2021.1080p.BluRay.x264-SPARKS",
        "downloadUrl": url,
        "protocol": "torrent",
        "publishDate": "2025-01-07T12:00:00Z",
        "seeders": 31,
        "leechers": 2,
        "indexer": "autobrr",
        "indexerFlags": 128,  # G_Scene
    }

    response = api_client.post("/api/v3/release/push", body, content_type="application/json")

    assert response.status_code == 200
    pushed = Sighting.objects.get()
    assert (pushed.guid, pushed.group, pushed.source) == (f"PUSH-{url}", "sparks", "push")
    assert (pushed.seeders, pushed.leechers, pushed.scene, pushed.indexer) == (31, 2, True, "autobrr")


def test_a_failure_while_recording_evidence_never_breaks_the_sync(fake_server, tmp_path, caplog):
    MovieFactory(title="Arrival", year=2016)
    serve_newznab(fake_server, [Item(RELEASE)])
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    with connection.cursor() as cursor:  # the test's transaction puts the table back afterwards
        cursor.execute("DROP TABLE scenegroups_sighting")

    with caplog.at_level(logging.ERROR, logger="indexers.evidence"):
        result = rss_sync()

    assert [decision.release.title for decision in result.processed.grabbed] == [RELEASE]
    assert History.objects.filter(event_type=HistoryEventType.GRABBED).count() == 1
    assert "Recording scene group evidence from 1 rss release(s) failed" in caplog.text


def test_an_rss_sync_costs_the_same_queries_for_ten_and_sixty_releases(fake_server):
    def sync_queries(count: int, prefix: str) -> int:
        groups = ("SPARKS", "FLUX", "EVO")  # the same groups: recomputing them costs the same
        items = [
            Item(f"{prefix}.Film.{n}.2011.1080p.BluRay.x264-{groups[n % 3]}", guid=f"{prefix}{n}")
            for n in range(count)
        ]
        serve_newznab(fake_server, items, prefix=f"/{prefix}")
        indexer = newznab_indexer(fake_server, prefix=f"/{prefix}")
        with CaptureQueriesContext(connection) as captured:
            result = rss_sync()
        indexer.delete()
        assert result.releases == count
        return len(captured)

    sync_queries(3, "Warm")  # the first sync creates the options rows and the groups

    assert sync_queries(10, "Small") == sync_queries(60, "Large")
    assert Sighting.objects.filter(guid__startswith="Large").count() == 60
    assert SceneGroup.objects.get(key="flux").releases == 1 + 3 + 20  # recomputed after each sync


def test_an_rss_sync_parses_each_title_once(fake_server, monkeypatch):
    """Matching, deciding and the evidence all read one parse of a title (the hot path of a sync)."""
    from collections import Counter

    from downloads import rsssync
    from indexers import evidence
    from releases.decisions import engine
    from releases.parser import parse_movie_title

    parses: Counter[str] = Counter()

    def counting_parse(title: str):
        parses[title] += 1
        return parse_movie_title(title)

    for module in (rsssync, evidence, engine):
        monkeypatch.setattr(module, "parse_movie_title", counting_parse)
    MovieFactory(title="Quiet Orchard", year=2021, monitored=False)  # three releases match, five do not
    _tracker(fake_server)

    result = rss_sync()

    assert result.releases == 8 and Sighting.objects.count() == 8
    assert len(parses) == 8 and set(parses.values()) == {1}


# ---- outcomes


@pytest.fixture
def grabbed(fake_server, tmp_path) -> History:
    """Arrival grabbed by an RSS sync through a real Usenet Blackhole: the grab and its tracked download."""
    MovieFactory(title="Arrival", year=2016)
    serve_newznab(fake_server, [Item(RELEASE)])
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    rss_sync()
    return History.objects.get(event_type=HistoryEventType.GRABBED)


def test_a_grab_is_an_outcome_of_the_releases_group(grabbed):
    outcome = Outcome.objects.get(kind=OutcomeKind.GRABBED)

    assert (outcome.group, outcome.key, outcome.title) == ("grp", f"history:{grabbed.pk}", RELEASE)
    assert outcome.movie_id == grabbed.movie_id


def test_a_failed_download_counts_once_against_its_group(grabbed):
    tracked = TrackedDownload.objects.get(grab=grabbed)

    fail_download(tracked, "Unpacking failed", skip_redownload=True, remove_from_client=False)
    mark_history_failed(grabbed.pk)  # the user marks the same grab failed afterwards

    failed = Outcome.objects.filter(kind=OutcomeKind.FAILED)
    assert [(outcome.group, outcome.key) for outcome in failed] == [("grp", f"history:{grabbed.pk}")]


@pytest.fixture
def arrival(tmp_path):
    library = tmp_path / "movies"
    RootFolderFactory(path=str(library))  # files are only imported into a configured root folder
    return MovieFactory(
        title="Arrival", year=2016, root_folder_path=str(library), path=str(library / "Arrival (2016)")
    )


def _write(path, size: int = 2048):  # noqa: ANN202 - a Path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    return path


def test_an_import_counts_for_its_group_and_the_file_it_upgraded_against_the_old_one(arrival, tmp_path):
    old = _write(tmp_path / "movies" / "Arrival (2016)" / "Arrival.2016.720p.HDTV.x264-OLD.mkv", 1000)
    old_row = MovieFileFactory(
        movie=arrival,
        relative_path=old.name,
        size=1000,
        quality_id=4,
        release_group="OLD",
        scene_name=old.stem,
    )
    _write(tmp_path / "downloads" / RELEASE / f"{RELEASE}.mkv")

    result = import_folder(tmp_path / "downloads" / RELEASE)

    [imported] = result.imported
    outcomes = {(o.kind, o.group, o.key) for o in Outcome.objects.all()}
    assert outcomes == {
        (OutcomeKind.IMPORTED, "grp", f"moviefile:{imported.movie_file.pk}"),
        (OutcomeKind.UPGRADED, "old", f"moviefile:{old_row.pk}"),
    }


def test_a_file_the_user_deletes_counts_against_its_group(arrival, tmp_path):
    path = _write(tmp_path / "movies" / "Arrival (2016)" / f"{RELEASE}.mkv")
    movie_file = MovieFileFactory(
        movie=arrival, relative_path=path.name, release_group="GRP", scene_name=RELEASE
    )
    key = f"moviefile:{movie_file.pk}"

    delete_movie_file(movie_file)

    deleted = Outcome.objects.get(kind=OutcomeKind.DELETED)
    assert (deleted.group, deleted.key, deleted.movie_id) == ("grp", key, arrival.pk)


def test_a_download_that_cannot_be_imported_is_one_rejection_however_often_it_is_tried(grabbed, tmp_path):
    sample = _write(tmp_path / "downloads" / "sample" / f"{RELEASE}.sample.mkv")
    tracked = TrackedDownload.objects.get(grab=grabbed)
    TrackedDownload.objects.filter(pk=tracked.pk).update(
        state="importPending", item_status="completed", output_path=str(sample.parent), remaining_size=0
    )
    import_completed_downloads()
    TrackedDownload.objects.filter(pk=tracked.pk).update(state="importPending")  # the user retries

    import_completed_downloads()

    tracked.refresh_from_db()
    assert tracked.state == "importBlocked"
    rejected = Outcome.objects.filter(kind=OutcomeKind.REJECTED)
    assert [(outcome.group, outcome.title) for outcome in rejected] == [("grp", RELEASE)]


def test_a_download_not_grabbed_by_us_takes_its_group_from_the_title(tmp_path, arrival):
    from downloads.models import DownloadClient

    client = DownloadClient.objects.create(
        name="Blackhole", implementation="TorrentBlackhole", protocol="torrent", settings={}
    )
    sample = _write(tmp_path / "downloads" / "sample" / "Arrival.2016.2160p.WEB-DL.x265-FLUX.sample.mkv")
    TrackedDownloadFactory(
        client=client,
        movie=arrival,
        title="Arrival.2016.2160p.WEB-DL.x265-FLUX",
        state="importPending",
        item_status="completed",
        output_path=str(sample.parent),
        remaining_size=0,
    )

    import_completed_downloads()

    assert Outcome.objects.get(kind=OutcomeKind.REJECTED).group == "flux"


# ---- one release as evidence, without a feed


def _release(title: str = RELEASE, **changes) -> ReleaseInfo:
    fields = {"guid": title, "title": title, "size": 1, "protocol": "torrent"} | changes
    return ReleaseInfo(publish_date=datetime(2026, 3, 1, tzinfo=UTC), **fields)


@pytest.mark.parametrize(
    ("categories", "kept"),
    [
        ((2000, 2040), 2040),  # the subcategory says more than its parent
        ((100045, 2000), 2000),  # a standard id beats a tracker's own, even a parent one
        ((100045,), 100045),  # the tracker's own id when it gives nothing else
        ((), None),
    ],
)
def test_a_sighting_keeps_the_most_specific_standard_category(categories, kept):
    assert sighting(_release(categories=categories), None, source="rss").category == kept


def test_a_grab_or_file_keeps_the_group_recorded_with_it_over_its_titles():
    assert release_group_of("Arrival.2016.1080p.BluRay.x264-GRP", " SPARKS ") == "SPARKS"
    assert release_group_of("Arrival.2016.1080p.BluRay.x264-GRP", "  ") == "GRP"


def test_a_title_that_is_not_a_movie_still_gives_its_group():
    # a season pack: the movie parser reads nothing, the group parser still finds who released it
    assert release_group_of("Show.S01.1080p.BluRay.x264-DEMAND") == "DEMAND"


def test_a_batch_skips_releases_without_a_guid_or_group_and_stores_a_negative_size_as_unknown():
    facts = [
        sighting(_release(size=-1), None, source="rss"),
        sighting(_release("Arrival.2016.1080p.BluRay.x264"), None, source="rss"),  # no group
        sighting(_release(guid=""), None, source="rss"),
    ]

    assert record_sightings(facts) == {"grp"}

    assert list(Sighting.objects.values_list("guid", "size")) == [(RELEASE, 0)]
