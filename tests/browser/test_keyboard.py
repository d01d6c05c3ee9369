"""Keyboard use, in a real headless Chromium: a skip link comes first and lands in the content, every
navigation link and button is reached with Tab, and whatever has focus shows a visible ring."""

import pytest

from tests.browser.test_navigation import AREAS, log_in
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

FOCUSED = """
(() => {
  const element = document.activeElement, style = getComputedStyle(element);
  window.tabOrder = window.tabOrder || 0;
  element.dataset.tabOrder = element.dataset.tabOrder || String(++window.tabOrder);
  const box = element.getBoundingClientRect();
  return {
    text: (element.innerText || element.getAttribute('aria-label') || element.title || '').trim(),
    tag: element.tagName, id: element.id, order: element.dataset.tabOrder,
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
  };
})()
"""


def test_the_skip_link_comes_first_and_lands_in_the_content(page, live_server, admin_user):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/settings")

    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    page.keyboard.press("Enter")

    assert first["text"] == "Skip to content"
    assert first["onScreen"] and first["ring"]  # hidden until focused, then shown
    assert page.evaluate("document.activeElement.id") == "content"


def test_tab_reaches_every_control_with_a_visible_ring(page, live_server, admin_user):
    MovieFactory(title="Heat", year=1995)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/")
    expected = page.evaluate(
        "Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea,"
        ' [tabindex]:not([tabindex="-1"])\')).filter(element => element.checkVisibility()'
        " && !element.disabled && element.tabIndex >= 0).length"
    )

    seen = []
    for _ in range(3 * expected):  # round the page once: until the skip link has focus again
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        if len(seen) > 1 and seen[-1]["text"] == "Skip to content":
            break

    texts = {focused["text"] for focused in seen}
    assert set(AREAS) <= texts  # every area of the navigation
    assert "Log out" in texts
    assert [focused for focused in seen if focused["tag"] != "BODY" and not focused["ring"]] == []
    assert len({focused["order"] for focused in seen if focused["tag"] != "BODY"}) >= expected
