"""Human words for the internal names the UI would otherwise show: history event types, health check
names, provider kinds, resolutions, durations and download states.

Pure functions over values; the templates reach them through the `words` filters
(radarr/templatetags/words.py, loaded everywhere). The API keeps Radarr's names: only pages read this.
"""

import re
from datetime import timedelta
from typing import Any

# History event types by Radarr's name (downloads.models.HistoryEventType's labels)
EVENT_LABELS = {
    "unknown": "Unknown event",
    "grabbed": "Grabbed",
    "downloadFolderImported": "Imported",
    "downloadFailed": "Download failed",
    "movieFileDeleted": "File deleted",
    "movieFolderImported": "Imported from the movie folder",
    "movieFileRenamed": "File renamed",
    "downloadIgnored": "Download ignored",
}

# Health check names (HealthIssue.source, Radarr's check class names) as Radarr's UI words them
CHECK_NAMES = {
    "ApiKeyValidationCheck": "API key",
    "AppDataFolderCheck": "Data folder",
    "DatabaseIntegrityCheck": "Database integrity",
    "DownloadClientCheck": "Download clients",
    "DownloadClientRootFolderCheck": "Download client folders",
    "DownloadClientStatusCheck": "Download client status",
    "FailedLoginCheck": "Failed logins",
    "ImportListRootFolderCheck": "Import list root folders",
    "ImportListStatusCheck": "Import list status",
    "ImportMechanismCheck": "Completed download handling",
    "IndexerLongTermStatusCheck": "Indexers unavailable for long",
    "IndexerRssCheck": "Indexers for RSS",
    "IndexerSearchCheck": "Indexers for search",
    "IndexerStatusCheck": "Indexer status",
    "JobWorkerCheck": "Job worker",
    "MediaInfoCheck": "Media info (ffprobe)",
    "NotificationStatusCheck": "Connections",
    "PendingRestartCheck": "Restart needed",
    "RecyclingBinCheck": "Recycling bin",
    "RemotePathMappingCheck": "Remote path mappings",
    "RemovedMovieCheck": "Movies removed from TMDB",
    "RootFolderCheck": "Root folders",
    "SystemTimeCheck": "System clock",
    "TmdbCheck": "TMDB",
}

# Command (task) names where words() alone reads oddly; the rest read well in words
COMMAND_NAMES = {
    "RssSync": "RSS sync",
    "CheckHealth": "Health check",
    "MoviesSearch": "Movie search",
    "RefreshMonitoredDownloads": "Refresh downloads",
    "DownloadedMoviesScan": "Scan downloaded movies",
    "ImportListSync": "Import list sync",
}

# Download client states and statuses (TrackedDownload.state / item_status, queue v3 names)
DOWNLOAD_STATES = {
    "queued": "Queued",
    "paused": "Paused",
    "downloading": "Downloading",
    "completed": "Downloaded",
    "delay": "Pending",
    "pending": "Pending",
    "warning": "Warning",
    "failed": "Download failed",
    "stalled": "Stalled",
    "importPending": "Waiting to import",
    "importBlocked": "Import blocked",
    "importing": "Importing",
    "imported": "Imported",
    "failedPending": "Failed, waiting",
    "ignored": "Ignored",
}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DURATION = re.compile(  # str(timedelta): "0:00:00.876404", "1 day, 3:00:00"
    r"^(?:(?P<days>\d+) days?, )?(?P<hours>\d+):(?P<minutes>\d\d):(?P<seconds>\d\d(?:\.\d+)?)$"
)


def words(name: str) -> str:
    """ "DownloadClientStatus" → "Download client status": a CamelCase name as a sentence start."""
    parts = _CAMEL.split(str(name).strip())
    if not parts or not parts[0]:
        return ""
    first, rest = parts[0], parts[1:]
    return " ".join([first[:1].upper() + first[1:], *(p if p.isupper() else p.lower() for p in rest)])


def event_label(name: str) -> str:
    return EVENT_LABELS.get(name) or words(name)


def check_name(source: str) -> str:
    return CHECK_NAMES.get(source) or words(source.removesuffix("Check"))


def command_name(name: str) -> str:
    return COMMAND_NAMES.get(name) or words(name)


def download_state(state: str) -> str:
    return DOWNLOAD_STATES.get(state) or words(state)


def resolution(value: Any) -> str:
    """Radarr's resolution names and numbers as a person reads them: "R2160p" and 2160 → "2160p".
    Any other text (a select option's "Unknown", "DVD") comes back unchanged."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}p" if value > 0 else "Unknown"
    text = "" if value is None else str(value)
    match = re.fullmatch(r"R?(\d+)p", text.strip())
    if match:
        return f"{int(match.group(1))}p" if int(match.group(1)) else "Unknown"
    return text


def seconds_of(value: Any) -> float | None:
    """A duration given as a timedelta, seconds, or Python's "H:MM:SS.ffffff" text; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, int | float):
        return float(value)
    match = _DURATION.match(str(value).strip())
    if not match:
        return None
    parts = match.groupdict()
    return (
        int(parts["days"] or 0) * 86400
        + int(parts["hours"]) * 3600
        + int(parts["minutes"]) * 60
        + float(parts["seconds"])
    )


def duration(value: Any) -> str:
    """ "0:00:00.876404" → "0.9 s", 63 s → "1 min 3 s", 2 h 5 min → "2 h 5 min" (seconds dropped past
    an hour, minutes past a day). Unreadable input comes back as it was; None as ""."""
    seconds = seconds_of(value)
    if seconds is None:
        return "" if value is None else str(value)
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        units = [(days, "d"), (hours, "h")]
    elif hours:
        units = [(hours, "h"), (minutes, "min")]
    else:
        units = [(minutes, "min"), (secs, "s")]
    return " ".join(f"{amount} {unit}" for amount, unit in units if amount) or "0 s"
