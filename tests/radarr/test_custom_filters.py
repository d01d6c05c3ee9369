"""/api/v3/customfilter: saved filters of list pages, kept as Radarr's UI sends them."""

import orjson
import pytest

from radarr.models import CustomFilter

pytestmark = pytest.mark.django_db

_FILTER = {
    "type": "movieIndex",
    "label": "Missing 4K",
    "filters": [
        {"key": "hasFile", "value": False, "type": "equal"},
        {"key": "tags", "value": [1, 2], "type": "contains"},
    ],
}


def _send(api_client, method, path, body):
    return api_client.generic(method, path, orjson.dumps(body), content_type="application/json")


def test_a_saved_filter_comes_back_as_it_was_sent(api_client):
    created = _send(api_client, "POST", "/api/v3/customfilter", _FILTER)

    listed = api_client.get("/api/v3/customfilter").json()
    one = api_client.get(f"/api/v3/customfilter/{created.json()['id']}").json()

    assert created.status_code == 201
    assert created["Location"] == f"/api/v3/customfilter/{created.json()['id']}"
    assert listed == [one] == [{"id": created.json()["id"], **_FILTER}]


def test_an_update_replaces_what_it_sends_and_keeps_the_rest(api_client):
    saved = CustomFilter.objects.create(**_FILTER)

    response = _send(api_client, "PUT", f"/api/v3/customfilter/{saved.pk}", {"label": "Renamed"})

    assert response.status_code == 202
    saved.refresh_from_db()
    assert (saved.label, saved.type, saved.filters) == ("Renamed", "movieIndex", _FILTER["filters"])


def test_a_deleted_filter_is_gone(api_client):
    saved = CustomFilter.objects.create(**_FILTER)

    response = api_client.delete(f"/api/v3/customfilter/{saved.pk}")

    assert response.status_code == 200
    assert api_client.get(f"/api/v3/customfilter/{saved.pk}").status_code == 404


@pytest.mark.parametrize(
    ("body", "property_name"),
    [
        ({**_FILTER, "label": ""}, "label"),
        ({**_FILTER, "type": 5}, "type"),
        ({**_FILTER, "filters": "hasFile"}, "filters"),
        ({**_FILTER, "filters": [1, 2]}, "filters"),
        ({**_FILTER, "label": "x" * 201}, "label"),
    ],
)
def test_a_filter_that_is_not_one_is_refused_in_radarrs_shape(api_client, body, property_name):
    response = _send(api_client, "POST", "/api/v3/customfilter", body)

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == [property_name]
    assert not CustomFilter.objects.exists()
