"""Fixtures every test may use: API client, fake HTTP servers, a real headless browser."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.fakeserver import FakeServer
from tests.shared import SHARED_FIXTURES

TESTS_DIR = Path(__file__).resolve().parent
# TEST_CHROMIUM points elsewhere (or nowhere, to check the suite on a machine without a browser)
CHROMIUM = Path(os.environ.get("TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def install_migration_data() -> None:
    """The rows data migrations add, again where missing: Radarr's quality definitions, profiles and
    delay profile, and the disabled metadata consumers."""
    import importlib

    from django.apps import apps

    from releases.defaults import install_defaults

    install_defaults()
    consumers = importlib.import_module("imports.migrations.0002_metadata_consumers")
    consumers.add_default_consumers(apps, None)


_flushed = [False]  # a transactional test has flushed the database since the defaults were last put back


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    fixtures = set(request.fixturenames)
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        fixtures & {"transactional_db", "live_server"}
    )


@pytest.fixture(autouse=True)
def radarr_defaults(request: pytest.FixtureRequest) -> Iterator[None]:
    """Transactional tests flush the database after each test, migration data included: put back
    Radarr's default quality definitions and profiles for the tests that follow. A serial run orders
    transactional tests last; a parallel run (pytest-xdist) mixes them with the others."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        install_migration_data()
        yield
        _flushed[0] = True
        return
    uses_db = request.node.get_closest_marker("django_db") is not None or "db" in request.fixturenames
    if _flushed[0] and uses_db:
        blocker = request.getfixturevalue("django_db_blocker")
        from django.db import connection

        with blocker.unblock():
            install_migration_data()  # inside an open test transaction: rolled back with it
            if not connection.in_atomic_block:
                _flushed[0] = False
    yield


@pytest.fixture(autouse=True)
def no_indexer_spacing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Searches in tests ask loopback indexers: the 2 s spacing kept between two requests to one indexer
    (indexers.fetching) would only make them slow (a library-wide search waited 20 s). The tests of the
    spacing set their own."""
    from indexers import fetching

    monkeypatch.setattr(fetching, "REQUEST_SPACING_SECONDS", 0.0)


@pytest.fixture(autouse=True)
def no_inherited_worker_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that starts a job worker in this process sets the process's run (radarr.commands.use_run);
    the tests after it must not file their commands under that run, whose row their database lacks."""
    from radarr import commands

    monkeypatch.setattr(commands, "_process_run_id", None)


@pytest.fixture
def api_client() -> Client:
    """A client that sends the API key as Prowlarr, autobrr and pyarr do (X-Api-Key)."""
    return Client(headers={"X-Api-Key": settings.RADARR_API_KEY})


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    """An empty fake HTTP server on loopback; tests add the routes they need."""
    server = FakeServer().start()
    yield server
    server.stop()


@pytest.fixture
def shared_fixture_server() -> Iterator[FakeServer]:
    """A fake HTTP server whose unrouted GETs answer with files from ../shared/fixtures."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"the shared fixtures folder {SHARED_FIXTURES} is absent (a user's clone has none)")
    server = FakeServer(root=SHARED_FIXTURES).start()
    yield server
    server.stop()


@pytest.fixture
def without_ffprobe(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PATH without ffprobe, whatever this machine has installed: checks that look for it give the same
    answer everywhere (the test must not run other programs)."""
    empty = tmp_path / "path-without-ffprobe"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def media_analysis_off(without_ffprobe: None) -> None:
    """ffprobe absent and Settings → Media Management → Analyse Video Files off: the media-info health
    check has nothing to say, on any machine, after the same one query."""
    from imports.models import MediaManagementConfig

    config = MediaManagementConfig.load()
    config.enable_media_info = False
    config.save()


@pytest.fixture
def data_dir() -> Path:
    """The test session's data folder (RADARR_DATA_DIR), a fresh temporary folder per run."""
    return settings.DATA_DIR


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never Playwright's own browser download)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object, live_server: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser page; on failure a screenshot is kept under test-artifacts/."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        artifacts = TESTS_DIR.parent / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def admin_user(django_user_model: type) -> object:
    return django_user_model.objects.create_superuser("admin", password="correct horse battery staple")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test has an id of its own: pytest-xdist tells tests apart by id and runs one of several
    that share it, silently. Schemathesis (4.x under pytest 9) gives each operation's test the fuzz
    function's bare id, so the OpenAPI fuzz ran one operation of 273 on two workers: each gets its
    operation in its id, as it has in its name. Any other id given twice stops the run."""
    for item in items:
        label = getattr(item, "operation_label", None)
        if label and not item.nodeid.endswith("]"):
            item._id = item.parent.id.child(item.originalname).with_params(label)
    seen: set[str] = set()
    twice = sorted({item.nodeid for item in items if item.nodeid in seen or seen.add(item.nodeid)})
    if twice:
        raise pytest.UsageError(f"{len(twice)} test id(s) given to more than one test: {twice[:5]}")
