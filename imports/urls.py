"""Pages and v3 routes of the imports app."""

from imports import (
    api,
    api_mediamanagement,
    api_metadata,
    api_moviefiles,
    views,
    views_fromradarr,
    views_mediamanagement,
    views_metadata,
    views_moviefiles,
    views_rootfolders,
    views_versions,
)

app_name = "imports"

urlpatterns = [
    *views.urlpatterns,
    *views_mediamanagement.urlpatterns,
    *views_metadata.urlpatterns,
    *views_fromradarr.urlpatterns,
    *views_moviefiles.urlpatterns,
    *views_rootfolders.urlpatterns,
    *views_versions.urlpatterns,
]

api_v3 = [*api.api_v3, *api_mediamanagement.api_v3, *api_moviefiles.api_v3, *api_metadata.api_v3]
