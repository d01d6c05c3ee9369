"""Our versions extension of the v3 API: the movie resource's `versions` array, /movie/{id}/version,
/versiontemplate, and template ids on the bulk editor, POST /movie and movie/import. Everything Radarr's
clients read of a movie stays its primary version, whatever versions it has."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.models import MediaManagementConfig
from movies.management.commands.seed_movies import seed_movies
from movies.models import Movie, MovieFile, MovieVersion, VersionTemplate
from movies.versions import apply_template
from radarr.api.secrets import MASK
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

KEY = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"


def send(client, method, url, body=None):
    data = json.dumps(body) if body is not None else ""
    return client.generic(method, url, data, content_type="application/json")


@pytest.fixture
def uhd():
    return QualityProfile.objects.get(name="Ultra-HD")


@pytest.fixture
def root_4k(tmp_path):
    folder = tmp_path / "movies-4k"
    folder.mkdir()
    RootFolderFactory(path=str(folder))
    return folder


@pytest.fixture
def template(uhd, root_4k):
    return VersionTemplate.objects.create(
        name="4K", quality_profile=uhd, root_folder_path=str(root_4k), minimum_availability="released"
    )


def version_file(row, **fields):
    """The version's file, and its facts on the version as the import keeps them."""
    fields = {
        "quality_id": 19,  # Bluray-2160p
        "relative_path": f"{row.movie.title} ({row.movie.year}) Bluray-2160p.mkv",
        "size": 40_000_000_000,
    } | fields
    movie_file = MovieFileFactory(movie=row.movie, version=row, is_primary=False, **fields)
    MovieVersion.objects.filter(pk=row.pk).update(has_file=True, size_on_disk=movie_file.size)
    return movie_file


def movie_with_4k(template, *, with_file=True):
    movie = MovieFileFactory().movie
    apply_template([movie.pk], template)
    row = MovieVersion.objects.get(movie=movie)
    if with_file:
        version_file(row)
    return movie, row


# ---- the movie resource


def test_a_movie_without_extras_lists_its_primary_version_with_the_movies_own_values(api_client):
    movie = MovieFileFactory().movie

    resource = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    (primary,) = resource["versions"]
    assert primary["id"] == 0 and primary["isPrimary"] is True and primary["name"] == "Primary"
    for key in ("qualityProfileId", "rootFolderPath", "path", "monitored", "minimumAvailability", "hasFile"):
        assert primary[key] == resource[key], key
    # its file is the movie's own movieFile, not written twice (the list's size: NOTES.md)
    assert primary["movieFileId"] == resource["movieFileId"] == resource["movieFile"]["id"]
    assert "movieFile" not in primary
    assert primary["sizeOnDisk"] == resource["movieFile"]["size"] and primary["templateId"] == 0


def test_an_extra_version_changes_nothing_else_on_the_movie(api_client, template):
    movie = MovieFileFactory().movie
    before = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    apply_template([movie.pk], template)
    version_file(MovieVersion.objects.get(movie=movie))
    after = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    assert len(after.pop("versions")) == 2
    before.pop("versions")
    # the statistics count every file of the movie, as they did before versions
    assert after.pop("statistics")["movieFileCount"] == before.pop("statistics")["movieFileCount"] + 1
    after.pop("sizeOnDisk"), before.pop("sizeOnDisk")
    assert after == before


