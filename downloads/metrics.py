"""The queue's and download clients' lines of `/metrics` (radarr.system.metrics shows them, named in
settings.RADARR_METRICS)."""

from django.db.models import Count
from django.utils import timezone

from downloads.models import DownloadClient, TrackedDownload
from radarr.system.metrics import metric


def queue_lines() -> list[str]:
    rows = TrackedDownload.objects.in_queue().order_by().values("state").annotate(count=Count("pk"))
    samples = [({"state": row["state"]}, row["count"]) for row in rows]
    return metric("radarr_queue_items", "gauge", "Downloads in the queue by state.", samples)


def download_client_lines() -> list[str]:
    now = timezone.now()
    clients = [
        ({"name": row.name}, 0 if row.is_backed_off(now) else 1)
        for row in DownloadClient.objects.filter(enable=True)
    ]
    return metric(
        "radarr_download_client_up", "gauge", "1 when an enabled client is not backed off.", clients
    )
