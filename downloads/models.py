"""Download clients, the global download-client options and remote path mappings."""

from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from radarr.models import ProviderDefinition, Tag

if TYPE_CHECKING:
    from downloads.implementations.base import BaseDownloadClient


class Protocol(models.TextChoices):
    USENET = "usenet"
    TORRENT = "torrent"


class DownloadClientQuerySet(models.QuerySet["DownloadClient"]):
    def enabled(self) -> "DownloadClientQuerySet":
        return self.filter(enable=True)

    def for_resource(self) -> "DownloadClientQuerySet":
        """What the v3 resource and the settings page read: tags in one extra query."""
        return self.prefetch_related("tags")


class DownloadClient(ProviderDefinition):
    """A configured download client; `implementation` names its class (Radarr's names: "QBittorrent")."""

    enable = models.BooleanField(default=True)
    protocol = models.CharField(max_length=10, choices=Protocol.choices)  # set from the implementation
    # 1 is tried first; clients of equal priority take turns (Radarr's round-robin)
    priority = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    remove_completed_downloads = models.BooleanField(default=True)
    remove_failed_downloads = models.BooleanField(default=True)
    tags = models.ManyToManyField(Tag, related_name="download_clients", blank=True)

    objects = DownloadClientQuerySet.as_manager()

    class Meta(ProviderDefinition.Meta):
        ordering = ["pk"]

    def provider(self) -> "BaseDownloadClient":
        """The implementation object for this row (raises KeyError for an unknown implementation)."""
        from downloads.implementations import IMPLEMENTATIONS  # implementations read mappings from here

        return IMPLEMENTATIONS[self.implementation](self)


class DownloadClientConfig(models.Model):
    """Radarr's config/downloadclient: one row (pk 1), created with Radarr's defaults on first read."""

    download_client_working_folders = models.CharField(max_length=500, default="_UNPACK_|_FAILED_")
    enable_completed_download_handling = models.BooleanField(default=True)
    check_for_finished_download_interval = models.PositiveIntegerField(default=1)  # minutes
    auto_redownload_failed = models.BooleanField(default=True)
    auto_redownload_failed_from_interactive_search = models.BooleanField(default=True)
    # Ours, for the stalled-download handling to come: 0 minutes means never call a download stalled
    stalled_after_minutes = models.PositiveIntegerField(default=0)
    stalled_when_no_seeds = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "Download client options"

    @classmethod
    def load(cls) -> "DownloadClientConfig":
        config, _ = cls.objects.get_or_create(pk=1)
        return config


class RemotePathMapping(models.Model):
    """A client on another host (or in a container) reports `remote_path`; we read it at `local_path`.

    Both paths are stored ending with their separator, as Radarr stores them.
    """

    host = models.CharField(max_length=300)
    remote_path = models.CharField(max_length=1000)
    local_path = models.CharField(max_length=1000)

    class Meta:
        ordering = ["host", "remote_path"]
        constraints = [
            models.UniqueConstraint(fields=["host", "remote_path"], name="remote_path_mapping_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.host}:{self.remote_path} → {self.local_path}"
