"""Two web processes and two job workers on one machine, sharing PostgreSQL, Redis and one data folder,
behave as one server (RADARR_ROLE=web and worker, DATABASE_URL, RADARR_REDIS_URL).

One cluster is started for the module, on an empty database: the four processes start at once (one
migrates, the others wait for it and share the secrets it generated). Each test proves one point.
"""

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis
import requests
from PIL import Image

from tests.fakeserver import FakeServer, Route
from tests.indexers.searchsupport import Item, serve_newznab
from tests.radarr.launching import REDIS_URL, REPO, Instance, redis_answers, wait_for

pytestmark = pytest.mark.sqlite_pass  # starts its own processes on a database of its own

ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
HEARTBEAT = 1  # seconds: the workers beat, settle dead runs and look for due tasks this often
PERIODIC = [
    "CheckHealth",
    "Housekeeping",
    "RefreshMovie",
    "RssSync",
    "BacklogSearch",
    "CleanUpRecycleBin",
    "RecomputeSceneGroups",
    "Backup",
]
# a setup script run against the cluster's database once it is up: three movies (Arrival's poster on
# the fake server, its caching queued for a worker; Ronin unmonitored), the indexer, a download client
SETUP = """
from pathlib import Path
from django_q.tasks import async_task
from tests.indexers.factories import IndexerFactory
from tests.indexers.searchsupport import usenet_blackhole
from tests.movies.factories import MovieFactory
poster = {{"coverType": "poster", "remoteUrl": "{indexer}/poster.jpg"}}
arrival = MovieFactory(title="Arrival", year=2016, images=[poster])
MovieFactory(title="Heat", year=1995, images=[])
MovieFactory(title="Ronin", year=1998, images=[], monitored=False)  # no task grabs for it on its own
settings = {{"baseUrl": "{indexer}", "apiPath": "/api", "apiKey": "k" * 32, "categories": [2000]}}
IndexerFactory(settings=settings)
usenet_blackhole(Path("{blackhole}"))
async_task("movies.tasks.cache_movie_covers", arrival.pk)
"""


class GateIndexer(FakeServer):
    """A Newznab indexer whose RSS feed, once `gate` is set, answers only when two requests wait for it
    (two RSS syncs deciding at the same moment), or only once `released` when `hold` is set."""

    def __init__(self) -> None:
        super().__init__()
        self._server.handle_error = lambda request, address: None  # killed clients hang up on us
        self.gate: threading.Barrier | None = None
        self.hold = threading.Event()
        self.holding = threading.Event()
        self.released = threading.Event()

    def _find(self, method: str, path: str, query: dict[str, list[str]]) -> Route | None:
        is_rss = path == "/api" and query.get("t", [""])[-1] != "caps" and not ({"q", "imdbid"} & set(query))
        if is_rss and self.hold.is_set():
            self.holding.set()
            self.released.wait(timeout=60)
        elif is_rss and self.gate is not None:
            with contextlib.suppress(threading.BrokenBarrierError):  # the test then says so
                self.gate.wait()
        return super()._find(method, path, query)


