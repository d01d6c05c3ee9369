"""The queue and history of a version template's virtual instance (movies.versioninstance): only the
downloads grabbed for, and the events of, that template's versions. The main instance's history is
unchanged; its queue leaves out the downloads a virtual instance shows."""

from django.db.models import QuerySet
from django.http import HttpRequest

from downloads.models import History, PendingRelease, TrackedDownload
from downloads.queue import QueueRecord
from downloads.queueids import pending_queue_id
from movies.versioninstance import instance_template


def instance_queue(request: HttpRequest, records: list[QueueRecord]) -> list[QueueRecord]:
    """The queue records of the request's instance, two queries. The main instance leaves out what a
    virtual instance shows (the downloads of versions whose template has a URL base), as a second
    Radarr's downloads are not the first one's: Overseerr would otherwise take a 4K download for its
    request's non-4K one."""
    template = instance_template(request)
    if template is None:
        served = _queue_ids(version__template__isnull=False, version__template__url_base__gt="")
        return [record for record in records if record.id not in served] if served else records
    ids = _queue_ids(version__template=template)
    return [record for record in records if record.id in ids]


def _queue_ids(**versions: object) -> set[int]:
    ids = set(TrackedDownload.objects.filter(**versions).values_list("queue_id", flat=True))
    pending = PendingRelease.objects.filter(**versions).values_list("pk", "movie_id")
    return ids | {pending_queue_id(pk, movie_id) for pk, movie_id in pending}


def instance_history(request: HttpRequest, rows: QuerySet[History]) -> QuerySet[History]:
    """The history events of the request's instance (all of them on the main instance)."""
    template = instance_template(request)
    return rows if template is None else rows.filter(version__template=template)
