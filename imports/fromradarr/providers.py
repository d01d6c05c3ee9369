"""Indexers, download clients, notifications, import lists and metadata consumers, each through its
family's own builder (`radarr.providerfamily`): matched by name and implementation, never tested
against the remote service (it may not be reachable from here yet), secrets handled as the API masks
them.

Radarr's API answers every password and API key as ********. A provider that arrives without a secret
it needs is saved disabled and flagged `needs_password` (the provider lists show it); one already here
whose secret the user typed in keeps that secret (our builder keeps a stored secret sent as ********).
"""

import re
from typing import Any

from downloads.editing import DOWNLOAD_CLIENTS
from imports.fromradarr.reader import RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState, label
from imports.metadataediting import METADATA
from indexers.editing import INDEXERS
from movies.importlistediting import IMPORT_LISTS
from notifications.editing import NOTIFICATIONS
from radarr.api.errors import ApiError, ValidationFailed
from radarr.api.secrets import MASK
from radarr.providerfamily import ProviderFamily, build_provider, missing_secrets, save_provider

_SWITCH = re.compile(r"^(enable\w*|on[A-Z]\w*)$")  # enableRss, enable, enabled, onGrab...
_SECRET_PRIVACY = ("password", "apiKey")


def _masked(body: dict[str, Any]) -> set[str]:
    """The names of the secret fields the source did not give: masked, or an empty API key."""
    masked = set()
    for field in body.get("fields") or []:
        if not isinstance(field, dict) or field.get("privacy") not in _SECRET_PRIVACY:
            continue
        value = field.get("value")
        if value == MASK or (value in (None, "") and field.get("privacy") == "apiKey"):
            masked.add(str(field.get("name")))
    return masked


def _switched_off(body: dict[str, Any]) -> dict[str, Any]:
    return {
        key: False if _SWITCH.match(key) and isinstance(value, bool) else value for key, value in body.items()
    }


def _prepared(body: dict[str, Any], state: ImportState) -> dict[str, Any]:
    """The source's body with its ids (tags, download client, quality profile) turned into ours."""
    body = state.with_tags(body)
    if body.get("downloadClientId"):
        body["downloadClientId"] = state.download_clients.get(body["downloadClientId"], 0)
    if body.get("qualityProfileId"):
        body["qualityProfileId"] = state.quality_profiles.get(body["qualityProfileId"], 0)
    return body


def _import_one(
    family: ProviderFamily, body: dict[str, Any], existing: Any, kind: str, report: SectionReport
) -> Any:
    """Build and save one provider; None (with a notice) when it cannot be saved here.

    One without a secret it needs is built switched off, and only the failures about that missing secret
    are let through: anything else wrong with it is refused as it would be from the API."""
    try:
        row, tags = build_provider(family, body, existing, validate=False)
        masked = {name.lower() for name in _masked(body)}
        cls = family.implementations[row.implementation]
        lacking = [name for name in missing_secrets(cls, row.settings) if name.lower() in masked]
        if not lacking:
            row, tags = build_provider(family, body, existing)
            return save_provider(family, row, tags, force=True)  # never tested from here
        off = _switched_off(body)
        try:
            build_provider(family, off, existing)
        except ValidationFailed as error:
            others = [
                f for f in error.failures if f.property_name.lower() not in {n.lower() for n in lacking}
            ]
            if others:
                raise ValidationFailed(others) from None
        row, tags = build_provider(family, off, existing, validate=False)
        row.needs_password = True
        report.notice(
            "secret", label(body, kind), f"saved disabled: needs its password ({', '.join(lacking)})"
        )
        return save_provider(family, row, tags, force=True)
    except ApiError as error:
        report.skip("not accepted here")
        report.notice("invalid", label(body, kind), error.message)
        return None


def import_family(
    reader: RadarrReader,
    state: ImportState,
    report: SectionReport,
    *,
    path: str,
    family: ProviderFamily,
    kind: str,
    remember: dict[int, int] | None = None,
) -> None:
    rows = {(row.name.lower(), row.implementation): row for row in family.model.objects.all()}
    names = {row.name.lower() for row in rows.values()}
    for body in reader.get_list(path):
        report.found += 1
        implementation = str(body.get("implementation") or "")
        if implementation not in family.implementations:
            report.skip("kind not supported here")
            report.notice(
                "unknown", label(body, kind), f"'{implementation}' is not a {family.label} kind here"
            )
            continue
        name = str(body.get("name") or "").strip()
        existing = rows.get((name.lower(), implementation))
        if existing is None and name.lower() in names:
            report.skip("name taken by another kind")
            report.notice(
                "invalid", label(body, kind), f"a {family.label} of another kind has that name here"
            )
            continue
        saved = _import_one(family, _prepared(body, state), existing, kind, report)
        if saved is None:
            continue
        rows[(saved.name.lower(), implementation)] = saved
        names.add(saved.name.lower())
        if remember is not None and isinstance(body.get("id"), int):
            remember[body["id"]] = saved.pk
        report.updated += existing is not None
        report.imported += existing is None


def import_download_clients(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    import_family(
        reader, state, report, path="downloadclient", family=DOWNLOAD_CLIENTS, kind="Download client",
        remember=state.download_clients,
    )  # fmt: skip


def import_indexers(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    import_family(
        reader, state, report, path="indexer", family=INDEXERS, kind="Indexer", remember=state.indexers
    )


def import_notifications(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    import_family(reader, state, report, path="notification", family=NOTIFICATIONS, kind="Connection")


def import_import_lists(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    import_family(reader, state, report, path="importlist", family=IMPORT_LISTS, kind="Import list")


def import_metadata(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    import_family(reader, state, report, path="metadata", family=METADATA, kind="Metadata")
