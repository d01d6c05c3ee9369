"""Failed logins are throttled per address and per user name (django-axes), and refusals are cheap."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db.models import F
from django.test import Client

from radarr import loginthrottle

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ATTACKER = "81.2.69.142"


class CountingHasher(PBKDF2PasswordHasher):
    """The project's hasher, counting how often a password is checked (a refusal must not check one)."""

    algorithm = "pbkdf2_sha256"  # reads the hashes the default hasher wrote
    iterations = 1000
    checks = 0

    def verify(self, password: str, encoded: str) -> bool:
        type(self).checks += 1
        return super().verify(password, encoded)


@pytest.fixture(autouse=True)
def cheap_hashes(settings) -> None:
    """Passwords hashed with few iterations (before admin_user is made): a failed login costs no 0.5 s."""
    settings.PASSWORD_HASHERS = ["tests.radarr.test_login_throttle.CountingHasher"]


def log_in(address: str, password: str, username: str = "admin"):
    return Client(REMOTE_ADDR=address).post("/login", {"username": username, "password": password})


def fail_times(count: int, address: str = ATTACKER, username: str = "admin") -> list[int]:
    return [log_in(address, "wrong", username).status_code for _ in range(count)]


def after_cool_off() -> None:
    """Move every recorded failure one lockout time into the past (the clock, as axes reads it)."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - django_settings.AXES_COOLOFF_TIME)


def test_the_sixth_wrong_password_from_one_address_is_refused_with_retry_after(admin_user):
    statuses = fail_times(5)
    refused = log_in(ATTACKER, "wrong")

    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks; it says so at once
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= django_settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Logins from your address are refused until" in refused.content.decode()


def test_another_address_still_logs_in_while_one_is_locked_out(admin_user):
    fail_times(5)

    assert log_in("192.168.1.20", PASSWORD).status_code == 302


def test_the_right_password_from_a_locked_address_is_refused_until_the_cool_off_ends(admin_user):
    fail_times(5)

    during = log_in(ATTACKER, PASSWORD)
    after_cool_off()
    after = log_in(ATTACKER, PASSWORD)

    assert during.status_code == 429
    assert after.status_code == 302


def test_a_successful_login_resets_the_count_of_its_own_address_only(admin_user):
    fail_times(4)
    log_in(ATTACKER, PASSWORD)
    fail_times(4, address="81.2.69.7")
    log_in("192.168.1.20", PASSWORD)  # the owner logs in from home

    assert fail_times(4) == [200] * 4
    assert fail_times(1, address="81.2.69.7") == [429]  # the guesser's count was not cleared


def test_a_user_name_guessed_from_many_addresses_is_refused_everywhere(admin_user):
    for host in range(1, 6):  # 5 addresses x 4 failures: no address reaches its own limit
        fail_times(4, address=f"81.2.69.{host}")

    from_elsewhere = log_in("81.2.69.200", PASSWORD)
    other_user = log_in("81.2.69.200", "wrong", username="someone-else")

    assert from_elsewhere.status_code == 429
    assert "Logins as admin are refused until" in from_elsewhere.content.decode()
    assert other_user.status_code == 200  # only that user name is refused


def test_a_refused_login_checks_no_password_and_writes_nothing(admin_user):
    fail_times(5)
    checks, stored = CountingHasher.checks, list(AccessAttempt.objects.values_list("failures_since_start"))

    fail_times(20)

    assert CountingHasher.checks == checks
    assert list(AccessAttempt.objects.values_list("failures_since_start")) == stored


def test_a_login_that_finds_the_password_checks_busy_is_told_to_retry_at_once(admin_user):
    assert loginthrottle.try_password_check()  # another login is being checked right now
    try:
        busy = log_in("192.168.1.20", PASSWORD)
    finally:
        loginthrottle.release_password_check()
    after = log_in("192.168.1.20", PASSWORD)

    assert busy.status_code == 429 and busy["Retry-After"] == "1"
    assert after.status_code == 302


def test_a_lockout_is_a_health_warning_on_the_api_and_the_status_page(admin_user, api_client):
    fail_times(5)

    health = api_client.get("/api/v3/health").json()
    page_client = Client()
    page_client.force_login(admin_user)
    status_page = page_client.get("/system/status").content.decode()

    warnings = [issue for issue in health if issue["source"] == "FailedLoginCheck"]
    assert len(warnings) == 1 and warnings[0]["type"] == "warning"
    expected = f"5 failed logins from {ATTACKER}; logins from it are refused until"
    assert warnings[0]["message"].startswith(expected)
    assert f"5 failed logins from {ATTACKER}" in status_page


def test_the_warning_ends_with_the_lockout(admin_user, api_client):
    fail_times(5)
    after_cool_off()

    sources = [issue["source"] for issue in api_client.get("/api/v3/health").json()]

    assert "FailedLoginCheck" not in sources


def test_the_api_key_keeps_working_from_a_locked_out_address(admin_user):
    fail_times(5)

    response = Client(REMOTE_ADDR=ATTACKER).get(
        "/api/v3/system/status", headers={"X-Api-Key": django_settings.RADARR_API_KEY}
    )

    assert response.status_code == 200


def test_an_overlong_user_name_is_an_ordinary_failed_login(admin_user):
    assert log_in(ATTACKER, "wrong", username="x" * 400).status_code == 200


def test_the_lockout_ends_when_enough_failures_have_aged_out():
    now = loginthrottle.timezone.now()
    minute = timedelta(minutes=1)
    attempts = [(now - 3 * minute, 3), (now - minute, 2), (now, 1)]

    assert loginthrottle.lift_time(attempts, 3) == now - minute + loginthrottle.cool_off()
    assert loginthrottle.lift_time(attempts, 7) is None
