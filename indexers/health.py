"""Health checks for indexers: Radarr's IndexerStatusCheck and IndexerLongTermStatusCheck."""

from datetime import timedelta

from django.utils import timezone

from indexers.models import Indexer
from radarr.system.health import WIKI, HealthIssue

LONG_TERM = timedelta(hours=6)


def _issue(source: str, failing: list[Indexer], enabled: int, suffix: str, anchor: str) -> list[HealthIssue]:
    if not failing:
        return []
    wiki = WIKI + anchor
    if len(failing) == enabled:
        return [HealthIssue(source, "error", f"All indexers are unavailable due to failures{suffix}", wiki)]
    names = ", ".join(indexer.name for indexer in failing)
    message = f"Indexers unavailable due to failures{suffix}: {names}"
    return [HealthIssue(source, "warning", message, wiki)]


def indexer_checks() -> list[HealthIssue]:
    """Every indexer check from one read of the indexers (the checks run on every health request)."""
    indexers = list(Indexer.objects.order_by("name"))
    return indexer_status_check(indexers) + indexer_rss_check(indexers) + indexer_search_check(indexers)


def indexer_status_check(indexers: list[Indexer] | None = None) -> list[HealthIssue]:
    """Enabled indexers backed off after failures; those failing for over 6 hours are reported apart."""
    now = timezone.now()
    indexers = list(Indexer.objects.order_by("name")) if indexers is None else indexers
    enabled = [indexer for indexer in indexers if indexer.is_enabled]
    backed_off = [indexer for indexer in enabled if indexer.is_backed_off(now)]
    long_term = [i for i in backed_off if i.initial_failure and i.initial_failure < now - LONG_TERM]
    recent = [indexer for indexer in backed_off if indexer not in long_term]
    anchor = "indexers-are-unavailable-due-to-failures"
    return _issue("IndexerStatusCheck", recent, len(enabled), "", anchor) + _issue(
        "IndexerLongTermStatusCheck",
        long_term,
        len(enabled),
        " for more than 6 hours",
        anchor + "-for-more-than-6-hours",
    )


def _switch_check(
    indexers: list[Indexer] | None, source: str, switch: str, what: str, consequence: str, anchor: str
) -> list[HealthIssue]:
    now = timezone.now()
    indexers = list(Indexer.objects.all()) if indexers is None else indexers
    chosen = [indexer for indexer in indexers if getattr(indexer, switch)]
    if not chosen:
        message = f"No indexer has {what} enabled: {consequence}"
        return [HealthIssue(source, "warning", message, WIKI + anchor)]
    if all(indexer.is_backed_off(now) for indexer in chosen):
        message = f"Every indexer with {what} enabled is unavailable after recent failures: {consequence}"
        return [HealthIssue(source, "warning", message, WIKI + anchor)]
    return []


def indexer_rss_check(indexers: list[Indexer] | None = None) -> list[HealthIssue]:
    """Radarr's IndexerRssCheck: without an RSS indexer that works, nothing new is grabbed by itself."""
    return _switch_check(
        indexers,
        "IndexerRssCheck",
        "enable_rss",
        "RSS sync",
        "new releases will not be grabbed automatically",
        "no-indexers-available-with-rss-sync-enabled-radarr-will-not-grab-new-releases-automatically",
    )


def indexer_search_check(indexers: list[Indexer] | None = None) -> list[HealthIssue]:
    """Radarr's IndexerSearchCheck: without a searchable indexer, searches find nothing."""
    return _switch_check(
        indexers,
        "IndexerSearchCheck",
        "enable_automatic_search",
        "automatic search",
        "automatic searches (and searches when movies are added) will find nothing",
        "no-indexers-available-with-automatic-search-enabled-radarr-will-not-provide-any-automatic-search-results",
    )
