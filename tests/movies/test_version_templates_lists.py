"""Collections and import lists carry version templates (ours): their movies in the library, added by
them now or before, get the templates' versions; bad ids are Radarr's 400, and the page forms save them."""

import json

import pytest

from movies.importlistsync import sync_lists
from movies.models import Collection, ImportList, Movie, MovieVersion, VersionTemplate
from releases.models import QualityProfile
from tests.movies.factories import CollectionFactory, MovieFactory, RootFolderFactory
from tests.movies.test_import_lists import custom_list

pytestmark = pytest.mark.django_db

PARTS = [
    {"tmdbId": 603, "title": "The Matrix", "year": 1999, "status": "released"},
    {"tmdbId": 604, "title": "The Matrix Reloaded", "year": 2003, "status": "released"},
]


@pytest.fixture
def uhd(tmp_path):
    folder = tmp_path / "movies-4k"
    folder.mkdir()
    RootFolderFactory(path=str(folder))
    profile = QualityProfile.objects.order_by("-pk").first()
    return VersionTemplate.objects.create(name="4K", quality_profile=profile, root_folder_path=str(folder))


def put(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


def test_a_monitored_collection_gives_every_member_in_the_library_its_versions(api_client, tmp_path, uhd):
    library = tmp_path / "movies"
    library.mkdir()
    RootFolderFactory(path=str(library))
    collection = CollectionFactory(parts=PARTS, root_folder_path=str(library))
    already = MovieFactory(tmdb_id=603, collection=collection)
    outsider = MovieFactory(tmdb_id=999)
    resource = api_client.get(f"/api/v3/collection/{collection.pk}").json()
    assert resource["versionTemplateIds"] == []

    response = put(
        api_client,
        f"/api/v3/collection/{collection.pk}",
        {**resource, "monitored": True, "versionTemplateIds": [uhd.pk]},
    )

    assert response.status_code == 202 and response.json()["versionTemplateIds"] == [uhd.pk]
    added = Movie.objects.get(tmdb_id=604)
    having = set(MovieVersion.objects.filter(template=uhd).values_list("movie_id", flat=True))
    assert having == {already.pk, added.pk} and outsider.pk not in having
    version = MovieVersion.objects.get(movie=added)
    assert version.quality_profile_id == uhd.quality_profile_id and version.path.startswith(
        uhd.root_folder_path
    )


@pytest.mark.parametrize("value", [[12345], "4K", [True], [None]])
def test_a_collection_refuses_version_template_ids_that_are_not_templates(api_client, value, uhd):
    collection = CollectionFactory(parts=PARTS)
    resource = api_client.get(f"/api/v3/collection/{collection.pk}").json()

    response = put(
        api_client, f"/api/v3/collection/{collection.pk}", {**resource, "versionTemplateIds": value}
    )

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "versionTemplateIds"
    assert Collection.objects.get(pk=collection.pk).version_template_ids == []


def test_an_import_list_saves_its_templates_and_its_sync_adds_their_versions(
    api_client, fake_tmdb, root, empty_cache, uhd
):
    fake_tmdb.add("/list.json", body=json.dumps([{"id": 603, "title": "The Matrix"}, {"id": 605}]))
    row = custom_list(root, fake_tmdb.url + "/list.json")
    in_library = MovieFactory(tmdb_id=605)
    resource = api_client.get(f"/api/v3/importlist/{row.pk}").json()
    assert resource["versionTemplateIds"] == []

    response = put(
        api_client,
        f"/api/v3/importlist/{row.pk}?forceSave=true",
        {**resource, "versionTemplateIds": [uhd.pk]},
    )
    assert response.status_code == 202, response.content
    assert ImportList.objects.get(pk=row.pk).version_template_ids == [uhd.pk]

    sync_lists()

    added = Movie.objects.get(tmdb_id=603)
    having = set(MovieVersion.objects.filter(template=uhd).values_list("movie_id", flat=True))
    assert having == {added.pk, in_library.pk}
    sync_lists(row.pk)  # again: nothing doubled
    assert MovieVersion.objects.filter(template=uhd).count() == 2


def test_an_import_list_refuses_an_unknown_template(api_client, root, uhd):
    row = custom_list(root, "http://127.0.0.1:9/list.json")
    resource = api_client.get(f"/api/v3/importlist/{row.pk}").json()

    response = put(
        api_client,
        f"/api/v3/importlist/{row.pk}?forceSave=true",
        {**resource, "versionTemplateIds": [uhd.pk + 1]},
    )

    assert response.status_code == 400
    assert "versionTemplateIds" in {failure["propertyName"] for failure in response.json()}
    assert ImportList.objects.get(pk=row.pk).version_template_ids == []


def test_the_collection_card_saves_its_versions(admin_client, tmp_path, uhd):
    RootFolderFactory(path=str(tmp_path))
    collection = CollectionFactory(parts=PARTS, root_folder_path=str(tmp_path))
    page = admin_client.get("/collections").content.decode()
    assert 'name="version_templates"' in page and "4K" in page

    response = admin_client.post(
        f"/collections/{collection.pk}/settings",
        {
            "quality_profile": collection.quality_profile_id,
            "root_folder_path": str(tmp_path),
            "minimum_availability": "released",
            "version_templates": [str(uhd.pk)],
        },
    )

    assert response.status_code == 302
    assert Collection.objects.get(pk=collection.pk).version_template_ids == [uhd.pk]


def test_the_import_list_page_offers_and_saves_its_versions(admin_client, fake_server, root, uhd):
    fake_server.add("/list.json", body="[]")
    assert (
        'name="version_template_ids"'
        in admin_client.get("/settings/importlists/new?implementation=RadarrListImport").content.decode()
    )

    response = admin_client.post(
        "/settings/importlists/new",
        {
            "implementation": "RadarrListImport",
            "name": "4K list",
            "root_folder_path": str(root),
            "quality_profile_id": str(QualityProfile.objects.first().pk),
            "field-url": fake_server.url + "/list.json",
            "version_template_ids": [str(uhd.pk)],
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert ImportList.objects.get(name="4K list").version_template_ids == [uhd.pk]
