"""`?forceSave=` on a provider save, one rule for every family (Radarr's ProviderControllerBase): read as a
bool (true or false in any case, anything else a 400), and without it a failing test blocks the save."""

import pytest

from downloads.models import DownloadClient
from indexers.models import Indexer
from movies.models import ImportList
from notifications.models import Notification

pytestmark = pytest.mark.django_db

DOWN = "http://127.0.0.1:9"  # nothing listens on port 9: every connection test fails

FAMILIES = {
    "indexer": (
        Indexer,
        {
            "name": "Down",
            "implementation": "Newznab",
            "enableRss": True,
            "fields": [{"name": "baseUrl", "value": DOWN}, {"name": "apiKey", "value": "k"}],
        },
    ),
    "downloadclient": (
        DownloadClient,
        {
            "name": "Down",
            "implementation": "Sabnzbd",
            "enable": True,
            "fields": [{"name": "host", "value": "127.0.0.1"}, {"name": "port", "value": 9}],
        },
    ),
    "importlist": (
        ImportList,
        {
            "name": "Down",
            "implementation": "RadarrListImport",
            "enabled": True,
            "enableAuto": False,
            "fields": [{"name": "url", "value": f"{DOWN}/list.json"}],
        },
    ),
    "notification": (
        Notification,
        {
            "name": "Down",
            "implementation": "Webhook",
            "onGrab": True,
            "fields": [{"name": "url", "value": f"{DOWN}/hook"}],
        },
    ),
}


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize(
    ("query", "saved"),
    [
        ("", False),
        ("?forceSave=false", False),
        ("?forceSave=FALSE", False),
        ("?forceSave=true", True),
        ("?forceSave=True", True),
    ],
)
def test_a_failing_test_blocks_a_save_unless_force_save_is_true(api_client, family, query, saved):
    model, body = FAMILIES[family]

    response = api_client.post(f"/api/v3/{family}{query}", body, content_type="application/json")

    assert response.status_code == (201 if saved else 400)
    assert model.objects.exists() is saved
    if not saved:  # the test's own error, not a complaint about the input
        assert response.json()[0]["propertyName"] != "forceSave"


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("value", ["maybe", "1", "yes", ""])
def test_a_force_save_that_is_not_true_or_false_is_a_400_and_saves_nothing(api_client, family, value):
    model, body = FAMILIES[family]

    response = api_client.post(f"/api/v3/{family}?forceSave={value}", body, content_type="application/json")

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == ["forceSave"]
    assert not model.objects.exists()


@pytest.mark.parametrize("family", FAMILIES)
def test_a_saved_provider_sent_back_unchanged_is_not_tested_as_in_radarr(api_client, family):
    model, body = FAMILIES[family]
    created = api_client.post(
        f"/api/v3/{family}?forceSave=true", body, content_type="application/json"
    ).json()

    unchanged = api_client.put(f"/api/v3/{family}/{created['id']}", created, content_type="application/json")
    renamed = api_client.put(
        f"/api/v3/{family}/{created['id']}", {**created, "name": "Renamed"}, content_type="application/json"
    )

    assert unchanged.status_code == 202 and unchanged.json() == created
    assert renamed.status_code == 400  # changed: tested, and the test fails (nothing listens)
    assert model.objects.get().name == "Down"


def test_stored_settings_missing_defaults_count_as_unchanged(api_client):
    client = DownloadClient.objects.create(
        name="Old", implementation="Sabnzbd", protocol="usenet", settings={"host": "127.0.0.1", "port": 9}
    )
    shown = api_client.get(f"/api/v3/downloadclient/{client.pk}").json()  # defaults filled in

    response = api_client.put(f"/api/v3/downloadclient/{client.pk}", shown, content_type="application/json")

    assert response.status_code == 202
