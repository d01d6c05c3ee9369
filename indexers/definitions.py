"""Adding, editing, testing and deleting indexers: the one place these rows are written.

The API and the settings page both build an `IndexerInput` and call these functions, so both
validate the same way: Radarr's rules for the common fields, the implementation's own settings
checks, then (unless forced, as Prowlarr retries with `forceSave=true`) a live test.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from indexers.implementations import IMPLEMENTATIONS
from indexers.models import Indexer
from radarr.api.bulk import raise_test_errors
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import optional_bool, whole_number
from radarr.models import Tag
from radarr.providerediting import common_input
from radarr.providers import ProviderError, record_success, settings_from_fields

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IndexerInput:
    """What a client or the page sends for one indexer (v3 names already mapped)."""

    name: str
    implementation: str
    fields: list[dict[str, Any]] | dict[str, Any] = field(default_factory=list)
    enable_rss: bool = True
    enable_automatic_search: bool = True
    enable_interactive_search: bool = True
    priority: int = 25
    download_client_id: int = 0
    tag_ids: list[int] = field(default_factory=list)


def _as_int(value: Any, default: int) -> int:
    """A whole number, or `default` (which the rules then refuse with their own message)."""
    try:
        return whole_number("value", value, text=True)  # the settings form posts text
    except ValidationFailed:
        return default


def indexer_input(body: dict[str, Any]) -> IndexerInput:
    """An IndexerResource body (keys looked up ignoring case) as an IndexerInput."""
    common = common_input(body)
    return IndexerInput(
        name=(common["name"] or "").strip(),
        implementation=common["implementation"] or "",
        fields=common["fields"],
        enable_rss=_switch(body, "enableRss"),
        enable_automatic_search=_switch(body, "enableAutomaticSearch"),
        enable_interactive_search=_switch(body, "enableInteractiveSearch"),
        priority=_as_int(body.get("priority", 25), -1),
        download_client_id=_as_int(body.get("downloadClientId", 0), 0),
        tag_ids=common["tags"] or [],
    )


def _switch(body: dict[str, Any], name: str) -> bool:
    """An indexer's on/off setting: true unless the body says false (Prowlarr sends them all)."""
    return optional_bool(name, body.get(name)) is not False


def _common_failures(data: IndexerInput, existing: Indexer | None, check_unique_name: bool) -> list[Failure]:
    failures = []
    if not data.name:
        failures.append(Failure("name", "'Name' must not be empty", data.name))
    elif check_unique_name:
        same_name = Indexer.objects.filter(name__iexact=data.name)
        if existing is not None:
            same_name = same_name.exclude(pk=existing.pk)
        if same_name.exists():
            failures.append(Failure("name", "Should be unique", data.name))
    if data.implementation not in IMPLEMENTATIONS:
        failures.append(
            Failure("implementation", f"Unknown indexer '{data.implementation}'", data.implementation)
        )
    if not 1 <= data.priority <= 50:
        failures.append(Failure("priority", "'Priority' must be between 1 and 50", data.priority))
    if data.download_client_id < 0:
        failures.append(
            Failure("downloadClientId", "'Download Client' must be 0 or more", data.download_client_id)
        )
    missing = set(data.tag_ids) - set(Tag.objects.filter(pk__in=data.tag_ids).values_list("pk", flat=True))
    if missing:
        failures.append(Failure("tags", f"Tags {sorted(missing)} do not exist", sorted(missing)))
    return failures


