"""Discover in a real headless Chromium: a list's movie gets its poster from TMDB as its card shows, is
added in one click with the list's options, another is excluded, all through HTMX under the CSP."""

import json
import re

import pytest
from django.core.cache import cache

from movies.models import ImportExclusion, ImportList, ImportListItem, Movie, RootFolder
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from tests.browser.test_movies import DETAILS, log_in, quality_profile  # noqa: F401 - its fixture

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fake_tmdb(fake_server, settings):
    settings.RADARR_TMDB_URL = fake_server.url + "/3"
    settings.RADARR_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"
    fake_server.add("/3/movie/329865", body=json.dumps(DETAILS))
    for path in ("/3/trending/movie/week", "/3/movie/popular"):
        fake_server.add(path, body=json.dumps({"page": 1, "total_pages": 1, "results": []}))
    cache.clear()
    yield fake_server
    cache.clear()


def test_one_click_add_and_exclude_on_discover(
    page,
    live_server,
    admin_user,
    fake_tmdb,
    tmp_path,
    quality_profile,  # noqa: F811 - the fixture
):
    RootFolder.objects.create(path=str(tmp_path))
    friends = ImportList.objects.create(
        name="Friends",
        implementation="RadarrListImport",
        settings={"url": "http://127.0.0.1:1/list"},
        enabled=True,
        root_folder_path=str(tmp_path),
        quality_profile_id=quality_profile.pk,
        monitor="none",
    )
    ImportListItem.objects.create(import_list=friends, tmdb_id=329865, title="Arrival", year=2016)
    ImportListItem.objects.create(import_list=friends, tmdb_id=77, title="Meh", year=2001)
    # posters come from TMDB's image server: nothing may leave this machine
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, live_server)

    page.goto(f"{live_server.url}/discover")
    arrival = page.locator(".poster-card", has_text="Arrival")
    arrival.locator("img[src$='/arrival-poster.jpg']").wait_for(state="attached")  # lazily, from TMDB
    arrival.get_by_role("button", name="Add").click()
    arrival.get_by_role("link", name="Added: Arrival").wait_for()
    meh = page.locator(".poster-card", has_text="Meh")
    meh.get_by_role("button", name="Exclude").click()
    meh.get_by_text("Excluded").wait_for()

    movie = Movie.objects.get(tmdb_id=329865)
    assert movie.monitored is False and movie.root_folder_path == str(tmp_path)
    assert ImportExclusion.objects.filter(tmdb_id=77).exists()
    assert page.evaluate("window.cspViolations") == []
