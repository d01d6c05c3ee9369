"""Deciding and grabbing per movie version through the real paths (loopback Newznab, a real Usenet
Blackhole client): RSS sync, automatic, missing and cutoff searches, push, pending releases and the
interactive search page. A 2160p release goes to the 4K version; the 1080p primary version keeps its
own file, queue and grabs."""

from datetime import timedelta

import pytest

from downloads import tasks
from downloads.backlog import backlog_search
from downloads.interactive import interactive_search
from downloads.models import History, PendingRelease, TrackedDownload
from downloads.rsssync import rss_sync
from indexers.models import BacklogSettings
from movies.models import MovieVersion
from movies.versions import add_version
from movies.wanted import missing_versions
from releases.models import DelayProfile, QualityProfile
from tests.downloads.factories import TrackedDownloadFactory
from tests.indexers.searchsupport import NZB, Item, dropped, newznab_indexer, serve_newznab, usenet_blackhole
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db

UHD_SIZE = 30 * 1024**3
HD = "Heat.1995.1080p.BluRay.x264-GRP"
UHD = "Heat.1995.2160p.UHD.BluRay.x265-GRP"


def profile(name: str) -> QualityProfile:
    return QualityProfile.objects.get(name=name)


def heat_with_4k(**version: object) -> tuple:
    """Heat with its primary version on HD-1080p and a 4K version on Ultra-HD."""
    movie = MovieFactory(title="Heat", year=1995, quality_profile=profile("HD-1080p"))
    fields = {
        "name": "4K",
        "quality_profile_id": profile("Ultra-HD").pk,
        "minimum_availability": "released",
        "monitored": True,
        "edition": "",
        "root_folder_path": "",
    }
    return movie, add_version(movie, fields | version)


def grabs() -> set[tuple[int | None, str]]:
    return set(History.objects.grabs().values_list("version_id", "source_title"))


def feed(fake_server, tmp_path, *items: Item) -> None:
    serve_newznab(fake_server, list(items))
    newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)


