"""A version template's virtual instance (`/4k/api/v3/...`): Overseerr's and Jellyseerr's "4K server"
calls land on the 4K version, the primary version and the main instance's answers stay as they were.

The calls are the ones ../shared/research-api-clients.md lists for Overseerr (axios, `apikey` in the
query string) and Jellyseerr (the same, plus RefreshMonitoredDownloads and the delete with its flags).
"""

import json
import posixpath

import pytest
from django.test import Client
from django.utils.timezone import now

from downloads.models import History
from movies.models import Movie, MovieFile, MovieVersion, VersionTemplate
from movies.versions import add_version, template_fields
from radarr.models import Command
from releases.models import QualityProfile
from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


class Seerr:
    """Overseerr's client: base `{host}/4k/api/v3`, `apikey` on every request, JSON bodies."""

    def __init__(self, key: str, base: str = "/4k/api/v3") -> None:
        self.client = Client()
        self.key = key
        self.base = base

    def url(self, path: str) -> str:
        return f"{self.base}{path}{'&' if '?' in path else '?'}apikey={self.key}"

    def get(self, path: str):
        return self.client.get(self.url(path))

    def post(self, path: str, body: dict):
        return self.client.post(self.url(path), json.dumps(body), content_type="application/json")

    def put(self, path: str, body: dict):
        return self.client.put(self.url(path), json.dumps(body), content_type="application/json")

    def delete(self, path: str):
        return self.client.delete(self.url(path))


@pytest.fixture
def roots(tmp_path):
    main, uhd = tmp_path / "movies", tmp_path / "movies-4k"
    main.mkdir()
    uhd.mkdir()
    RootFolderFactory(path=str(main))
    RootFolderFactory(path=str(uhd))
    return str(main), str(uhd)


@pytest.fixture
def uhd_profile():
    return QualityProfile.objects.exclude(pk=QualityProfile.objects.order_by("pk").first().pk).order_by(
        "-pk"
    )[0]


@pytest.fixture
def template(roots, uhd_profile):
    return VersionTemplate.objects.create(
        name="4K", url_base="4k", quality_profile=uhd_profile, root_folder_path=roots[1]
    )


@pytest.fixture
def seerr(settings):
    return Seerr(settings.RADARR_API_KEY)


@pytest.fixture
def main_seerr(settings):
    return Seerr(settings.RADARR_API_KEY, base="/api/v3")


def with_version(movie, template, **changes):
    return add_version(movie, template_fields(template) | changes, template)


def version_file(row, **fields):
    """A file of an extra version, written as an import of it writes it (the factory's own bookkeeping
    is the primary version's)."""
    values = {"relative_path": "4k.mkv", "size": 9, "quality_id": 19, "release_group": "UHD"} | fields
    movie_file = MovieFile.objects.create(movie=row.movie, version=row, is_primary=False, **values)
    MovieVersion.objects.filter(pk=row.pk).update(has_file=True, size_on_disk=movie_file.size)
    return movie_file


def request_body(profile, root, tmdb_id=603, search=False):
    """Overseerr's POST /movie body for a 4K request."""
    return {
        "title": "The Matrix",
        "qualityProfileId": profile.pk,
        "profileId": profile.pk,
        "titleSlug": str(tmdb_id),
        "minimumAvailability": "released",
        "tmdbId": tmdb_id,
        "year": 1999,
        "rootFolderPath": root,
        "monitored": True,
        "tags": [],
        "addOptions": {"searchForMovie": search},
    }


def main_answers(client):
    """What the main instance answers, without our `versions` extension (it lists every version)."""
    movies = client.get("/movie").json()
    return [{k: v for k, v in movie.items() if k != "versions"} for movie in movies]


# ---- Overseerr's settings page and a 4K request of a movie the library does not have


