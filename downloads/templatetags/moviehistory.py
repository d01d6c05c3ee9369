"""`{% movie_history movie %}`: the movie page's History section (grabs, imports, failures, deletions,
renames), drawn by the app that records history, so the movies app need not import it."""

from typing import Any

from django import template

from downloads.models import History, HistoryEventType
from movies.models import Movie
from releases.languages import LANGUAGES_BY_ID

register = template.Library()

HISTORY_SHOWN = 50  # the newest events; Activity → History has them all

# Radarr's words for its history events (TODO issue 20: unify with radarr/humanize.py when it lands)
EVENT_LABELS = {
    HistoryEventType.UNKNOWN: "Unknown",
    HistoryEventType.GRABBED: "Grabbed",
    HistoryEventType.DOWNLOAD_FOLDER_IMPORTED: "Imported",
    HistoryEventType.DOWNLOAD_FAILED: "Download failed",
    HistoryEventType.MOVIE_FILE_DELETED: "File deleted",
    HistoryEventType.MOVIE_FOLDER_IMPORTED: "Imported from the movie folder",
    HistoryEventType.MOVIE_FILE_RENAMED: "File renamed",
    HistoryEventType.DOWNLOAD_IGNORED: "Download ignored",
}
DELETE_REASONS = {
    "Manual": "deleted by hand",
    "Upgrade": "replaced by an upgrade",
    "MissingFromDisk": "missing from disk",
}


def event_label(event: History) -> str:
    return EVENT_LABELS.get(event.event_type, "Unknown")


def event_details(event: History) -> str:
    """What a person wants to know about the event beyond its kind, in one line."""
    data = event.data or {}
    kind = event.event_type
    if kind == HistoryEventType.GRABBED:
        parts = [
            f"from {data['indexer']}" if data.get("indexer") else "",
            f"sent to {data['downloadClientName']}" if data.get("downloadClientName") else "",
        ]
    elif kind in (HistoryEventType.DOWNLOAD_FOLDER_IMPORTED, HistoryEventType.MOVIE_FOLDER_IMPORTED):
        parts = [
            f"as {data['importedPath']}" if data.get("importedPath") else "",
            f"from {data['downloadClientName']}" if data.get("downloadClientName") else "",
        ]
    elif kind == HistoryEventType.MOVIE_FILE_DELETED:
        parts = [DELETE_REASONS.get(data.get("reason", ""), data.get("reason", ""))]
    elif kind == HistoryEventType.MOVIE_FILE_RENAMED:
        parts = [f"to {data['relativePath']}" if data.get("relativePath") else ""]
    else:
        parts = []
    return " ".join(part for part in [*parts, data.get("message", "")] if part)


@register.inclusion_tag("downloads/movie_history.html", takes_context=True)
def movie_history(context: template.Context, movie: Movie) -> dict[str, Any]:
    events = list(History.objects.filter(movie=movie).order_by("-date", "-pk")[: HISTORY_SHOWN + 1])
    rows = [
        {
            "event": event,
            "label": event_label(event),
            "details": event_details(event),
            "languages": [LANGUAGES_BY_ID[i].name for i in event.language_ids if i in LANGUAGES_BY_ID],
        }
        for event in events[:HISTORY_SHOWN]
    ]
    return {
        "movie": movie,
        "rows": rows,
        "more": len(events) > HISTORY_SHOWN,
        "grabbed": HistoryEventType.GRABBED,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
