"""/api/v3/diskspace: the disks of the root folders and the data folder."""

import pytest
from django.conf import settings

from movies.diskspace import disk_spaces, mount_point
from tests.movies.factories import RootFolderFactory

pytestmark = pytest.mark.django_db


def test_each_disk_is_listed_once_with_its_free_and_total_space(api_client, tmp_path):
    RootFolderFactory(path=str(tmp_path))
    RootFolderFactory(path=str(tmp_path / "missing-share"))

    disks = api_client.get("/api/v3/diskspace").json()

    mounts = {mount_point(str(tmp_path)), mount_point(str(settings.DATA_DIR))}
    assert {disk["path"] for disk in disks} == mounts
    assert all(disk["totalSpace"] >= disk["freeSpace"] > 0 for disk in disks)
    assert set(disks[0]) == {"id", "path", "label", "freeSpace", "totalSpace"}
    assert [disk["id"] for disk in disks] == list(range(1, len(disks) + 1))


def test_a_missing_root_folder_is_left_out_not_reported_as_empty(tmp_path):
    RootFolderFactory(path=str(tmp_path / "unmounted"))

    folders = [folder for disk in disk_spaces() for folder in disk.folders]

    assert str(tmp_path / "unmounted") not in folders
