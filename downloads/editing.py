"""Creating, changing and deleting download clients, the global options and remote path mappings.

Input arrives in v3 shape (camelCase keys, `fields` as `[{name, value}]`); failures come back as
Radarr's validation failures, with Radarr's property names.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from downloads.implementations import IMPLEMENTATIONS
from downloads.models import DownloadClient, DownloadClientConfig
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import whole_number
from radarr.models import Tag
from radarr.providerediting import apply_tags, bulk_tags, checked_name, common_input
from radarr.providers import settings_from_fields


@dataclass
class ClientInput:
    """What a form or a v3 resource says about a client; None means "keep what is stored"."""

    name: str | None = None
    implementation: str | None = None
    fields: list[dict[str, Any]] | dict[str, Any] = field(default_factory=list)
    enable: bool | None = None
    priority: Any = None
    remove_completed_downloads: bool | None = None
    remove_failed_downloads: bool | None = None
    tags: list[int] | None = None


def client_input(body: dict[str, Any]) -> ClientInput:
    """A v3 DownloadClientResource body (keys matched ignoring case by the caller's InsensitiveDict)."""
    return ClientInput(
        **common_input(body),
        enable=body.get("enable") if isinstance(body.get("enable"), bool) else None,
        priority=body.get("priority"),
        remove_completed_downloads=_bool_or_none(body.get("removeCompletedDownloads")),
        remove_failed_downloads=_bool_or_none(body.get("removeFailedDownloads")),
    )


def _bool_or_none(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


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


def build_client(data: ClientInput, client: DownloadClient | None = None) -> DownloadClient:
    """An unsaved row with `data` applied over `client` (or new); ValidationFailed on bad input.

    Tags are not applied here (they need a saved row): `save_download_client` sets them.
    """
    failures: list[Failure] = []
    implementation = data.implementation or (client.implementation if client else "")
    cls = IMPLEMENTATIONS.get(implementation)
    if cls is None:
        raise ValidationFailed(
            [Failure("implementation", f"Unknown download client '{implementation}'", implementation)]
        )
    stored = client.settings if client and client.implementation == implementation else {}
    settings, setting_failures = settings_from_fields(cls.Settings, data.fields, stored)
    failures.extend(setting_failures)
    row = client or DownloadClient()
    name = checked_name(row, data.name, failures)
    priority = _priority(data.priority, failures)
    if failures:
        raise ValidationFailed(failures)
    row.name, row.implementation, row.protocol, row.settings = name, implementation, cls.protocol, settings
    if data.enable is not None:
        row.enable = data.enable
    if priority is not None:
        row.priority = priority
    if data.remove_completed_downloads is not None:
        row.remove_completed_downloads = data.remove_completed_downloads
    if data.remove_failed_downloads is not None:
        row.remove_failed_downloads = data.remove_failed_downloads
    return row


@transaction.atomic
def save_download_client(row: DownloadClient, tags: list[int] | None) -> DownloadClient:
    """Save a row made by `build_client` and set its tags (unknown tag ids are ignored)."""
    row.save()
    if tags is not None:
        row.tags.set(Tag.objects.filter(pk__in=tags))
    return row


def delete_download_clients(ids: list[int]) -> int:
    deleted, _ = DownloadClient.objects.filter(pk__in=ids).delete()
    return deleted


@transaction.atomic
def bulk_edit_download_clients(ids: list[int], body: dict[str, Any]) -> list[DownloadClient]:
    """Radarr's bulk edit: enable, priority, the remove flags and tags (add, remove or replace)."""
    clients = list(DownloadClient.objects.filter(pk__in=ids).prefetch_related("tags"))
    failures: list[Failure] = []
    priority = _priority(body.get("priority"), failures)
    if failures:
        raise ValidationFailed(failures)
    tag_change = bulk_tags(body)
    for client in clients:
        for attribute, key in (
            ("enable", "enable"),
            ("remove_completed_downloads", "removeCompletedDownloads"),
            ("remove_failed_downloads", "removeFailedDownloads"),
        ):
            if isinstance(body.get(key), bool):
                setattr(client, attribute, body.get(key))
        if priority is not None:
            client.priority = priority
        client.save()
        if tag_change is not None:
            apply_tags(client, *tag_change)
    return list(DownloadClient.objects.filter(pk__in=ids).for_resource())


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
