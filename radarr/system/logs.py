"""The log files: one line per record, secrets masked before anything is written, read back for the UI."""

import logging
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

MASK = "********"

# key=value and "key": "value" forms of anything that names a secret, plus Authorization headers
_SECRET_PATTERNS = [
    re.compile(
        r"(?i)((?:api_?key|apikey|token|password|passkey|secret)[\"']?\s*[=:]\s*[\"']?)([^\s&\"',;]+)"
    ),
    re.compile(r"(?i)(authorization[\"']?\s*[=:]\s*[\"']?(?:basic|bearer)\s+)([^\s\"',;]+)"),
    re.compile(r"(?i)(//[^/:@\s]+:)([^@/\s]+)(@)"),  # credentials in URLs
]

LEVEL_NAMES = {"DEBUG": "debug", "INFO": "info", "WARNING": "warn", "ERROR": "error", "CRITICAL": "fatal"}


def mask_secrets(text: str) -> str:
    """Replace every secret in `text` with ********; the instance's own API key wherever it stands."""
    text = text.replace(settings.RADARR_API_KEY, MASK) if settings.RADARR_API_KEY else text
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK + (m.group(3) if m.lastindex == 3 else ""), text)
    return text


class SecretFilter(logging.Filter):
    """Masks secrets in the formatted message (arguments included) before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_secrets(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class LineFormatter(logging.Formatter):
    """`2026-01-31 18:00:00.1|Info|logger|message`, Radarr's log line layout; tracebacks follow it."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, tz=UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-5]
        level = LEVEL_NAMES.get(record.levelname, record.levelname.lower()).capitalize()
        line = f"{stamp}|{level}|{record.name}|{record.getMessage()}"
        if record.exc_text or record.exc_info:
            line += "\n" + (record.exc_text or self.formatException(record.exc_info))
        return line


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    time: datetime
    level: str
    logger: str
    message: str
    exception: str


_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d)\|(\w+)\|([^|]*)\|(.*)$")


def log_files() -> list[Path]:
    """The current file first, then the rotated ones, newest to oldest."""
    current = settings.LOG_DIR / "radarr.txt"
    rotated = sorted(settings.LOG_DIR.glob("radarr.txt.*"), key=lambda path: int(path.suffix[1:] or 0))
    return [path for path in [current, *rotated] if path.exists()]


def read_entries(path: Path) -> list[LogEntry]:
    """Parse one log file into entries (continuation lines are the previous entry's traceback)."""
    entries: list[LogEntry] = []
    parts: list[str] = []

    def flush() -> None:
        if parts:
            match = _LINE.match(parts[0])
            if match:
                stamp, level, logger, message = match.groups()
                time = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
                entries.append(LogEntry(0, time, level.lower(), logger, message, "\n".join(parts[1:])))
            parts.clear()

    with path.open(encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if _LINE.match(line):
                flush()
            parts.append(line)
    flush()
    return entries


def recent_entries(minimum_level: str = "info") -> list[LogEntry]:
    """Entries of every file, oldest first, numbered from 1, at or above `minimum_level`."""
    order = ["trace", "debug", "info", "warn", "error", "fatal"]
    floor = order.index(minimum_level) if minimum_level in order else 0
    entries = [entry for path in reversed(log_files()) for entry in read_entries(path)]
    numbered = [replace(entry, id=index) for index, entry in enumerate(entries, start=1)]
    return [entry for entry in numbered if entry.level in order and order.index(entry.level) >= floor]


# The job queue's routine messages (each task taken, processed, enqueued): hidden on the logs page
# unless asked for; their warnings and errors always show.
JOB_QUEUE_LOGGERS = ("django-q", "django_q", "radarr.jobworker")


def is_job_queue_chatter(entry: LogEntry) -> bool:
    return entry.logger.startswith(JOB_QUEUE_LOGGERS) and entry.level in ("trace", "debug", "info")
