"""The folder picker under every typed path in our pages (root folders, recycle bin, manual import,
blackholes): its listing comes from the same browser as /api/v3/filesystem."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_listing_offers_each_sub_folder_to_open_and_to_choose(admin_client, tmp_path):
    (tmp_path / "Movies").mkdir()
    (tmp_path / "file.txt").write_text("x")

    query = {"path": f"{tmp_path}/", "target": "id_path"}
    page = admin_client.get("/folders", query, headers={"HX-Request": "true"}).content.decode()

    assert f'data-folder-pick="{tmp_path}/Movies/"' in page and 'data-folder-target="id_path"' in page
    assert "file.txt" not in page
    assert "↑ Up" in page and "<html" not in page


def test_a_folder_link_followed_without_htmx_is_a_whole_page(admin_client, tmp_path):
    (tmp_path / "Movies").mkdir()

    page = admin_client.get("/folders", {"path": f"{tmp_path}/", "target": "id_path"}).content.decode()

    assert "<html" in page and "<h1>Folders</h1>" in page
    assert f'data-folder-pick="{tmp_path}/Movies/"' in page


def test_a_folder_that_cannot_be_read_lists_nothing(admin_client):
    page = admin_client.get("/folders", {"path": "/does/not/exist/", "target": "x"}).content.decode()

    assert "No folders here" in page


def test_the_picker_needs_a_login(client):
    assert client.get("/folders", {"path": "/"}).status_code in (302, 401)


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/activity/manualimport", "manual-import-folder"),
        ("/settings/downloadclients/new?implementation=TorrentBlackhole", "field-torrentFolder"),
        ("/settings/mediamanagement", "id_recycleBin"),
        ("/import", "id_path"),
    ],
)
def test_pages_with_a_typed_path_carry_the_picker(admin_client, url, target):
    page = admin_client.get(url).content.decode()

    assert "folder-picker" in page and f"target={target}" in page
