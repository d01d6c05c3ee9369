"""A new user's first evening, in a real headless Chromium and through the UI only: log in, add a root
folder, look at a quality profile, add an indexer (Newznab, a local fake server serving a feed made
here) and a download client (a Usenet Blackhole: real folders), add a movie (TMDB is the local fake of
test_movies), search interactively, grab, watch the queue, let the download finish in the watch folder,
import, and find the file and its history on the movie page. Every step checks what the page shows.

The download finishing is the one step no UI can do: the test writes the video into the blackhole's
watch folder, as a downloader would. Tracking and importing run through System → Tasks → "Run now" on
Refresh Monitored Downloads, which queues the command; the test then runs the queued command the way
the job worker would (radarr.commands.execute_command), since no worker runs beside the test server."""

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from movies.models import MovieFile
from radarr.commands import execute_command
from radarr.jobs import sync_schedules
from radarr.models import Command, CommandStatus
from tests.browser.test_movies import fake_tmdb  # noqa: F401 (the TMDB fake answering for Arrival)
from tests.indexers.searchsupport import Item, serve_newznab

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"
OTHER = "Heat.1995.720p.HDTV.x264-LOW"  # another movie's release: shown rejected beside ours


@pytest.fixture(autouse=True)
def patient_expectations():
    """expect() waits as long as the page fixture's actions do (10 s, not Playwright's 5 s): a loaded
    machine may take a few seconds over an interactive search. Put back after the test."""
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


def _run_refresh_monitored_downloads(page, live_server) -> None:
    """System → Tasks → Run now on Refresh Monitored Downloads; then the job worker's part."""
    page.goto(f"{live_server.url}/system/tasks")
    row = page.locator("#task-tables tr", has_text="Refresh Monitored Downloads")
    row.get_by_role("button", name="Run now").click()
    expect(page.get_by_text("RefreshMonitoredDownloads queued.")).to_be_visible()
    command = Command.objects.get(name="RefreshMonitoredDownloads", status=CommandStatus.QUEUED)
    execute_command(command.pk)


def _age(path: Path, seconds: float) -> None:
    """Make a watch-folder entry last changed `seconds` ago: the blackhole calls it finished after 30 s."""
    moment = time.time() - seconds
    for entry in [*path.rglob("*"), path]:
        os.utime(entry, (moment, moment))


