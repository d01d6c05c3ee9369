"""Checkboxes sit beside their labels (issue 20: each floated alone above its label), on the forms
built by hand (<label><input> Text</label>) and by Django (<div><label>Text</label><input></div>)."""

import pytest

from tests.browser.test_navigation import log_in
from tests.indexers.factories import IndexerFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

# each checkbox's vertical offset from its label's text, and how far right of the checkbox the text starts
MEASURE = """
Array.from(document.querySelectorAll('main input[type=checkbox]'))
  .filter(box => box.offsetParent !== null && box.labels.length)
  .map(box => {
    const label = box.labels[0];
    const range = document.createRange();
    const text = Array.from(label.childNodes).find(node => node.nodeType === 3 && node.textContent.trim());
    range.selectNodeContents(text || label);
    const words = range.getBoundingClientRect(), square = box.getBoundingClientRect();
    return {
      name: (label.textContent || '').trim().slice(0, 40),
      offset: Math.abs((words.top + words.bottom) / 2 - (square.top + square.bottom) / 2),
      height: square.height,
      gap: words.left - square.right,
    };
  })
"""


@pytest.mark.parametrize(
    "path",
    [
        "/settings/indexers/options",
        "/settings/indexers/{indexer}",
        "/settings/mediamanagement",
        "/settings/ui",
    ],
)
def test_each_checkbox_is_on_its_labels_line(page, live_server, admin_user, path):
    indexer = IndexerFactory(name="NZBgeek")
    log_in(page, live_server)
    page.goto(live_server.url + path.format(indexer=indexer.pk))

    boxes = page.evaluate(MEASURE)

    assert boxes, f"no labelled checkbox on {path}"
    misplaced = [box for box in boxes if box["offset"] > box["height"] or not 0 <= box["gap"] < 40]
    assert misplaced == []
