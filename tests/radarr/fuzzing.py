"""Schemathesis fuzzes every operation of our own OpenAPI document against a live server: none may
answer 5xx, whatever it is sent (issue 14, item 4). The operations are shared out among the
fuzz/test_openapi_fuzz_<n>.py files (PARTS of them) so that the test processes fuzz them side by side
(all of them in one process took ~5 minutes).

Bounded and reproducible: Schemathesis' coverage cases (boundaries, wrong types, huge numbers) plus a
few generated examples per operation, derandomized. The server runs in a thread of this process on the
test database; every string that could name a place on disk is pointed into a temporary folder
before it is sent, the server's working directory is that folder, and no name but localhost resolves,
so nothing the fuzzer sends can write outside tmp or leave the machine.
"""

import logging
import os
import re
import socket
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import DEFAULT_DB_ALIAS, connection
from django.test.utils import setup_databases, teardown_databases
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings

from radarr.api.openapi import openapi_document
from radarr.instance import CONFIG_FILE
from tests.fakeserver import FakeServer

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402 - only once the import above did not skip

TMDB_FIXTURES = Path(__file__).resolve().parents[1] / "movies" / "fixtures" / "tmdb"
_URL = re.compile(r"^https?://[^/]")
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class _TmpPaths:
    """Points every string that could be a path at `root`: anything with a slash that is not an http
    URL, and anything starting with a dot. Bare names stay (they resolve inside the working folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self(item) for item in value]
        if isinstance(value, str) and self._is_path_like(value):
            return str(self.root / "fuzzed")
        return value

    @staticmethod
    def _is_path_like(text: str) -> bool:
        return ("/" in text or "\\" in text or text.startswith((".", "~"))) and not _URL.match(text)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def offline_names() -> Iterator[None]:
    """No DNS lookups leave the machine: a fuzzed indexer URL names random hosts."""
    original = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in _LOOPBACK_NAMES:
            raise socket.gaierror(socket.EAI_NONAME, f"{name} is not resolved while fuzzing")
        return original(host, *args, **kwargs)

    socket.getaddrinfo = loopback_only
    yield
    socket.getaddrinfo = original


@pytest.fixture(scope="module")
def fuzz_database(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The test database, open to every thread for this module, flushed once at its end (Radarr's
    defaults put back) as a transactional test would be.

    The operations carry no django_db mark: a flush per operation costs 0.4 s on PostgreSQL, and a
    plain django_db test holds SQLite's write lock the server thread needs. So when no other selected
    test uses the database, pytest-django has not created it, and it is created here."""
    with django_db_blocker.unblock():
        created = None
        if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
            created = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        try:
            yield
        finally:
            _flush_database()
            if created is not None:
                teardown_databases(created, verbosity=0)


def _flush_database() -> None:
    from tests.conftest import install_migration_data

    call_command("flush", interactive=False, verbosity=0)
    install_migration_data()  # all of it: the metadata consumers too, which the tests after read


@pytest.fixture(scope="module")
def fuzz_server(fuzz_database: None, fuzz_root: Path, offline_names: None) -> Iterator[str]:
    """A threaded WSGI server in this process, working in a temporary folder, with a fake TMDB."""
    tmdb = FakeServer().start()
    tmdb.add("/3/movie/603", file=TMDB_FIXTURES / "movie-603.json")
    tmdb.add("/3/search/movie", file=TMDB_FIXTURES / "search-matrix.json")
    overrides = {"RADARR_TMDB_URL": tmdb.url + "/3", "RADARR_TMDB_API_KEY": "0" * 32}
    # config/host saves into the data folder's config.json (a proxy, a new API key, local-address trust,
    # the log level): what the fuzzer saves there must not reach the tests that run after it
    kept = ("RADARR_API_KEY", "RADARR_TRUST_LOCAL_ADDRESSES")
    saved = {name: getattr(settings, name) for name in (*overrides, *kept)}
    config_file = settings.DATA_DIR / CONFIG_FILE
    saved_config, saved_level = config_file.read_bytes(), logging.getLogger().level
    for name, value in overrides.items():
        setattr(settings, name, value)
    working_folder = os.getcwd()
    os.chdir(fuzz_root)
    server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        tmdb.stop()
        os.chdir(working_folder)
        for name, value in saved.items():
            setattr(settings, name, value)
        config_file.write_bytes(saved_config)
        logging.getLogger().setLevel(saved_level)


PARTS = 4
# Schemathesis' coverage cases (every kind of wrong input for every parameter and body field: up to ~375
# for one operation, ~10 ms each) are shared between the two passes of `make test`: by a stable hash of
# the case, the SQLite pass sends one half and the PostgreSQL pass the other, so each case is sent once
# and each pass still sends wrong input to every operation. Generated examples go to both. All cases on
# both databases would add ~7 minutes of test time.
COVERAGE_HALF = {"sqlite": 0, "postgresql": 1}

# Coverage cases only for wrong input (types, bounds, missing parts): boundary values of right input
# doubled the run and found nothing more; api_view answers every unrouted method alike (405).
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing request is printed as is
    suppress_health_check=list(HealthCheck),
)


def part_of(label: str) -> int:
    """The file (1..PARTS) that fuzzes an operation: a stable hash of "METHOD /path"."""
    return zlib.crc32(label.encode()) % PARTS + 1


def whole_schema() -> Any:
    """Built from the code at import: the test that the served document is this one is in test_openapi.py."""
    return schemathesis.openapi.from_dict(openapi_document())


def fuzz_schema(part: int) -> Any:
    schema = whole_schema().include(lambda context: part_of(context.operation.label) == part)
    schema.config.phases.coverage.generation.modes = [GenerationMode.NEGATIVE]
    schema.config.phases.coverage.unexpected_methods = set()
    return schema


def sampled_out(case: Any) -> bool:
    """A coverage case the other database's pass sends (see COVERAGE_HALF)."""
    half = COVERAGE_HALF.get(connection.vendor)
    phase = getattr(getattr(case.meta, "phase", None), "name", "")
    if half is None or phase != "coverage":
        return False
    parts = (case.operation.label, case.path_parameters, case.query, case.headers, case.body)
    return zlib.crc32(repr(parts).encode()) % 2 != half


def part_test(part: int) -> Any:
    """The fuzz of one part's operations, as the test of its module (fuzz/test_openapi_fuzz_<part>.py)."""

    @fuzz_schema(part).parametrize()
    @FUZZ_SETTINGS
    def test_no_operation_answers_a_server_error(case: Any, fuzz_server: str, fuzz_root: Path) -> None:
        send_case(case, fuzz_server, fuzz_root)

    return test_no_operation_answers_a_server_error


def send_case(case: Any, fuzz_server: str, fuzz_root: Path) -> None:
    if sampled_out(case):
        return
    to_tmp = _TmpPaths(fuzz_root)
    case.body = to_tmp(case.body) if isinstance(case.body, dict | list | str) else case.body
    # the key goes in the header; Schemathesis also fills the document's `apikey` query scheme with ""
    query = {name: value for name, value in (case.query or {}).items() if name.lower() != "apikey"}
    case.query = to_tmp(query)
    response = case.call(base_url=fuzz_server, headers={"X-Api-Key": settings.RADARR_API_KEY}, timeout=30)

    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])
