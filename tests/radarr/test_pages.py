import pytest
from django.conf import settings

from radarr.accounts import INITIAL_PASSWORD_FILE, create_initial_admin
from radarr.models import Command
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db

NAVIGATION = ["/", "/calendar", "/activity", "/wanted", "/settings", "/system/status"]


def test_login_page_logs_in_and_lands_on_movies(client, admin_user):
    response = client.post("/login", {"username": "admin", "password": "correct horse battery staple"})

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_shows_a_message(client, admin_user):
    response = client.post("/login", {"username": "admin", "password": "nope"})

    assert response.status_code == 200 and "didn't match" in response.content.decode()


def test_every_navigation_link_leads_to_a_page(client, admin_user):
    client.force_login(admin_user)
    home = client.get("/").content.decode()

    for url in NAVIGATION:
        assert f'href="{url}"' in home
        assert client.get(url, follow=True).status_code == 200, url


def test_empty_areas_say_what_will_appear(client, admin_user):
    client.force_login(admin_user)

    assert "Upcoming" in client.get("/calendar").content.decode()
    assert "missing" in client.get("/wanted").content.decode()


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, admin_user):
    client.post("/login", {"username": "admin", "password": "correct horse battery staple"})

    session = client.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_first_start_creates_one_admin_whose_password_is_shown_until_changed(client, data_dir):
    user, password = create_initial_admin()
    assert create_initial_admin() is None  # only once
    client.post("/login", {"username": user, "password": password})

    general = client.get("/settings/general").content.decode()
    assert password in general and settings.RADARR_API_KEY in general

    new = "a much better pass 42"
    changed = client.post(
        "/account/password", {"old_password": password, "new_password1": new, "new_password2": new}
    )
    assert changed.status_code == 302
    assert not (data_dir / INITIAL_PASSWORD_FILE).exists()
    assert password not in client.get("/settings/general").content.decode()


def test_logout_ends_the_session(client, admin_user):
    client.force_login(admin_user)

    client.post("/logout")

    assert client.get("/system/status").status_code == 302


def test_run_now_queues_the_task(client, admin_user):
    client.force_login(admin_user)

    response = client.post("/system/tasks/CheckHealth/run", headers={"HX-Request": "true"})

    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    assert Command.objects.get().name == "CheckHealth"


def test_tasks_fragment_is_only_the_rows(client, admin_user):
    client.force_login(admin_user)

    fragment = client.get("/system/tasks", headers={"HX-Request": "true"}).content.decode()

    assert 'id="task-tables"' in fragment and "<html" not in fragment


def test_status_and_logs_pages_render(client, admin_user, settings, media_analysis_off):
    settings.RADARR_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"
    IndexerFactory()
    client.force_login(admin_user)

    status = client.get("/system/status").content.decode()
    assert "No problems found" in status and settings.RADARR_VERSION in status
    assert client.get("/system/logs?level=error").status_code == 200
