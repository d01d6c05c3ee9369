"""Health checks of download clients (Radarr's DownloadClientCheck and DownloadClientStatusCheck)."""

from django.utils import timezone

from downloads.models import DownloadClient
from radarr.providers import ProviderError, safe_message
from radarr.system.health import WIKI, HealthIssue


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
    from downloads.models import DownloadClientConfig

    if DownloadClientConfig.load().enable_completed_download_handling:
        return []
    message = "Enable Completed Download Handling: completed downloads are not imported without it"
    return [HealthIssue("ImportMechanismCheck", "warning", message, WIKI + "completed-download-handling")]