def test_overseerrs_settings_calls_see_the_4k_server(seerr, template, roots, uhd_profile):
    status = seerr.get("/system/status")
    profiles = seerr.client.get(seerr.url("/qualityProfile"))  # Overseerr's capital P
    folders = seerr.get("/rootfolder")
    tags = seerr.get("/tag")

    assert status.status_code == 200 and status.json()["urlBase"] == "/4k"
    assert status.json()["appName"] == "Radarr"
    assert uhd_profile.pk in [profile["id"] for profile in profiles.json()]
    assert [folder["path"] for folder in folders.json()] == [roots[1]]
    assert tags.status_code == 200 and tags.json() == []


def test_a_4k_request_of_a_new_movie_adds_it_with_only_the_4k_version_wanted(
    seerr, main_seerr, template, roots, uhd_profile, fake_tmdb
):
    (found,) = seerr.get("/movie/lookup?term=tmdb:603").json()
    assert not found.get("id")  # not in the 4K server: Overseerr POSTs it

    response = seerr.post("/movie", request_body(uhd_profile, roots[1]))

    assert response.status_code == 201
    created = response.json()
    assert created["id"] > 0 and created["tmdbId"] == 603
    assert created["qualityProfileId"] == uhd_profile.pk and created["monitored"] is True
    assert created["path"] == f"{roots[1]}/The Matrix (1999)" and created["rootFolderPath"] == roots[1]
    assert created["hasFile"] is False and "movieFile" not in created
    movie = Movie.objects.get(tmdb_id=603)
    assert movie.monitored is False and movie.root_folder_path == roots[0]  # the primary is not wanted
    row = MovieVersion.objects.get(movie=movie)
    assert (row.template, row.quality_profile_id, row.monitored) == (template, uhd_profile.pk, True)
    assert row.path == f"{roots[1]}/The Matrix (1999)"
    (main,) = main_seerr.get("/movie").json()
    assert (main["monitored"], main["path"]) == (False, f"{roots[0]}/The Matrix (1999)")


def test_overseerrs_sync_reads_the_4k_library_queue_and_movie(seerr, template, uhd_profile, roots):
    with_version(MovieFactory(title="Arrival"), template)
    MovieFactory(title="Not In 4K")

    library = seerr.get("/movie").json()
    queue = seerr.get("/queue?includeEpisode=true")
    one = seerr.get(f"/movie/{library[0]['id']}")

    assert [movie["title"] for movie in library] == ["Arrival"]
    assert {"id", "tmdbId", "titleSlug", "title", "monitored", "hasFile"} <= set(library[0])
    assert library[0]["qualityProfileId"] == uhd_profile.pk
    assert queue.status_code == 200 and queue.json()["records"] == []
    assert one.status_code == 200 and one.json()["hasFile"] is False


def test_a_movie_without_the_version_is_404_on_the_instance(seerr, template):
    movie = MovieFactory()

    response = seerr.get(f"/movie/{movie.pk}")

    assert response.status_code == 404  # Overseerr's availability sync: "gone"
    assert seerr.get(f"/movie?tmdbId={movie.tmdb_id}").json() == []


# ---- a 4K request of a movie the main instance has, and of one the 4K server has unmonitored


def test_a_4k_request_of_a_movie_in_the_library_adds_the_version_and_leaves_the_primary(
    seerr, main_seerr, template, roots, uhd_profile, fake_tmdb
):
    movie = MovieFactory(tmdb_id=603, title="The Matrix", year=1999, root_folder_path=roots[0])
    MovieFileFactory(movie=movie)
    before = main_answers(main_seerr)
    (found,) = seerr.get("/movie/lookup?term=tmdb:603").json()
    assert not found.get("id") and found["hasFile"] is False  # the 4K server does not have it

    response = seerr.post("/movie", request_body(uhd_profile, roots[1]))

    assert response.status_code == 201 and response.json()["id"] == movie.pk
    assert response.json()["hasFile"] is False and "movieFile" not in response.json()
    row = MovieVersion.objects.get(movie=movie, template=template)
    assert row.path == f"{roots[1]}/{movie.title} ({movie.year})"
    assert main_answers(main_seerr) == before  # the main instance answers as it did


