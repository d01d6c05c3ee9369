"""Edges of reading the API key that clients and scanners hit."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_empty_apikey_parameter_does_not_hide_a_valid_header():
    client = Client(headers={"X-Api-Key": settings.RADARR_API_KEY})

    response = client.get("/api/v3/system/status?apikey=")

    assert response.status_code == 200


def test_more_query_fields_than_django_reads_is_a_json_400(api_client):
    query = "&".join(f"f{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = api_client.get(f"/api/v3/movie?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json") and "message" in response.json()
