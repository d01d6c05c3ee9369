"""Import lists as a provider family: the v3 ImportListResource, its /schema templates, the list's own
columns (switches, the options movies are added with), bulk edits, the IMPORT_LISTS declaration; and
config/importlist (the clean-library level).

Everything else (name, implementation, fields, tags, test before save, back-off, the API views) is the
shared `radarr.providerfamily`.
"""

import logging
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.http import QueryDict

from movies.importlists import IMPLEMENTATIONS, ImportListProvider
from movies.models import ImportList, ImportListConfig, ListSyncLevel, MinimumAvailability, VersionTemplate
from movies.rootfolders import configured_root_folder, configured_root_folders, root_folder_failure
from movies.versions import template_ids_failure
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import int_or_none, optional_bool, optional_text, optional_whole_number
from radarr.commands import queue_command
from radarr.providerfamily import ProviderFamily, ProviderPages
from radarr.providers import Provider, field_resources, implementation_facts
from releases.models import QualityProfile

logger = logging.getLogger(__name__)

MONITOR_TYPES = ("movieOnly", "movieAndCollection", "none")


def timespan(interval: timedelta) -> str:
    """A .NET TimeSpan as Radarr's JSON writes it: `12:00:00`, `1.00:00:00`."""
    seconds = int(interval.total_seconds())
    days, rest = divmod(seconds, 86400)
    text = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
    return f"{days}.{text}" if days else text


def _kind_facts(cls: type[ImportListProvider] | None) -> dict[str, Any]:
    return {
        "listType": cls.list_type if cls else "other",
        "minRefreshInterval": timespan(cls.min_refresh_interval if cls else timedelta(hours=12)),
    }


def import_list_resource(row: ImportList) -> dict[str, Any]:
    """ImportListResource; tags come from the prefetch of `for_resource()`."""
    cls = IMPLEMENTATIONS.get(row.implementation)
    return {
        "enabled": row.enabled,
        "enableAuto": row.enable_auto,
        "monitor": row.monitor,
        "rootFolderPath": row.root_folder_path,
        "qualityProfileId": row.quality_profile_id,
        "searchOnAdd": row.search_on_add,
        "minimumAvailability": row.minimum_availability,
        **_kind_facts(cls),
        "listOrder": row.list_order,
        "name": row.name,
        "fields": field_resources(cls.Settings, row.settings) if cls else [],
        **implementation_facts(cls, row.implementation),
        "message": None,
        "tags": sorted(tag.pk for tag in row.tags.all()),
        "versionTemplateIds": list(row.version_template_ids),  # ours
        "presets": [],
        "id": row.pk,
    }


def import_list_template(cls: type[ImportListProvider]) -> dict[str, Any]:
    """One entry of GET /importlist/schema: a new list of that kind, with Radarr's defaults, and the
    kind's ready-made lists (Radarr's presets, e.g. IMDb's Top 250) in the same shape."""
    template = _template(cls)
    template["presets"] = [
        _template(cls) | {"name": name, "enableAuto": True, "fields": field_resources(cls.Settings, settings)}
        for name, settings in cls.presets
    ]
    return template


def _template(cls: type[ImportListProvider]) -> dict[str, Any]:
    valid_defaults = not cls(SimpleNamespace(settings={})).validate()  # as Radarr's DefaultDefinitions
    return {
        "enabled": cls.enabled_by_default and valid_defaults,
        "enableAuto": True,
        "monitor": "movieOnly",
        "rootFolderPath": "",
        "qualityProfileId": 0,
        "searchOnAdd": False,
        "minimumAvailability": "released",
        **_kind_facts(cls),
        "listOrder": 0,
        "name": cls.implementation_name,
        "fields": field_resources(cls.Settings, None),
        **implementation_facts(cls, cls.implementation),
        "message": None,
        "tags": [],
        "versionTemplateIds": [],
        "presets": [],
        "id": 0,
    }


def _choice(name: str, value: Any, choices: tuple[str, ...] | list[str], failures: list[Failure]) -> Any:
    """A sent choice (case as Radarr's enums read: any), None when not sent; a bad one adds a failure."""
    if value is None:
        return None
    if isinstance(value, str):
        for choice in choices:
            if choice.lower() == value.lower():
                return choice
    failures.append(Failure(name, f"'{name}' must be one of: {', '.join(choices)}", value))
    return None


