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


def indexer_status_check() -> list[HealthIssue]:
    """Enabled indexers backed off after failures; those failing for over 6 hours are reported apart."""
    now = timezone.now()
    enabled = [indexer for indexer in Indexer.objects.order_by("name") if indexer.is_enabled]
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
