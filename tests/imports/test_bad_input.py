"""Media management settings past int32 are refused, not a PostgreSQL overflow (issue 14, item 4)."""

import orjson
import pytest

from imports.mediamanagement import MediaManagementConfig

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["recycleBinCleanupDays", "minimumFreeSpaceWhenImporting"])
def test_a_media_management_number_past_int32_is_refused_and_not_saved(api_client, name):
    before = MediaManagementConfig.load()

    response = api_client.put(
        "/api/v3/config/mediamanagement", orjson.dumps({name: 2**31}), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == name
    after = MediaManagementConfig.load()
    assert after.recycle_bin_cleanup_days == before.recycle_bin_cleanup_days
    assert after.minimum_free_space_when_importing == before.minimum_free_space_when_importing
