"""The queue and history of a version template's virtual instance (movies.versioninstance): only the
downloads grabbed for, and the events of, that template's versions. The main instance's lists are
unchanged; a request to it passes through these untouched."""

from django.db.models import QuerySet
from django.http import HttpRequest

from downloads.models import History, PendingRelease, TrackedDownload
from downloads.queue import QueueRecord
from downloads.queueids import pending_queue_id
from movies.versioninstance import instance_template


def instance_queue(request: HttpRequest, records: list[QueueRecord]) -> list[QueueRecord]:
    """The queue records of the request's instance (all of them on the main instance), two queries."""
    template = instance_template(request)
    if template is None:
        return records
    ids = set(TrackedDownload.objects.filter(version__template=template).values_list("queue_id", flat=True))
    pending = PendingRelease.objects.filter(version__template=template).values_list("pk", "movie_id")
    ids |= {pending_queue_id(pk, movie_id) for pk, movie_id in pending}
    return [record for record in records if record.id in ids]


def instance_history(request: HttpRequest, rows: QuerySet[History]) -> QuerySet[History]:
    """The history events of the request's instance (all of them on the main instance)."""
    template = instance_template(request)
    return rows if template is None else rows.filter(version__template=template)
