"""The import pipeline's options come from the media-management row, with Radarr's file mode rule."""

import pytest

from imports.models import MediaManagementConfig
from imports.options import import_options

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("folder", "file"), [("755", "644"), ("0770", "660"), ("777", "666"), ("", "644"), ("9x", "644")]
)
def test_imported_files_get_the_folder_mode_without_execute_bits(folder, file):
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"chmod_folder": folder})
    assert import_options().file_chmod == file


def test_the_options_follow_the_saved_row():
    MediaManagementConfig.objects.update_or_create(
        pk=1,
        defaults={
            "recycle_bin": "/trash",
            "minimum_free_space_when_importing": 500,
            "set_permissions_linux": True,
        },
    )
    options = import_options()
    assert (options.recycle_bin, options.minimum_free_space_mb, options.set_permissions) == (
        "/trash",
        500,
        True,
    )
