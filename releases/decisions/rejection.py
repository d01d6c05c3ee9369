"""What a rule returns when it turns a release down; None from a rule accepts it.

Reason codes are Radarr's DownloadRejectionReason names; messages are for people.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rejection:
    reason: str  # Radarr's DownloadRejectionReason name
    message: str
    permanent: bool = True  # temporary ones are kept as pending and tried again later
