"""Remote path mappings: translate the paths a client reports into paths this machine can read.

A client in a container reports `/downloads/movies/X`; with the mapping (host, `/downloads/`,
`/mnt/media/downloads/`) we read `/mnt/media/downloads/movies/X`. Paths may be POSIX or Windows
(`C:\\Downloads\\`, `\\\\nas\\share\\`): a client on Windows reports those even when we run on Linux.
"""

from collections.abc import Iterable

from django.db import transaction

from downloads.models import RemotePathMapping
from radarr.api.errors import Failure, ValidationFailed
from radarr.system.health import recheck_health


def is_windows_path(path: str) -> bool:
    return len(path) >= 2 and (path[1] == ":" or path.startswith("\\\\"))


def as_directory(path: str) -> str:
    """The path ending with its own separator (`/data` → `/data/`, `C:\\x` → `C:\\x\\`)."""
    separator = "\\" if is_windows_path(path) else "/"
    path = path.strip()
    return path if path.endswith(("/", "\\")) else path + separator


def _same_host(left: str, right: str) -> bool:
    return left.strip().lower() == right.strip().lower()


def _starts_with(path: str, prefix: str) -> bool:
    """Windows paths compare ignoring case; POSIX paths exactly."""
    if is_windows_path(prefix):
        return path.replace("/", "\\").lower().startswith(prefix.replace("/", "\\").lower())
    return path.startswith(prefix)


def map_remote_path(host: str, path: str, mappings: Iterable[RemotePathMapping] | None = None) -> str:
    """`path` as reported by the client at `host`, rewritten by the longest matching mapping.

    Pass `mappings` when mapping many paths (one query instead of one per path).
    """
    if not path:
        return path
    candidates = list(RemotePathMapping.objects.all() if mappings is None else mappings)
    best: RemotePathMapping | None = None
    for mapping in candidates:
        if not _same_host(mapping.host, host):
            continue
        remote = as_directory(mapping.remote_path)
        # the mapped folder itself (reported without its trailing separator) counts as well
        if (_starts_with(path, remote) or _starts_with(as_directory(path), remote)) and (
            best is None or len(remote) > len(as_directory(best.remote_path))
        ):
            best = mapping
    if best is None:
        return path
    remote, local = as_directory(best.remote_path), as_directory(best.local_path)
    rest = "" if len(path) < len(remote) else path[len(remote) :]
    if is_windows_path(local):
        return local + rest.replace("/", "\\")
    return local + rest.replace("\\", "/") if is_windows_path(remote) else local + rest


def _is_absolute(path: str) -> bool:
    return path.startswith("/") or is_windows_path(path)


def validate_mapping(
    host: str, remote_path: str, local_path: str, mapping: RemotePathMapping | None
) -> list[Failure]:
    """Radarr's rules: a host, two absolute paths, and one mapping per (host, remote path)."""
    failures = []
    if not host.strip():
        failures.append(Failure("host", "'Host' must not be empty", host))
    if not _is_absolute(remote_path.strip()):
        failures.append(Failure("remotePath", "Invalid Path", remote_path))
    if not _is_absolute(local_path.strip()):
        failures.append(Failure("localPath", "Invalid Path", local_path))
    if failures:
        return failures
    others = RemotePathMapping.objects.exclude(pk=mapping.pk if mapping else None)
    for other in others:
        if _same_host(other.host, host) and as_directory(other.remote_path) == as_directory(remote_path):
            failures.append(Failure("remotePath", "RemotePath already configured for this host", remote_path))
    return failures


@transaction.atomic
def save_remote_path_mapping(
    host: str, remote_path: str, local_path: str, mapping: RemotePathMapping | None = None
) -> RemotePathMapping:
    """Create or update a mapping; raises ValidationFailed with Radarr's messages."""
    failures = validate_mapping(host, remote_path, local_path, mapping)
    if failures:
        raise ValidationFailed(failures)
    mapping = mapping or RemotePathMapping()
    mapping.host = host.strip()
    mapping.remote_path = as_directory(remote_path)
    mapping.local_path = as_directory(local_path)
    mapping.save()
    recheck_health("remotepathmapping")  # a fixed mapping clears its health error in seconds
    return mapping


def delete_remote_path_mapping(mapping: RemotePathMapping) -> None:
    mapping.delete()
    recheck_health("remotepathmapping")
