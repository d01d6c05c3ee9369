"""Fixtures of the movie tests: a fake TMDB answering for The Matrix, a root folder on disk, a clean cache."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.fakeserver import FakeServer
from tests.movies.factories import RootFolderFactory

TMDB_FIXTURES = Path(__file__).parent / "fixtures" / "tmdb"
TMDB_KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def empty_cache() -> Iterator[None]:
    """TMDB answers and resources are cached: a test that asks for this neither sees nor leaves any."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fake_tmdb(fake_server: FakeServer, settings: object) -> FakeServer:
    """Our hand-written TMDB answers for The Matrix (by id, by search, by IMDb id) and a missing movie.
    A test file that needs more routes overrides this fixture and adds them to the one it receives."""
    settings.RADARR_TMDB_URL = fake_server.url + "/3"
    settings.RADARR_TMDB_API_KEY = TMDB_KEY
    fake_server.add("/3/movie/603", file=TMDB_FIXTURES / "movie-603.json")
    fake_server.add("/3/search/movie", file=TMDB_FIXTURES / "search-matrix.json")
    fake_server.add("/3/find/tt0133093", file=TMDB_FIXTURES / "find-tt0133093.json")
    fake_server.add("/3/movie/999999", file=TMDB_FIXTURES / "error-404.json", status=404)
    return fake_server


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An empty `movies` folder under tmp_path, registered as a root folder."""
    folder = tmp_path / "movies"
    folder.mkdir()
    RootFolderFactory(path=str(folder))
    return folder