def test_a_request_of_a_movie_the_4k_server_has_is_refused_as_radarr_does(
    seerr, template, roots, uhd_profile
):
    with_version(MovieFactory(tmdb_id=603), template)

    response = seerr.post("/movie", request_body(uhd_profile, roots[1]))

    assert response.status_code == 400
    assert response.json()[0]["errorMessage"] == "This movie has already been added"


def test_overseerrs_put_of_an_unmonitored_4k_movie_monitors_the_version_only(
    seerr, template, roots, uhd_profile, fake_tmdb
):
    movie = MovieFactory(tmdb_id=603, monitored=False, root_folder_path=roots[0])
    profile = movie.quality_profile_id
    with_version(movie, template, monitored=False)
    (found,) = seerr.get("/movie/lookup?term=tmdb:603").json()
    assert found["id"] == movie.pk and found["monitored"] is False and found["hasFile"] is False

    body = {**found, **request_body(uhd_profile, roots[1]), "monitored": True}
    response = seerr.put("/movie", body)  # no id in the path, as Overseerr and Jellyseerr send it

    assert response.status_code == 202 and response.json()["monitored"] is True
    row = MovieVersion.objects.get(movie=movie)
    movie.refresh_from_db()
    assert row.monitored is True and row.path == f"{roots[1]}/{movie.title} ({movie.year})"
    assert (movie.monitored, movie.quality_profile_id) == (False, profile)


def test_a_put_changes_the_versions_profile_availability_and_root_folder(seerr, template, roots):
    movie = MovieFactory(root_folder_path=roots[0])
    row = with_version(movie, template)
    resource = seerr.get(f"/movie/{movie.pk}").json()
    other = QualityProfile.objects.order_by("pk").first()

    changed = {
        **resource,
        "qualityProfileId": other.pk,
        "minimumAvailability": "inCinemas",
        "rootFolderPath": roots[0],
    }
    del changed["path"]
    response = seerr.put(f"/movie/{movie.pk}", changed)

    assert response.status_code == 202
    row.refresh_from_db()
    assert (row.quality_profile_id, row.minimum_availability, row.path) == (other.pk, "inCinemas", "")
    assert response.json()["path"] == movie.path  # the version now shares the movie's folder
    movie.refresh_from_db()
    assert movie.quality_profile_id != other.pk or movie.minimum_availability == "released"


def test_searching_on_the_instance_searches_the_version(seerr, template, roots, uhd_profile, fake_tmdb):
    movie = MovieFactory()
    row = with_version(movie, template)
    other = MovieFactory()

    response = seerr.post("/command", {"name": "MoviesSearch", "movieIds": [movie.pk, other.pk]})

    assert response.status_code == 201 and response.json()["name"] == "MoviesSearch"
    command = Command.objects.get(pk=response.json()["id"])
    assert command.body == {"movieIds": [movie.pk], "versionIds": [row.pk]}


def test_a_request_with_search_queues_the_versions_search(seerr, template, roots, uhd_profile, fake_tmdb):
    response = seerr.post("/movie", request_body(uhd_profile, roots[1], search=True))

    row = MovieVersion.objects.get(movie_id=response.json()["id"])
    (command,) = Command.objects.filter(name="MoviesSearch")
    assert command.body == {"movieIds": [row.movie_id], "versionIds": [row.pk]}


def test_jellyseerrs_refresh_and_delete_remove_only_the_version(seerr, template, roots):
    movie = MovieFactory(root_folder_path=roots[0])
    primary_file = MovieFileFactory(movie=movie)
    with_version(movie, template)

    refresh = seerr.post("/command", {"name": "RefreshMonitoredDownloads"})
    deleted = seerr.delete(f"/movie/{movie.pk}?deleteFiles=true&addImportExclusion=false")

    assert refresh.status_code == 201 and refresh.json()["name"] == "RefreshMonitoredDownloads"
    assert deleted.status_code == 200
    assert not MovieVersion.objects.filter(movie=movie).exists()
    assert (
        Movie.objects.filter(pk=movie.pk).exists()
        and primary_file.__class__.objects.filter(pk=primary_file.pk).exists()
    )
    assert seerr.get(f"/movie/{movie.pk}").status_code == 404


