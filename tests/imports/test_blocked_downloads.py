"""Must-show 7: a download blocked for import links from the queue to Manual Import, which imports it
for the movie the user picks and completes the download; the ManualImport command takes the user's
quality, languages and release group as they are."""

import json

import pytest

from downloads.models import DownloadClient, History, HistoryEventType, TrackedDownload
from movies.models import MovieFile
from radarr.commands import execute_command
from radarr.models import Command
from releases.languages import FRENCH, GERMAN
from tests.downloads.factories import TrackedDownloadFactory
from tests.imports.conftest import write

pytestmark = pytest.mark.django_db

UNKNOWN = "Some.Unknown.Film.1999.720p.WEB-DL-GRP"


@pytest.fixture
def blocked(downloads):
    """A finished download no movie could be found for, as tracking leaves it."""
    client = DownloadClient.objects.create(
        name="Blackhole", implementation="TorrentBlackhole", protocol="torrent", settings={}
    )
    write(downloads / UNKNOWN / f"{UNKNOWN}.mkv")
    return TrackedDownloadFactory(
        client=client,
        movie=None,
        title=UNKNOWN,
        protocol="torrent",
        state="importBlocked",
        status="warning",
        status_messages=[{"title": UNKNOWN, "messages": ["Unknown Movie. Use Manual Import"]}],
        item_status="completed",
        output_path=str(downloads / UNKNOWN),
        remaining_size=0,
    )


def test_a_blocked_download_goes_from_the_queue_through_manual_import_into_the_library(
    admin_client, arrival, blocked, downloads, options
):
    queue = admin_client.get("/activity/queue").content.decode()
    link = f"/activity/manualimport?downloadId={blocked.download_id}"
    assert f'href="{link}"' in queue

    listing = admin_client.get(link).content.decode()
    assert f"{UNKNOWN}.mkv" in listing and "Unknown Movie" in listing
    from imports.manual import item_id

    key = item_id(downloads / UNKNOWN / f"{UNKNOWN}.mkv")
    admin_client.post(
        "/activity/manualimport",
        {
            "downloadId": blocked.download_id,
            "item": [key],
            f"path-{key}": str(downloads / UNKNOWN / f"{UNKNOWN}.mkv"),
            f"movie-{key}": arrival.pk,
            "importMode": "copy",
        },
    )
    execute_command(Command.objects.get(name="ManualImport").pk)

    assert MovieFile.objects.get(movie=arrival).quality_id == 5  # WEBDL-720p, from the name
    assert TrackedDownload.objects.get(pk=blocked.pk).state == "imported"
    event = History.objects.get(event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED)
    assert (event.movie_id, event.download_id) == (arrival.pk, blocked.download_id)
    assert f"{UNKNOWN}.mkv" not in admin_client.get("/activity/queue").content.decode()


def test_the_manual_import_command_keeps_the_users_quality_languages_and_release_group(
    api_client, arrival, downloads, options
):
    path = write(downloads / UNKNOWN / f"{UNKNOWN}.mkv")
    body = {
        "name": "ManualImport",
        "importMode": "copy",
        "files": [
            {
                "path": str(path),
                "movieId": arrival.pk,
                "quality": {"quality": {"id": 7}, "revision": {"version": 2, "real": 0, "isRepack": False}},
                "languages": [{"id": GERMAN.id, "name": "German"}, {"id": FRENCH.id, "name": "French"}],
                "releaseGroup": "CHOSEN",
            }
        ],
    }

    response = api_client.post("/api/v3/command", json.dumps(body), content_type="application/json")
    execute_command(response.json()["id"])

    row = MovieFile.objects.get(movie=arrival)
    assert (row.quality_id, row.revision["version"]) == (7, 2)
    assert (row.language_ids, row.release_group) == ([GERMAN.id, FRENCH.id], "CHOSEN")
    assert path.exists()  # copy mode left the download in place
