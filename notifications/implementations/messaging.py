"""What the push, mail and chat services share: the service's API base (overridable for tests) and
Radarr's title and text for each event, as its NotificationBase words them."""

from django.conf import settings

from notifications.implementations.base import ALL_EVENTS
from notifications.payloads import Notice

# Radarr's messaging kinds (Join, Prowl, Pushbullet...) implement every event but Rename
MESSAGE_EVENTS = ALL_EVENTS - {"on_rename"}

TITLES = {
    "Grab": "Movie Grabbed",
    "Download": "Movie Downloaded",
    "MovieAdded": "Movie Added",
    "MovieDelete": "Movie Deleted",
    "MovieFileDelete": "Movie File Deleted",
    "Health": "Health Check Failure",
    "HealthRestored": "Health Check Restored",
    "ApplicationUpdate": "Application Updated",
    "ManualInteractionRequired": "Manual Interaction",
    "Rename": "Movie Renamed",
    "Test": "Test Notification",
}
TEST_MESSAGE = "This is a test message from Radarr"


def service_url(service: str) -> str:
    """The base of a notification service's API (settings.RADARR_NOTIFICATION_SERVICE_URLS)."""
    return str(settings.RADARR_NOTIFICATION_SERVICE_URLS[service]).rstrip("/")


def message_title(notice: Notice, *, branded: bool = False, upgrade: bool = False) -> str:
    """Radarr's title for the event; `branded` prefixes "Radarr - ", `upgrade` says "Movie Upgraded"
    for an import that replaced a file (the kinds that tell the two apart)."""
    if upgrade and notice.event_type == "Download" and notice.is_upgrade:
        title = "Movie Upgraded"
    else:
        title = TITLES.get(notice.event_type, notice.title)
    return f"Radarr - {title}" if branded else title


def message_text(notice: Notice) -> str:
    """Radarr's text: the event's message, with its own wording for an added movie and a fixed issue."""
    if notice.event_type == "MovieAdded":
        movie = notice.payload.get("movie") or {}
        return f"{movie.get('title') or notice.message} added to library"
    if notice.event_type == "HealthRestored":
        return f"The following issue is now resolved: {notice.message}"
    return notice.message


# Radarr's MetadataLinkType: which pages of the movie a rich push links to
METADATA_LINK_OPTIONS = [(0, "TMDb"), (1, "IMDb"), (2, "Trakt")]


def metadata_links(notice: Notice, chosen: list[int]) -> list[tuple[str, str]]:
    """(label, url) for each chosen movie page the notice's movie has an id for, as Radarr links them."""
    movie = notice.payload.get("movie") or {}
    links = []
    for kind in chosen or []:
        if int(kind) == 1 and movie.get("imdbId"):
            links.append(("IMDb", f"https://www.imdb.com/title/{movie['imdbId']}"))
        if int(kind) == 0 and movie.get("tmdbId"):
            links.append(("TMDb", f"https://www.themoviedb.org/movie/{movie['tmdbId']}"))
        if int(kind) == 2 and movie.get("tmdbId"):
            links.append(("Trakt", f"https://trakt.tv/search/tmdb/{movie['tmdbId']}?id_type=movie"))
    return links
