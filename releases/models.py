"""What the user wants: quality definitions, quality profiles, custom formats, delay and release profiles.

Qualities and languages themselves are fixed tables in code (releases/qualities.py, languages.py);
rows here refer to them by Radarr's ids, which clients send and store.
"""

from typing import Any

from django.db import models

from radarr.models import Tag


class QualityDefinition(models.Model):
    """Size limits of one quality, in MB per minute of runtime; None means unlimited."""

    quality_id = models.IntegerField(unique=True)  # Radarr's quality id (releases.qualities)
    title = models.CharField(max_length=100)
    weight = models.IntegerField()  # Radarr's default rank, higher is better; not editable
    min_size = models.FloatField(default=0)
    preferred_size = models.FloatField(null=True, blank=True)
    max_size = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["weight", "quality_id"]

    def __str__(self) -> str:
        return self.title


class CustomFormat(models.Model):
    """A named set of specifications; a release matches when the specifications' rules hold."""

    name = models.CharField(max_length=200, unique=True)
    include_custom_format_when_renaming = models.BooleanField(default=False)
    # [{"name", "implementation" (Radarr's, e.g. "ReleaseTitleSpecification"), "negate", "required",
    #   "fields": {"value": ..., "min": ..., "max": ...}}], in the order the user gave them
    specifications = models.JSONField(default=list)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class QualityProfileQuerySet(models.QuerySet["QualityProfile"]):
    def for_resource(self) -> "QualityProfileQuerySet":
        """Everything quality_profile_resource reads, in two queries whatever the count."""
        return self.select_related("cutoff_format").prefetch_related(
            models.Prefetch(
                "format_scores", queryset=ProfileFormatScore.objects.select_related("custom_format")
            )
        )


class QualityProfile(models.Model):
    """Which qualities a movie may have, in which order, and how custom formats count."""

    name = models.CharField(max_length=200, unique=True)
    upgrade_allowed = models.BooleanField(default=True)
    # the quality id or group id (>= 1000) upgrades stop at
    cutoff = models.IntegerField()
    # lowest quality first, as Radarr lists them: {"quality": id, "allowed": bool} or a group
    # {"id": 1000+, "name": str, "allowed": bool, "qualities": [ids]} whose members count as equal
    items = models.JSONField(default=list)
    min_format_score = models.IntegerField(default=0)
    cutoff_format_score = models.IntegerField(default=0)
    min_upgrade_format_score = models.IntegerField(default=1)
    language_id = models.IntegerField(default=1)  # Radarr's language id; -1 Any, -2 Original
    # ours, not Radarr's: up to this many custom format points for a release group's reputation
    # (scaled by its score and confidence); 0 leaves ranking exactly as Radarr's
    scene_group_points = models.PositiveSmallIntegerField(default=0)
    # ours, not Radarr's: upgrades stop this many days after the movie's first import (None: never)
    upgrade_window_days = models.PositiveIntegerField(null=True, blank=True)
    # ours, not Radarr's: upgrades stop once the file has this custom format (None: no such stop)
    cutoff_format = models.ForeignKey(
        CustomFormat, null=True, blank=True, on_delete=models.SET_NULL, related_name="cutoff_of_profiles"
    )

    objects = QualityProfileQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def allowed_quality_ids(self) -> set[int]:
        allowed: set[int] = set()
        for item in self.items:
            if item.get("allowed"):
                allowed.update(item["qualities"] if "qualities" in item else [item["quality"]])
        return allowed

    def item_for(self, quality_id: int) -> dict[str, Any] | None:
        """The item (a quality, or the group holding it) that a quality counts as in this profile."""
        for item in self.items:
            if item.get("quality") == quality_id or quality_id in item.get("qualities", []):
                return item
        return None


class ProfileFormatScore(models.Model):
    """A custom format's score in a profile; every profile lists every format (0 by default)."""

    profile = models.ForeignKey(QualityProfile, on_delete=models.CASCADE, related_name="format_scores")
    custom_format = models.ForeignKey(CustomFormat, on_delete=models.CASCADE, related_name="profile_scores")
    score = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "custom_format"], name="one_score_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.custom_format} = {self.score}"


class Protocol(models.TextChoices):
    USENET = "usenet"
    TORRENT = "torrent"


class DelayProfile(models.Model):
    """How long to wait for a better release after the first one appears, per protocol, by tag."""

    enable_usenet = models.BooleanField(default=True)
    enable_torrent = models.BooleanField(default=True)
    preferred_protocol = models.CharField(max_length=10, choices=Protocol.choices, default=Protocol.USENET)
    usenet_delay = models.PositiveIntegerField(default=0)  # minutes
    torrent_delay = models.PositiveIntegerField(default=0)  # minutes
    bypass_if_highest_quality = models.BooleanField(default=False)
    bypass_if_above_custom_format_score = models.BooleanField(default=False)
    minimum_custom_format_score = models.IntegerField(default=0)
    order = models.PositiveIntegerField(default=2147483647)  # the default profile (no tags) sorts last
    tags = models.ManyToManyField(Tag, blank=True, related_name="delay_profiles")

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"Delay profile {self.pk}"


class ReleaseProfile(models.Model):
    """Terms a release must or must not contain (`/regex/` allowed), limited to an indexer or tags."""

    name = models.CharField(max_length=200, blank=True)
    enabled = models.BooleanField(default=True)
    required = models.JSONField(default=list)  # any one of these must appear
    ignored = models.JSONField(default=list)  # none of these may appear
    indexer_id = models.IntegerField(default=0)  # 0: every indexer (indexers live in a later app)
    tags = models.ManyToManyField(Tag, blank=True, related_name="release_profiles")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name or f"Release profile {self.pk}"
