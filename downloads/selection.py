"""Which download client gets a grab (Radarr's DownloadClientProvider.GetDownloadClient)."""

from django.core.cache import cache
from django.utils import timezone

from downloads.models import DownloadClient

ROUND_ROBIN_KEY = "downloads:last-client:{protocol}:{priority}"


def client_for(protocol: str, tag_ids: set[int], client_id: int = 0) -> DownloadClient | None:
    """The enabled, not backed-off client of `protocol` for a movie with `tag_ids`, or None.

    `client_id` (an indexer pinned to a client) wins when that client is usable, else None: the
    caller says the pinned client is unavailable. Otherwise clients sharing a tag with the movie
    serve it; when none does, the untagged ones do. The lowest priority number wins; clients of
    equal priority take turns.
    """
    now = timezone.now()
    clients = [
        client
        for client in DownloadClient.objects.enabled().filter(protocol=protocol).prefetch_related("tags")
        if not client.is_backed_off(now)
    ]
    if client_id:
        return next((client for client in clients if client.pk == client_id), None)
    tagged = [client for client in clients if tag_ids & {tag.pk for tag in client.tags.all()}]
    candidates = tagged or [client for client in clients if not client.tags.all()]
    if not candidates:
        return None
    best = min(client.priority for client in candidates)
    group = sorted((client for client in candidates if client.priority == best), key=lambda client: client.pk)
    key = ROUND_ROBIN_KEY.format(protocol=protocol, priority=best)
    last_id = cache.get(key, 0)
    chosen = next((client for client in group if client.pk > last_id), group[0])
    cache.set(key, chosen.pk, timeout=None)
    return chosen
