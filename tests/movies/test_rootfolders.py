"""/api/v3/rootfolder: free space, unmapped folders, add and remove."""

import json

import pytest

from movies.models import RootFolder
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


def post(client, body):
    return client.post("/api/v3/rootfolder", json.dumps(body), content_type="application/json")


def test_a_root_folder_lists_free_space_and_the_folders_no_movie_owns(api_client, tmp_path):
    (tmp_path / "Owned (2010)").mkdir()
    (tmp_path / "New Film (2020)").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "@eaDir").mkdir()
    RootFolderFactory(path=str(tmp_path))
    MovieFactory(path=str(tmp_path / "Owned (2010)"), root_folder_path=str(tmp_path))

    (folder,) = api_client.get("/api/v3/rootfolder").json()

    assert folder["accessible"] is True and folder["freeSpace"] > 0
    assert folder["unmappedFolders"] == [
        {
            "name": "New Film (2020)",
            "path": str(tmp_path / "New Film (2020)"),
            "relativePath": "New Film (2020)",
        }
    ]


def test_an_unreachable_root_folder_is_listed_as_inaccessible(api_client, tmp_path):
    RootFolderFactory(path=str(tmp_path / "unmounted"))

    (folder,) = api_client.get("/api/v3/rootfolder").json()

    assert folder["accessible"] is False and "freeSpace" not in folder


def test_posting_a_path_answers_201_with_the_folder(api_client, tmp_path):
    response = post(api_client, {"path": str(tmp_path) + "/"})

    assert response.status_code == 201
    assert response.json()["path"] == str(tmp_path)


def test_a_duplicate_root_folder_is_a_validation_error(api_client, tmp_path):
    post(api_client, {"path": str(tmp_path)})

    response = post(api_client, {"path": str(tmp_path)})

    assert response.status_code == 400
    assert response.json()[0]["errorMessage"] == "Path is already configured as a root folder"


def test_a_missing_folder_is_refused(api_client, tmp_path):
    response = post(api_client, {"path": str(tmp_path / "nope")})

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "Path"


def test_deleting_an_unused_root_folder_answers_200_empty(api_client, tmp_path):
    folder = RootFolderFactory(path=str(tmp_path))

    response = api_client.delete(f"/api/v3/rootfolder/{folder.pk}")

    assert response.status_code == 200 and response.content == b""
    assert not RootFolder.objects.exists()


def test_deleting_a_root_folder_in_use_is_refused(api_client, tmp_path):
    folder = RootFolderFactory(path=str(tmp_path))
    MovieFactory(root_folder_path=str(tmp_path))

    response = api_client.delete(f"/api/v3/rootfolder/{folder.pk}")

    assert response.status_code == 400
    assert RootFolder.objects.exists()


def test_an_unknown_root_folder_is_a_404(api_client):
    assert api_client.get("/api/v3/rootfolder/5").status_code == 404
