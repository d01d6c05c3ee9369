"""A real instance for the real-client tests: `make run`'s launcher on its own data folder and port,
seeded with a library, with a fake TMDB answering for The Matrix (the movie clients add)."""

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.clients.venvs import client_venv
from tests.fakeserver import FakeServer
from tests.movies.conftest import TMDB_FIXTURES, TMDB_KEY
from tests.radarr.launching import REPO, Instance, prepared_instance

NO_ONE = "http://127.0.0.1:9"


@dataclass(frozen=True)
class Server:
    instance: Instance
    url: str
    api_key: str
    root: str  # the seeded root folder
    seeded: dict  # ids tests/clients/seeding.py returned


@pytest.fixture(scope="session")
def fake_tmdb_for_clients() -> Iterator[FakeServer]:
    server = FakeServer().start()
    server.add("/3/movie/603", file=TMDB_FIXTURES / "movie-603.json")
    server.add("/3/search/movie", file=TMDB_FIXTURES / "search-matrix.json")
    server.add("/3/find/tt0133093", file=TMDB_FIXTURES / "find-tt0133093.json")
    server.add("/3/collection/2344", file=TMDB_FIXTURES / "collection-2344.json")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def radarr_server(
    tmp_path_factory: pytest.TempPathFactory, fake_tmdb_for_clients: FakeServer
) -> Iterator[Server]:
    """One seeded instance for every client test of the session (of the xdist worker)."""
    data = tmp_path_factory.mktemp("client-server")
    root, answer = data / "movies", data / "seeded.json"
    instance = prepared_instance(
        data,
        RADARR_SMALL="true",
        RADARR_TMDB_URL=fake_tmdb_for_clients.url + "/3",
        RADARR_TMDB_API_KEY=TMDB_KEY,
        # no test reaches the internet, the instance's jobs included (covers of an added movie, a
        # notification's test): everything but loopback goes to a proxy nobody runs
        HTTP_PROXY=NO_ONE,
        HTTPS_PROXY=NO_ONE,
        NO_PROXY="127.0.0.1,localhost",
    )
    script = f"from tests.clients.seeding import main; main({str(root)!r}, {str(answer)!r})"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=REPO, env=instance.environment, check=True
    )
    instance.start()
    try:
        api_key = instance.session.headers["X-Api-Key"]
        yield Server(instance, instance.base, api_key, str(root), json.loads(answer.read_text()))
    finally:
        instance.stop()
        instance.cleanup()


@pytest.fixture(scope="session")
def radarr_py_python() -> Path:
    """The Python of a virtual environment holding devopsarr's radarr-py (its `radarr` module is ours too)."""
    return client_venv("radarr-py", ["radarr-py==1.2.0"])


@pytest.fixture(scope="session")
def buildarr_python() -> Path:
    # buildarr 0.7 imports distutils, gone from Python 3.12: setuptools brings its copy back
    return client_venv("buildarr", ["buildarr==0.7.1", "buildarr-radarr==0.2.6", "setuptools"])
