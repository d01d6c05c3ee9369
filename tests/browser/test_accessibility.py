"""Every page passes axe-core with no violation of any impact, in the light and the dark theme and at
phone width, in a real headless Chromium.

The pages are found, not listed: every route of the URL conf without parameters, then every same-site
link those pages show (seeded rows make the movie, provider, profile and group pages reachable), one
visit per route and set of query keys. A page added to the URL conf is checked without editing this
file; a route with parameters that no link reaches fails the coverage test, so seed what shows it.

axe-core comes from npm (installed once into .cache/axe); the test skips with the reason when npm is
missing and it is not installed yet.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone

from downloads.models import History, HistoryEventType, RemotePathMapping
from imports.fromradarr.report import ImportReport
from imports.models import RadarrImport
from movies.models import AutoTag, ImportList, ImportListItem, Movie, RootFolder, VersionTemplate
from movies.versions import apply_template
from notifications.models import Notification
from radarr.jobs import sync_schedules
from radarr.models import CustomFilter
from radarr.system.backups import create_backup
from releases.models import CustomFormat, DelayProfile, ReleaseProfile
from tests.browser.test_navigation import log_in
from tests.downloads.factories import (
    BlocklistFactory,
    DownloadClientFactory,
    GrabFactory,
    TrackedDownloadFactory,
)
from tests.factories import TagFactory
from tests.indexers.factories import IndexerFactory
from tests.movies.factories import CollectionFactory, MovieFactory, MovieFileFactory
from tests.scenegroups.factories import SceneGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[2]
AXE_DIR = Path(os.environ.get("TEST_AXE_DIR", REPO / ".cache" / "axe"))
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"

# Not pages: machine endpoints, downloads, and the admin (Django's own, outside the app's UI).
NOT_PAGES = ("admin/", "api", "feed/", "docs/", "metrics", "ping", "logout", "MediaCover/", "mediacover/")
# Routes with parameters no page links to, and why; every other one must be reached by the crawl.
NOT_LINKED = {
    "movie/<str:slug>": "Radarr's slug address, redirects to movie/<tmdb_id>; typed or bookmarked",
    "activity/queue/<int:record_id>/grab": "a pending release's Grab now: needs a delayed release",
    "settings/indexers/search/movie/<int:movie_id>/grab": "posted from interactive search results",
    "settings/indexers/search/movie/<int:movie_id>/override": "opened from a cached search result",
    "discover/poster/<int:tmdb_id>": "a Discover card's poster, loaded as it scrolls into view",
}
MISSING = "/no-such-page"
MODES = [  # (name, colour scheme, viewport)
    ("light", "light", {"width": 1280, "height": 800}),
    ("dark", "dark", {"width": 1280, "height": 800}),
    ("phone", "light", {"width": 375, "height": 740}),
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed and axe-core is not in .cache/axe: accessibility crawl skipped")
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR), "axe-core@4"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AXE_JS.read_text()


def page_routes() -> dict[str, bool]:
    """Every page route of the URL conf (as Django writes it) → whether it takes parameters."""
    routes: dict[str, bool] = {}

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith(NOT_PAGES):
                routes[route] = bool(pattern.pattern.converters)

    walk(get_resolver().url_patterns, "")
    return routes


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def seed(tmp_path: Path) -> None:
    """One of everything a page lists, so each list shows rows and each row's page is linked."""
    tag = TagFactory(label="hd")
    root = tmp_path / "movies"
    (root / "Unmapped Folder (2001)").mkdir(parents=True)
    RootFolder.objects.create(path=str(root))
    (tmp_path / "movies-4k").mkdir()
    RootFolder.objects.create(path=str(tmp_path / "movies-4k"))  # unused: it can be removed
    TagFactory(label="unused")  # it can be deleted
    report = ImportReport(source="http://radarr.lan:7878", dry_run=True, source_version="5.14.0")
    report.section("Tags").found = 1
    RadarrImport.objects.create(url=report.source, dry_run=True, status="completed", report=report.as_json())
    collection = CollectionFactory(title="The Heat Collection")
    movie = MovieFactory(
        title="Heat", year=1995, root_folder_path=str(root), collection=collection, tags=[tag]
    )
    MovieFileFactory(
        movie=movie, media_info={"videoCodec": "x264", "audioCodec": "DTS", "audioChannels": 5.1}
    )
    missing = MovieFactory(
        title="Ronin", year=1998, root_folder_path=str(root), in_cinemas=timezone.now().date()
    )
    # the crawl visits one page per route: whichever movie page comes first must show a file's links
    MovieFileFactory(movie=missing, quality_id=1)
    MovieFactory(title="Arrival", year=2016, root_folder_path=str(root))  # missing
    # every movie has a 4K version (whichever movie page the crawl opens shows its links); the Extended
    # template is left to add from the movie page
    four_k = VersionTemplate.objects.create(name="4K", quality_profile=movie.quality_profile, url_base="uhd")
    apply_template(Movie.objects.values_list("pk", flat=True), four_k)
    VersionTemplate.objects.create(name="Extended", quality_profile=movie.quality_profile, edition="Extended")
    client = DownloadClientFactory(name="SABnzbd")
    grab = GrabFactory(movie=missing, source_title="Ronin.1998.1080p.BluRay.x264-GRP")
    GrabFactory(movie=movie, source_title="Heat.1995.1080p.BluRay.x264-GRP")
    History.objects.create(
        movie=movie,
        event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED,
        date=timezone.now(),
        source_title="Heat.1995.1080p.BluRay.x264-GRP",
        quality_id=7,
        language_ids=[1],
        data={"droppedPath": "/downloads/Heat", "importedPath": str(root / "Heat (1995)")},
    )
    TrackedDownloadFactory(client=client, movie=missing, grab=grab, download_id=grab.download_id)
    BlocklistFactory(movie=missing)
    IndexerFactory(name="NZBgeek")
    Notification.objects.create(name="Discord", implementation="Discord", settings={"webHookUrl": ""})
    ImportList.objects.create(name="Popular", implementation="TMDbPopularImport", settings={}, enabled=True)
    CustomFormat.objects.create(name="HDR", specifications=[])
    ReleaseProfile.objects.create(name="No cams", ignored=["CAM"])
    AutoTag.objects.create(name="Dramas", specifications=[])
    RemotePathMapping.objects.create(host="localhost", remote_path="/remote/", local_path=str(tmp_path) + "/")
    SceneGroupFactory(name="GRP", pinned_score=80, pin_note="trusted")
    DelayProfile.objects.create(usenet_delay=60, order=1).tags.set([tag])
    CustomFilter.objects.create(type="movieIndex", label="Dramas", filters=[])
    ImportListItem.objects.create(
        import_list=ImportList.objects.get(), tmdb_id=603, title="The Matrix", year=1999
    )
    create_backup()
    sync_schedules()  # what make run does at every start: System → Tasks lists them
    log = settings.LOG_DIR / "radarr.txt"
    if not log.exists():
        log.write_text("2026-01-01 00:00:00.0|Info|Startup|Radarr started\n")