def test_the_versions_file_is_the_instances_movie_file(seerr, template, roots):
    movie = MovieFactory(root_folder_path=roots[0])
    MovieFileFactory(movie=movie, size=5, release_group="MAIN")
    row = with_version(movie, template)
    uhd = version_file(row)

    body = seerr.get(f"/movie/{movie.pk}").json()

    assert body["hasFile"] is True and body["movieFileId"] == uhd.pk and body["sizeOnDisk"] == 9
    assert body["movieFile"]["path"] == f"{row.path}/4k.mkv"
    assert body["statistics"] == {"movieFileCount": 1, "sizeOnDisk": 9, "releaseGroups": ["UHD"]}


# ---- queue, history, calendar, wanted: only the version's


def test_the_queue_and_history_hold_only_the_versions_downloads(seerr, main_seerr, template):
    movie = MovieFactory()
    row = with_version(movie, template)
    client = DownloadClientFactory()
    mine = TrackedDownloadFactory(client=client, movie=movie, version=row, title="Movie.2160p.UHD-GRP")
    TrackedDownloadFactory(client=client, movie=movie, title="Movie.1080p.BluRay-GRP")
    History.objects.create(
        movie=movie, version=row, event_type=1, source_title="Movie.2160p.UHD-GRP", quality_id=19, date=now()
    )
    History.objects.create(
        movie=movie, event_type=1, source_title="Movie.1080p.BluRay-GRP", quality_id=7, date=now()
    )

    queue = seerr.get("/queue").json()
    history = seerr.get("/history").json()

    assert [record["title"] for record in queue["records"]] == [mine.title]
    assert seerr.get("/queue/status").json()["totalCount"] == 1
    assert [event["sourceTitle"] for event in history["records"]] == ["Movie.2160p.UHD-GRP"]
    # the main instance is the "non-4K server": the 4K download is the virtual instance's, not its own
    assert [record["title"] for record in main_seerr.get("/queue").json()["records"]] == [
        "Movie.1080p.BluRay-GRP"
    ]
    assert main_seerr.get("/queue/status").json()["totalCount"] == 1
    assert main_seerr.get("/history").json()["totalRecords"] == 2
    template.url_base = ""  # a template without its own instance: its downloads are the main queue's
    template.save()
    assert main_seerr.get("/queue").json()["totalRecords"] == 2


def test_wanted_missing_lists_the_versions_without_a_file(seerr, template):
    wanted = MovieFactory(title="Wanted", has_file=True)
    with_version(wanted, template)
    unmonitored = MovieFactory(title="Unmonitored")
    with_version(unmonitored, template, monitored=False)
    MovieFactory(title="Not In 4K")

    body = seerr.get("/wanted/missing").json()

    assert body["totalRecords"] == 1 and [m["title"] for m in body["records"]] == ["Wanted"]
    assert body["records"][0]["hasFile"] is False


def test_the_calendar_holds_only_movies_with_the_version(seerr, template):
    movie = MovieFactory(title="In 4K")
    with_version(movie, template)
    MovieFactory(title="Not In 4K")

    body = seerr.get("/calendar?start=2010-04-01&end=2010-12-31").json()

    assert [m["title"] for m in body] == ["In 4K"]


def test_the_list_costs_the_same_queries_for_many_movies(seerr, template, django_assert_max_num_queries):
    for _ in range(30):
        row = with_version(MovieFactory(), template)
        version_file(row)
    seerr.get("/movie")  # the resource cache is filled

    with django_assert_max_num_queries(12):
        body = seerr.get("/movie").json()

    assert len(body) == 30 and all("movieFile" in movie for movie in body)


# ---- keys, prefixes, odd paths


def test_the_templates_own_key_opens_the_instance_and_nothing_else(seerr, template, settings):
    template.api_key = "4" * 32
    template.save()

    assert seerr.get("/movie").status_code == 401  # the main key is not the 4K server's
    assert Seerr("4" * 32).get("/movie").status_code == 200
    assert Seerr("4" * 32, base="/api/v3").get("/movie").status_code == 401
    headers = Client(headers={"X-Api-Key": "4" * 32})
    assert headers.get("/4k/api/v3/system/status").status_code == 200


