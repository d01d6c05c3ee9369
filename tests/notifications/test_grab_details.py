"""The grab's custom formats and download client travel on to the events that follow it."""

import pytest

from downloads.models import DownloadClient
from imports.events import download_event
from movies.events import movie_delete_event
from notifications import events as ev
from notifications.payloads import build_notice
from tests.movies.factories import MovieFactory, MovieFileFactory
from tests.notifications.helpers import make_grab

pytestmark = pytest.mark.django_db

DOWNLOAD_ID = "ABCDEF0123456789ABCDEF0123456789ABCDEF01"


def test_an_import_carries_the_custom_formats_and_client_of_its_grab():
    movie = MovieFactory(title="Greenland", year=2020)
    DownloadClient.objects.create(name="qBit", implementation="QBittorrent", protocol="torrent")
    make_grab(movie)
    row = MovieFileFactory(movie=movie)
    payload = build_notice(download_event(row, download_id=DOWNLOAD_ID)).payload
    assert payload["customFormatInfo"] == {
        "customFormats": [{"id": 3, "name": "x264"}],
        "customFormatScore": 10,
    }
    assert payload["downloadClient"] == "qBit"
    assert payload["downloadClientType"] == "qBittorrent"


def test_an_import_without_a_grab_has_no_custom_formats_and_no_client():
    movie = MovieFactory(title="Greenland", year=2020)
    row = MovieFileFactory(movie=movie)
    payload = build_notice(download_event(row)).payload
    assert payload["customFormatInfo"] == {"customFormats": [], "customFormatScore": 0}
    assert "downloadClient" not in payload and "downloadClientType" not in payload


def test_a_blocked_download_without_a_movie_has_empty_custom_format_info():
    event = ev.ManualInteractionRequiredEvent(
        download_id="X", title="Unknown.Movie.2020", messages=("Unknown",)
    )
    notice = build_notice(event)
    assert notice.payload["customFormatInfo"] == {"customFormats": [], "customFormatScore": 0}
    assert notice.message == "Unknown.Movie.2020: Unknown"


def test_a_deleted_movie_is_announced_with_its_year_and_whether_its_files_went():
    gone = movie_delete_event(MovieFactory(title="Greenland", year=2020), deleted_files=True)
    kept = movie_delete_event(MovieFactory(title="Greenland", year=0), deleted_files=False)
    assert build_notice(gone).message == "Greenland (2020) removed with its files"
    assert build_notice(kept).message == "Greenland removed"
