"""Indexers as a provider family: their own columns (the three switches, priority, download client)
read from v3 input, bulk edits and the settings page, and the INDEXERS declaration.

Everything else (name, implementation, fields, tags, test before save, back-off, the API views and
pages) is the shared provider flow of `radarr.providerfamily`.
"""

from typing import Any

from django.http import QueryDict

from indexers.implementations import IMPLEMENTATIONS
from indexers.models import Indexer
from indexers.resources import indexer_resource, indexer_template
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import optional_bool, optional_whole_number, whole_number
from radarr.providerfamily import ProviderFamily, ProviderPages
from radarr.providers import Provider

# (attribute, v3 name, what the implementation must support)
SWITCHES = (
    ("enable_rss", "enableRss", "supports_rss"),
    ("enable_automatic_search", "enableAutomaticSearch", "supports_search"),
    ("enable_interactive_search", "enableInteractiveSearch", "supports_search"),
)


def _as_int(value: Any, default: int) -> int:
    """A whole number, or `default` (which the rules then refuse with their own message)."""
    try:
        return whole_number("value", value, text=True)  # the settings form posts text
    except ValidationFailed:
        return default


def _priority_failure(priority: int) -> list[Failure]:
    if 1 <= priority <= 50:
        return []
    return [Failure("priority", "'Priority' must be between 1 and 50", priority)]


def read_indexer_columns(
    row: Indexer, cls: type[Provider], body: dict[str, Any], failures: list[Failure]
) -> None:
    """The switches (on unless the body says false: Prowlarr sends them all; off where the
    implementation cannot), priority 1-50 (25 when not sent) and the download client (0: any)."""
    for attribute, name, support in SWITCHES:
        setattr(row, attribute, optional_bool(name, body.get(name)) is not False and getattr(cls, support))
    row.priority = _as_int(body.get("priority", 25), -1)
    failures += _priority_failure(row.priority)
    row.download_client_id = _as_int(body.get("downloadClientId", 0), 0)
    if row.download_client_id < 0:
        failures.append(
            Failure("downloadClientId", "'Download Client' must be 0 or more", row.download_client_id)
        )


def indexer_bulk_columns(body: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
    """PUT /indexer/bulk: the switches and priority that were sent."""
    changes: dict[str, Any] = {}
    for attribute, name, _ in SWITCHES:
        value = optional_bool(name, body.get(name))
        if value is not None:
            changes[attribute] = value
    priority = optional_whole_number("priority", body.get("priority"))
    if priority is not None:
        failures += _priority_failure(priority)
        changes["priority"] = priority
    return changes


def posted_indexer_columns(post: QueryDict) -> dict[str, Any]:
    """The indexer page's own inputs in v3 names (the switches not shown are never posted, so off)."""
    columns: dict[str, Any] = {name: attribute in post for attribute, name, _ in SWITCHES}
    columns["priority"] = post.get("priority", "25")
    columns["downloadClientId"] = post.get("download_client_id") or 0
    return columns


INDEXERS = ProviderFamily(
    label="indexer",
    resource_name="Indexer",
    model=Indexer,
    implementations=IMPLEMENTATIONS,
    resource=indexer_resource,
    template=indexer_template,
    read_columns=read_indexer_columns,
    bulk_columns=indexer_bulk_columns,
    pages=ProviderPages(
        list_url="indexers:list",
        new_url="indexers:new",
        edit_url="indexers:edit",
        delete_url="indexers:delete",
        test_url="indexers:test",
        inputs_template="indexers/indexer_inputs.html",
        tags_hint="Only used for movies with at least one matching tag; leave empty for every movie.",
        posted_columns=posted_indexer_columns,
    ),
)
