"""Interactive search in a real headless Chromium at 1366 px: long titles wrap, Grab and the decision stay
in view without sideways scrolling, headings sort, the filters hide rows, a rejection opens to read."""

import pytest

from tests.browser.test_scenegroups import log_in
from tests.indexers.searchsupport import Item, newznab_indexer, serve_newznab
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

LONG = (
    "Heat.1995.REMASTERED.Directors.Definitive.Edition.2160p.UHD.BluRay.REMUX.HDR10.HEVC.TrueHD.7.1.Atmos-GRP"
)
TITLES = [LONG, "Heat.1995.720p.HDTV.x264-LOW", "Heat.1986.1080p.BluRay.x264-OLD"]


def _titles(page) -> list[str]:
    return page.locator("table.releases tbody tr:not([hidden]) td.release-title").all_inner_texts()


def test_the_results_fit_1366_pixels_sort_filter_and_explain(page, live_server, admin_user, fake_server):
    movie = MovieFactory(title="Heat", year=1995)
    MovieFactory(title="Heat", year=1986)
    serve_newznab(
        fake_server, [Item(title, guid=f"g{n}", size=(n + 1) * 2**30) for n, title in enumerate(TITLES)]
    )
    newznab_indexer(fake_server, name="Local NZB")
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server)
    page.goto(f"{live_server.url}/movie/{movie.tmdb_id}")

    page.get_by_role("button", name="Search indexers").click()
    page.locator("table.releases tbody tr").nth(2).wait_for()

    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    for button in page.locator("table.releases td.grab button").all():
        box = button.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
    decision = page.locator("table.releases td.decision").last.bounding_box()
    assert decision is not None and decision["x"] + decision["width"] <= width
    assert page.locator("td.release-title", has_text="Atmos-GRP").bounding_box()["height"] > 30  # wrapped

    page.get_by_role("button", name="Size").click()  # biggest first
    assert _titles(page)[0].startswith("Heat.1986")
    page.get_by_role("button", name="Size").click()
    assert _titles(page)[0].startswith("Heat.1995.REMASTERED")

    page.get_by_role("combobox", name="Quality").select_option("HDTV-720p")
    assert _titles(page) == ["Heat.1995.720p.HDTV.x264-LOW"]
    page.get_by_role("combobox", name="Quality").select_option("")
    page.get_by_label("Accepted only").check()
    assert "Heat.1986.1080p.BluRay.x264-OLD" not in _titles(page)
    page.get_by_label("Accepted only").uncheck()

    rejected = page.locator("tr.rejected td.decision details")
    rejected.locator("summary").click()
    assert "not the movie searched for" in rejected.inner_text()