def test_a_wrong_key_is_401(template):
    assert Seerr("wrong").get("/movie").status_code == 401
    assert Client().get("/4k/api/v3/movie").status_code == 401


def test_an_unknown_prefix_answers_as_any_unknown_path(seerr, template, settings):
    unknown = Client(headers={"X-Api-Key": settings.RADARR_API_KEY})

    assert unknown.get("/8k/api/v3/movie").status_code == unknown.get("/zzz/api/v3/movie").status_code
    assert unknown.get("/8k/api/v3/movie").status_code in (302, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/4k",
        "/4k/",
        "/4k/api",
        "/4k/api/v3",
        "/4k/api/v3/../movie",
        "/4k//evil.example",
        "/4K/API/V3/MOVIE/",
        "/4k/api/v3/movie/0",
        "/4k/api/v3/movie/abc",
        "/4k/ping",
        "/4k/movie/603",
        "/4k/api/v3/nothing",
    ],
)
def test_odd_paths_never_fail(template, settings, path):
    response = Client(headers={"X-Api-Key": settings.RADARR_API_KEY}).get(path)

    assert response.status_code < 500
    if response.status_code in (301, 302):
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")


def test_the_instance_serves_ping_and_api_discovery_and_case(template, settings):
    client = Client(headers={"X-Api-Key": settings.RADARR_API_KEY})

    assert client.get("/4k/ping").json() == {"status": "OK"}
    assert client.get("/4k/api").json()["current"] == "v3"
    assert client.get("/4K/API/V3/ROOTFOLDER/").status_code == 200


def test_a_created_movie_is_located_under_the_instance(seerr, template, roots, uhd_profile, fake_tmdb):
    response = seerr.post("/movie", request_body(uhd_profile, roots[1]))

    assert response["Location"] == f"/4k/api/v3/movie/{response.json()['id']}"


# ---- a URL base a template may not have


@pytest.mark.parametrize(
    "url_base", ["api", "movie", "settings", "static", "ping", "feed", "admin", "calendar"]
)
def test_a_url_base_taking_a_path_of_the_server_is_refused(url_base):
    from movies.versioninstance import url_base_failure

    failure = url_base_failure(url_base)

    assert failure is not None and failure.property_name == "urlBase"


def test_a_free_url_base_is_accepted_once(template):
    from movies.versioninstance import url_base_failure

    assert url_base_failure("uhd") is None and url_base_failure("") is None
    assert url_base_failure("4k") is not None  # the fixture's template has it
    assert url_base_failure("4k", template_id=template.pk) is None
    assert all(url_base_failure(bad) is not None for bad in ("4K", "a/b", "4k-", "under_score", "x" * 51))


# ---- the bulk editor, library import, the iCal feed, what stays the main instance's


def test_the_editor_edits_and_deletes_versions_not_movies(seerr, template, roots):
    first, second = MovieFactory(), MovieFactory()
    rows = [with_version(first, template), with_version(second, template)]
    profile = QualityProfile.objects.order_by("pk").first()

    edited = seerr.put(
        "/movie/editor",
        {"movieIds": [first.pk, second.pk], "monitored": False, "qualityProfileId": profile.pk},
    )
    deleted = seerr.client.delete(
        seerr.url("/movie/editor"),
        json.dumps({"movieIds": [first.pk], "deleteFiles": True}),
        content_type="application/json",
    )

    assert edited.status_code == 202 and [m["monitored"] for m in edited.json()] == [False, False]
    assert {(row.monitored, row.quality_profile_id) for row in MovieVersion.objects.all()} == {
        (False, profile.pk)
    }
    assert Movie.objects.filter(monitored=True).count() == 2  # the primary versions are as they were
    assert deleted.status_code == 200
    assert list(MovieVersion.objects.values_list("pk", flat=True)) == [rows[1].pk]
    assert Movie.objects.count() == 2