def _read(body: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
    """The list's own columns that were sent, as {attribute: value}; bad values add failures."""
    changes: dict[str, Any] = {}
    readers = (
        ("enabled", "enabled", optional_bool),
        ("enable_auto", "enableAuto", optional_bool),
        ("search_on_add", "searchOnAdd", optional_bool),
        ("root_folder_path", "rootFolderPath", optional_text),
        ("quality_profile_id", "qualityProfileId", optional_whole_number),
        ("list_order", "listOrder", optional_whole_number),
    )
    for attribute, name, reader in readers:
        try:
            value = reader(name, body.get(name))
        except ValidationFailed as error:
            failures.extend(error.failures)
            continue
        if value is not None:
            changes[attribute] = value
    monitor = _choice("monitor", body.get("monitor"), MONITOR_TYPES, failures)
    if monitor is not None:
        changes["monitor"] = monitor
    availability = _choice(
        "minimumAvailability", body.get("minimumAvailability"), MinimumAvailability.values, failures
    )
    if availability is not None:
        changes["minimum_availability"] = availability
    template_ids = body.get("versionTemplateIds")
    if template_ids is not None:
        failure = template_ids_failure("versionTemplateIds", template_ids)
        if failure:
            failures.append(failure)
        else:
            changes["version_template_ids"] = list(dict.fromkeys(template_ids))
    return changes


def read_import_list_columns(
    row: ImportList, cls: type[Provider], body: dict[str, Any], failures: list[Failure]
) -> None:
    """The columns sent (what is not sent keeps its value); an enabled list that adds movies needs a
    root folder and a quality profile, as Radarr's validator asks; ones given must exist."""
    changes = _read(body, failures)
    for attribute, value in changes.items():
        setattr(row, attribute, value)
    if "root_folder_path" in changes and row.root_folder_path:
        failure = root_folder_failure("rootFolderPath", row.root_folder_path)
        if failure:
            failures.append(failure)
        else:
            row.root_folder_path = configured_root_folder(row.root_folder_path)
    profile = row.quality_profile_id
    sent_profile = "quality_profile_id" in changes and profile > 0
    if sent_profile and not QualityProfile.objects.filter(pk=profile).exists():
        failures.append(Failure("qualityProfileId", "Quality Profile does not exist", profile))
    if row.enabled and row.enable_auto:
        if not row.root_folder_path:
            failures.append(Failure("rootFolderPath", "'Root Folder Path' must not be empty", ""))
        if row.quality_profile_id <= 0:
            profile = row.quality_profile_id
            failures.append(Failure("qualityProfileId", "'Quality Profile' must be set", profile))


def import_list_bulk_columns(body: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
    """PUT /importlist/bulk: enabled, enableAuto, rootFolderPath, qualityProfileId, minimumAvailability."""
    allowed = {"enabled", "enable_auto", "root_folder_path", "quality_profile_id", "minimum_availability"}
    return {key: value for key, value in _read(body, failures).items() if key in allowed}


def posted_import_list_columns(post: QueryDict) -> dict[str, Any]:
    """The list page's own inputs in v3 names (switches not posted are off)."""
    return {
        "enabled": "enabled" in post,
        "enableAuto": "enable_auto" in post,
        "searchOnAdd": "search_on_add" in post,
        "monitor": post.get("monitor") or "movieOnly",
        "rootFolderPath": post.get("root_folder_path", ""),
        "qualityProfileId": int_or_none(post.get("quality_profile_id", ""), minimum=0) or 0,
        "minimumAvailability": post.get("minimum_availability") or "released",
        "versionTemplateIds": [
            pk for value in post.getlist("version_template_ids") if (pk := int_or_none(value, minimum=1))
        ],
    }


# implementation → (service, what getOAuthToken needs from startOAuth's answer, by the same name)
SIGN_IN = {
    "PlexImport": ("Plex", "pinId"),
    "TraktListImport": ("Trakt", "deviceCode"),
    "TraktPopularImport": ("Trakt", "deviceCode"),
    "TraktUserImport": ("Trakt", "deviceCode"),
    "SimklUserImport": ("Simkl", "userCode"),
}


def sign_in_service(implementation: str) -> str:
    """The service an import list kind signs in to, "" when it needs no sign-in."""
    return SIGN_IN.get(implementation, ("", ""))[0]


def import_list_inputs_context(cls: type[Provider], values: dict[str, Any]) -> dict[str, Any]:
    """What the list's own inputs choose from: root folders, quality profiles, the choices."""
    return {
        "root_folders": configured_root_folders(),
        "quality_profiles": QualityProfile.objects.order_by("name"),
        "monitor_types": MONITOR_TYPES,
        "availabilities": MinimumAvailability.choices,
        "sign_in": sign_in_service(cls.implementation),
        "version_templates": VersionTemplate.objects.order_by("name"),
    }


def sync_saved_list(row: ImportList) -> None:
    """A list created or changed is fetched soon (Radarr's ImportListUpdatedHandler), not at its next
    interval: ImportListSync for that list, queued once the save commits."""
    if row.enabled:
        row_id = row.pk
        transaction.on_commit(lambda: queue_command("ImportListSync", {"definitionId": row_id}))


IMPORT_LISTS = ProviderFamily(
    label="import list",
    resource_name="ImportList",
    model=ImportList,
    implementations=IMPLEMENTATIONS,
    resource=import_list_resource,
    template=import_list_template,  # type: ignore[arg-type]
    read_columns=read_import_list_columns,
    bulk_columns=import_list_bulk_columns,
    on_saved=sync_saved_list,
    pages=ProviderPages(
        list_url="movies:importlists",
        new_url="movies:importlist-new",
        edit_url="movies:importlist-edit",
        delete_url="movies:importlist-delete",
        test_url="movies:importlist-test",
        inputs_template="movies/importlist_inputs.html",
        tags_hint="Movies added from this list get these tags.",
        posted_columns=posted_import_list_columns,
        inputs_context=import_list_inputs_context,
    ),
)


# ---- config/importlist


def import_list_config_resource(config: ImportListConfig) -> dict[str, Any]:
    return {"id": 1, "listSyncLevel": config.list_sync_level, "listSyncTag": config.list_sync_tag}


DELETE_CONFIRMATION = "DELETE"  # what the settings page asks to be typed to choose removeAndDelete


def delete_confirmation_failure(level: str, typed: str) -> str:
    """The settings page's guard: choosing "Remove movie and delete files" needs DELETE typed."""
    if level != ListSyncLevel.REMOVE_AND_DELETE or typed.strip().upper() == DELETE_CONFIRMATION:
        return ""
    return (
        f"Remove movie and delete files sends the files of every movie no list names to the recycle "
        f"bin: type {DELETE_CONFIRMATION} in the confirmation box to choose it."
    )


def save_import_list_config(body: dict[str, Any], *, confirmed: bool = False) -> ImportListConfig:
    """config/importlist: the clean-library level (one of Radarr's CleanLibraryLevel) and the tag
    that keeps a movie out of the cleaning (0: none). The API takes removeAndDelete as Radarr does
    (clients such as buildarr set it unasked) and logs a warning; the page confirms it first."""
    config = ImportListConfig.load()
    previous = config.list_sync_level
    failures: list[Failure] = []
    level = _choice("listSyncLevel", body.get("listSyncLevel"), ListSyncLevel.values, failures)
    if level is not None:
        config.list_sync_level = level
    try:
        tag = optional_whole_number("listSyncTag", body.get("listSyncTag"), minimum=0)
    except ValidationFailed as error:
        failures.extend(error.failures)
        tag = None
    if tag is not None:
        config.list_sync_tag = tag
    if failures:
        raise ValidationFailed(failures)
    config.save()
    if config.list_sync_level == ListSyncLevel.REMOVE_AND_DELETE and previous != config.list_sync_level:
        logger.warning(
            "Clean library level set to removeAndDelete%s: each import list sync will delete the files "
            "(to the recycle bin) of movies no enabled list names",
            "" if confirmed else " without confirmation (through the API)",
        )
    return config