@dataclass
class Cluster:
    webs: list[Instance]
    workers: list[Instance]
    data_dir: Path
    database_url: str
    indexer: GateIndexer

    def query(self, sql: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchall()

    def scheduled(self, name: str) -> int:
        sql = "SELECT count(*) FROM radarr_command WHERE name = %s AND trigger = 'scheduled'"
        return self.query(sql, name)[0][0]


def requirements_missing() -> str:
    try:
        psycopg.connect(ADMIN_URL, connect_timeout=3).close()
    except psycopg.Error:
        return f"no PostgreSQL answers at {ADMIN_URL} (TEST_DATABASE_URL)"
    if not redis_answers():
        return f"no Redis answers at {REDIS_URL} (TEST_REDIS_URL)"
    if shutil.which("pg_dump") is None:
        return "pg_dump (PostgreSQL's client tools) is not installed"
    return ""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    missing = requirements_missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"{missing}: .ci/run installs and starts PostgreSQL and Redis")
    if missing:
        pytest.skip(f"the cluster test needs PostgreSQL, its client tools and Redis: {missing}")
    name = f"radarr_cluster_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    database_url = urlunsplit(urlsplit(ADMIN_URL)._replace(path=f"/{name}"))
    data_dir = tmp_path_factory.mktemp("cluster")
    indexer = GateIndexer().start()
    indexer.add("/poster.jpg", body=jpeg(400, 600), content_type="image/jpeg")
    serve_newznab(
        indexer,
        [
            Item("Arrival.2016.1080p.BluRay.x264-GRP", guid="arrival"),
            Item("Heat.1995.1080p.BluRay.x264-GRP", guid="heat"),
            Item("Ronin.1998.1080p.BluRay.x264-GRP", guid="ronin"),
        ],
    )
    shared = {
        "DATABASE_URL": database_url,
        "RADARR_REDIS_URL": REDIS_URL,
        "RADARR_WORKER_HEARTBEAT_SECONDS": str(HEARTBEAT),
        "RADARR_JOB_WORKERS": "1",  # two commands at once then run on two different workers
    }
    webs = [Instance(data_dir, RADARR_ROLE="web", **shared) for _ in range(2)]
    workers = [Instance(data_dir, RADARR_ROLE="worker", **shared) for _ in range(2)]
    try:
        for instance in (*workers, *webs):
            instance.start(wait=False)
        for instance in webs:
            wait_for(lambda instance=instance: instance.answers("/ping"), "both web processes to answer")
            instance.session.headers["X-Api-Key"] = instance.config()["api_key"]
        for instance in workers:
            wait_for(lambda instance=instance: "radarr-jobs" in instance.children(), "both job workers")
        setup = SETUP.format(
            indexer=indexer.url, poster=f"{indexer.url}/poster.jpg", blackhole=data_dir / "blackhole"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", setup],
            cwd=REPO,
            env=webs[0].environment,
            check=True,
        )
        yield Cluster(webs, workers, data_dir, database_url, indexer)
    finally:
        for instance in (*webs, *workers):
            instance.cleanup()
        indexer.released.set()
        indexer.stop()
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        secret = webs[0].config()["secret_key"] if (data_dir / "config.json").exists() else ""
        if secret:
            flush_instance_keys(secret)


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def browser(cluster: Cluster) -> requests.Session:
    """Logged in on the first web process; cookies belong to 127.0.0.1 whatever the port, as in a browser."""
    first = cluster.webs[0]
    session = requests.Session()
    page = session.get(f"{first.base}/login", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    password = (cluster.data_dir / "initial-admin-password").read_text().strip()
    form = {"username": "admin", "password": password, "csrfmiddlewaretoken": token}
    logged_in = session.post(f"{first.base}/login", data=form, timeout=10, allow_redirects=False)
    assert logged_in.status_code == 302, logged_in.text[:2000]
    return session


def flush_instance_keys(secret: str) -> None:
    import hashlib

    connection = redis.Redis.from_url(REDIS_URL)
    keys = connection.keys(f"*radarr-{hashlib.sha256(secret.encode()).hexdigest()[:10]}*")
    if keys:
        connection.delete(*keys)


def test_every_process_of_a_first_start_uses_the_same_secrets(cluster):
    keys = {instance.config()["api_key"] for instance in (*cluster.webs, *cluster.workers)}
    answers = [web.session.get(f"{web.base}/api/v3/system/status", timeout=10) for web in cluster.webs]

    assert len(keys) == 1
    assert [answer.status_code for answer in answers] == [200, 200]


def test_each_due_scheduled_task_runs_once_across_the_workers(cluster):
    wait_for(lambda: all(cluster.scheduled(name) for name in PERIODIC), "every periodic task to run", 60)
    time.sleep(3 * HEARTBEAT)  # three more passes of each worker's scheduler
    assert {name: cluster.scheduled(name) for name in PERIODIC} == dict.fromkeys(PERIODIC, 1)

    cluster.query("UPDATE django_q_schedule SET next_run = now() WHERE name = 'Housekeeping' RETURNING id")
    wait_for(lambda: cluster.scheduled("Housekeeping") == 2, "Housekeeping's next interval", 30)
    time.sleep(3 * HEARTBEAT)

    assert cluster.scheduled("Housekeeping") == 2


def test_a_command_posted_to_either_web_process_runs_exactly_once(cluster):
    first, second = cluster.webs
    backups = cluster.data_dir / "Backups" / "manual"
    before = len(list(backups.glob("*.zip"))) if backups.exists() else 0

    ended = []
    for web in (first, second):  # one after the other: an identical waiting command would be joined
        ended.append(web.wait_until_ended(web.post_command("Backup")))

    assert [command["status"] for command in ended] == ["completed", "completed"]
    time.sleep(2 * HEARTBEAT)
    assert len(list(backups.glob("*.zip"))) == before + 2  # one backup per command, no more


def test_backups_written_by_a_worker_are_listed_and_served_by_both_web_processes(cluster, browser):
    first, second = cluster.webs
    command = first.post_command("Backup")
    assert first.wait_until_ended(command)["status"] == "completed"

    listings = [
        web.session.get(f"{web.base}/api/v3/system/backup", timeout=10).json() for web in cluster.webs
    ]
    newest = max((b for b in listings[0] if b["type"] == "manual"), key=lambda backup: backup["time"])
    download = browser.get(f"{second.base}{newest['path']}", timeout=10)

    assert listings[0] == listings[1]
    assert download.status_code == 200 and download.content.startswith(b"PK")


def test_a_release_found_through_one_web_process_is_grabbed_through_the_other(cluster):
    # Ronin is unmonitored, so no scheduled RSS sync or backlog search grabs its release first
    first, second = cluster.webs
    ronin = cluster.query("SELECT id FROM movies_movie WHERE title = 'Ronin'")[0][0]
    indexer = cluster.query("SELECT id FROM indexers_indexer")[0][0]

    found = first.session.get(f"{first.base}/api/v3/release?movieId={ronin}", timeout=30)
    grab = second.session.post(
        f"{second.base}/api/v3/release", json={"guid": "ronin", "indexerId": indexer}, timeout=30
    )

    assert found.status_code == 200 and "ronin" in [release["guid"] for release in found.json()]
    assert grab.status_code == 200, grab.text  # the search's releases are in the shared cache


def test_two_rss_syncs_on_two_workers_never_grab_one_release_twice(cluster):
    first, second = cluster.webs
    cluster.indexer.gate = threading.Barrier(2, timeout=20)
    try:
        one = first.post_command("RssSync")
        wait_for(lambda: first.command(one)["status"] == "started", "the first sync to start")
        other = second.post_command("RssSync")  # a new command: the first is no longer queued
        results = [first.wait_until_ended(one), second.wait_until_ended(other)]
    finally:
        gate, cluster.indexer.gate = cluster.indexer.gate, None

    assert not gate.broken  # both asked for the feed at the same moment, on two workers
    assert [result["status"] for result in results] == ["completed", "completed"]
    runs = cluster.query("SELECT run_id FROM radarr_command WHERE id IN (%s, %s)", one, other)
    assert len({run for (run,) in runs}) == 2
    drop = cluster.data_dir / "blackhole" / "drop"
    dropped = sorted(path.name for path in drop.glob("*.nzb") if not path.name.startswith("Ronin"))
    sql = (
        "SELECT m.title FROM downloads_history h JOIN movies_movie m ON m.id = h.movie_id"
        " WHERE h.event_type = 1"  # grabbed
    )
    grabs = [title for (title,) in cluster.query(sql) if title != "Ronin"]  # Ronin's was interactive
    # each monitored movie's release once, whoever grabbed it (a scheduled sync may have come first)
    assert dropped == ["Arrival.2016.1080p.BluRay.x264-GRP.nzb", "Heat.1995.1080p.BluRay.x264-GRP.nzb"]
    assert sorted(grabs) == ["Arrival", "Heat"]


def test_a_login_on_one_web_process_holds_on_the_other_and_its_forms_pass_csrf(cluster, browser):
    second = cluster.webs[1]

    settings_page = browser.get(f"{second.base}/settings/general", timeout=10, allow_redirects=False)
    token = browser.cookies["radarr_csrftoken"]
    run = f"{second.base}/system/tasks/Housekeeping/run"
    accepted = browser.post(run, data={"csrfmiddlewaretoken": token}, timeout=10, allow_redirects=False)
    forged = browser.post(run, data={}, timeout=10, allow_redirects=False)

    assert settings_page.status_code == 200, settings_page.headers
    assert accepted.status_code == 302, accepted.text[:2000]
    assert forged.status_code == 403


def test_a_cover_cached_by_a_worker_is_served_by_both_web_processes(cluster, browser):
    arrival = cluster.query("SELECT id FROM movies_movie WHERE title = 'Arrival'")[0][0]
    urls = [f"{web.base}/MediaCover/{arrival}/poster.jpg" for web in cluster.webs]

    wait_for(lambda: (cluster.data_dir / "MediaCover" / str(arrival) / "poster.jpg").exists(), "the cover")
    answers = [browser.get(url, timeout=10) for url in urls]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].content == answers[1].content and answers[0].content.startswith(b"\xff\xd8")


def test_a_worker_killed_mid_command_is_noticed_by_the_other_and_its_command_fails(cluster):
    first = cluster.webs[0]
    cluster.indexer.hold.set()
    try:
        command = first.post_command("RssSync")
        wait_for(cluster.indexer.holding.is_set, "the sync to ask for the feed")
        (pid,) = cluster.query(
            "SELECT r.pid FROM radarr_command c JOIN radarr_workerrun r ON r.id = c.run_id WHERE c.id = %s",
            command,
        )[0]
        victim = next(worker for worker in cluster.workers if worker.children().get("radarr-jobs") == pid)

        victim.kill()

        wait_for(lambda: first.command(command)["status"] == "failed", "the other worker to notice", 30)
    finally:
        cluster.indexer.released.set()
    failed = first.command(command)
    assert failed["message"] == "Interrupted: the job worker running it stopped"
    after = first.post_command("Housekeeping")
    assert first.wait_until_ended(after)["status"] == "completed"  # the survivor goes on
