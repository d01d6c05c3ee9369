import json

import pytest
from django.conf import settings
from django.test import Client

from radarr.api.auth import api_view
from radarr.api.middleware import normalized_api_path

pytestmark = pytest.mark.django_db

STATUS = "/api/v3/system/status"


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Api-Key": "0" * 32}, {"Authorization": "Basic dXNlcjpwYXNz"}],
    ids=["no key", "wrong key", "only basic auth"],
)
def test_api_without_a_valid_key_is_401_with_a_json_body(client, headers):
    response = client.get(STATUS, headers=headers)

    assert response.status_code == 401
    assert response.json()["message"] == "Unauthorized"


def test_key_is_accepted_as_header_query_parameter_or_bearer_token(client):
    key = settings.RADARR_API_KEY

    by_header = client.get(STATUS, headers={"X-Api-Key": key})
    by_query = client.get(f"{STATUS}?apikey={key}")
    by_query_other_case = client.get(f"{STATUS}?ApiKey={key}")
    by_bearer = client.get(STATUS, headers={"Authorization": f"Bearer {key}"})

    assert [r.status_code for r in (by_header, by_query, by_query_other_case, by_bearer)] == [200] * 4


def test_a_reverse_proxy_basic_header_is_ignored_when_the_key_is_valid(client):
    headers = {"X-Api-Key": settings.RADARR_API_KEY, "Authorization": "Basic dXNlcjpwYXNz"}

    assert client.get(STATUS, headers=headers).status_code == 200


def test_generated_api_key_is_32_hex_characters():
    key = settings.RADARR_API_KEY

    assert len(key) == 32 and int(key, 16) >= 0


def test_api_discovery_needs_the_key_and_names_v3(client, api_client):
    assert client.get("/api").status_code == 401

    assert api_client.get("/api").json() == {"current": "v3", "deprecated": []}


def test_ping_answers_without_auth(client):
    response = client.get("/ping")

    assert response.status_code == 200 and response.json() == {"status": "OK"}


def test_cors_preflight_answers_without_a_key(client):
    response = client.options(STATUS, headers={"Origin": "http://dashboard.local"})

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"


def test_pages_need_a_login(client):
    response = client.get("/system/status")

    assert response.status_code == 302 and response["Location"].startswith("/login")


def test_api_routes_do_not_accept_a_ui_session_instead_of_the_key(client, admin_user):
    client.force_login(admin_user)

    assert client.get(STATUS).status_code == 401


@pytest.mark.parametrize(
    ("trusted", "remote_addr", "expected"),
    [(False, "127.0.0.1", 302), (True, "192.168.1.20", 200), (True, "81.2.69.142", 302)],
    ids=["off by default", "on, local client", "on, public client"],
)
def test_local_addresses_are_trusted_only_when_turned_on(
    settings, admin_user, trusted, remote_addr, expected
):
    settings.RADARR_TRUST_LOCAL_ADDRESSES = trusted

    response = Client(REMOTE_ADDR=remote_addr, HTTP_HOST="192.168.1.5:7878").get("/system/status")

    assert response.status_code == expected


def test_forwarded_for_is_believed_only_from_a_configured_proxy(settings, admin_user):
    settings.RADARR_TRUST_LOCAL_ADDRESSES = True
    forged = {"X-Forwarded-For": "192.168.1.20"}

    by_ip = {"HTTP_HOST": "192.168.1.5:7878"}  # an IP literal cannot be rebound to another server

    from_stranger = Client(REMOTE_ADDR="81.2.69.142", **by_ip).get("/system/status", headers=forged)
    settings.RADARR_TRUSTED_PROXIES = ["81.2.69.142"]
    from_proxy = Client(REMOTE_ADDR="81.2.69.142", **by_ip).get("/system/status", headers=forged)

    assert from_stranger.status_code == 302
    assert from_proxy.status_code == 200


@pytest.mark.parametrize(("error", "message"), [(ValueError("boom"), "boom"), (KeyError(), "KeyError")])
def test_an_unhandled_error_is_a_json_500_and_is_logged(rf, caplog, error, message):
    @api_view("GET")
    def failing(request):
        raise error

    request = rf.get("/api/v3/failing", HTTP_X_API_KEY=settings.RADARR_API_KEY)
    response = failing(request)

    assert response.status_code == 500
    assert json.loads(response.content)["message"] == message
    assert "Unhandled error in API request" in caplog.messages


def test_the_api_part_of_a_path_is_lower_cased_without_its_trailing_slash():
    assert normalized_api_path("/api/v3/QualityProfile/", ("/api",)) == "/api/v3/qualityprofile"
    assert normalized_api_path("/apiary/X", ("/api",)) is None
