"""The URLconf of a version template's virtual instance (movies.versioninstance routes `/<url_base>/...`
here with the prefix taken off): the v3 routes whose answers are the version's come first, then every
route of the main instance, which serve the instance as they are (profiles, tags, indexers...); the
queue and history read the request's template themselves."""

from django.conf import settings
from django.urls import include, path, re_path

from imports import instanceapi
from movies.api import versioninstance as instance
from radarr import urls as main
from radarr.system import api as system

api_v3 = [
    path("movie", instance.movie_collection),
    path("movie/lookup", instance.movie_lookup),
    path("movie/lookup/tmdb", instance.movie_lookup_tmdb),
    path("movie/lookup/imdb", instance.movie_lookup_imdb),
    path("movie/editor", instanceapi.movie_editor),
    path("movie/import", instanceapi.movie_import),
    path("movie/<int:id>", instanceapi.movie_detail),
    path("rootfolder", instance.root_folder_collection),
    path("calendar", instance.calendar),
    path("wanted/missing", instance.wanted_missing),
    path("wanted/cutoff", instance.wanted_cutoff),
    path("system/status", instance.instance_status),
    path("command", instance.command_collection),
    # the main instance's own key, password and backups (which hold them) are not the instance's
    re_path(
        r"^(?P<rest>config/host(?:/[0-9]+)?|system/backup.*|system/(?:shutdown|restart))$", system.not_found
    ),
]

prefix = settings.URL_BASE.strip("/")
urlpatterns = [path(f"{prefix}/api/v3/" if prefix else "api/v3/", include(api_v3)), *main.urlpatterns]
