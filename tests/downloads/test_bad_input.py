"""Bad input to the queue and download-client endpoints is a 4xx, never a 500 (issue 14, item 4)."""

import orjson
import pytest

from downloads.models import DownloadClient

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