def test_library_import_is_the_main_instances(seerr, template):
    response = seerr.post("/movie/import", [])

    assert response.status_code == 405 and "main instance" in response.json()["message"]


def test_the_main_key_password_and_backups_are_not_served_on_the_instance(seerr, template):
    assert seerr.get("/config/host").status_code == 404
    assert seerr.get("/config/host/1").status_code == 404
    assert seerr.get("/system/backup").status_code == 404
    assert seerr.post("/system/shutdown", {}).status_code == 404
    assert seerr.get("/qualityprofile").status_code == 200  # shared settings are served


def test_the_ical_feed_of_the_instance_lists_its_movies(template, settings):
    movie = MovieFactory(title="In 4K", monitored=False)
    with_version(movie, template)
    MovieFactory(title="Not In 4K")
    feed = "/feed/v3/calendar/radarr.ics?pastDays=36500&futureDays=10&apikey=" + settings.RADARR_API_KEY

    instance = Client().get("/4k" + feed).content.decode()
    main = Client().get(feed).content.decode()

    assert "SUMMARY:In 4K (" in instance and "Not In 4K" not in instance
    assert "SUMMARY:Not In 4K (" in main and "SUMMARY:In 4K (" not in main  # its primary is unmonitored


@pytest.fixture
def radarr_url_base(settings):
    """The app served under /radarr (RADARR_URL_BASE): the URLconfs are read again with it."""
    import importlib

    from django.urls import clear_url_caches

    from movies.versioninstance import reserved_segments
    from radarr import instanceurls, urls

    def serve_under(base):
        settings.URL_BASE, settings.STATIC_URL = base, f"{base}/static/"
        for module in (urls, instanceurls):
            importlib.reload(module)
        clear_url_caches()
        reserved_segments.cache_clear()

    serve_under("/radarr")
    yield "/radarr"
    serve_under("")


def test_the_instance_lives_after_the_apps_url_base(radarr_url_base, template, roots, settings):
    with_version(MovieFactory(title="In 4K"), template)
    seerr = Seerr(settings.RADARR_API_KEY, base="/radarr/4k/api/v3")

    assert seerr.get("/system/status").json()["urlBase"] == "/radarr/4k"
    assert [folder["path"] for folder in seerr.get("/rootfolder").json()] == [roots[1]]
    assert [movie["title"] for movie in seerr.get("/movie").json()] == ["In 4K"]
    assert Seerr(settings.RADARR_API_KEY).get("/movie").status_code == 404  # /4k outside the URL base
    assert Client().get("/radarr/4k/movie/603")["Location"] == "/radarr/movie/603"


def test_deleting_a_version_with_a_file_keeps_the_file_unless_asked(seerr, template, roots, tmp_path):
    movie = MovieFactory(root_folder_path=roots[0])
    primary_file = MovieFileFactory(movie=movie)
    row = with_version(movie, template)
    folder = tmp_path / "movies-4k" / posixpath.basename(movie.path)
    folder.mkdir(parents=True)
    (folder / "4k.mkv").write_bytes(b"x" * 9)
    version_file(row)

    response = seerr.delete(f"/movie/{movie.pk}")

    assert response.status_code == 200
    assert not MovieVersion.objects.filter(pk=row.pk).exists()
    assert (folder / "4k.mkv").exists()  # deleteFiles was not asked
    assert MovieFile.objects.filter(pk=primary_file.pk, is_primary=True).exists()


def test_a_version_file_that_cannot_be_deleted_keeps_the_version(seerr, template, roots, tmp_path):
    movie = MovieFactory(root_folder_path=roots[0])
    row = with_version(movie, template)
    MovieVersion.objects.filter(pk=row.pk).update(path=str(tmp_path / "outside"))  # no root folder's
    row.refresh_from_db()
    version_file(row)

    response = seerr.delete(f"/movie/{movie.pk}?deleteFiles=true")

    assert response.status_code == 409 and "Could not delete" in response.json()["message"]
    assert MovieVersion.objects.filter(pk=row.pk).exists() and MovieFile.objects.filter(version=row).exists()
