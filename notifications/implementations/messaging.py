"""What the push, mail and chat services share: the service's API base (overridable for tests) and
Radarr's title and text for each event, as its NotificationBase words them."""

from typing import Any

from django.conf import settings

from notifications.implementations.base import BaseNotification
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import setting_fields

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
        kind = int(kind) if _whole(kind) else -1
        if kind == 1 and movie.get("imdbId"):
            links.append(("IMDb", f"https://www.imdb.com/title/{movie['imdbId']}"))
        if kind == 0 and movie.get("tmdbId"):
            links.append(("TMDb", f"https://www.themoviedb.org/movie/{movie['tmdbId']}"))
        if kind == 2 and movie.get("tmdbId"):
            links.append(("Trakt", f"https://trakt.tv/search/tmdb/{movie['tmdbId']}?id_type=movie"))
    return links


def _whole(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -(2**31) <= value < 2**31
    text = str(value).strip() if isinstance(value, str) else ""
    return text.lstrip("-").isdigit() and -(2**31) <= int(text) < 2**31


def setting_type_failures(settings_class: type, settings: Any) -> list[Failure]:
    """A setting of the wrong JSON type (a list for a key, text for a number) as Radarr's model binding
    would refuse it: a 400 on save and test, never an error deep in a send."""
    failures = []
    for field in setting_fields(settings_class):
        value = getattr(settings, field.attribute)
        label = field.metadata["label"]
        if value is None:
            continue
        if isinstance(field.default, bool):
            ok = isinstance(value, bool)
            wanted = "true or false"
        elif isinstance(field.default, int):
            ok = _whole(value)
            wanted = "a whole number"
        elif isinstance(field.default, list):
            ok = isinstance(value, list) and all(
                isinstance(item, str | int) and not isinstance(item, bool) for item in value
            )
            wanted = "a list of texts or numbers"
        else:
            ok = isinstance(value, str | int | float) and not isinstance(value, bool)
            wanted = "text"
        if not ok:
            failures.append(Failure(field.name, f"'{label}' must be {wanted}", value))
    return failures


class CheckedNotification(BaseNotification):
    """A kind whose settings are type-checked before its own rules (`rules`) run."""

    def validate(self) -> list[Failure]:
        failures = setting_type_failures(self.Settings, self.settings)
        return failures or self.rules()

    def rules(self) -> list[Failure]:
        return []
