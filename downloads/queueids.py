"""Stable queue record ids: Radarr derives them from the download, not from a database row."""

import hashlib


def _hash31(text: str) -> int:
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:4], "big") & 0x7FFF_FFFF  # noqa: S324


def queue_id(client_id: int, download_id: str) -> int:
    """The queue id of a tracked download: the same for the same client item across restarts."""
    return _hash31(f"trackedDownload-{client_id}-{download_id}") or 1


def pending_queue_id(pending_id: int, movie_id: int) -> int:
    """The queue id of a pending (delayed) release."""
    return _hash31(f"pending-{pending_id}-movie{movie_id}") or 1
