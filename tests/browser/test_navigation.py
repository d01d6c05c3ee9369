"""A person's first visit, in a real headless Chromium: log in, walk every area, switch the theme."""

import pytest

from radarr.jobs import sync_schedules

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

AREAS = [
    "Movies",
    "Dashboard",
    "Discover",
    "Calendar",
    "Activity",
    "Wanted",
    "Scene Groups",
    "Settings",
    "System",
]


def log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/system/status")
    assert "/login" in page.url  # the UI sends strangers to the login page
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/system/status")


def test_log_in_and_walk_the_navigation(page, live_server, admin_user):
    sync_schedules()  # what make run does at every start
    log_in(page, live_server)

    for area in AREAS:
        page.get_by_role("navigation", name="Main").get_by_role("link", name=area, exact=True).click()
        page.wait_for_load_state()
        heading = page.get_by_role("heading", level=1).inner_text()
        current = page.get_by_role("navigation", name="Main").locator("[aria-current=page]")
        assert current.inner_text() == area
        # System opens on Status, Activity on its Queue, Wanted on its Missing list
        assert heading in (area, "Status", "Queue", "Missing")

    page.get_by_role("link", name="Tasks").click()
    page.get_by_role("button", name="Run now").first.click()
    page.get_by_role("cell", name="CheckHealth").first.wait_for()  # HTMX refreshed the page


def test_theme_toggle_switches_and_is_remembered(page, live_server, admin_user):
    log_in(page, live_server)
    background = "getComputedStyle(document.body).backgroundColor"

    page.emulate_media(color_scheme="light")
    light = page.evaluate(background)
    page.get_by_role("button", name="◐").click()  # system → light
    page.get_by_role("button", name="◐").click()  # light → dark
    dark = page.evaluate(background)
    page.reload()

    assert light != dark
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) == dark


def test_the_navigation_fits_a_phone_screen(page, live_server, admin_user):
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    links = page.get_by_role("navigation", name="Main").get_by_role("link")

    assert overflow <= 0
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert links.count() == len(AREAS)
