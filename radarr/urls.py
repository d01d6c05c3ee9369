"""The composition root: every app's pages and the API, all under RADARR_URL_BASE when one is set."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from radarr import views
from radarr.system import api as system_api
from radarr.system import views as system_views

pages = [
    path("calendar", views.area, {"area": "calendar"}, name="calendar"),
    path("activity", RedirectView.as_view(pattern_name="downloads:queue"), name="activity"),
    path("wanted", views.area, {"area": "wanted"}, name="wanted"),
    path("settings", views.settings_index, name="settings"),
    path("settings/general", views.settings_general, name="settings-general"),
    path("system/status", system_views.status, name="system-status"),
    path("system/tasks", system_views.tasks, name="system-tasks"),
    path("system/tasks/<str:name>/run", system_views.run_task, name="system-run-task"),
    path("system/logs", system_views.logs, name="system-logs"),
    path("login", views.login, name="login"),
    path("logout", views.logout, name="logout"),
    path("account/password", views.change_password, name="change-password"),
    path("ping", views.ping, name="ping"),
    path("", include("movies.urls")),
    path("settings/", include("releases.urls")),
    path("settings/", include("indexers.urls")),
    path("", include("downloads.urls")),
    path("admin/", admin.site.urls),
    path("api", system_api.api_discovery),
    path("api/", include("radarr.api.urls")),
]

prefix = settings.URL_BASE.strip("/")
urlpatterns = [path(f"{prefix}/", include(pages))] if prefix else pages
