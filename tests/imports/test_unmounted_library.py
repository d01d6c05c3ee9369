"""Must-show 8 through the API: a file removed from a mounted library makes its movie missing (Wanted)
with a history event; a root folder that is missing or empty (an unmounted disk) marks nothing
missing, so nothing is searched for again, and the health check says why."""

import json
import shutil
from pathlib import Path

import pytest

from movies.models import Movie
from radarr.commands import execute_command
from tests.imports.conftest import write
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(library):
    """Two movies with their files in a mounted root folder."""
    RootFolderFactory(path=str(library))
    movies = []
    for title, year in (("Heat", 1995), ("Arrival", 2016)):
        folder = library / f"{title} ({year})"
        write(folder / f"{title}.{year}.1080p.BluRay.x264-GRP.mkv")
        movie = MovieFactory(title=title, year=year, root_folder_path=str(library), path=str(folder))
        MovieFileFactory(movie=movie, relative_path=f"{title}.{year}.1080p.BluRay.x264-GRP.mkv", size=2048)
        movies.append(movie)
    return movies


def rescan_everything(api_client) -> None:
    body = json.dumps({"name": "RescanMovie"})
    response = api_client.post("/api/v3/command", body, content_type="application/json")
    execute_command(response.json()["id"])


def missing_titles(api_client) -> list[str]:
    return [record["title"] for record in api_client.get("/api/v3/wanted/missing").json()["records"]]


def test_a_removed_file_makes_its_movie_missing_with_a_history_event(api_client, collection):
    heat, arrival = collection
    (Path(heat.path) / "Heat.1995.1080p.BluRay.x264-GRP.mkv").unlink()

    rescan_everything(api_client)

    assert missing_titles(api_client) == ["Heat"]
    (event,) = api_client.get("/api/v3/history/movie", {"movieId": heat.pk}).json()
    assert (event["eventType"], event["data"]["reason"]) == ("movieFileDeleted", "MissingFromDisk")
    assert api_client.get(f"/api/v3/movie/{arrival.pk}").json()["hasFile"] is True


@pytest.mark.parametrize("unmounted", ["missing", "empty"])
def test_an_unmounted_root_folder_marks_nothing_missing_and_is_a_health_error(
    api_client, collection, library, unmounted
):
    shutil.rmtree(library)
    if unmounted == "empty":
        library.mkdir()  # the mount point stays behind, empty

    rescan_everything(api_client)

    assert missing_titles(api_client) == []  # so the missing search has nothing to grab again
    assert set(Movie.objects.values_list("has_file", flat=True)) == {True}
    assert api_client.get("/api/v3/history").json()["records"] == []
    (issue,) = [
        issue for issue in api_client.get("/api/v3/health").json() if issue["source"] == "RootFolderCheck"
    ]
    assert issue["type"] == "error" and str(library) in issue["message"]
