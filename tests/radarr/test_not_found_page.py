"""A missing page is the app's own styled 404 (navigation, a way back), never Django's bare one; the API
keeps its JSON answer."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_styled_with_a_way_back(admin_client):
    response = admin_client.get("/no/such/page")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "/no/such/page" in html
    assert 'aria-label="Main"' in html  # the navigation, as on every page
    assert 'href="/"' in html


def test_a_missing_row_is_the_same_page(admin_client):
    response = admin_client.get("/settings/profiles/999999")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_the_api_keeps_its_json_not_found(admin_client, settings):
    response = admin_client.get("/api/v3/movie/999999999", HTTP_X_API_KEY=settings.RADARR_API_KEY)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
