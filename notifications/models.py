"""Connect: configured notifications (webhook, Discord, Plex...) and the events each one is sent for."""

from typing import TYPE_CHECKING

from django.db import models

from radarr.models import ProviderDefinition, Tag

if TYPE_CHECKING:
    from notifications.implementations.base import BaseNotification

# Radarr's trigger toggles, in the order the v3 resource and the settings page show them
EVENT_FLAGS = (
    ("on_grab", "onGrab", "On Grab"),
    ("on_download", "onDownload", "On File Import"),
    ("on_upgrade", "onUpgrade", "On File Upgrade"),
    ("on_rename", "onRename", "On Rename"),
    ("on_movie_added", "onMovieAdded", "On Movie Added"),
    ("on_movie_delete", "onMovieDelete", "On Movie Delete"),
    ("on_movie_file_delete", "onMovieFileDelete", "On Movie File Delete"),
    ("on_movie_file_delete_for_upgrade", "onMovieFileDeleteForUpgrade", "On Movie File Delete For Upgrade"),
    ("on_health_issue", "onHealthIssue", "On Health Issue"),
    ("include_health_warnings", "includeHealthWarnings", "Include Health Warnings"),
    ("on_health_restored", "onHealthRestored", "On Health Restored"),
    ("on_application_update", "onApplicationUpdate", "On Application Update"),
    ("on_manual_interaction_required", "onManualInteractionRequired", "On Manual Interaction Required"),
)


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_resource(self) -> "NotificationQuerySet":
        return self.prefetch_related("tags").order_by("pk")


class Notification(ProviderDefinition):
    """A configured notification; `implementation` names its class (Radarr's names: "Webhook")."""

    on_grab = models.BooleanField(default=False)
    on_download = models.BooleanField(default=False)
    on_upgrade = models.BooleanField(default=False)
    on_rename = models.BooleanField(default=False)
    on_movie_added = models.BooleanField(default=False)
    on_movie_delete = models.BooleanField(default=False)
    on_movie_file_delete = models.BooleanField(default=False)
    on_movie_file_delete_for_upgrade = models.BooleanField(default=False)
    on_health_issue = models.BooleanField(default=False)
    include_health_warnings = models.BooleanField(default=False)
    on_health_restored = models.BooleanField(default=False)
    on_application_update = models.BooleanField(default=False)
    on_manual_interaction_required = models.BooleanField(default=False)
    tags = models.ManyToManyField(Tag, related_name="notifications", blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta(ProviderDefinition.Meta):
        ordering = ["pk"]

    def provider(self) -> "BaseNotification":
        """The implementation object for this row (raises KeyError for an unknown implementation)."""
        from notifications.implementations import IMPLEMENTATIONS

        return IMPLEMENTATIONS[self.implementation](self)


class HealthNotice(models.Model):
    """A health issue already announced, so the next check only notifies what changed."""

    source = models.CharField(max_length=100)
    level = models.CharField(max_length=10)
    message = models.TextField()
    wiki_url = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "message"], name="health_notice_unique")]

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
