"""Download clients, their options and remote path mappings in Radarr's v3 shapes."""

from typing import Any

from downloads.history import ReleaseFacts
from downloads.implementations import IMPLEMENTATIONS
from downloads.implementations.base import BaseDownloadClient
from downloads.models import (
    Blocklist,
    DownloadClient,
    DownloadClientConfig,
    History,
    HistoryEventType,
    RemotePathMapping,
)
from downloads.queue import QueueRecord
from radarr.api.responses import timespan
from radarr.providers import field_resources, implementation_facts
from releases.languages import LANGUAGES_BY_ID, Language
from releases.parse_resources import quality_model_resource
from releases.resources import language_resource


def download_client_resource(client: DownloadClient) -> dict[str, Any]:
    """DownloadClientResource; tags come from the prefetch of `for_resource()`."""
    cls = IMPLEMENTATIONS.get(client.implementation)
    return {
        "enable": client.enable,
        "protocol": client.protocol,
        "priority": client.priority,
        "removeCompletedDownloads": client.remove_completed_downloads,
        "removeFailedDownloads": client.remove_failed_downloads,
        "name": client.name,
        "fields": field_resources(cls.Settings, client.settings) if cls else [],
        **implementation_facts(cls, client.implementation),
        **({"message": cls.message} if cls and cls.message else {}),
        "tags": sorted(tag.pk for tag in client.tags.all()),
        "presets": [],
        "id": client.pk,
    }


def template_resource(cls: type[BaseDownloadClient]) -> dict[str, Any]:
    """One entry of GET /downloadclient/schema: a new client of that kind with Radarr's defaults."""
    return {
        "id": 0,
        "name": "",
        "enable": True,
        "protocol": cls.protocol,
        "priority": 1,
        "removeCompletedDownloads": True,
        "removeFailedDownloads": True,
        "fields": field_resources(cls.Settings, None),
        **implementation_facts(cls, cls.implementation),
        **({"message": cls.message} if cls.message else {}),
        "tags": [],
        "presets": [],
    }


def download_client_config_resource(config: DownloadClientConfig) -> dict[str, Any]:
    """DownloadClientConfigResource, plus our stalled-download options (clients ignore extra keys)."""
    return {
        "downloadClientWorkingFolders": config.download_client_working_folders,
        "enableCompletedDownloadHandling": config.enable_completed_download_handling,
        "checkForFinishedDownloadInterval": config.check_for_finished_download_interval,
        "autoRedownloadFailed": config.auto_redownload_failed,
        "autoRedownloadFailedFromInteractiveSearch": config.auto_redownload_failed_from_interactive_search,
        "stalledAfterMinutes": config.stalled_after_minutes,
        "stalledWhenNoSeeds": config.stalled_when_no_seeds,
        "id": config.pk,
    }


def remote_path_mapping_resource(mapping: RemotePathMapping) -> dict[str, Any]:
    return {
        "host": mapping.host,
        "remotePath": mapping.remote_path,
        "localPath": mapping.local_path,
        "id": mapping.pk,
    }


# ---- activity: queue, history, blocklist


def _quality(facts: ReleaseFacts) -> dict[str, Any]:
    return quality_model_resource(facts.quality)


def _languages(facts: ReleaseFacts) -> list[dict[str, Any]]:
    return [
        language_resource(LANGUAGES_BY_ID.get(language_id, Language(language_id, "Unknown")))
        for language_id in facts.language_ids
    ]


def _formats(facts: ReleaseFacts) -> list[dict[str, Any]]:
    return [{"id": entry.get("id"), "name": entry.get("name")} for entry in facts.custom_formats]


def queue_resource(record: QueueRecord, movies: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """QueueResource, `sizeleft`/`timeleft` spelled as Radarr spells them; `movie` with includeMovie."""
    resource = {
        "id": record.id,
        "movieId": record.movie_id,
        "movie": movies.get(record.movie_id) if movies is not None and record.movie_id else None,
        "languages": _languages(record.facts),
        "quality": _quality(record.facts),
        "customFormats": _formats(record.facts),
        "customFormatScore": record.facts.custom_format_score,
        "size": float(record.size),
        "title": record.title,
        "estimatedCompletionTime": record.estimated_completion,
        "added": record.added,
        "status": record.status,
        "trackedDownloadStatus": record.tracked_status,
        "trackedDownloadState": record.state,
        "statusMessages": record.status_messages,
        "errorMessage": record.error_message or None,
        "downloadId": record.download_id or None,
        "protocol": record.protocol or "unknown",
        "downloadClient": record.client_name or None,
        "downloadClientHasPostImportCategory": record.has_post_import_category,
        "indexer": record.indexer or None,
        "outputPath": record.output_path or None,
        "sizeleft": float(record.sizeleft),
        "timeleft": timespan(record.timeleft),
    }
    return resource


def history_resource(event: History, movies: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    facts = ReleaseFacts.of(event)
    return {
        "id": event.pk,
        "movieId": event.movie_id,
        "sourceTitle": event.source_title,
        "languages": _languages(facts),
        "quality": _quality(facts),
        "customFormats": _formats(facts),
        "customFormatScore": event.custom_format_score,
        "qualityCutoffNotMet": False,
        "date": event.date,
        "downloadId": event.download_id or None,
        "eventType": HistoryEventType(event.event_type).label,
        "data": event.data,
        "movie": movies.get(event.movie_id) if movies is not None else None,
    }


def blocklist_resource(row: Blocklist, movies: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    facts = ReleaseFacts.of(row)
    return {
        "id": row.pk,
        "movieId": row.movie_id,
        "sourceTitle": row.source_title,
        "languages": _languages(facts),
        "quality": _quality(facts),
        "customFormats": _formats(facts),
        "date": row.date,
        "protocol": row.protocol,
        "indexer": row.indexer or None,
        "message": row.message or None,
        "movie": movies.get(row.movie_id) if movies is not None else None,
    }


def movies_by_id(movie_ids: set[int]) -> dict[int, dict[str, Any]]:
    """MovieResources of the given movies, in the movie list's few queries (for includeMovie)."""
    from movies.models import Movie
    from movies.resources import movie_resources

    if not movie_ids:
        return {}
    return {resource["id"]: resource for resource in movie_resources(Movie.objects.filter(pk__in=movie_ids))}
