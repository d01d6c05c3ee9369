"""The indexers' lines of `/metrics` (radarr.system.metrics shows them, named in settings.RADARR_METRICS)."""

from django.utils import timezone

from indexers.models import Indexer
from radarr.system.metrics import metric


def indexer_lines() -> list[str]:
    now = timezone.now()
    indexers = [
        ({"name": row.name}, 0 if row.is_backed_off(now) else 1)
        for row in Indexer.objects.all()
        if row.enable_rss or row.enable_automatic_search or row.enable_interactive_search
    ]
    return metric("radarr_indexer_up", "gauge", "1 when an enabled indexer is not backed off.", indexers)
