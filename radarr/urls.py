"""The composition root: every app's pages and the API, all under RADARR_URL_BASE when one is set."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from downloads.views import calendar as calendar_page
from movies.api import calendar as calendar_api
from movies.views import wanted as wanted_page
from radarr import views
from radarr.api.openapi import openapi_json
from radarr.system import api as system_api
from radarr.system import metrics, views_updates
from radarr.system import views as system_views

pages = [
    path("calendar", calendar_page.calendar, name="calendar"),  # also downloads:calendar
    path("activity", RedirectView.as_view(pattern_name="downloads:queue"), name="activity"),
    path("wanted", wanted_page.wanted, {"kind": "missing"}, name="wanted"),  # Wanted → Missing
    path("settings", views.settings_index, name="settings"),
    path("settings/general", views.settings_general, name="settings-general"),
    path("settings/general/apikey", views.regenerate_api_key, name="settings-regenerate-api-key"),
    path("settings/ui", views.settings_ui, name="settings-ui"),
    path("folders", views.folder_picker, name="folder-picker"),
    path("system/status", system_views.status, name="system-status"),
    path("system/tasks", system_views.tasks, name="system-tasks"),
    path("system/tasks/<str:name>/run", system_views.run_task, name="system-run-task"),
    path("system/logs", system_views.logs, name="system-logs"),
    path("system/events", views_updates.events, name="system-events"),
    path("system/updates", views_updates.updates, name="system-updates"),
    path("system/logs/clear", system_views.clear_logs, name="system-logs-clear"),
    path("system/logs/file/<str:name>", system_views.log_file, name="system-log-file"),
    path("system/backup", system_views.backups, name="system-backup"),
    path("backup/<str:kind>/<str:name>", system_views.download_backup, name="system-backup-download"),
    path("login", views.login, name="login"),
    path("logout", views.logout, name="logout"),
    path("account/password", views.change_password, name="change-password"),
    path("ping", views.ping, name="ping"),
    path("metrics", metrics.metrics, name="metrics"),
    path("", include("movies.urls")),
    path("settings/", include("releases.urls")),
    path("settings/", include("indexers.urls")),
    path("settings/", include("notifications.urls")),
    path("", include("downloads.urls")),
    path("", include("imports.urls")),
    path("", include("scenegroups.urls")),
    path("admin/", admin.site.urls),
    path("api", system_api.api_discovery),
    path("feed/v3/calendar/radarr.ics", calendar_api.ical, name="calendar-feed"),
    path("api/", include("radarr.api.urls")),
    path("docs/v3/openapi.json", openapi_json, name="openapi"),
]

prefix = settings.URL_BASE.strip("/")
urlpatterns = [path(f"{prefix}/", include(pages))] if prefix else pages
