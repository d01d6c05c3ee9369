"""A person reviews release groups in a real headless Chromium: sort and search the Scene Groups table,
open a group, pin its score and see the pin beside the learned score."""

import re

import pytest

from scenegroups.models import SceneGroup
from tests.scenegroups.factories import SceneGroupFactory, factors

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def group_names(page) -> list[str]:
    return page.locator("table.scene-groups tbody tr td:first-child").all_inner_texts()


def test_sort_the_table_open_a_group_and_pin_it(page, live_server, admin_user):
    SceneGroupFactory(name="FraMeSToR", score=91.0, confidence="high", releases=12, factors=factors(80.0))
    SceneGroupFactory(name="SPARKS", score=55.0, confidence="medium", releases=300)
    SceneGroupFactory(name="YIFY", score=20.0, confidence="low", releases=40)
    log_in(page, live_server)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Scene Groups").click()
    page.wait_for_load_state()
    assert group_names(page) == ["FraMeSToR", "SPARKS", "YIFY"]  # best first

    page.get_by_role("link", name="Releases seen").click()  # HTMX swaps the table only
    page.wait_for_url(re.compile(r"sort=releases&dir=desc"))
    page.locator("th[aria-sort=descending]", has_text="Releases seen").wait_for()
    assert group_names(page) == ["SPARKS", "YIFY", "FraMeSToR"]

    page.get_by_label("Search groups").fill("yi")  # filters as one types, keeping the sort
    page.wait_for_url(re.compile(r"search=yi"))
    page.get_by_text("1 group matching").wait_for()
    assert group_names(page) == ["YIFY"]
    assert "sort=releases" in page.url

    page.get_by_role("link", name="YIFY").click()
    page.wait_for_url(f"{live_server.url}/scenegroups/yify/")
    page.get_by_label("Pinned score (0–100)").fill("95")
    page.get_by_label("Note").fill("Small files are what this box wants")
    page.get_by_role("button", name="Pin").click()
    page.locator("#pinned-score .badge.pin").wait_for()  # the page came back from the redirect

    pinned = page.locator("#pinned-score")
    assert "95" in pinned.inner_text() and "Small files" in pinned.inner_text()
    assert "20.0" in page.locator("#learned-score").inner_text()  # the learned score stays apart
    assert SceneGroup.objects.get(key="yify").pinned_score == 95

    page.get_by_role("link", name="← Scene Groups").click()
    page.wait_for_url(f"{live_server.url}/scenegroups/")
    assert group_names(page)[0] == "YIFY"  # 95 pinned now beats FraMeSToR's learned 91
    assert "pinned" in page.locator("table.scene-groups tbody tr").first.inner_text()
