"""Pages and v3 routes of the releases app, gathered from its topic modules."""

from releases.api import customformats as customformats_api
from releases.api import indexerflags as indexerflags_api
from releases.api import parse as parse_api
from releases.api import profiles as profiles_api
from releases.api import qualitydefinitions as qualitydefinitions_api
from releases.views import customformats as customformats_views
from releases.views import delayprofiles as delayprofiles_views
from releases.views import parse as parse_views
from releases.views import profiles as profiles_views
from releases.views import qualitydefinitions as qualitydefinitions_views
from releases.views import releaseprofiles as releaseprofiles_views

app_name = "releases"

urlpatterns = [
    *customformats_views.urlpatterns,
    *profiles_views.urlpatterns,
    *delayprofiles_views.urlpatterns,
    *releaseprofiles_views.urlpatterns,
    *qualitydefinitions_views.urlpatterns,
    *parse_views.urlpatterns,
]

api_v3 = [
    *customformats_api.api_v3,
    *profiles_api.api_v3,
    *qualitydefinitions_api.api_v3,
    *parse_api.api_v3,
    *indexerflags_api.api_v3,
]