def test_an_extra_versions_entry_has_its_own_wishes_folder_and_file(api_client, template, uhd, root_4k):
    movie, row = movie_with_4k(template)

    _, listed = api_client.get(f"/api/v3/movie/{movie.pk}").json()["versions"]
    extra = api_client.get(f"/api/v3/movie/{movie.pk}/version/{row.pk}").json()

    folder = f"{root_4k}/{movie.title} ({movie.year})"
    assert extra["id"] == row.pk and extra["name"] == "4K" and extra["isPrimary"] is False
    assert extra["qualityProfileId"] == uhd.pk and extra["templateId"] == template.pk
    assert extra["rootFolderPath"] == str(root_4k) and extra["path"] == folder
    assert extra["hasFile"] is True and extra["sizeOnDisk"] == 40_000_000_000
    assert extra["movieFileId"] == row.files.get().pk == extra["movieFile"]["id"]
    assert extra["movieFile"]["path"] == f"{folder}/{movie.title} ({movie.year}) Bluray-2160p.mkv"
    assert extra["movieFile"]["quality"]["quality"]["name"] == "Bluray-2160p"
    # judged against the version's profile: Ultra-HD's cutoff is a remux, so the Bluray is below it
    # (the movie's own profile, Any, would call it met)
    assert extra["movieFile"]["qualityCutoffNotMet"] is True
    # the movie list carries the file's id only (its size: NOTES.md)
    assert listed == {key: value for key, value in extra.items() if key != "movieFile"}


def test_a_version_sharing_the_movies_folder_shows_that_folder_and_no_file_when_it_has_none(api_client, uhd):
    movie = MovieFactory()
    MovieVersion.objects.create(movie=movie, name="Extended", quality_profile=uhd, edition="Extended")

    _, extra = api_client.get(f"/api/v3/movie/{movie.pk}").json()["versions"]

    assert extra["rootFolderPath"] == "" and extra["path"] == movie.path and extra["edition"] == "Extended"
    assert extra["hasFile"] is False and "movieFile" not in extra and extra["movieFileId"] == 0
    assert extra["templateId"] == 0


