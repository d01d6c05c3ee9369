"""Backup settings: one row (Settings → General → Backups), read by the scheduled Backup job."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class BackupSettings(models.Model):
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

    @classmethod
    def load(cls) -> "BackupSettings":
        """The one row, created with Radarr's defaults (every 7 days, kept 28) when missing."""
        return cls.objects.get_or_create(pk=1)[0]
