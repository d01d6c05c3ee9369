"""ApplicationUpdate, and the Test button's payload."""

from __future__ import annotations

from notifications import events as ev
from notifications.payloads.common import envelope
from notifications.payloads.notice import TITLES, Notice


def application_update_notice(event: ev.ApplicationUpdateEvent) -> Notice:
    payload = {
        **envelope("ApplicationUpdate"),
        "message": event.message,
        "previousVersion": event.previous_version,
        "newVersion": event.new_version,
    }
    return Notice(event=event, title=TITLES["ApplicationUpdate"], message=event.message, payload=payload)


def notice_for_test() -> Notice:
    """Radarr's Test payload: a Grab-like body with fixed fake values."""
    event = ev.TestEvent()
    payload = {
        **envelope("Test"),
        "movie": {
            "id": 1,
            "title": "Test Title",
            "year": 1970,
            "releaseDate": "1970-01-01",
            "folderPath": "C:\\testpath",
            "tmdbId": 0,
            "genres": [],
            "images": [],
            "tags": ["test-tag"],
        },
        "remoteMovie": {"tmdbId": 1234, "imdbId": "5678", "title": "Test title", "year": 1970},
        "release": {
            "quality": "Test Quality",
            "qualityVersion": 1,
            "releaseGroup": "Test Group",
            "releaseTitle": "Test Title",
            "indexer": "Test Indexer",
            "size": 9999999,
            "customFormatScore": 0,
            "customFormats": [],
            "languages": [],
            "indexerFlags": [],
        },
    }
    return Notice(
        event=event,
        title=TITLES["Test"],
        message="This is a test message from Radarr",
        payload=payload,
        folder_path="",
    )