def test_a_new_user_sets_up_adds_searches_grabs_and_imports_a_movie(
    page,
    live_server,
    admin_user,
    fake_server,
    fake_tmdb,  # noqa: F811
    tmp_path,
):
    sync_schedules()  # what make run does at every start: System → Tasks lists the scheduled tasks
    serve_newznab(fake_server, [Item(RELEASE, guid="arrival", size=2 * 2**30), Item(OTHER, guid="heat")])
    library, drop, watch = tmp_path / "movies", tmp_path / "drop", tmp_path / "watch"
    for folder in (library, drop, watch):
        folder.mkdir()
    (library / ".keep").write_text("a mounted library")
    # posters come from TMDB's image server: nothing may leave this machine
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    main = page.get_by_role("navigation", name="Main")
    settings_link = main.get_by_role("link", name="Settings", exact=True)

    # log in
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Movies")

    # Settings → Media Management: a root folder
    settings_link.click()
    page.get_by_role("link", name=re.compile("^Media Management")).click()
    page.get_by_label("Root folder path").fill(str(library))
    page.get_by_role("button", name="Add root folder").click()
    expect(page.locator("table.root-folders")).to_contain_text(str(library))

    # Settings → Profiles: open HD-1080p, see Bluray-1080p allowed, save it unchanged
    settings_link.click()
    page.get_by_role("link", name=re.compile("^Profiles")).click()
    name = page.locator("strong", has_text=re.compile("^HD-1080p$"))
    card = page.locator(".profile-cards a").filter(has=name)
    expect(card).to_contain_text("Bluray-1080p")
    card.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quality profile: HD-1080p")
    bluray = page.locator(".quality-items li").filter(
        has=page.locator(".quality-name", has_text=re.compile("^Bluray-1080p$"))
    )
    expect(bluray.get_by_label("Allowed")).to_be_checked()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Quality profile 'HD-1080p' saved.")).to_be_visible()

    # Settings → Indexers: Newznab at the local fake; Test passes; saved, it is listed
    settings_link.click()
    page.get_by_role("link", name=re.compile("^Indexers")).click()
    page.get_by_role("link", name="Newznab", exact=True).click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Local NZB")
    page.get_by_label("URL", exact=True).fill(fake_server.url)
    page.get_by_label("API Key", exact=True).fill("k" * 32)
    page.get_by_role("button", name="Test").click()
    expect(page.locator("#test-result")).to_have_text("Test passed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("row", name=re.compile("Local NZB"))).to_contain_text("Newznab")

    # Settings → Download Clients: a Usenet Blackhole on real folders; Test passes; saved, it is listed
    settings_link.click()
    page.get_by_role("link", name=re.compile("^Download Clients")).click()
    page.get_by_role("link", name="Add a download client").click()
    page.get_by_role("link", name=re.compile("^Usenet Blackhole")).click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Blackhole")
    page.get_by_label("Nzb Folder", exact=True).fill(str(drop))
    page.get_by_label("Watch Folder", exact=True).fill(str(watch))
    page.get_by_role("button", name="Test").click()
    expect(page.locator("#test-result")).to_have_text("Test passed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("row", name=re.compile("Blackhole"))).to_contain_text("Usenet Blackhole")

    # Add movie: search TMDB, choose the root folder and profile, add
    main.get_by_role("link", name="Movies", exact=True).click()
    page.get_by_role("link", name="Add movie").click()
    page.wait_for_load_state()  # HTMX is listening before we type
    page.get_by_label("Search TMDB").fill("Arrival")
    result = page.locator(".result", has_text="Arrival")
    result.get_by_text("Add this movie").click()
    result.get_by_label("Root folder").select_option(str(library))
    result.get_by_label("Quality profile").select_option(label="HD-1080p")
    result.get_by_role("button", name="Add movie").click()
    result.get_by_role("link", name="In library").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Arrival")
    expect(page.locator("#files")).to_contain_text("No file yet.")
    expect(page.locator("#history")).to_contain_text("Nothing has happened to this movie yet")

    # Interactive search: our release accepted, the other movie's rejected
    page.get_by_role("button", name="Search indexers").click()
    ours = page.locator("table.releases tbody tr", has_text=RELEASE)
    # the search asks the indexer and decides every release: give a loaded machine longer than a click
    expect(ours.locator("td.decision")).to_have_text("Accepted", timeout=45_000)
    expect(page.locator("table.releases tbody tr", has_text=OTHER).locator("td.decision")).to_contain_text(
        "Rejected"
    )

    # Grab: the page says where it went, and the .nzb lies in the blackhole's folder
    ours.get_by_role("button", name=f"Grab {RELEASE}").click()
    expect(ours.locator(".grab-result")).to_have_text("Sent to Blackhole.")
    assert [path.name for path in drop.iterdir()] == [f"{RELEASE}.nzb"]

    # the downloader starts writing into the watch folder: the queue shows it downloading
    download = watch / RELEASE
    download.mkdir()
    (download / f"{RELEASE}.mkv").write_bytes(b"\x1a\x45\xdf\xa3" + b"\0" * 200_000)
    _run_refresh_monitored_downloads(page, live_server)
    main.get_by_role("link", name="Activity", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Queue")
    queued = page.locator("#queue-rows tr", has_text=RELEASE)
    expect(queued.get_by_role("link", name="Arrival")).to_be_visible()
    expect(queued.locator("td.status")).to_contain_text("Downloading")
    for shown in ("Bluray-1080p", "Blackhole", "Local NZB"):
        expect(queued).to_contain_text(shown)

    # the download finishes (nothing changed for a minute): tracked, completed, imported
    _age(download, 60)
    _run_refresh_monitored_downloads(page, live_server)
    main.get_by_role("link", name="Activity", exact=True).click()
    expect(page.locator("#queue-rows")).to_have_text("The queue is empty.")

    # the movie page shows the file with its quality, and the history in words
    page.goto(f"{live_server.url}/movie/329865")
    files = page.locator("table.movie-files tbody tr")
    expect(files).to_have_count(1)
    expect(files.locator("td").nth(1)).to_have_text("Bluray-1080p")
    expect(files).to_contain_text(RELEASE)  # Rename Movies is off: the release's own file name
    history = page.locator("table.movie-history tbody tr")
    expect(history.locator("td:first-child")).to_have_text(["Imported", "Grabbed"])
    expect(history.locator("td:nth-child(2)")).to_have_text([RELEASE, RELEASE])
    expect(history.locator("td:nth-child(3)")).to_have_text(["Bluray-1080p", "Bluray-1080p"])
    file = MovieFile.objects.get(movie__tmdb_id=329865)
    assert (library / "Arrival (2016)" / file.relative_path).is_file()
    assert not (download / f"{RELEASE}.mkv").exists()  # moved out of the watch folder, not copied
