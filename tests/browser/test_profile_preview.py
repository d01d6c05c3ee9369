"""A person changes a quality profile in a real headless Chromium and previews the change before saving:
the Preview button posts the unsaved form and the answer appears under it, the page and profile untouched."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import QualityProfile
from tests.browser.test_scenegroups import log_in
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

HDTV_720 = 4


def test_preview_an_upgrade_window_then_save_it(page, live_server, admin_user):
    profile = QualityProfile.objects.get(name="HD-1080p")
    movie = MovieFactory(title="Long Ago", year=2010, quality_profile=profile)
    old = timezone.now() - timedelta(days=40)
    MovieFileFactory(
        movie=movie, quality_id=HDTV_720, relative_path="Long Ago (2010) HDTV-720p.mkv", date_added=old
    )
    log_in(page, live_server)
    editor = f"{live_server.url}/settings/profiles/{profile.pk}"
    page.goto(editor)

    page.get_by_label("Stop upgrading after (days)").fill("30")
    page.get_by_role("button", name="Preview").click()

    preview = page.locator("#change-preview")
    preview.get_by_text("No longer upgraded").wait_for()
    assert "Long Ago" in preview.inner_text()
    assert page.url == editor  # swapped in place: the unsaved form is still there
    assert page.get_by_label("Stop upgrading after (days)").input_value() == "30"
    profile.refresh_from_db()
    assert profile.upgrade_window_days is None

    page.get_by_role("button", name="Save").last.click()
    page.wait_for_url(f"{live_server.url}/settings/profiles")
    profile.refresh_from_db()
    assert profile.upgrade_window_days == 30
