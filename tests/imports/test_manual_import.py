"""Manual import: GET lists a folder's files as an import would decide them, POST/PUT re-decide with
the user's overrides, and the ManualImport command imports what the user picked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.tasks import manual_import
from movies.models import MovieFile
from tests.imports.conftest import write
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"


@pytest.fixture
def other(library):
    return MovieFactory(
        title="Other Film", year=2001, root_folder_path=str(library), path=str(library / "Other")
    )


def test_the_folder_listing_has_radarrs_shape_and_reasons(api_client, arrival, downloads, options):
    write(downloads / RELEASE / f"{RELEASE}.mkv", 4096)
    write(downloads / RELEASE / "Mystery.File.mkv")
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v3/manualimport", {"folder": str(downloads / RELEASE)})
    assert response.status_code == 200
    items = {item["name"]: item for item in response.json()}
    item = items[RELEASE]
    assert item["path"] == str(downloads / RELEASE / f"{RELEASE}.mkv")
    assert (item["relativePath"], item["folderName"], item["size"]) == (f"{RELEASE}.mkv", RELEASE, 4096)
    assert (item["movie"]["id"], item["quality"]["quality"]["id"], item["releaseGroup"]) == (
        arrival.pk,
        7,
        "GRP",
    )
    assert item["languages"][0]["name"] == "English"
    assert item["rejections"] == []
    # a file in the folder of a grab-less release takes the folder's movie, as Radarr does
    assert items["Mystery.File"]["movie"]["id"] == arrival.pk
    assert len(queries) < 40


def test_an_unknown_file_says_why_and_takes_a_movie_when_reprocessed(api_client, other, downloads, options):
    path = write(downloads / "Some.Unknown.Thing.mkv")
    listed = api_client.get("/api/v3/manualimport", {"folder": str(downloads)}).json()
    assert listed[0]["rejections"][0]["type"] == "permanent"
    assert listed[0]["rejections"][0]["reason"].startswith("Unknown Movie")
    body = [
        {"id": listed[0]["id"], "path": str(path), "movieId": other.pk, "quality": {"quality": {"id": 3}}}
    ]
    for method in (api_client.post, api_client.put):
        reprocessed = method("/api/v3/manualimport", body, content_type="application/json").json()
        assert reprocessed[0]["movie"]["id"] == other.pk
        assert reprocessed[0]["quality"]["quality"]["id"] == 3
        assert reprocessed[0]["rejections"] == []


def test_a_listing_needs_a_folder_or_a_download(api_client):
    response = api_client.get("/api/v3/manualimport")
    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "folder"


def test_the_manual_import_command_imports_the_chosen_file_for_the_chosen_movie(other, downloads, options):
    path = write(downloads / "Some.Unknown.Thing.mkv")
    summary = manual_import(
        files=[{"path": str(path), "movieId": other.pk, "quality": {"quality": {"id": 7}}}],
        import_mode="copy",
    )
    assert summary == "Manually imported 1 of 1 file(s)"
    movie_file = MovieFile.objects.get(movie=other)
    assert movie_file.quality_id == 7
    assert path.exists()  # copy mode keeps the source


def test_the_command_refuses_a_file_without_a_movie(downloads, options):
    path = write(downloads / "Some.Unknown.Thing.mkv")
    assert manual_import(files=[{"path": str(path)}]) == (
        "Manually imported 0 of 1 file(s): Some.Unknown.Thing.mkv: choose a movie"
    )
    assert path.exists()


def test_the_manual_import_page_lists_files_and_queues_the_command(
    admin_client, arrival, downloads, options, monkeypatch
):
    from radarr import jobs

    job = jobs.Job("ManualImport", "imports.tasks.manual_import", "Manual Import")
    monkeypatch.setattr(jobs, "JOBS", [*jobs.JOBS, job])
    write(downloads / RELEASE / f"{RELEASE}.mkv")
    page = admin_client.get("/activity/manualimport", {"folder": str(downloads / RELEASE)})
    assert page.status_code == 200
    assert f"{RELEASE}.mkv" in page.content.decode()
    from imports.manual import item_id

    key = item_id(downloads / RELEASE / f"{RELEASE}.mkv")
    response = admin_client.post(
        "/activity/manualimport",
        {
            "item": [key],
            f"path-{key}": str(downloads / RELEASE / f"{RELEASE}.mkv"),
            f"movie-{key}": arrival.pk,
        },
    )
    assert response.status_code == 302
    from radarr.models import Command

    command = Command.objects.get(name="ManualImport")
    assert command.body["files"][0]["movieId"] == arrival.pk
