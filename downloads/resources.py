"""Download clients, their options and remote path mappings in Radarr's v3 shapes."""

from typing import Any

from downloads.implementations import IMPLEMENTATIONS
from downloads.implementations.base import BaseDownloadClient
from downloads.models import DownloadClient, DownloadClientConfig, RemotePathMapping
from radarr.providers import field_resources


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
        "implementationName": cls.implementation_name if cls else client.implementation,
        "implementation": client.implementation,
        "configContract": cls.config_contract() if cls else f"{client.implementation}Settings",
        "infoLink": cls.info_link if cls else None,
        "tags": sorted(tag.pk for tag in client.tags.all()),
        "id": client.pk,
    }


def template_resource(cls: type[BaseDownloadClient]) -> dict[str, Any]:
    """One entry of GET /downloadclient/schema: a new client of that kind with Radarr's defaults."""
    return {
        "enable": True,
        "protocol": cls.protocol,
        "priority": 1,
        "removeCompletedDownloads": True,
        "removeFailedDownloads": True,
        "fields": field_resources(cls.Settings, None),
        "implementationName": cls.implementation_name,
        "implementation": cls.implementation,
        "configContract": cls.config_contract(),
        "infoLink": cls.info_link,
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
