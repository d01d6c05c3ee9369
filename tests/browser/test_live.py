"""Live and aware, in a real headless Chromium: the navigation's health badge and the toasts for grabs,
imports, failures and health changes arrive by polling, without a reload; the history list refreshes
itself. Each poll is fired at once (the `radarr:live` event) instead of waiting for its interval."""

import pytest
from django.utils import timezone

from downloads.models import HistoryEventType
from radarr.models import Command, CommandStatus, HealthRecord
from tests.browser.test_accessibility import axe_source, axe_violations  # noqa: F401 - a fixture
from tests.browser.test_navigation import log_in
from tests.downloads.factories import GrabFactory
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

POLL_NOW = "htmx.trigger(document.body, 'radarr:live')"


def test_health_badge_and_toasts_arrive_without_a_reload(page, live_server, admin_user, axe_source):  # noqa: F811
    movie = MovieFactory(title="Heat", year=1995)
    broken = HealthRecord.objects.create(
        source="DownloadClientCheck",
        level="error",
        message="Unable to communicate with SABnzbd",
        check_path="downloads.health.download_client_check",
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/activity/history")

    badge = page.locator("a#health-badge")
    badge.wait_for()  # the first poll: where things stand (this machine may have other issues), no toasts
    before = int(badge.get_attribute("title").split()[0])
    assert "error" in badge.get_attribute("class")
    assert badge.get_attribute("href").endswith("/system/status")
    assert page.locator("[data-toast]").count() == 0

    GrabFactory(movie=movie, source_title="Heat.1995.1080p.BluRay.x264-GRP")
    GrabFactory(
        movie=movie,
        event_type=HistoryEventType.DOWNLOAD_FAILED,
        source_title="Heat.1995.720p.WEB-DL-GRP",
        data={"message": "Unpacking failed"},
    )
    broken.delete()
    page.evaluate(POLL_NOW)

    toasts = page.locator("#toasts [data-toast]")
    toasts.filter(has_text="Resolved").wait_for()
    texts = toasts.all_inner_texts()
    assert any("Grabbed" in text and "Heat (1995)" in text for text in texts)
    assert any("Download failed" in text and "Unpacking failed" in text for text in texts)
    assert any("Download clients" in text and "Resolved" in text for text in texts)
    left = before - 1  # the client's issue is gone, the others stay
    assert page.locator("#health-badge").inner_text().split("\n")[0] == (str(left) if left else "")
    assert axe_violations(page, axe_source) == []  # the toasts themselves are accessible

    page.evaluate(POLL_NOW)  # nothing new: no toast twice
    page.wait_for_load_state("networkidle")
    assert toasts.count() == 3

    toasts.first.get_by_role("button", name="Dismiss").click()
    assert toasts.count() == 2

    # the history list polls itself: the new rows show without a reload
    page.locator("#history-events").get_by_text("Heat.1995.720p.WEB-DL-GRP").wait_for(timeout=15_000)


def test_a_running_task_shows_its_progress_and_the_poll_quickens(page, live_server, admin_user):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/")
    page.locator("#live-poll").wait_for(state="attached")
    task = Command.objects.create(
        name="RssSync",
        status=CommandStatus.STARTED,
        started=timezone.now(),
        message="Checked 3 of 10 indexers",
    )

    page.evaluate(POLL_NOW)
    running = page.locator("#running")
    running.get_by_text("RSS sync").wait_for()

    assert running.inner_text().strip() == "RSS sync: Checked 3 of 10 indexers"
    assert "every 3s" in page.locator("#live-poll").get_attribute("hx-trigger")

    Command.objects.filter(pk=task.pk).update(status=CommandStatus.COMPLETED, ended=timezone.now())
    page.locator("#running p").wait_for(state="detached", timeout=10_000)  # the next quick poll clears it
    assert "every 15s" in page.locator("#live-poll").get_attribute("hx-trigger")