def test_one_rss_sync_grabs_the_1080p_release_for_the_primary_and_the_2160p_one_for_4k(fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    feed(fake_server, tmp_path, Item(HD), Item(UHD, size=UHD_SIZE))

    result = rss_sync()

    assert grabs() == {(None, HD), (four_k.pk, UHD)}
    assert dropped(tmp_path) == [f"{HD}.nzb", f"{UHD}.nzb"]
    grab = History.objects.get(version=four_k)
    assert grab.movie_id == movie.pk and grab.data["version"] == "4K"
    assert "version" not in History.objects.get(version=None).data
    assert TrackedDownload.objects.get(grab=grab).version == four_k
    assert TrackedDownload.objects.get(version=None).movie == movie
    assert result.matched == 2 and len(result.processed.grabbed) == 2


def test_the_next_sync_grabs_neither_release_again(fake_server, tmp_path):
    heat_with_4k()
    feed(fake_server, tmp_path, Item(HD), Item(UHD, size=UHD_SIZE))
    rss_sync()

    second = rss_sync()

    assert second.processed.grabbed == [] and History.objects.grabs().count() == 2


def test_a_download_queued_for_the_primary_does_not_stop_the_4k_grab(fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    QualityProfile.objects.filter(name="Ultra-HD").update(
        upgrade_allowed=False
    )  # anything queued would stop it
    feed(fake_server, tmp_path, Item(UHD, size=UHD_SIZE))
    client = usenet_blackhole(tmp_path / "other", name="Queue")
    TrackedDownloadFactory(client=client, movie=movie, title="Heat.1995.1080p.REMUX-BEST", quality_id=30)

    rss_sync()

    assert grabs() == {(four_k.pk, UHD)}


def test_a_download_queued_for_the_4k_version_stops_a_lesser_4k_grab_only(fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    feed(fake_server, tmp_path, Item(HD), Item("Heat.1995.2160p.BluRay.x265-LESSER", size=UHD_SIZE))
    client = usenet_blackhole(tmp_path / "other", name="Queue")
    TrackedDownloadFactory(
        client=client, movie=movie, version=four_k, title="Heat.1995.2160p.REMUX-BEST", quality_id=31
    )

    result = rss_sync()

    assert grabs() == {(None, HD)}
    assert result.processed.failures == []


def test_a_version_wishing_for_an_edition_gets_that_edition_and_the_primary_another(fake_server, tmp_path):
    movie = MovieFactory(title="Heat", year=1995, quality_profile=profile("HD-1080p"))
    extended = add_version(
        movie,
        {
            "name": "Extended",
            "quality_profile_id": profile("HD-1080p").pk,
            "minimum_availability": "released",
            "edition": "Extended",
        },
    )
    extended_title = "Heat.1995.EXTENDED.1080p.BluRay.x264-GRP"
    feed(fake_server, tmp_path, Item(extended_title), Item(HD))

    rss_sync()

    assert grabs() == {(None, HD), (extended.pk, extended_title)}


def test_a_search_of_the_movie_grabs_for_each_monitored_version(fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    feed(fake_server, tmp_path, Item(HD), Item(UHD, size=UHD_SIZE))

    summary = tasks.search_movies(movie_ids=[movie.pk])

    assert summary.startswith("1 movie(s) searched") and "2 grabbed" in summary
    assert grabs() == {(None, HD), (four_k.pk, UHD)}
    four_k.refresh_from_db()
    movie.refresh_from_db()
    assert four_k.last_search_time is not None and movie.last_search_time is not None


def test_version_ids_search_only_the_versions_named(fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    feed(fake_server, tmp_path, Item(HD), Item(UHD, size=UHD_SIZE))

    tasks.search_movies(version_ids=[four_k.pk])
    assert grabs() == {(four_k.pk, UHD)}
    movie.refresh_from_db()
    assert movie.last_search_time is None  # the primary version was not searched

    tasks.search_movies(movie_ids=[movie.pk], version_ids=[0])
    assert grabs() == {(four_k.pk, UHD), (None, HD)}


def test_an_unmonitored_extra_version_is_left_out_of_a_movie_search(fake_server, tmp_path):
    movie, _ = heat_with_4k(monitored=False)
    feed(fake_server, tmp_path, Item(HD), Item(UHD, size=UHD_SIZE))

    tasks.search_movies(movie_ids=[movie.pk])

    assert grabs() == {(None, HD)}


def test_the_missing_search_searches_the_4k_version_of_a_movie_with_its_1080p_file(fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    MovieFileFactory(movie=movie, quality_id=7)  # Bluray-1080p: the primary version meets its cutoff
    unmonitored = MovieFactory(title="Arrival", year=2016)
    MovieFileFactory(movie=unmonitored, quality_id=7)
    add_version(
        unmonitored,
        {
            "name": "4K",
            "quality_profile_id": profile("Ultra-HD").pk,
            "minimum_availability": "released",
            "monitored": False,
        },
    )
    feed(
        fake_server,
        tmp_path,
        Item(HD),
        Item(UHD, size=UHD_SIZE),
        Item("Arrival.2016.2160p.BluRay-X", size=UHD_SIZE),
    )

    summary = tasks.search_missing_movies()

    assert summary.startswith("1 movie(s) searched")
    assert grabs() == {(four_k.pk, UHD)}


def test_the_cutoff_search_upgrades_the_4k_file_and_leaves_the_1080p_one(fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    MovieFileFactory(movie=movie, quality_id=7)  # Bluray-1080p meets HD-1080p's cutoff
    MovieFileFactory(
        movie=movie, version=four_k, is_primary=False, quality_id=18, relative_path="Heat 4K.mkv"
    )
    MovieVersion.objects.filter(pk=four_k.pk).update(has_file=True)
    remux = "Heat.1995.2160p.UHD.BluRay.REMUX.HDR.HEVC-GRP"
    feed(fake_server, tmp_path, Item("Heat.1995.1080p.BluRay.REMUX-GRP"), Item(remux, size=60 * 1024**3))

    summary = tasks.search_cutoff_unmet_movies()

    assert summary.startswith("1 movie(s) searched")
    assert grabs() == {(four_k.pk, remux)}


def test_a_pushed_2160p_release_is_grabbed_for_the_4k_version(api_client, fake_server, tmp_path):
    _, four_k = heat_with_4k()
    fake_server.add("/get/1.nzb", body=NZB.decode(), content_type="application/x-nzb")
    usenet_blackhole(tmp_path)
    body = {
        "title": UHD,
        "downloadUrl": f"{fake_server.url}/get/1.nzb",
        "size": UHD_SIZE,
        "indexer": "MyIndexer",
        "protocol": "usenet",
        "publishDate": "2025-06-01T12:00:00+02:00",
    }

    [decision] = api_client.post("/api/v3/release/push", body, content_type="application/json").json()

    assert decision["approved"] is True
    assert grabs() == {(four_k.pk, UHD)}


def test_releases_held_by_the_delay_wait_per_version_and_are_grabbed_for_it(fake_server, tmp_path):
    _, four_k = heat_with_4k()
    DelayProfile.objects.update(usenet_delay=120)
    young = timedelta(minutes=10)
    feed(fake_server, tmp_path, Item(HD, age=young), Item(UHD, size=UHD_SIZE, age=young))

    first = rss_sync()

    assert first.processed.pending == 2
    assert set(PendingRelease.objects.values_list("version_id", "title")) == {(None, HD), (four_k.pk, UHD)}
    DelayProfile.objects.update(usenet_delay=5)

    rss_sync()

    assert grabs() == {(None, HD), (four_k.pk, UHD)}
    assert not PendingRelease.objects.exists()


def test_interactive_search_decides_for_the_version_asked(fake_server):
    movie, four_k = heat_with_4k()
    serve_newznab(fake_server, [Item(HD), Item(UHD, size=UHD_SIZE)])
    newznab_indexer(fake_server)

    for_4k = {d.release.title: d for d in interactive_search(movie.pk, four_k.pk).decisions}
    for_primary = {d.release.title: d for d in interactive_search(movie.pk).decisions}

    assert for_4k[UHD].approved and not for_4k[HD].approved
    assert {d.candidate.movie.version_id for d in for_4k.values()} == {four_k.pk}
    assert for_primary[HD].approved and not for_primary[UHD].approved


def test_the_interactive_search_page_shows_and_grabs_for_the_version(admin_client, fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    serve_newznab(fake_server, [Item(HD, guid="hd"), Item(UHD, guid="uhd", size=UHD_SIZE)])
    indexer = newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    url = f"/settings/indexers/search/movie/{movie.pk}"

    body = admin_client.get(f"{url}?version={four_k.pk}", headers={"HX-Request": "true"}).content.decode()
    response = admin_client.post(
        f"{url}/grab", {"guid": "uhd", "indexer_id": indexer.pk, "version_id": four_k.pk}
    )

    assert "Decided and grabbed for the <strong>4K</strong> version" in body
    assert f'name="version_id" value="{four_k.pk}"' in body
    assert response.status_code == 200 and "for the 4K version" in response.content.decode()
    assert grabs() == {(four_k.pk, UHD)}


def test_the_interactive_search_page_refuses_another_movies_version_and_a_bad_one(admin_client):
    movie, _ = heat_with_4k()
    other = MovieFactory(title="Arrival", year=2016)
    foreign = add_version(
        other,
        {"name": "4K", "quality_profile_id": profile("Ultra-HD").pk, "minimum_availability": "released"},
    )
    url = f"/settings/indexers/search/movie/{movie.pk}"

    assert admin_client.get(f"{url}?version={foreign.pk}").status_code == 404
    assert admin_client.get(f"{url}?version=abc").status_code == 400
    grab = admin_client.post(f"{url}/grab", {"guid": "x", "indexer_id": 1, "version_id": foreign.pk})
    assert grab.status_code == 404


def test_v3_wanted_missing_stays_per_movie_while_the_search_lists_versions(api_client):
    movie, four_k = heat_with_4k()
    MovieFileFactory(movie=movie, quality_id=7)
    lonely = MovieFactory(title="Arrival", year=2016)

    records = api_client.get("/api/v3/wanted/missing?pageSize=50").json()["records"]

    assert [record["id"] for record in records] == [lonely.pk]
    assert [(version.movie_id, version.id) for version in missing_versions()] == [
        (lonely.pk, None),
        (movie.pk, four_k.pk),
    ]


def test_the_backlog_search_takes_a_movie_whose_4k_version_is_missing_and_searches_that_version(
    fake_server, tmp_path
):
    BacklogSettings.objects.update_or_create(pk=1, defaults={"enabled": True})
    movie, four_k = heat_with_4k()
    MovieFileFactory(movie=movie, quality_id=7)
    feed(fake_server, tmp_path, Item(HD), Item(UHD, size=UHD_SIZE))

    run = backlog_search()

    assert run.summary.searched == 1 and run.summary.grabbed == 1
    assert grabs() == {(four_k.pk, UHD)}


def test_a_grab_form_without_a_version_grabs_for_the_version_searched(admin_client, fake_server, tmp_path):
    movie, four_k = heat_with_4k()
    serve_newznab(fake_server, [Item(UHD, guid="uhd", size=UHD_SIZE)])
    indexer = newznab_indexer(fake_server)
    usenet_blackhole(tmp_path)
    url = f"/settings/indexers/search/movie/{movie.pk}"
    admin_client.get(f"{url}?version={four_k.pk}")

    admin_client.post(f"{url}/grab", {"guid": "uhd", "indexer_id": indexer.pk})

    assert grabs() == {(four_k.pk, UHD)}
