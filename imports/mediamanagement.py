"""Settings → Media Management: reading and saving the naming and media-management rows
(imports.models: Radarr's config/naming and config/mediamanagement) in Radarr's v3 shapes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex
from django.db import models, transaction

from imports.models import MediaManagementConfig, NamingConfig
from imports.naming import (
    COLON_REPLACEMENTS,
    DEFAULT_MOVIE_FOLDER_FORMAT,
    DEFAULT_STANDARD_MOVIE_FORMAT,
    names_version,
)
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import int_or_none, whole_number

# ---------------------------------------------------------------------------------------------------
# v3 shapes and saving

_NAMING_FIELDS: tuple[tuple[str, str, type], ...] = (
    ("renameMovies", "rename_movies", bool),
    ("replaceIllegalCharacters", "replace_illegal_characters", bool),
    ("colonReplacementFormat", "colon_replacement_format", str),
    ("standardMovieFormat", "standard_movie_format", str),
    ("movieFolderFormat", "movie_folder_format", str),
    ("versionSuffixFormat", "version_suffix_format", str),  # ours: versions sharing the movie's folder
)

_MEDIA_FIELDS: tuple[tuple[str, str, type], ...] = (
    ("autoUnmonitorPreviouslyDownloadedMovies", "auto_unmonitor_previously_downloaded_movies", bool),
    ("recycleBin", "recycle_bin", str),
    ("recycleBinCleanupDays", "recycle_bin_cleanup_days", int),
    ("downloadPropersAndRepacks", "download_propers_and_repacks", str),
    ("createEmptyMovieFolders", "create_empty_movie_folders", bool),
    ("deleteEmptyFolders", "delete_empty_folders", bool),
    ("fileDate", "file_date", str),
    ("rescanAfterRefresh", "rescan_after_refresh", str),
    ("autoRenameFolders", "auto_rename_folders", bool),
    ("pathsDefaultStatic", "paths_default_static", bool),
    ("setPermissionsLinux", "set_permissions_linux", bool),
    ("chmodFolder", "chmod_folder", str),
    ("chownGroup", "chown_group", str),
    ("skipFreeSpaceCheckWhenImporting", "skip_free_space_check_when_importing", bool),
    ("minimumFreeSpaceWhenImporting", "minimum_free_space_when_importing", int),
    ("copyUsingHardlinks", "copy_using_hardlinks", bool),
    ("useScriptImport", "use_script_import", bool),
    ("scriptImportPath", "script_import_path", str),
    ("importExtraFiles", "import_extra_files", bool),
    ("extraFileExtensions", "extra_file_extensions", str),
    ("enableMediaInfo", "enable_media_info", bool),
)

# the v3 names of the naming row, for callers that split a form or a query between the two rows
NAMING_NAMES: tuple[str, ...] = tuple(name for name, _attribute, _kind in _NAMING_FIELDS)

CHOICES: dict[str, tuple[str, ...]] = {
    "colonReplacementFormat": COLON_REPLACEMENTS,
    "downloadPropersAndRepacks": ("preferAndUpgrade", "doNotUpgrade", "doNotPrefer"),
    "fileDate": ("none", "cinemas", "release"),
    "rescanAfterRefresh": ("always", "afterManual", "never"),
}

# A file or folder format must name the movie somehow, or every movie would get the same name.
_TITLE_TOKEN = regex.compile(
    r"\{(?:Movie|Original)[- ._](?:Clean)?(?:Original)?(?:Title|Filename)(?:The)?(?::[a-z0-9|+-]+)?\}",
    regex.IGNORECASE,
)
_FOLDER_ONLY_BAD = regex.compile(
    r"\{(?:Quality|MediaInfo|Release[- ._]Group|Custom|Edition|Original)", regex.I
)


def _resource(config: models.Model, fields: tuple[tuple[str, str, type], ...]) -> dict[str, Any]:
    resource: dict[str, Any] = {"id": config.pk}
    for name, attribute, _kind in fields:
        resource[name] = getattr(config, attribute)
    return resource


def naming_config_resource(config: NamingConfig) -> dict[str, Any]:
    return _resource(config, _NAMING_FIELDS)


def media_management_resource(config: MediaManagementConfig) -> dict[str, Any]:
    return _resource(config, _MEDIA_FIELDS)


def _read(
    body: dict[str, Any], config: models.Model, fields: tuple[tuple[str, str, type], ...]
) -> tuple[dict[str, Any], list[Failure]]:
    """The body's values by attribute; fields left out keep their saved value. Wrong types are failures."""
    values: dict[str, Any] = {}
    failures: list[Failure] = []
    for name, attribute, kind in fields:
        if name not in body:
            values[attribute] = getattr(config, attribute)
            continue
        raw = body.get(name)
        if kind is bool:
            if not isinstance(raw, bool):
                failures.append(Failure(name, f"'{name}' must be true or false", raw))
                continue
            values[attribute] = raw
        elif kind is int:
            try:  # int32 as Radarr's (the columns hold no more); a form posts the number as text
                values[attribute] = whole_number(name, raw, text=True)
            except ValidationFailed:
                failures.append(Failure(name, f"'{name}' must be a whole number", raw))
        else:
            if raw is not None and not isinstance(raw, str | int):
                failures.append(Failure(name, f"'{name}' must be text", raw))
                continue
            values[attribute] = "" if raw is None else str(raw)
            if name in CHOICES and values[attribute] not in CHOICES[name]:
                # numbers as Radarr's enums serialise in some older clients
                choices = CHOICES[name]
                if values[attribute].isdigit() and int(values[attribute]) < len(choices):
                    values[attribute] = choices[int(values[attribute])]
                else:
                    failures.append(Failure(name, f"'{name}' must be one of: {', '.join(choices)}", raw))
    return values, failures


