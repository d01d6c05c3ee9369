"""Settings widgets in a real headless Chromium: a tags select becomes chips with a search box that also
creates a tag typed in; "Show advanced settings" hides and shows Radarr's advanced settings and is
remembered."""

import pytest

from movies.models import Movie
from radarr.models import Tag
from tests.browser.test_scenegroups import log_in
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]


def test_tags_as_chips_choose_create_and_remove(page, live_server, admin_user, tmp_path):
    Tag.objects.create(label="hd")
    Tag.objects.create(label="kids")
    movie = MovieFactory(title="Heat", year=1995, path=str(tmp_path / "Heat (1995)"))
    log_in(page, live_server)
    page.goto(f"{live_server.url}/movie/{movie.tmdb_id}/edit")

    search = page.get_by_label("Add tags (type a new one to create it)")
    search.fill("hd")
    search.press("Enter")
    page.locator(".chip", has_text="hd").wait_for()
    search.fill("4k remux")
    search.press("Enter")
    page.locator(".chip", has_text="4k remux").wait_for()
    search.fill("kids")
    search.press("Enter")
    page.get_by_role("button", name="Remove kids").click()
    assert page.locator(".chip span").all_inner_texts() == ["hd", "4k remux"]
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/movie/{movie.tmdb_id}")

    assert sorted(Movie.objects.get(pk=movie.pk).tags.values_list("label", flat=True)) == ["4k remux", "hd"]


def test_advanced_settings_hide_until_shown_and_the_choice_is_remembered(page, live_server, admin_user):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/settings/general")

    assert page.locator("input[name=port]").is_visible()
    assert not page.locator("input[name=bindAddress]").is_visible()
    page.get_by_label("Show advanced settings").check()
    assert page.locator("input[name=bindAddress]").is_visible()

    page.goto(f"{live_server.url}/settings/mediamanagement")
    assert page.locator("input[name=copyUsingHardlinks]").is_visible()  # remembered across pages
    page.get_by_label("Show advanced settings").uncheck()
    assert not page.locator("input[name=copyUsingHardlinks]").is_visible()
