"""Every v3 route: the composition root of the API (each app contributes its `api_v3` list).

Paths here are lower-case and without trailing slashes: radarr.api.middleware folds requests to match.
"""

from django.urls import include, path, re_path

from downloads import urls as downloads
from imports import urls as imports
from indexers import urls as indexers
from movies import urls as movies
from notifications import urls as notifications
from radarr import customfilters
from radarr.system import api as system
from releases import urls as releases
from scenegroups import urls as scenegroups

api_v3 = [
    path("system/status", system.status),
    path("system/task", system.task_collection),
    path("system/task/<int:id>", system.task_item),
    path("health", system.health),
    path("command", system.command_collection),
    path("command/<int:id>", system.command_item),
    path("log", system.log_collection),
    path("log/file", system.log_file_collection),
    path("log/file/update", system.update_log_file_collection),
    path("log/file/update/<str:filename>", system.update_log_file_contents),
    path("log/file/<str:filename>", system.log_file_contents),
    path("system/backup", system.backup_collection),
    path("system/backup/<int:id>", system.backup_item),
    path("system/backup/restore/<int:id>", system.backup_restore),
    path("system/backup/restore/upload", system.backup_restore_upload),
    re_path(r"^config/ui(?:/(?P<id>[0-9]+))?$", system.ui_config),
    path("update", system.updates),
    path("localization", system.localization),
    path("localization/language", system.localization_language),
    path("system/routes", system.routes),
    path("system/routes/duplicate", system.duplicate_routes),
    path("system/shutdown", system.shutdown),
    path("system/restart", system.restart),
    path("filesystem", system.filesystem),
    path("filesystem/type", system.filesystem_type),
    path("customfilter", customfilters.custom_filter_collection),
    path("customfilter/<int:id>", customfilters.custom_filter_item),
    re_path(r"^config/host(?:/(?P<id>[0-9]+))?$", system.host_config),
]

urlpatterns = [
    path(
        "v3/",
        include(
            api_v3
            + releases.api_v3
            + movies.api_v3
            + indexers.api_v3
            + downloads.api_v3
            + imports.api_v3
            + notifications.api_v3
            + scenegroups.api_v3
        ),
    ),
    re_path(r"^(?P<rest>.*)$", system.not_found),
]
