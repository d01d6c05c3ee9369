"""Calling a configured client: every call records success or failure on its row (Radarr's back-off).

Download clients back off like other providers, with two differences Radarr makes for them: the pause
never exceeds an hour (level 5), and a client is not paused at all in the first five minutes after its
first failure (a restarting client should not stop grabs).
"""

from collections.abc import Callable
from datetime import timedelta

from downloads.implementations.base import BaseDownloadClient
from downloads.models import DownloadClient
from radarr.providers import BackOff, ProviderError, record_failure, record_success

# Radarr's DownloadClientStatusService: level 5 (an hour) at most, no pause in the first five minutes
DOWNLOAD_CLIENT_BACKOFF = BackOff(maximum_level=5, grace=timedelta(minutes=5))


def record_client_failure(client: DownloadClient, error: ProviderError) -> None:
    """Escalate the client's back-off, capped at level 5 and without a pause in the first 5 minutes."""
    record_failure(client, error, DOWNLOAD_CLIENT_BACKOFF)


def run_client[T](client: DownloadClient, action: Callable[[BaseDownloadClient], T]) -> T:
    """`action(provider)`, recording the outcome on the row; a ProviderError is recorded and re-raised."""
    try:
        result = action(client.provider())
    except ProviderError as error:
        record_client_failure(client, error)
        raise
    record_success(client)
    return result
