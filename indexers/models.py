"""Indexer rows (a ProviderDefinition naming its implementation) and the global indexer options."""

from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from radarr.models import ProviderDefinition, SingletonModel, Tag

if TYPE_CHECKING:
    from indexers.implementations.base import BaseIndexer


class IndexerQuerySet(models.QuerySet["Indexer"]):
    def for_resource(self) -> "IndexerQuerySet":
        """What the v3 resource and the list page read, in one extra query for the tags."""
        return self.prefetch_related("tags").order_by("pk")

    def enabled_for_rss(self) -> "IndexerQuerySet":
        return self.filter(enable_rss=True)

    def for_search(self, interactive: bool) -> "IndexerQuerySet":
        """Indexers a search may use: interactive searches and automatic ones have their own switch."""
        if interactive:
            return self.filter(enable_interactive_search=True)
        return self.filter(enable_automatic_search=True)


class Indexer(ProviderDefinition):
    enable_rss = models.BooleanField(default=True)
    enable_automatic_search = models.BooleanField(default=True)
    enable_interactive_search = models.BooleanField(default=True)
    # 1-50, lower is preferred; Radarr uses it to break ties between equal releases
    priority = models.PositiveSmallIntegerField(
        default=25, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    download_client_id = models.PositiveIntegerField(default=0)  # 0: any download client
    tags = models.ManyToManyField(Tag, blank=True, related_name="indexers")

    objects = IndexerQuerySet.as_manager()

    class Meta(ProviderDefinition.Meta):
        pass

    @property
    def is_enabled(self) -> bool:
        """Radarr's `Enable`: any of the three switches on."""
        return self.enable_rss or self.enable_automatic_search or self.enable_interactive_search

    def provider(self) -> "BaseIndexer":
        from indexers.implementations import IMPLEMENTATIONS

        return IMPLEMENTATIONS[self.implementation](self)


class IndexerConfig(SingletonModel):
    """Settings → Indexers → Options (Radarr's config/indexer): one row, read with `load()`."""

    minimum_age = models.IntegerField(default=0)  # minutes; usenet posts younger than this wait
    retention = models.IntegerField(default=0)  # days; 0 is unlimited
    maximum_size = models.IntegerField(default=0)  # MB; 0 is unlimited
    rss_sync_interval = models.IntegerField(default=30)  # minutes; 0 disables, else 10-120
    prefer_indexer_flags = models.BooleanField(default=False)
    availability_delay = models.IntegerField(default=0)  # days; may be negative
    allow_hardcoded_subs = models.BooleanField(default=False)
    whitelisted_hardcoded_subs = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return "Indexer options"


class BacklogSettings(SingletonModel):
    """Backlog search (Radarr has none): a slow, scheduled search of wanted movies. One row, `load()`.

    Off by default: indexers count API hits, so the user chooses how many movies a run may search.
    """

    enabled = models.BooleanField(default=False)
    interval_minutes = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(15), MaxValueValidator(24 * 60)]
    )
    movies_per_run = models.PositiveIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    include_cutoff_unmet = models.BooleanField(default=True)
    # a movie searched without result waits this long, doubled after each further fruitless search
    retry_days = models.PositiveIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    max_retry_days = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    last_run = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "Backlog search settings"


class BacklogState(models.Model):
    """A movie's backlog-search back-off: how many searches found nothing, and when to try again."""

    movie = models.OneToOneField("movies.Movie", on_delete=models.CASCADE, related_name="backlog_state")
    fruitless_searches = models.PositiveIntegerField(default=0)
    next_search = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.movie_id}: next search {self.next_search:%Y-%m-%d %H:%M}"
