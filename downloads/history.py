"""A movie's history: every grab, import, failure and ignore as Radarr's MovieHistory events.

Each state change (downloads.grabbing, downloads.failing, downloads.tracking) writes its event through
`record_event`; nothing else creates History rows. `data` keeps Radarr's string facts by camelCase name.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from downloads.models import History, HistoryEventType
from movies.models import MovieFile
from releases.qualities import QUALITIES_BY_ID, UNKNOWN, QualityModel, Revision


@dataclass(frozen=True, slots=True)
class ReleaseFacts:
    """What a history, blocklist or queue row says about a release: quality, languages, formats."""

    quality_id: int = 0
    revision: dict[str, Any] | None = None
    language_ids: tuple[int, ...] = ()
    custom_formats: tuple[dict[str, Any], ...] = ()  # [{"id", "name"}]
    custom_format_score: int = 0

    @classmethod
    def of(cls, row: Any) -> "ReleaseFacts":
        """The facts stored on a History, Blocklist, PendingRelease or TrackedDownload row."""
        return cls(
            row.quality_id,
            row.revision,
            tuple(row.language_ids),
            tuple(row.custom_formats),
            getattr(row, "custom_format_score", 0),
        )

    def columns(self) -> dict[str, Any]:
        """Keyword arguments for the models' shared columns."""
        return {
            "quality_id": self.quality_id,
            "revision": self.revision or revision_dict(Revision()),
            "language_ids": list(self.language_ids),
            "custom_formats": list(self.custom_formats),
        }

    @property
    def quality(self) -> QualityModel:
        return quality_model(self.quality_id, self.revision or {})


def revision_dict(revision: Revision) -> dict[str, Any]:
    return {"version": revision.version, "real": revision.real, "isRepack": revision.is_repack}


def quality_model(quality_id: int, revision: dict[str, Any]) -> QualityModel:
    return QualityModel(
        QUALITIES_BY_ID.get(quality_id, UNKNOWN),
        Revision(revision.get("version", 1), revision.get("real", 0), bool(revision.get("isRepack", False))),
    )


def as_data(values: dict[str, Any]) -> dict[str, str]:
    """Radarr's history data: every value a string, empty values left out."""
    data = {}
    for key, value in values.items():
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            data[key] = "True" if value else "False"
        elif isinstance(value, datetime):
            data[key] = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            data[key] = str(value)
    return data


def record_event(
    movie_id: int,
    event_type: HistoryEventType,
    source_title: str,
    facts: ReleaseFacts,
    *,
    download_id: str = "",
    data: dict[str, Any] | None = None,
    date: datetime | None = None,
    version_id: int | None = None,
) -> History:
    """One history event; `version_id` names the extra version it was for (None: the primary one)."""
    return History.objects.create(
        movie_id=movie_id,
        version_id=version_id,
        event_type=event_type,
        date=date or timezone.now(),
        source_title=source_title,
        download_id=download_id,
        custom_format_score=facts.custom_format_score,
        data=as_data(data or {}),
        **facts.columns(),
    )


def record_file_deleted(movie_file: MovieFile, reason: str) -> History:
    """A MovieFileDeleted event for a file row; reason as Radarr writes it (Upgrade, MissingFromDisk,
    Manual). Call it before the row is deleted."""
    return record_event(
        movie_file.movie_id,
        HistoryEventType.MOVIE_FILE_DELETED,
        movie_file.scene_name or movie_file.relative_path,
        ReleaseFacts(movie_file.quality_id, movie_file.revision, tuple(movie_file.language_ids)),
        data={"reason": reason, "size": movie_file.size},
        version_id=movie_file.version_id,
    )


def latest_grab(download_id: str) -> History | None:
    """The grab that sent `download_id` to a client (the link between a client item and a movie)."""
    if not download_id:
        return None
    return History.objects.grabs().filter(download_id=download_id).order_by("-date", "-pk").first()


def outcomes(download_ids: list[str]) -> dict[str, HistoryEventType]:
    """The last terminal event (imported, failed, ignored) of each download id, in one query."""
    terminal = [
        HistoryEventType.DOWNLOAD_FOLDER_IMPORTED,
        HistoryEventType.DOWNLOAD_FAILED,
        HistoryEventType.DOWNLOAD_IGNORED,
    ]
    rows = (
        History.objects.filter(download_id__in=download_ids, event_type__in=terminal)
        .order_by("date", "pk")
        .values_list("download_id", "event_type")
    )
    return {download_id: HistoryEventType(event_type) for download_id, event_type in rows}


def event_type_from(value: str) -> HistoryEventType | None:
    """An eventType filter given as Radarr's number or its name (`grabbed`, `1`)."""
    text = value.strip()
    if text.lstrip("-").isdigit():
        number = int(text)
        return HistoryEventType(number) if number in HistoryEventType.values else None
    for event_type in HistoryEventType:
        if event_type.label.lower() == text.lower():
            return event_type
    return None
