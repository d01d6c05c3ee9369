"""Bad input to the queue and download-client endpoints is a 4xx, never a 500 (issue 14, item 4)."""

import orjson
import pytest

from downloads.models import DownloadClient, DownloadClientConfig

pytestmark = pytest.mark.django_db


def test_removing_queue_items_that_do_not_exist_is_a_404_as_in_radarr(api_client):
    response = api_client.delete(
        "/api/v3/queue/bulk", orjson.dumps({"ids": [2147483647]}), content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["message"] == "Queue item with ID 2147483647 does not exist"


@pytest.mark.parametrize("tags", [5, "abc", [{}]])
def test_a_download_client_bulk_edit_whose_tags_are_not_ids_is_refused(api_client, tags):
    client = DownloadClient.objects.create(name="SAB", implementation="Sabnzbd", settings={}, priority=1)

    response = api_client.put(
        "/api/v3/downloadclient/bulk",
        orjson.dumps({"ids": [client.pk], "tags": tags, "priority": 7}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert DownloadClient.objects.get(pk=client.pk).priority == 1


@pytest.mark.parametrize(
    "change", [{"checkForFinishedDownloadInterval": 2**31}, {"downloadClientWorkingFolders": ["_UNPACK_"]}]
)
def test_download_client_settings_past_int32_or_of_the_wrong_type_are_refused(api_client, change):
    response = api_client.put(
        "/api/v3/config/downloadclient", orjson.dumps(change), content_type="application/json"
    )

    assert response.status_code == 400  # 2^31 overflowed PostgreSQL's integer column into a 500
    assert DownloadClientConfig.load().check_for_finished_download_interval == 1
