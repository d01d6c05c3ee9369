"""What the media servers (Kodi, Emby / Jellyfin, Plex) share: the library only hears of file changes,
and a Test that cannot reach the server names the server and the Host field."""

import json

import pytest

from notifications import events as ev
from notifications.implementations.base import ALL_EVENTS
from notifications.models import EVENT_FLAGS
from notifications.payloads import build_notice
from tests.movies.factories import MovieFactory
from tests.notifications.helpers import A_FILE, A_MOVIE, grab_of, make_notification

pytestmark = pytest.mark.django_db


def _port(fake_server) -> int:
    return int(fake_server.url.rsplit(":", 1)[1])


def _grab_notice():
    movie = MovieFactory(title="Greenland", year=2020, path="/movies/Greenland (2020)")
    return build_notice(grab_of(movie))


def test_kodi_shows_a_grab_but_does_not_scan_the_library_for_it(fake_server):
    fake_server.add("/jsonrpc", method="POST", body='{"jsonrpc": "2.0", "result": "OK", "id": 1}')
    row = make_notification(
        "Xbmc", host="127.0.0.1", port=_port(fake_server), updateLibrary=True, notify=True
    )
    row.provider().send(_grab_notice())
    methods = [json.loads(request.body)["method"] for request in fake_server.requests]
    assert methods == ["GUI.ShowNotification"]


def test_jellyfin_notifies_a_grab_without_a_library_update(fake_server):
    fake_server.add("/Notifications/Admin", method="POST", status=204)
    row = make_notification(
        "MediaBrowser", host="127.0.0.1", port=_port(fake_server), apiKey="k", notify=True, updateLibrary=True
    )
    row.provider().send(_grab_notice())
    assert [request.path for request in fake_server.requests] == ["/Notifications/Admin"]


@pytest.mark.parametrize(
    ("implementation", "route", "method", "settings", "name"),
    [
        ("Xbmc", "/jsonrpc", "POST", {}, "Kodi"),
        ("MediaBrowser", "/System/Info", "GET", {"apiKey": "k"}, "Emby / Jellyfin"),
        ("PlexServer", "/library/sections", "GET", {"authToken": "t"}, "Plex Media Server"),
    ],
)
def test_a_media_server_that_refuses_the_test_names_itself_on_the_host_field(
    fake_server, implementation, route, method, settings, name
):
    fake_server.add(route, method=method, status=401)
    row = make_notification(implementation, host="127.0.0.1", port=_port(fake_server), **settings)
    failures = row.provider().test()
    assert [failure.property_name for failure in failures] == ["host"]
    assert failures[0].message.startswith(f"Unable to connect to {name}: ")
    assert "HTTP 401" in failures[0].message


def test_every_event_is_a_trigger_a_notification_can_take():
    """Each event's subscription names a column of EVENT_FLAGS, the list ALL_EVENTS is made from."""
    triggers = {flag for flag, _name, _label in EVENT_FLAGS}
    subscriptions = {
        ev.DownloadEvent(A_MOVIE, A_FILE, is_upgrade=False).subscription(),
        ev.DownloadEvent(A_MOVIE, A_FILE, is_upgrade=True).subscription(),
        ev.MovieFileDeleteEvent(A_MOVIE, A_FILE, "manual").subscription(),
        ev.MovieFileDeleteEvent(A_MOVIE, A_FILE, "upgrade", for_upgrade=True).subscription(),
    }
    flags = {cls.flag for cls in ev.EVENT_TYPES.values() if cls.flag}
    assert subscriptions | flags <= triggers
    assert subscriptions | flags <= ALL_EVENTS