def describe(node: dict) -> str:
    """Where a failing element is and why, e.g. "a.brand: contrast 2.3 (#d9a300 on #ffffff)"."""
    where = " ".join(str(part) for part in node["target"])
    data = next((check.get("data") for check in node["any"] if check.get("data")), None)
    if isinstance(data, dict) and "contrastRatio" in data:
        return f"{where}: contrast {data['contrastRatio']} ({data['fgColor']} on {data['bgColor']})"
    return f"{where}: {node['html'][:120]}"


def axe_violations(page, axe_source: str) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source + "\n;true")  # through the debugger: the page's CSP allows no inline script
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [describe(node) for node in violation["nodes"][:5]],
            "count": len(violation["nodes"]),
        }
        for violation in result["violations"]
    ]


def crawl(page, base_url: str, axe_source: str) -> tuple[dict, set[str | None], set[str]]:
    """Visit every reachable page once per route and query keys; axe each in every mode. Returns the
    violations by page and mode, the routes reached (asked for, or called by forms and htmx) and the
    pages (path and query) checked."""
    routes = page_routes()
    queue = [MISSING, *(f"/{route}" for route, has_parameters in routes.items() if not has_parameters)]
    seen: set[tuple[str, frozenset]] = set()
    visited: set[str] = set()  # paths with their query
    reached: set[str | None] = set()  # every route asked for, and those forms and htmx call
    found: dict[str, dict[str, list]] = {}
    while queue:
        path = queue.pop(0)
        parts = urlsplit(path)
        route = route_of(parts.path)
        key = (route, frozenset(name for name, _ in parse_qsl(parts.query)))
        if path == MISSING:
            route = MISSING  # the styled 404 page is a page too
            key = (MISSING, frozenset())
        if key in seen or (route not in routes and route != MISSING):
            continue
        seen.add(key)
        probe = page.request.get(base_url + path, max_redirects=0)  # the browser's cookies, no rendering
        reached.add(route)
        if probe.status != (404 if path == MISSING else 200) or "text/html" not in probe.headers.get(
            "content-type", ""
        ):
            continue  # an action (POST only), a download or a redirect to a page queued anyway
        if "<html" not in probe.text()[:1000].lower():
            continue  # an htmx fragment: checked inside the page that shows it
        page.goto(base_url + path)
        if urlsplit(page.url).path != parts.path:
            continue  # redirected elsewhere: that page is crawled under its own route
        visited.add(path)
        page.wait_for_load_state("networkidle")
        for mode, scheme, viewport in MODES:
            page.emulate_media(color_scheme=scheme)
            page.evaluate(f"document.documentElement.setAttribute('data-theme', '{scheme}')")
            page.set_viewport_size(viewport)
            if violations := axe_violations(page, axe_source):
                found.setdefault(path, {})[mode] = violations
        reached.update(
            route_of(urlsplit(url).path)
            for url in page.evaluate(
                "Array.from(document.querySelectorAll('[action],[hx-get],[hx-post],[hx-put],[hx-delete]'),"
                " e => new URL(e.getAttribute('action') || e.getAttribute('hx-get')"
                " || e.getAttribute('hx-post') || e.getAttribute('hx-put') || e.getAttribute('hx-delete'),"
                " location.href).href)"
            )
        )
        links = page.evaluate(
            "Array.from(document.querySelectorAll('a[href]'), a => a.href)"
            ".filter(href => href.startsWith(location.origin))"
        )
        for link in links:
            link_parts = urlsplit(link)
            queue.append(link_parts.path + (f"?{link_parts.query}" if link_parts.query else ""))
    return found, reached, visited


def test_every_page_has_no_axe_violation(page, live_server, admin_user, axe_source, tmp_path):
    seed(tmp_path)
    log_in(page, live_server)

    found, reached, visited = crawl(page, live_server.url, axe_source)

    unreached = sorted(
        route
        for route, parameters in page_routes().items()
        if parameters and route not in reached and route not in NOT_LINKED
    )
    counts = {
        "pages checked": len(visited),
        "pages with violations": len(found),
        "violations": sum(v["count"] for modes in found.values() for vs in modes.values() for v in vs),
    }
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "axe.json").write_text(json.dumps({"counts": counts, "found": found}, indent=1))
    assert found == {}, f"{counts}; details in test-artifacts/axe.json: {json.dumps(found, indent=1)[:4000]}"
    assert unreached == [], f"no page links to these routes, seed the rows that show them: {unreached}"
