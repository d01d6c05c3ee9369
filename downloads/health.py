"""Health checks of download clients: Radarr's DownloadClientCheck, DownloadClientStatusCheck,
ImportMechanismCheck, RemotePathMappingCheck and DownloadClientRootFolderCheck.

The last two ask each client where it puts downloads, so they run with the slow checks (CheckHealth).
"""

import os
from collections.abc import Iterator

from django.utils import timezone

from downloads.implementations.base import BaseDownloadClient, ClientStatus, ItemStatus
from downloads.models import DownloadClient, DownloadClientConfig, RemotePathMapping
from downloads.remotepaths import as_directory
from movies.models import RootFolder
from radarr.providers import ProviderError, safe_message
from radarr.system.health import WIKI, HealthIssue

MAPPING_WIKI = WIKI + "bad-remote-path-mapping"


def download_client_check() -> list[HealthIssue]:
    """Some enabled client must exist, and each must answer (asks every enabled client for its queue)."""
    clients = list(DownloadClient.objects.enabled())
    if not clients:
        return [
            HealthIssue(
                "DownloadClientCheck", "warning", "No download client is available", WIKI + "download-clients"
            )
        ]
    issues = []
    for client in clients:
        try:
            client.provider().items()
        except ProviderError as error:
            message = f"Unable to communicate with {client.name}. {safe_message(error.message)}"
            issues.append(HealthIssue("DownloadClientCheck", "error", message, WIKI + "download-clients"))
    return issues


def download_client_status_check() -> list[HealthIssue]:
    """Clients paused by their failure back-off: some (a warning) or all (an error)."""
    clients = list(DownloadClient.objects.enabled())
    now = timezone.now()
    failing = [client for client in clients if client.is_backed_off(now)]
    if not failing:
        return []
    wiki = WIKI + "download-clients-are-unavailable-due-to-failures"
    if len(failing) == len(clients):
        return [
            HealthIssue(
                "DownloadClientStatusCheck",
                "error",
                "All download clients are unavailable due to failures",
                wiki,
            )
        ]
    names = ", ".join(client.name for client in failing)
    message = f"Download clients unavailable due to failures: {names}"
    return [HealthIssue("DownloadClientStatusCheck", "warning", message, wiki)]


def import_mechanism_check() -> list[HealthIssue]:
    """Radarr's ImportMechanismCheck: with Completed Download Handling off nothing is imported."""
    if DownloadClientConfig.load().enable_completed_download_handling:
        return []
    message = "Enable Completed Download Handling: completed downloads are not imported without it"
    return [HealthIssue("ImportMechanismCheck", "warning", message, WIKI + "completed-download-handling")]


def _reporting_clients() -> Iterator[tuple[DownloadClient, BaseDownloadClient, ClientStatus]]:
    """Each enabled client that answers, with where it puts downloads (paths already mapped).

    A client that does not answer is skipped: download_client_check reports that already.
    """
    for client in DownloadClient.objects.enabled():
        provider = client.provider()
        try:
            status = provider.status()
        except (ProviderError, NotImplementedError):
            continue
        # an unset folder (a blackhole's empty setting reads as ".") is the client test's to report
        status.output_root_folders = [f for f in status.output_root_folders if f.strip() not in ("", ".")]
        yield client, provider, status


def _mapping_into(host: str, path: str, mappings: list[RemotePathMapping]) -> RemotePathMapping | None:
    """The mapping of `host` whose local path holds `path`: the client's path was rewritten by it."""
    for mapping in mappings:
        local = as_directory(mapping.local_path)
        if mapping.host.strip().lower() == host.strip().lower() and as_directory(path).startswith(local):
            return mapping
    return None


def _path_problem(client: DownloadClient, provider: BaseDownloadClient, path: str, what: str) -> str:
    """Why `path` (the client's `what`, mapped) cannot be used here, with how to fix it; "" when fine."""
    name, host = client.name, provider.host
    if not os.path.isabs(path):
        return (
            f"{name} reports {what} at {path}, which is not a path on this machine. How to fix: add a remote "
            f"path mapping for host {host} (Settings → Download Clients) from that path to where this "
            "machine sees the same folder"
        )
    if os.path.exists(path):
        if os.access(path, os.R_OK):
            return ""
        return (
            f"{name} reports {what} at {path}, which exists but cannot be read. How to fix: give the "
            "user Radarr runs as read and write permission on it"
        )
    mapping = _mapping_into(host, path, list(RemotePathMapping.objects.all()))
    if mapping is not None:
        return (
            f"{name} reports {what} at {path}: the remote path mapping {mapping.remote_path} → "
            f"{mapping.local_path} leads there, but that folder does not exist here. How to fix: correct "
            "the mapping's local path, or mount the share or volume it names"
        )
    fix = (
        f"add a remote path mapping for host {host} (Settings → Download Clients) from the client's path "
        "to where this machine sees the same folder"
    )
    if provider.is_localhost():  # the same machine, unless the client runs in a container
        fix = (
            f"if the client runs in a container, {fix}; otherwise make sure the folder exists and may be read"
        )
    return f"{name} reports {what} at {path}, which does not exist here. How to fix: {fix}"


def _completed_download_problem(client: DownloadClient, provider: BaseDownloadClient) -> str:
    """The first completed download at a path unusable here ("" when none): one is enough to say so."""
    try:
        items = provider.items()
    except ProviderError:
        return ""
    for item in items:
        if item.status == ItemStatus.COMPLETED and item.output_path:
            problem = _path_problem(client, provider, item.output_path, "a completed download")
            if problem:
                return problem
    return ""


def remote_path_mapping_check() -> list[HealthIssue]:
    """Radarr's RemotePathMappingCheck: the client's download folder, or a completed download, at a
    path this machine cannot see (a client in another container or on another machine)."""
    issues = []
    for client, provider, status in _reporting_clients():
        problems = [
            _path_problem(client, provider, path, "its download folder")
            for path in status.output_root_folders
        ]
        problems = [problem for problem in problems if problem]
        if not problems:  # a missing folder explains its downloads too; else look at what finished
            problems = [problem] if (problem := _completed_download_problem(client, provider)) else []
        issues += [
            HealthIssue("RemotePathMappingCheck", "error", problem, MAPPING_WIKI) for problem in problems
        ]
    return issues


def download_client_root_folder_check() -> list[HealthIssue]:
    """Radarr's DownloadClientRootFolderCheck: a client downloading into a root folder mixes unfinished
    downloads with the library, and imports would move files out from under the client."""
    roots = [as_directory(path) for path in RootFolder.objects.values_list("path", flat=True)]
    issues = []
    for client, _, status in _reporting_clients():
        for folder in status.output_root_folders:
            root = next((root for root in roots if as_directory(folder).startswith(root)), None)
            if root is None:
                continue
            message = (
                f"{client.name} puts downloads in {folder}, inside the root folder {root}. How to fix: "
                "give the client a download folder outside every root folder"
            )
            issues.append(
                HealthIssue(
                    "DownloadClientRootFolderCheck", "warning", message, WIKI + "downloads-in-root-folder"
                )
            )
    return issues
