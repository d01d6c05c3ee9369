"""Every main page works under the Content-Security-Policy: Chromium reports no violation, and the
behaviours that used to be inline handlers (confirm, auto-submit, scroll) still work from static JS."""

import pytest

from tests.browser.test_navigation import log_in
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/dashboard",
    "/calendar",
    "/collections",
    "/import",
    "/editor",
    "/activity/queue",
    "/activity/history",
    "/activity/blocklist",
    "/activity/manualimport",
    "/wanted/missing",
    "/wanted/cutoff",
    "/add",
    "/settings",
    "/settings/general",
    "/settings/ui",
    "/settings/mediamanagement",
    "/settings/profiles",
    "/settings/quality",
    "/settings/customformats",
    "/settings/delayprofiles",
    "/settings/releaseprofiles",
    "/settings/indexers",
    "/settings/indexers/options",
    "/settings/downloadclients",
    "/settings/connect",
    "/settings/metadata",
    "/settings/importlists",
    "/discover",
    "/settings/importlists/new?implementation=RadarrImport",
    "/settings/parse",
    "/system/status",
    "/system/tasks",
    "/system/logs",
    "/system/backup",
    "/scenegroups/",
    "/account/password",
]
# Recorded in the page itself: Chromium fires this event for every blocked script, style or handler.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


@pytest.fixture
def watched_page(page):
    """The browser page, recording CSP violations from events and from the console."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_messages_seen = []
    page.on(
        "console",
        lambda message: (
            page.console_messages_seen.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations") + page.console_messages_seen


def test_the_main_pages_raise_no_csp_violation(watched_page, live_server, admin_user):
    movie = MovieFactory(title="Heat", year=1995)
    log_in(watched_page, live_server)
    found = {}

    for path in [*PAGES, f"/movie/{movie.tmdb_id}"]:
        response = watched_page.goto(f"{live_server.url}{path}")
        watched_page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        if seen := violations(watched_page):
            found[path] = seen
        watched_page.console_messages_seen.clear()

    assert found == {}


def test_a_confirmation_still_guards_clearing_the_logs(watched_page, live_server, admin_user):
    log_in(watched_page, live_server)
    watched_page.goto(f"{live_server.url}/system/logs")
    questions = []

    def answer(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    watched_page.on("dialog", answer)
    watched_page.get_by_role("button", name="Clear logs").click()

    assert questions == ["Empty every log file?"]
    assert watched_page.url.endswith("/system/logs")  # dismissed: nothing was posted
    assert violations(watched_page) == []


def test_choosing_a_log_level_submits_the_filter(watched_page, live_server, admin_user):
    log_in(watched_page, live_server)
    watched_page.goto(f"{live_server.url}/system/logs")

    watched_page.get_by_label("Level").select_option("error")
    watched_page.wait_for_url("**/system/logs?level=error")

    assert violations(watched_page) == []
