"""Versions in a real headless Chromium: a version template is added in Settings → Versions, added to a
movie from its page, both versions are listed there, and the extra one is removed again."""

import re

import pytest
from playwright.sync_api import expect

from movies.models import MovieVersion, RootFolder, VersionTemplate
from releases.models import QualityProfile
from tests.browser.test_navigation import log_in
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def patient_expectations():
    """expect() waits as long as the page fixture's actions do: a loaded machine is slow to answer."""
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def profiles() -> tuple[QualityProfile, QualityProfile]:
    """Two profiles (a transactional test before this one may have flushed the migration's)."""
    first = QualityProfile.objects.order_by("pk").first() or QualityProfile.objects.create(
        name="HD-1080p", cutoff=7, items=[{"quality": 7, "allowed": True}]
    )
    uhd = QualityProfile.objects.exclude(pk=first.pk).order_by("pk").last() or QualityProfile.objects.create(
        name="Ultra-HD", cutoff=19, items=[{"quality": 19, "allowed": True}]
    )
    return first, uhd


def test_add_a_template_add_it_to_a_movie_see_both_versions_and_remove_it(
    page, live_server, admin_user, profiles, tmp_path
):
    hd, uhd = profiles
    (tmp_path / "movies").mkdir()
    (tmp_path / "movies-4k").mkdir()
    RootFolder.objects.create(path=str(tmp_path / "movies"))
    RootFolder.objects.create(path=str(tmp_path / "movies-4k"))
    movie = MovieFactory(
        title="Arrival", year=2016, quality_profile=hd, path=str(tmp_path / "movies" / "Arrival (2016)")
    )
    log_in(page, live_server)

    page.goto(f"{live_server.url}/settings")
    page.get_by_role("link", name=re.compile("^Versions")).click()
    page.get_by_role("link", name="Add version template").click()
    page.get_by_label("Name").fill("4K")
    page.get_by_label("Quality profile").select_option(label=uhd.name)
    page.get_by_label("Root folder").fill(str(tmp_path / "movies-4k"))
    page.get_by_label("Edition").fill("IMAX")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved version template 4K.")).to_be_visible()
    expect(page.locator("#version-templates")).to_contain_text(uhd.name)
    template = VersionTemplate.objects.get(name="4K")

    page.goto(f"{live_server.url}/movie/{movie.tmdb_id}")
    versions = page.locator("#versions")
    versions.get_by_label("Add a version from a template").select_option(label="4K")
    versions.get_by_role("button", name="Add version").click()
    expect(page.get_by_text("Added the version 4K to Arrival.")).to_be_visible()

    rows = page.locator("#versions tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Primary")
    expect(rows.nth(0)).to_contain_text(hd.name)
    expect(rows.nth(1)).to_contain_text("4K")
    expect(rows.nth(1)).to_contain_text(uhd.name)
    expect(rows.nth(1)).to_contain_text("IMAX")
    expect(rows.nth(1)).to_contain_text(str(tmp_path / "movies-4k" / "Arrival (2016)"))
    expect(rows.nth(1)).to_contain_text("No file yet")
    row = MovieVersion.objects.get(movie=movie)
    assert row.template == template
    interactive = rows.nth(1).get_by_role("link", name="Interactive search for 4K")
    assert interactive.get_attribute("href").endswith(f"?version={row.pk}")

    rows.nth(1).get_by_role("link", name="Remove 4K").click()
    expect(page.get_by_role("heading", name="Remove the version 4K?")).to_be_visible()
    page.get_by_role("button", name="Remove version").click()
    expect(page.get_by_text("Removed the version 4K of Arrival.")).to_be_visible()
    expect(page.locator("#versions tbody tr")).to_have_count(1)
    assert not MovieVersion.objects.exists()


def test_the_two_monitored_toggles_of_the_movie_follow_each_other(page, live_server, admin_user, profiles):
    movie = MovieFactory(title="Arrival", year=2016, quality_profile=profiles[0], monitored=True)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/movie/{movie.tmdb_id}")
    page.wait_for_function("window.htmx !== undefined")
    top, row = page.locator("#movie-monitor button"), page.locator("#primary-version-monitor button")
    expect(top).to_have_text("Monitored")
    expect(row).to_have_text("Monitored")

    top.click()
    expect(row).to_have_text("Unmonitored")  # swapped in beside the one clicked, without a reload
    expect(top).to_have_text("Unmonitored")

    row.click()
    expect(top).to_have_text("Monitored")
    expect(row).to_have_text("Monitored")
    movie.refresh_from_db()
    assert movie.monitored is True
