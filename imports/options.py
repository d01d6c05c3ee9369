"""The media-management settings the import pipeline reads, with Radarr's defaults.

The settings row belongs to media management (`imports.mediamanagement.MediaManagementConfig`); this
module reads it in one place for the pipeline, and answers Radarr's defaults while it cannot be read.
"""

from dataclasses import dataclass

from django.db import DatabaseError, transaction

from imports.models import MediaManagementConfig


@dataclass(frozen=True, slots=True)
class ImportOptions:
    recycle_bin: str = ""
    recycle_bin_cleanup_days: int = 7
    copy_using_hardlinks: bool = True
    skip_free_space_check: bool = False
    minimum_free_space_mb: int = 100
    auto_unmonitor_previously_downloaded_movies: bool = False
    set_permissions: bool = False
    file_chmod: str = "644"
    chown_group: str = ""  # with set_permissions: the group imported files get ("" keeps ours)
    import_extra_files: bool = False
    enable_media_info: bool = True  # "Analyse Video Files": ffprobe each file before importing it


def recycle_bin_folder() -> str:
    """The recycle bin folder ("" when none: deletes are permanent); movies read it through
    settings.RADARR_RECYCLE_BIN when they delete a movie's folder."""
    return import_options().recycle_bin


def import_options() -> ImportOptions:
    """The current settings from media management's row (Radarr's defaults if it cannot be read)."""
    try:
        with transaction.atomic():
            config = MediaManagementConfig.load()
    except DatabaseError:  # its table not migrated yet: Radarr's defaults
        return ImportOptions()
    return ImportOptions(
        recycle_bin=config.recycle_bin or "",
        recycle_bin_cleanup_days=config.recycle_bin_cleanup_days,
        copy_using_hardlinks=config.copy_using_hardlinks,
        skip_free_space_check=config.skip_free_space_check_when_importing,
        minimum_free_space_mb=config.minimum_free_space_when_importing,
        auto_unmonitor_previously_downloaded_movies=config.auto_unmonitor_previously_downloaded_movies,
        set_permissions=config.set_permissions_linux,
        file_chmod=config.file_chmod,  # Radarr: the folder's mode less execute
        chown_group=config.chown_group or "",
        import_extra_files=config.import_extra_files,
        enable_media_info=config.enable_media_info,
    )
