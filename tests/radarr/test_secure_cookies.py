"""Cookies are Secure when the request is https: directly, or through a trusted proxy that says so."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_hashes(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # before admin_user


def login_cookies(client: Client, **extra: object) -> dict[str, bool]:
    """Log in and say, for each cookie set on the way, whether it is marked Secure."""
    page = client.get("/login", **extra)
    token = page.cookies["radarr_csrftoken"].value
    form = {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": token}
    answer = client.post("/login", form, **extra)
    assert answer.status_code == 302
    morsels = [*page.cookies.values(), *answer.cookies.values()]
    return {morsel.key: bool(morsel["secure"]) for morsel in morsels}


def test_https_served_directly_marks_the_session_and_csrf_cookies_secure(admin_user):
    cookies = login_cookies(Client(), secure=True)

    assert cookies == {"radarr_csrftoken": True, "radarr_session": True}


def test_a_trusted_proxy_saying_https_marks_them_secure(settings, admin_user):
    settings.RADARR_TRUSTED_PROXIES = ["10.0.0.2"]
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="81.2.69.1")

    cookies = login_cookies(client, headers={"Origin": "https://testserver"})

    assert cookies == {"radarr_csrftoken": True, "radarr_session": True}


def test_an_untrusted_peer_saying_https_does_not(settings, admin_user):
    settings.RADARR_TRUSTED_PROXIES = ["10.0.0.2"]
    client = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_PROTO="https")

    assert login_cookies(client) == {"radarr_csrftoken": False, "radarr_session": False}


def test_plain_http_on_the_lan_keeps_working_without_secure_cookies(admin_user):
    assert login_cookies(Client(REMOTE_ADDR="192.168.1.20")) == {
        "radarr_csrftoken": False,
        "radarr_session": False,
    }
