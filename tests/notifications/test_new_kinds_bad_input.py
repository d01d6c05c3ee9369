"""Settings of the wrong type in any field of the new kinds are a 400 or a failed test, never a 5xx."""

import pytest

from tests.notifications.services import services  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

KINDS = [
    *("Join", "MailGun", "Notifiarr", "Prowl", "PushBullet", "Pushcut", "Pushsafer", "SendGrid", "Signal"),
    *("Simplepush", "Slack", "SynologyIndexer", "Trakt", "Twitter"),
]
INDEXERS = ["FileList", "PassThePopcorn", "TorrentPotato"]
ODD_VALUES = ["abc", ["x", {"a": 1}], True]


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
@pytest.mark.parametrize(
    ("resource", "implementation"), [("notification", k) for k in KINDS] + [("indexer", k) for k in INDEXERS]
)
@pytest.mark.usefixtures("services")
def test_odd_values_in_every_field_are_never_a_server_error(api_client, resource, implementation, value):
    schema = api_client.get(f"/api/v3/{resource}/schema").json()
    body = next(item for item in schema if item["implementation"] == implementation)
    body |= {"name": f"odd {implementation}", "onGrab": True, "onDownload": True, "enableRss": True}
    body["fields"] = [field | {"value": value} for field in body["fields"]]

    tested = api_client.post(f"/api/v3/{resource}/test", body, content_type="application/json")
    # refused in words (a wrong type, or the service failing), never as an unexpected error
    if resource == "notification" and not isinstance(value, int | float):
        assert tested.status_code == 400
        assert not any("Unexpected" in failure["errorMessage"] for failure in tested.json())
    saved = api_client.post(f"/api/v3/{resource}?forceSave=true", body, content_type="application/json")
    action = api_client.post(f"/api/v3/{resource}/action/startOAuth", body, content_type="application/json")

    assert tested.status_code < 500 and saved.status_code < 500 and action.status_code < 500
