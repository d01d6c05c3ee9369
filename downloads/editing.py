"""Download clients as a provider family (their own columns: enable, priority, the remove switches;
the DOWNLOAD_CLIENTS declaration) and the global download client options.

Input arrives in v3 shape (camelCase keys); failures come back as Radarr's validation failures, with
Radarr's property names. Everything else about a client row is the shared `radarr.providerfamily`.
"""

from typing import Any

from django.http import QueryDict

from downloads.clients import DOWNLOAD_CLIENT_BACKOFF
from downloads.implementations import IMPLEMENTATIONS
from downloads.models import DownloadClient, DownloadClientConfig
from downloads.resources import download_client_resource, template_resource
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import whole_number
from radarr.providerfamily import ProviderFamily, ProviderPages
from radarr.providers import Provider

# (attribute, v3 name) of the switches a client resource, a bulk edit and the page send
SWITCHES = (
    ("enable", "enable"),
    ("remove_completed_downloads", "removeCompletedDownloads"),
    ("remove_failed_downloads", "removeFailedDownloads"),
)


def _priority(value: Any, failures: list[Failure]) -> int | None:
    if value is None:
        return None
    try:
        priority = whole_number("priority", value, text=True)  # forms post text
    except ValidationFailed:  # refused below with the range, as Radarr words it
        priority = 0
    if not 1 <= priority <= 50:
        failures.append(Failure("priority", "'Priority' must be between 1 and 50", value))
        return None
    return priority


def client_bulk_columns(body: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
    """The switches and priority a client resource or a bulk edit sent (others keep their value)."""
    changes = {attribute: body.get(name) for attribute, name in SWITCHES if isinstance(body.get(name), bool)}
    priority = _priority(body.get("priority"), failures)
    if priority is not None:
        changes["priority"] = priority
    return changes


def read_client_columns(
    row: DownloadClient, cls: type[Provider], body: dict[str, Any], failures: list[Failure]
) -> None:
    """Enable, priority 1-50 and the remove switches when sent; the protocol is the implementation's."""
    for attribute, value in client_bulk_columns(body, failures).items():
        setattr(row, attribute, value)
    row.protocol = cls.protocol  # type: ignore[attr-defined]


def posted_client_columns(post: QueryDict) -> dict[str, Any]:
    """The client page's own inputs in v3 names."""
    columns: dict[str, Any] = {name: attribute in post for attribute, name in SWITCHES}
    columns["priority"] = post.get("priority") or 1
    return columns


DOWNLOAD_CLIENTS = ProviderFamily(
    label="download client",
    resource_name="DownloadClient",
    model=DownloadClient,
    implementations=IMPLEMENTATIONS,
    resource=download_client_resource,
    template=template_resource,
    read_columns=read_client_columns,
    bulk_columns=client_bulk_columns,
    pages=ProviderPages(
        list_url="downloads:clients",
        new_url="downloads:client-new",
        edit_url="downloads:client-edit",
        delete_url="downloads:client-delete",
        test_url="downloads:client-test",
        inputs_template="downloads/client_inputs.html",
        tags_hint="With tags, this client only downloads movies that share one; "
        "without, it serves every movie.",
        posted_columns=posted_client_columns,
    ),
    backoff=DOWNLOAD_CLIENT_BACKOFF,
    test_records_failures=True,  # a client that fails its test shows as failing in System → Status
    health_key="downloadclient",
)


CONFIG_FIELDS = {
    "downloadClientWorkingFolders": "download_client_working_folders",
    "enableCompletedDownloadHandling": "enable_completed_download_handling",
    "checkForFinishedDownloadInterval": "check_for_finished_download_interval",
    "autoRedownloadFailed": "auto_redownload_failed",
    "autoRedownloadFailedFromInteractiveSearch": "auto_redownload_failed_from_interactive_search",
    "stalledAfterMinutes": "stalled_after_minutes",
    "stalledWhenNoSeeds": "stalled_when_no_seeds",
}


def save_download_client_config(body: dict[str, Any]) -> DownloadClientConfig:
    """Apply the given options (v3 names; missing ones keep their value) to the one config row."""
    config = DownloadClientConfig.load()
    failures = []
    for name, attribute in CONFIG_FIELDS.items():
        if name not in body:
            continue
        value = body.get(name)
        current = getattr(config, attribute)
        if isinstance(current, bool):
            if not isinstance(value, bool):
                failures.append(Failure(name, f"'{name}' must be true or false", value))
                continue
        elif isinstance(current, int):
            try:
                value = whole_number(name, value, minimum=0)  # and int32, as the column is
            except ValidationFailed:
                failures.append(Failure(name, f"'{name}' must be a whole number of at least 0", value))
                continue
        elif value is None:
            value = ""
        elif not isinstance(value, str):
            failures.append(Failure(name, f"'{name}' must be text", value))
            continue
        setattr(config, attribute, value)
    if config.check_for_finished_download_interval < 1:
        failures.append(Failure("checkForFinishedDownloadInterval", "Must be at least 1 minute", 0))
    if failures:
        raise ValidationFailed(failures)
    config.save()
    return config
