"""Settings → Media Management's Root Folders: listed with free space, movies and unmapped folders; added
(with the folder picker beside the box); removed only while no movie uses them."""

import pytest

from movies.models import RootFolder
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_each_root_folder_shows_free_space_movies_and_unmapped_folders(admin_client, tmp_path):
    root = tmp_path / "movies"
    for name in ("Arrival (2016)", "Heat (1995)", "Alien (1979)"):
        (root / name).mkdir(parents=True)
    folder = RootFolder.objects.create(path=str(root))
    MovieFactory(path=str(root / "Arrival (2016)"), root_folder_path=str(root))

    body = admin_client.get("/settings/mediamanagement").content.decode()

    row = body[body.index(f'id="root-folder-{folder.pk}"') :]
    row = row[: row.index("</tr>")]
    assert str(root) in row
    assert "iB</td>" in row  # free space, in Radarr's units
    assert "<td>1</td>" in row  # one movie
    assert f'href="/import?root={folder.pk}"' in row and ">2</a>" in row  # two unmapped folders
    assert "In use" in row and "Remove" not in row
    assert 'class="folder-picker"' in body[body.index("add-root-folder") :]


def test_adding_a_root_folder_from_the_page(admin_client, tmp_path):
    (tmp_path / "films").mkdir()

    response = admin_client.post("/settings/mediamanagement/rootfolders", {"path": str(tmp_path / "films")})

    assert response.status_code == 302
    assert RootFolder.objects.filter(path=str(tmp_path / "films")).exists()


def test_a_folder_that_does_not_exist_is_refused_with_the_reason(admin_client, tmp_path):
    response = admin_client.post("/settings/mediamanagement/rootfolders", {"path": str(tmp_path / "nowhere")})

    assert response.status_code == 400
    assert "does not exist" in response.content.decode().lower()
    assert not RootFolder.objects.exists()


def test_an_unused_root_folder_is_removed_and_a_used_one_is_kept(admin_client, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    unused = RootFolder.objects.create(path=str(tmp_path / "a"))
    used = RootFolder.objects.create(path=str(tmp_path / "b"))
    MovieFactory(path=str(tmp_path / "b" / "Heat (1995)"), root_folder_path=used.path)

    admin_client.post(f"/settings/mediamanagement/rootfolders/{unused.pk}/remove")
    response = admin_client.post(f"/settings/mediamanagement/rootfolders/{used.pk}/remove", follow=True)

    assert list(RootFolder.objects.values_list("pk", flat=True)) == [used.pk]
    assert "in use by 1 movie" in response.content.decode()
    assert (tmp_path / "a").is_dir()  # removing a root folder never touches the disk
