"""A provider family (indexers, download clients, notifications, and the import lists and metadata
consumers to come) described once, and the one way every family's rows are built, tested, saved,
deleted and bulk-edited.

A family is a `ProviderFamily` value declared in its app (`indexers.editing.INDEXERS`, ...): its model,
its implementations registry, its v3 resource builders, the reader of its own columns (priority,
enableRss, event flags...), its back-off and the parts of its settings pages. The API views
(`radarr.api.providers`) and the pages (`radarr.providerpages`) are plain functions taking a family,
so each app keeps only what truly differs.
"""

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import QueryDict

from radarr.api.errors import Failure, ValidationFailed, invalid
from radarr.api.responses import nul_in
from radarr.models import Tag
from radarr.providerediting import apply_tags, bulk_tags, checked_name, common_input
from radarr.providers import (
    STANDARD_BACKOFF,
    BackOff,
    Provider,
    ProviderError,
    clear_backoff,
    record_failure,
    record_success,
    safe_message,
    setting_fields,
    settings_from_fields,
)
from radarr.system.health import recheck_health

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class ProviderPages:
    """The family's part of the shared add/edit/test/delete pages (`radarr/provider_form.html`)."""

    list_url: str  # URL names, e.g. "downloads:clients"
    new_url: str  # takes ?implementation= (or the posted one)
    edit_url: str  # takes the row's id
    delete_url: str
    test_url: str
    inputs_template: str  # the family's own inputs (priority, switches, triggers), drawn from `values`
    tags_hint: str  # what the tags limit for this family
    # the family's own inputs as posted, in v3 names (what `read_columns` reads and `values` holds)
    posted_columns: Callable[[QueryDict], dict[str, Any]]
    # more for `inputs_template` from the implementation and the values shown (notifications' triggers)
    inputs_context: Callable[[type[Provider], dict[str, Any]], dict[str, Any]] | None = None


@dataclass(frozen=True, kw_only=True)
class ProviderFamily:
    label: str  # "download client": messages ("Unknown download client 'x'") and pages
    resource_name: str  # "DownloadClient": Radarr's 404 ("DownloadClient with ID 9 does not exist")
    model: Any  # the ProviderDefinition subclass; its queryset has `for_resource()`
    implementations: Mapping[str, type[Provider]]
    resource: Callable[[Any], dict[str, Any]]  # a row in the v3 resource shape
    template: Callable[[type[Provider]], dict[str, Any]]  # an implementation's /schema entry
    # read the family's own columns from a v3 body onto the row, adding a failure per bad value
    read_columns: Callable[[Any, type[Provider], dict[str, Any], list[Failure]], None]
    pages: ProviderPages
    # the columns a bulk PUT may change, as {attribute: value} for those sent (None: tags only)
    bulk_columns: Callable[[dict[str, Any], list[Failure]], dict[str, Any]] | None = None
    backoff: BackOff = STANDARD_BACKOFF
    # a saved row whose test fails backs off (download clients: their health check shows it)
    test_records_failures: bool = False
    health_key: str = ""  # radarr.system.health.RECHECKS key re-run after a change, if any
    # called with a row just created or changed (import lists queue their sync, as Radarr)
    on_saved: Callable[[Any], None] | None = None

    def __post_init__(self) -> None:
        FAMILIES_BY_MODEL[self.model] = self

    def implementation_name(self, implementation: str) -> str | None:
        """The UI's name of an implementation ("QBittorrent" → "qBittorrent"), None if unknown."""
        cls = self.implementations.get(implementation)
        return cls.implementation_name if cls else None


# Every family by its model, filled as each app's editing module builds its family: lets core code
# (the `kind` template filter) name a row's implementation without importing the app.
FAMILIES_BY_MODEL: dict[Any, "ProviderFamily"] = {}


class ProviderTestFailed(ValidationFailed):
    """A save refused because the provider's test found errors (forceSave or "Save anyway" skips it)."""


def build_provider(
    family: ProviderFamily,
    body: dict[str, Any],
    existing: Any = None,
    *,
    for_test: bool = False,
    validate: bool = True,
) -> tuple[Any, list[int] | None]:
    """The row as it would be saved (not saved yet) and its tags (None: keep them), from a v3 body
    over `existing`; ValidationFailed with every problem found.

    What is not sent keeps its stored value; a secret sent back as ******** keeps the stored secret.
    A test (`for_test`) needs no unique name, as in Radarr; a field action (`validate=False`) is asked
    of a form still being filled in, so nothing is refused but an unknown implementation.
    """
    if where := nul_in(body):  # a page's form; API bodies were refused on reading
        raise invalid(where.removeprefix("body."), "Text may not contain a NUL character")
    common = common_input(body)
    implementation = common["implementation"] or (existing.implementation if existing is not None else "")
    cls = family.implementations.get(implementation)
    if cls is None:
        raise invalid("implementation", f"Unknown {family.label} '{implementation}'", implementation)
    row = existing if existing is not None else family.model()
    stored = row.settings if existing is not None and existing.implementation == implementation else {}
    failures: list[Failure] = []
    if for_test:
        row.name = (common["name"] or "").strip() or row.name or "Test"
    else:
        row.name = checked_name(row, common["name"], failures)
    family.read_columns(row, cls, body, failures)
    failures += _unknown_tags(common["tags"])
    settings, setting_failures = settings_from_fields(cls.Settings, common["fields"], stored)
    row.implementation, row.settings = implementation, settings
    if row.needs_password and set(missing_secrets(cls, stored)) - set(missing_secrets(cls, settings)):
        row.needs_password = False  # a secret a move-in could not bring has been given
    failures += setting_failures + [f for f in cls(row).validate() if f not in setting_failures]
    if failures and validate:
        raise ValidationFailed(failures)
    return row, common["tags"]