def list_queries(api_client, count, template):
    seed_movies(count)
    apply_template(Movie.objects.values_list("pk", flat=True), template)
    files = [
        MovieFile(
            movie_id=row.movie_id,
            version=row,
            relative_path="4k.mkv",
            quality_id=19,
            size=1,
            is_primary=False,
        )
        for row in MovieVersion.objects.all()[: count // 2]
    ]
    MovieFile.objects.bulk_create(files)
    with CaptureQueriesContext(connection) as queries:
        movies = api_client.get("/api/v3/movie").json()
    assert len(movies) == count and all(len(movie["versions"]) == 2 for movie in movies)
    assert sum(movie["versions"][1]["movieFileId"] > 0 for movie in movies) == count // 2
    Movie.objects.all().delete()
    return len(queries)


def test_the_list_with_two_versions_each_costs_the_same_queries_for_30_and_300_movies(api_client, template):
    api_client.get("/api/v3/movie")  # SQLite's JSON support is asked once per connection

    assert list_queries(api_client, 30, template) == list_queries(api_client, 300, template)


def test_the_cached_list_follows_every_change_of_a_version_and_its_file(api_client, template):
    movie, row = movie_with_4k(template, with_file=False)
    api_client.get("/api/v3/movie")  # cached now

    send(api_client, "PUT", f"/api/v3/movie/{movie.pk}/version/{row.pk}", {"monitored": False})
    after_edit = api_client.get("/api/v3/movie").json()[0]["versions"][1]
    movie_file = version_file(row)
    after_file = api_client.get("/api/v3/movie").json()[0]["versions"][1]
    MovieVersion.objects.filter(pk=row.pk).delete()
    after_delete = api_client.get("/api/v3/movie").json()[0]["versions"]

    assert after_edit["monitored"] is False and after_edit["movieFileId"] == 0
    assert after_file["movieFileId"] == movie_file.pk and after_file["hasFile"] is True
    assert [version["id"] for version in after_delete] == [0]


# ---- /movie/{id}/version


def test_the_version_list_and_one_version_are_the_movies_entries_with_their_files(api_client, template):
    movie, row = movie_with_4k(template)
    primary, extra = api_client.get(f"/api/v3/movie/{movie.pk}").json()["versions"]

    listed = api_client.get(f"/api/v3/movie/{movie.pk}/version").json()

    assert listed == [primary, extra | {"movieFile": listed[1]["movieFile"]}]
    assert listed[1]["movieFile"] == api_client.get(f"/api/v3/moviefile/{extra['movieFileId']}").json() | {
        "path": listed[1]["movieFile"]["path"],
        "customFormatScore": listed[1]["movieFile"]["customFormatScore"],
        "qualityCutoffNotMet": listed[1]["movieFile"]["qualityCutoffNotMet"],
    }
    assert api_client.get(f"/api/v3/movie/{movie.pk}/version/0").json() == primary
    assert api_client.get(f"/api/v3/movie/{movie.pk}/version/{row.pk}").json() == listed[1]


def test_the_version_list_costs_the_same_queries_for_one_extra_or_several(
    api_client, template, uhd, django_assert_max_num_queries
):
    movie, _ = movie_with_4k(template)
    api_client.get(f"/api/v3/movie/{movie.pk}/version")
    with CaptureQueriesContext(connection) as one:
        api_client.get(f"/api/v3/movie/{movie.pk}/version")
    for name in ("IMAX", "Extended", "Theatrical"):
        version_file(
            MovieVersion.objects.create(movie=movie, name=name, quality_profile=uhd),
            relative_path=f"{name}.mkv",
        )

    with django_assert_max_num_queries(len(one)):
        listed = api_client.get(f"/api/v3/movie/{movie.pk}/version").json()

    assert [version["name"] for version in listed] == ["Primary", "4K", "Extended", "IMAX", "Theatrical"]
    assert all("movieFile" in version for version in listed[1:])


def test_another_movies_version_and_an_unknown_movie_are_radarrs_404(api_client, template):
    _, row = movie_with_4k(template)
    other = MovieFactory()

    for method in ("GET", "PUT", "DELETE"):
        response = send(
            api_client, method, f"/api/v3/movie/{other.pk}/version/{row.pk}", {"monitored": False}
        )
        assert response.status_code == 404, method
        assert response.json() == {
            "message": f"MovieVersion with ID {row.pk} does not exist",
            "description": "NotFound",
        }
    response = api_client.get("/api/v3/movie/999999/version")
    assert response.status_code == 404 and response.json()["message"] == "Movie with ID 999999 does not exist"
    assert MovieVersion.objects.filter(pk=row.pk, monitored=True).exists()


def test_adding_a_version_from_its_fields(api_client, uhd):
    movie = MovieFactory()
    body = {"name": "Extended", "qualityProfileId": uhd.pk, "edition": "Extended", "monitored": False}

    response = send(api_client, "POST", f"/api/v3/movie/{movie.pk}/version", body)

    assert response.status_code == 201
    created = response.json()
    assert (
        created["name"] == "Extended" and created["edition"] == "Extended" and created["monitored"] is False
    )
    assert created["minimumAvailability"] == movie.minimum_availability and created["path"] == movie.path
    assert MovieVersion.objects.get(pk=created["id"]).movie == movie


def test_adding_a_version_from_a_template_takes_its_wishes_and_the_bodys_overrides(api_client, template, uhd):
    movie = MovieFactory()

    response = send(
        api_client,
        "POST",
        f"/api/v3/movie/{movie.pk}/version",
        {"templateId": template.pk, "monitored": False},
    )

    assert response.status_code == 201
    created = response.json()
    assert (created["name"], created["qualityProfileId"], created["templateId"]) == (
        "4K",
        uhd.pk,
        template.pk,
    )
    assert created["rootFolderPath"] == template.root_folder_path and created["monitored"] is False


@pytest.mark.parametrize(
    ("body", "property_name"),
    [
        ({"name": "Primary", "qualityProfileId": 1}, "name"),
        ({"name": "4K"}, "qualityProfileId"),
        ({"name": "4K", "qualityProfileId": 1, "rootFolderPath": "/nowhere"}, "rootFolderPath"),
        ({"name": "4K", "qualityProfileId": 1, "minimumAvailability": "someday"}, "minimumAvailability"),
        ({"templateId": 999}, "templateId"),
        ({"name": "4K", "qualityProfileId": "1"}, "qualityProfileId"),
        ({"name": "x" * 101, "qualityProfileId": 1}, "name"),
    ],
)
def test_a_bad_version_is_radarrs_failure_list(api_client, body, property_name):
    movie = MovieFactory()

    response = send(api_client, "POST", f"/api/v3/movie/{movie.pk}/version", body)

    assert response.status_code == 400
    assert property_name in [failure["propertyName"] for failure in response.json()]
    assert not MovieVersion.objects.exists()


def test_a_template_is_added_once_per_movie(api_client, template):
    movie, _ = movie_with_4k(template, with_file=False)

    response = send(api_client, "POST", f"/api/v3/movie/{movie.pk}/version", {"templateId": template.pk})

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "name"
    assert MovieVersion.objects.filter(movie=movie).count() == 1


def test_changing_a_version_keeps_what_the_body_leaves_out(api_client, template):
    movie, row = movie_with_4k(template, with_file=False)

    response = send(
        api_client,
        "PUT",
        f"/api/v3/movie/{movie.pk}/version/{row.pk}",
        {"monitored": False, "edition": "IMAX"},
    )

    assert response.status_code == 202
    changed = response.json()
    assert changed["monitored"] is False and changed["edition"] == "IMAX" and changed["name"] == "4K"
    row.refresh_from_db()
    assert (row.monitored, row.edition, row.quality_profile_id) == (
        False,
        "IMAX",
        template.quality_profile_id,
    )


def test_what_a_client_read_can_be_sent_back_unchanged(api_client, template):
    movie, row = movie_with_4k(template)
    read = api_client.get(f"/api/v3/movie/{movie.pk}/version/{row.pk}").json()

    response = send(api_client, "PUT", f"/api/v3/movie/{movie.pk}/version/{row.pk}", read)

    assert response.status_code == 202 and response.json() == read


def test_a_version_with_a_file_keeps_its_folder(api_client, template):
    movie, row = movie_with_4k(template)

    response = send(api_client, "PUT", f"/api/v3/movie/{movie.pk}/version/{row.pk}", {"rootFolderPath": ""})

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "rootFolderPath"


def test_the_primary_version_is_changed_as_the_movie(api_client, uhd):
    movie = MovieFactory(monitored=True)

    response = send(
        api_client,
        "PUT",
        f"/api/v3/movie/{movie.pk}/version/0",
        {"monitored": False, "qualityProfileId": uhd.pk},
    )

    assert response.status_code == 202 and response.json()["monitored"] is False
    movie.refresh_from_db()
    assert (movie.monitored, movie.quality_profile_id) == (False, uhd.pk)
    assert (
        send(api_client, "PUT", f"/api/v3/movie/{movie.pk}/version/0", {"edition": "IMAX"}).status_code == 400
    )


def test_the_primary_version_is_not_deleted_apart_from_the_movie(api_client):
    movie = MovieFactory()

    response = api_client.delete(f"/api/v3/movie/{movie.pk}/version/0")

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "id"
    assert Movie.objects.filter(pk=movie.pk).exists()


def shared_folder_version_on_disk(root, uhd):
    """A movie in `root` with an Extended version sharing its folder, the version's file on disk."""
    movie = MovieFactory(root_folder_path=str(root), path=str(root / "Arrival (2016)"))
    row = MovieVersion.objects.create(movie=movie, name="Extended", quality_profile=uhd, edition="Extended")
    (root / "Arrival (2016)").mkdir()
    on_disk = root / "Arrival (2016)" / "Arrival (2016) - Extended.mkv"
    on_disk.write_bytes(b"x" * 1024)
    version_file(row, relative_path=on_disk.name, size=1024)
    return movie, row, on_disk


def test_deleting_a_version_keeps_its_file_on_disk_as_the_movies(api_client, root, uhd):
    movie, row, on_disk = shared_folder_version_on_disk(root, uhd)
    movie_file = row.files.get()

    response = api_client.delete(f"/api/v3/movie/{movie.pk}/version/{row.pk}")

    assert response.status_code == 200
    assert not MovieVersion.objects.filter(pk=row.pk).exists() and on_disk.is_file()
    assert MovieFile.objects.filter(pk=movie_file.pk, version=None, movie=movie).exists()
    assert [version["id"] for version in api_client.get(f"/api/v3/movie/{movie.pk}").json()["versions"]] == [
        0
    ]


def test_deleting_a_version_with_its_files_sends_the_file_to_the_recycle_bin(api_client, root, uhd, tmp_path):
    recycle = tmp_path / "recycle"
    recycle.mkdir()
    config = MediaManagementConfig.load()
    config.recycle_bin = str(recycle)
    config.save()
    movie, row, on_disk = shared_folder_version_on_disk(root, uhd)

    response = api_client.delete(f"/api/v3/movie/{movie.pk}/version/{row.pk}?deleteFiles=true")

    assert response.status_code == 200
    assert not on_disk.exists() and (recycle / "Arrival (2016)" / on_disk.name).is_file()
    assert not MovieVersion.objects.filter(pk=row.pk).exists()
    assert not MovieFile.objects.filter(relative_path=on_disk.name).exists()


def test_a_pyarr_style_movie_update_sends_versions_back_and_changes_only_the_movie(api_client, template):
    movie, row = movie_with_4k(template)
    read = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    response = send(api_client, "PUT", "/api/v3/movie", read | {"monitored": False})

    assert response.status_code == 202
    assert response.json()["monitored"] is False and response.json()["versions"][1]["monitored"] is True
    assert MovieVersion.objects.filter(pk=row.pk, monitored=True, has_file=True).exists()


# ---- /versiontemplate


def test_a_template_is_created_and_its_api_key_never_shown(api_client, uhd):
    body = {
        "name": "4K",
        "urlBase": "4k",
        "qualityProfileId": uhd.pk,
        "apiKey": KEY,
        "minimumAvailability": "inCinemas",
    }

    response = send(api_client, "POST", "/api/v3/versiontemplate", body)

    assert response.status_code == 201
    created = response.json()
    assert (
        created["apiKey"] == MASK
        and created["urlBase"] == "4k"
        and created["minimumAvailability"] == "inCinemas"
    )
    assert KEY not in api_client.get("/api/v3/versiontemplate").content.decode()
    assert VersionTemplate.objects.get(pk=created["id"]).api_key == KEY


def test_a_template_sent_back_with_the_mask_keeps_its_api_key(api_client, template):
    template.api_key = KEY
    template.save()
    read = api_client.get(f"/api/v3/versiontemplate/{template.pk}").json()

    response = send(api_client, "PUT", f"/api/v3/versiontemplate/{template.pk}", read | {"edition": "IMAX"})

    assert response.status_code == 202
    template.refresh_from_db()
    assert (template.api_key, template.edition) == (KEY, "IMAX")
    send(api_client, "PUT", "/api/v3/versiontemplate", read | {"apiKey": ""})
    template.refresh_from_db()
    assert template.api_key == "" and api_client.get("/api/v3/versiontemplate").json()[0]["apiKey"] == ""


@pytest.mark.parametrize(
    ("changes", "property_name"),
    [
        ({"name": ""}, "name"),
        ({"name": "primary"}, "name"),
        ({"urlBase": "api"}, "urlBase"),
        ({"urlBase": "4K UHD"}, "urlBase"),
        ({"urlBase": "a" * 51}, "urlBase"),
        ({"qualityProfileId": 999}, "QualityProfileId"),
        ({"rootFolderPath": "/nowhere"}, "rootFolderPath"),
        ({"apiKey": "short"}, "apiKey"),
        ({"monitored": "yes"}, "monitored"),
        ({"name": "x" * 101}, "name"),
        ({"qualityProfileId": 2**70}, "qualityProfileId"),
    ],
)
def test_a_bad_template_is_radarrs_failure_list(api_client, uhd, changes, property_name):
    body = {"name": "4K", "qualityProfileId": uhd.pk} | changes

    response = send(api_client, "POST", "/api/v3/versiontemplate", body)

    assert response.status_code == 400
    assert property_name in [failure["propertyName"] for failure in response.json()]
    assert not VersionTemplate.objects.exists()


def test_two_templates_may_not_share_a_name_or_a_url_base(api_client, template, uhd):
    template.url_base = "4k"
    template.save()

    same_name = send(
        api_client, "POST", "/api/v3/versiontemplate", {"name": "4k", "qualityProfileId": uhd.pk}
    )
    same_base = send(
        api_client,
        "POST",
        "/api/v3/versiontemplate",
        {"name": "UHD", "urlBase": "4k", "qualityProfileId": uhd.pk},
    )

    assert same_name.status_code == 400 and same_base.status_code == 400
    assert VersionTemplate.objects.count() == 1


def test_deleting_a_template_keeps_the_versions_it_added(api_client, template):
    movie, row = movie_with_4k(template)

    assert api_client.delete(f"/api/v3/versiontemplate/{template.pk}").status_code == 200

    row.refresh_from_db()
    assert row.template is None
    assert api_client.get(f"/api/v3/movie/{movie.pk}").json()["versions"][1]["templateId"] == 0
    assert api_client.get(f"/api/v3/versiontemplate/{template.pk}").status_code == 404


# ---- template ids on the bulk editor, POST /movie and movie/import


def test_the_bulk_editor_adds_a_templates_version_to_every_movie(api_client, template):
    movies = MovieFactory.create_batch(3)
    ids = [movie.pk for movie in movies]

    response = send(
        api_client, "PUT", "/api/v3/movie/editor", {"movieIds": ids, "versionTemplateId": template.pk}
    )

    assert response.status_code == 202
    assert [[version["name"] for version in movie["versions"]] for movie in response.json()] == [
        ["Primary", "4K"]
    ] * 3
    again = send(
        api_client, "PUT", "/api/v3/movie/editor", {"movieIds": ids, "versionTemplateId": template.pk}
    )
    assert again.status_code == 202 and MovieVersion.objects.count() == 3


def test_the_bulk_editor_refuses_an_unknown_template(api_client):
    movie = MovieFactory()

    response = send(
        api_client,
        "PUT",
        "/api/v3/movie/editor",
        {"movieIds": [movie.pk], "versionTemplateId": 999, "monitored": False},
    )

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "versionTemplateId"
    movie.refresh_from_db()
    assert movie.monitored is True


def test_a_movie_added_with_template_ids_gets_their_versions(api_client, fake_tmdb, root, template):
    body = {
        "tmdbId": 603,
        "qualityProfileId": 1,
        "rootFolderPath": str(root),
        "versionTemplateIds": [template.pk],
    }

    response = send(api_client, "POST", "/api/v3/movie", body)

    assert response.status_code == 201
    assert [version["name"] for version in response.json()["versions"]] == ["Primary", "4K"]


def test_a_movie_is_not_added_with_an_unknown_template_id(api_client, fake_tmdb, root):
    body = {"tmdbId": 603, "qualityProfileId": 1, "rootFolderPath": str(root), "versionTemplateIds": [999]}

    response = send(api_client, "POST", "/api/v3/movie", body)

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "versionTemplateIds"
    assert not Movie.objects.exists()


def test_library_import_adds_the_versions_each_item_names(api_client, root, template):
    items = [
        {
            "tmdbId": 603,
            "title": "The Matrix",
            "year": 1999,
            "rootFolderPath": str(root),
            "qualityProfileId": 1,
            "versionTemplateIds": [template.pk],
        },
        {
            "tmdbId": 604,
            "title": "The Matrix Reloaded",
            "year": 2003,
            "rootFolderPath": str(root),
            "qualityProfileId": 1,
        },
    ]

    response = send(api_client, "POST", "/api/v3/movie/import", items)

    assert response.status_code == 200
    names = {movie["tmdbId"]: [version["name"] for version in movie["versions"]] for movie in response.json()}
    assert names == {603: ["Primary", "4K"], 604: ["Primary"]}
