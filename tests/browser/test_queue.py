"""The queue in a real headless Chromium: a tick survives the 5-second poll that redraws the rows, and
the status filter narrows the rows in place."""

import pytest

from downloads.models import TrackedDownload
from tests.browser.test_scenegroups import log_in
from tests.downloads.factories import TrackedDownloadFactory, sabnzbd
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]


def test_a_tick_survives_the_poll_and_the_filter_narrows_the_rows(page, live_server, admin_user):
    client = sabnzbd("http://127.0.0.1:9")
    first = TrackedDownloadFactory(
        client=client, movie=MovieFactory(title="Arrival"), title="Arrival.2016-GRP"
    )
    TrackedDownloadFactory(
        client=client, movie=MovieFactory(title="Heat"), title="Heat.1995-OLD", state="importBlocked"
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/activity/queue")

    box = page.get_by_label("Select Arrival.2016-GRP")
    box.check()
    TrackedDownload.objects.filter(pk=first.pk).update(remaining_size=100)
    first.refresh_from_db()
    first.save()  # a change: the next poll redraws the rows
    with page.expect_response(
        lambda response: "/activity/queue?v=" in response.url and response.status == 200, timeout=12_000
    ):
        pass
    page.locator("#queue-rows tr", has_text="Arrival.2016-GRP").get_by_text("100 B").wait_for()  # redrawn
    assert page.get_by_label("Select Arrival.2016-GRP").is_checked()

    page.get_by_label("Status").select_option("import")
    page.locator("#queue-rows[data-shown='1']").wait_for()
    assert "Heat.1995-OLD" in page.locator("#queue-rows").inner_text()
    assert "Arrival.2016-GRP" not in page.locator("#queue-rows").inner_text()