def missing_secrets(cls: type[Provider], settings: dict[str, Any]) -> list[str]:
    """The secret settings (passwords, API keys) of a row that have no value."""
    return [
        field.name
        for field in setting_fields(cls.Settings)
        if (field.is_secret or field.metadata["privacy"] in ("password", "apiKey"))
        and settings.get(field.name) in (None, "")
    ]


def _unknown_tags(tag_ids: list[int] | None) -> list[Failure]:
    missing = sorted(
        set(tag_ids or []) - set(Tag.objects.filter(pk__in=tag_ids or []).values_list("pk", flat=True))
    )
    return [Failure("tags", f"Tags {missing} do not exist", missing)] if missing else []


def run_provider_test(family: ProviderFamily, row: Any) -> list[Failure]:
    """Radarr's Test with the row's settings (saved or not); [] when it works, never an exception.

    A saved row that passes leaves its back-off (the health warning clears), as in Radarr; a family
    with `test_records_failures` also backs off a saved row that fails."""
    cls = family.implementations.get(row.implementation)
    if cls is None:
        return [Failure("implementation", f"Unknown {family.label} '{row.implementation}'")]
    try:
        failures = cls(row).test()
    except ProviderError as error:
        failures = [Failure("", error.message)]
    except Exception as error:  # noqa: BLE001 - a test reports, it never crashes the request
        logger.exception("Testing the %s %s failed unexpectedly", family.label, row.name)
        failures = [Failure("", f"Unexpected error while testing: {safe_message(str(error))}")]
    if row.pk is not None:
        errors = [failure for failure in failures if failure.severity == "error"]
        if not errors:
            record_success(row)
        elif family.test_records_failures:
            record_failure(row, ProviderError(errors[0].message), family.backoff)
    return failures


def save_provider(family: ProviderFamily, row: Any, tags: list[int] | None, *, force: bool) -> Any:
    """Test (unless `force`, or the row is disabled) and save a row made by `build_provider`.

    The test's errors block the save (ProviderTestFailed); its warnings never do. New settings deserve
    a fresh try: a changed row's back-off is cleared (a wrong API key fixed must not wait out a day).
    A saved row sent back unchanged is neither tested nor saved, as in Radarr: clients that PUT what
    they read (buildarr, pyarr) must not fail because a client or indexer is down right now.
    """
    if _unchanged(family, row, tags):
        return row
    if not force and row.is_enabled:
        errors = [failure for failure in run_provider_test(family, row) if failure.severity == "error"]
        if errors:
            raise ProviderTestFailed(errors)
    with transaction.atomic():
        if row.pk is not None:
            stored = family.model.objects.filter(pk=row.pk).values_list("settings", flat=True).first()
            if stored != row.settings:
                clear_backoff(row)
        row.save()
        if tags is not None:
            row.tags.set(tags)
        if family.on_saved is not None:
            family.on_saved(row)
    recheck_health(family.health_key)  # new settings may fix (or cause) what the slow checks found
    return row


def _unchanged(family: ProviderFamily, row: Any, tags: list[int] | None) -> bool:
    """The row as built from a request equals the saved one: columns, settings (the stored ones with
    their defaults filled, as the API shows them) and tags."""
    stored = family.model.objects.filter(pk=row.pk).first() if row.pk is not None else None
    cls = family.implementations.get(row.implementation)
    if stored is None or cls is None or stored.implementation != row.implementation:
        return False
    columns = [field.attname for field in family.model._meta.concrete_fields if field.attname != "settings"]
    if any(getattr(stored, name) != getattr(row, name) for name in columns):
        return False
    if settings_from_fields(cls.Settings, {}, stored.settings)[0] != row.settings:
        return False
    return tags is None or set(tags) == set(stored.tags.values_list("pk", flat=True))


def delete_providers(family: ProviderFamily, ids: Iterable[int]) -> int:
    deleted, _ = family.model.objects.filter(pk__in=list(ids)).delete()
    recheck_health(family.health_key)
    return deleted


@transaction.atomic
def bulk_edit_providers(family: ProviderFamily, ids: list[int], body: dict[str, Any]) -> list[Any]:
    """A bulk PUT: only the columns sent change; tags are added, removed or replaced (`applyTags`)."""
    failures: list[Failure] = []
    changes = family.bulk_columns(body, failures) if family.bulk_columns else {}
    if failures:
        raise ValidationFailed(failures)
    tag_change = bulk_tags(body)
    for row in family.model.objects.filter(pk__in=ids):
        for attribute, value in changes.items():
            setattr(row, attribute, value)
        if changes:
            row.save(update_fields=list(changes))
        if tag_change is not None:
            apply_tags(row, *tag_change)
    recheck_health(family.health_key)
    return list(family.model.objects.filter(pk__in=ids).for_resource())
