"""Backup settings: one row (Settings → General → Backups), read by the scheduled Backup job."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from radarr.models import SingletonModel


class BackupSettings(SingletonModel):
    # Radarr's backupFolder: a full path, or a folder inside the data folder
    folder = models.CharField(max_length=1000, default="Backups")
    interval_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    retention_days = models.PositiveSmallIntegerField(
        default=28, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )

    class Meta:
        app_label = "radarr"
        verbose_name_plural = "backup settings"

    def __str__(self) -> str:
        return f"every {self.interval_days} day(s), kept {self.retention_days} day(s)"
