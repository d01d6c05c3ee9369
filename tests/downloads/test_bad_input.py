"""Bad input to the queue and download-client endpoints is a 4xx, never a 500 (issue 14, item 4)."""

import orjson
import pytest

from downloads.models import DownloadClient

pytestmark = pytest.mark.django_db


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
