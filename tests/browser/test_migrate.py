"""A person moves in from Radarr in a real headless Chromium: the form starts the move-in, the run page
follows it (htmx polling) and swaps in the report when it ends, without a reload."""

import pytest

from imports.models import RadarrImport
from imports.tasks import import_from_radarr
from radarr.models import Command
from tests.browser.test_scenegroups import log_in
from tests.imports.radarrsource import StandInRadarr, our_fixtures

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]


def test_start_a_move_in_and_watch_its_report_arrive(page, live_server, admin_user, tmp_path):
    source = StandInRadarr()
    source.serve_all(our_fixtures(tmp_path / "movies"))
    source.start()
    try:
        log_in(page, live_server)
        page.goto(f"{live_server.url}/settings")
        page.get_by_role("link", name="Migrate from Radarr").click()
        page.get_by_label("Radarr's address").fill(source.url)
        page.get_by_label("API key").fill(source.API_KEY)
        page.get_by_label("Dry run").uncheck()
        page.get_by_role("button", name="Start").click()
        page.wait_for_url(f"{live_server.url}/settings/migrate/*")
        assert "queued" in page.locator("#migrate-status").inner_text()

        # the job worker's part, run here: the page is not reloaded, its poll brings the report
        run = RadarrImport.objects.get()
        import_from_radarr(run.pk)
        Command.objects.filter(name="ImportRadarr").update(status="completed")

        page.get_by_text("What needs you").wait_for(timeout=10_000)
        status = page.locator("#migrate-status").inner_text()
        assert "completed" in status and "Movie files" in status
        assert "needs its password" in status
    finally:
        source.stop()