def naming_failures(values: dict[str, Any]) -> list[Failure]:
    """Radarr's NamingConfigController rules: formats must name the movie; folders take movie tokens only."""
    failures = []
    standard = values["standard_movie_format"]
    folder = values["movie_folder_format"]
    if values["rename_movies"] and not standard.strip():
        failures.append(Failure("standardMovieFormat", "Standard movie format cannot be empty", standard))
    elif standard.strip() and not _TITLE_TOKEN.search(standard):
        failures.append(Failure("standardMovieFormat", "Must contain Movie Title", standard))
    suffix = values["version_suffix_format"]
    if not names_version(suffix):  # else two versions sharing the folder would end alike
        failures.append(Failure("versionSuffixFormat", "Must contain {Version Name}", suffix))
    if not folder.strip() or not _TITLE_TOKEN.search(folder):
        failures.append(Failure("movieFolderFormat", "Must contain Movie Title", folder))
    elif _FOLDER_ONLY_BAD.search(folder):
        failures.append(
            Failure(
                "movieFolderFormat", "Folder formats may use movie tokens only (title, year, ids)", folder
            )
        )
    return failures


def media_management_failures(values: dict[str, Any]) -> list[Failure]:
    failures = []
    if values["minimum_free_space_when_importing"] < 100:
        failures.append(
            Failure(
                "minimumFreeSpaceWhenImporting",
                "'Minimum Free Space When Importing' must be greater than or equal to '100'.",
                values["minimum_free_space_when_importing"],
            )
        )
    if values["recycle_bin_cleanup_days"] < 0:
        failures.append(
            Failure("recycleBinCleanupDays", "Must be 0 or more days", values["recycle_bin_cleanup_days"])
        )
    if not regex.fullmatch(r"0?[0-7]{3}", values["chmod_folder"] or ""):
        failures.append(
            Failure("chmodFolder", "Must be a valid octal permission, e.g. 755", values["chmod_folder"])
        )
    if values["use_script_import"] and not values["script_import_path"].strip():
        failures.append(Failure("scriptImportPath", "Import script path must be set", ""))
    if values["recycle_bin"] and not values["recycle_bin"].startswith("/"):
        failures.append(Failure("recycleBin", "Must be an absolute path", values["recycle_bin"]))
    return failures


def save_naming_config(body: dict[str, Any]) -> NamingConfig:
    """PUT config/naming: the whole object (Recyclarr sends it back as it read it) or a part of it."""
    return _save(NamingConfig, _NAMING_FIELDS, naming_failures, body)


def save_media_management_config(body: dict[str, Any]) -> MediaManagementConfig:
    return _save(MediaManagementConfig, _MEDIA_FIELDS, media_management_failures, body)


def _save[Config: NamingConfig | MediaManagementConfig](
    model: type[Config],
    fields: tuple[tuple[str, str, type], ...],
    rules: Callable[[dict[str, Any]], list[Failure]],
    body: dict[str, Any],
) -> Config:
    """Read `body` over the saved row, check types then `rules`, and save: nothing is saved on a failure."""
    with transaction.atomic():
        config = model.load()
        values, failures = _read(body, config, fields)
        if failures:
            raise ValidationFailed(failures)
        failures = rules(values)
        if failures:
            raise ValidationFailed(failures)
        for attribute, value in values.items():
            setattr(config, attribute, value)
        config.save()
    return config


@dataclass(frozen=True, slots=True)
class NamingDraft:
    """Naming settings not saved yet (the examples endpoint and the live preview)."""

    rename_movies: bool = True
    replace_illegal_characters: bool = True
    colon_replacement_format: str = "smart"
    standard_movie_format: str = DEFAULT_STANDARD_MOVIE_FORMAT
    movie_folder_format: str = DEFAULT_MOVIE_FOLDER_FORMAT


def naming_draft(values: dict[str, Any]) -> NamingDraft:
    """A draft from query or form values by v3 name; what is missing comes from the saved config."""
    saved = NamingConfig.load()

    def flag(name: str, attribute: str) -> bool:
        raw = values.get(name)
        if raw is None:
            return bool(getattr(saved, attribute))
        return str(raw).lower() in ("true", "1", "on", "yes")

    colon = str(values.get("colonReplacementFormat") or saved.colon_replacement_format)
    if (index := int_or_none(colon, minimum=0, maximum=len(COLON_REPLACEMENTS) - 1)) is not None:
        colon = COLON_REPLACEMENTS[index]
    return NamingDraft(
        rename_movies=True,
        replace_illegal_characters=flag("replaceIllegalCharacters", "replace_illegal_characters"),
        colon_replacement_format=colon if colon in COLON_REPLACEMENTS else "smart",
        standard_movie_format=str(values.get("standardMovieFormat") or saved.standard_movie_format),
        movie_folder_format=str(values.get("movieFolderFormat") or saved.movie_folder_format),
    )