def build_indexer(
    data: IndexerInput, existing: Indexer | None = None, *, check_unique_name: bool = True
) -> Indexer:
    """The indexer as it would be saved (not saved yet); ValidationFailed with every problem found."""
    failures = _common_failures(data, existing, check_unique_name)
    if failures and any(f.property_name == "implementation" for f in failures):
        raise ValidationFailed(failures)
    cls = IMPLEMENTATIONS[data.implementation]
    stored = (
        existing.settings if existing is not None and existing.implementation == data.implementation else {}
    )
    settings, setting_failures = settings_from_fields(cls.Settings, data.fields, stored)
    indexer = existing if existing is not None else Indexer()
    indexer.name = data.name
    indexer.implementation = data.implementation
    indexer.settings = settings
    indexer.enable_rss = data.enable_rss and cls.supports_rss
    indexer.enable_automatic_search = data.enable_automatic_search and cls.supports_search
    indexer.enable_interactive_search = data.enable_interactive_search and cls.supports_search
    indexer.priority = data.priority
    indexer.download_client_id = data.download_client_id
    failures += setting_failures + [f for f in indexer.provider().validate() if f not in setting_failures]
    if failures:
        raise ValidationFailed(failures)
    return indexer


def test_indexer(indexer: Indexer) -> list[Failure]:
    """Radarr's Test: connect with these settings (saved or not); [] when the indexer works."""
    try:
        failures = indexer.provider().test()
    except ProviderError as error:
        return [Failure("", error.message)]
    except Exception as error:  # noqa: BLE001 - a test reports, it never crashes the request
        logger.exception("Testing indexer %s failed unexpectedly", indexer.name)
        return [Failure("", f"Unexpected error while testing: {error}")]
    if indexer.pk and not failures:
        record_success(indexer)  # a saved indexer that passes leaves its back-off: the health warning clears
    return failures


@transaction.atomic
def save_indexer(data: IndexerInput, existing: Indexer | None = None, *, force: bool = False) -> Indexer:
    """Validate, test (unless `force` or every switch is off) and save; a save clears the back-off."""
    previous_settings = dict(existing.settings) if existing is not None else None
    indexer = build_indexer(data, existing)
    if not force and indexer.is_enabled:
        raise_test_errors(test_indexer(indexer))  # warnings never block, as for every provider
    if previous_settings != indexer.settings:
        # new settings deserve a fresh try: a wrong API key fixed must not wait out a day's back-off
        indexer.escalation_level = 0
        indexer.initial_failure = indexer.most_recent_failure = indexer.disabled_until = None
        indexer.last_error = ""
    indexer.save()
    indexer.tags.set(data.tag_ids)
    return indexer


def delete_indexers(ids: Iterable[int]) -> int:
    deleted, _ = Indexer.objects.filter(pk__in=list(ids)).delete()
    return deleted


@dataclass(slots=True)
class BulkChanges:
    """PUT /indexer/bulk: only what is given changes; tags are added, removed or replaced."""

    enable_rss: bool | None = None
    enable_automatic_search: bool | None = None
    enable_interactive_search: bool | None = None
    priority: int | None = None
    tag_ids: list[int] | None = None
    apply_tags: str = "add"  # add, remove or replace


@transaction.atomic
def bulk_edit_indexers(ids: Iterable[int], changes: BulkChanges) -> list[Indexer]:
    if changes.priority is not None and not 1 <= changes.priority <= 50:
        raise ValidationFailed([Failure("priority", "'Priority' must be between 1 and 50", changes.priority)])
    indexers = list(Indexer.objects.filter(pk__in=list(ids)).prefetch_related("tags"))
    for indexer in indexers:
        for name in ("enable_rss", "enable_automatic_search", "enable_interactive_search", "priority"):
            value = getattr(changes, name)
            if value is not None:
                setattr(indexer, name, value)
        indexer.save()
        if changes.tag_ids is not None:
            current = {tag.pk for tag in indexer.tags.all()}
            wanted = set(changes.tag_ids)
            if changes.apply_tags == "remove":
                indexer.tags.set(current - wanted)
            elif changes.apply_tags == "replace":
                indexer.tags.set(wanted)
            else:
                indexer.tags.set(current | wanted)
    return list(Indexer.objects.filter(pk__in=[i.pk for i in indexers]).for_resource())
