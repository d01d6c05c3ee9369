"""The movie index and header in a real headless Chromium: the header search's shortcut and Enter, the
table's column options and poster sizes (kept across reloads), the jump bar."""

import pytest

from tests.browser.test_scenegroups import log_in
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]


def test_press_s_type_and_enter_opens_the_movie(page, live_server, admin_user):
    movie = MovieFactory(title="Heat", sort_title="heat", year=1995)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/calendar")

    page.keyboard.press("s")
    page.keyboard.type("hea")
    page.locator("#header-search-results a", has_text="Heat").wait_for()
    page.keyboard.press("Enter")

    page.wait_for_url(f"{live_server.url}/movie/{movie.tmdb_id}")


def test_hide_a_column_and_choose_a_poster_size_kept_after_reload(page, live_server, admin_user):
    for title in ("Alien", "Heat", "Zodiac"):
        MovieFactory(title=title, sort_title=title.lower())
    log_in(page, live_server)
    page.goto(f"{live_server.url}/?view=table")

    page.locator("details.index-options summary").click()
    assert page.locator('th[data-col="rating"]').is_visible()
    page.get_by_label("Rating", exact=True).uncheck()
    assert not page.locator('th[data-col="rating"]').is_visible()
    page.reload()
    assert not page.locator('th[data-col="rating"]').is_visible()

    page.goto(f"{live_server.url}/?view=posters")
    page.locator("details.index-options summary").click()
    page.get_by_label("Large").check()
    assert "posters-large" in page.locator("#movies").get_attribute("class")

    page.get_by_role("navigation", name="Jump to titles starting with").get_by_role("link", name="Z").click()
    page.wait_for_load_state()
    assert "Zodiac" in page.locator("#movies").inner_text()


def test_build_a_condition_and_see_the_list_filtered(page, live_server, admin_user):
    MovieFactory(title="Heat", sort_title="heat", year=1995)
    MovieFactory(title="Arrival", sort_title="arrival", year=2016)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/?view=table")

    page.locator("details.more-filters summary").click()
    row = page.locator("[data-condition]").last
    row.get_by_label("Field").select_option("year")
    assert row.get_by_label("Operator").locator("option:not([hidden])").all_inner_texts() == [
        "is", "is not", "more than", "less than"
    ]  # fmt: skip
    row.get_by_label("Operator").select_option("greaterThan")
    row.get_by_label("Value").fill("2000")
    row.get_by_label("Value").press("Tab")  # change: the list is filtered

    page.wait_for_url("**cv=2000**")
    table = page.locator("#movies")
    table.get_by_text("Arrival").wait_for()
    assert "Heat" not in table.inner_text()
    page.get_by_role("button", name="Add condition").click()
    assert page.locator("[data-condition]").count() == 2
