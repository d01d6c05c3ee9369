"""Pages and v3 routes of the movies app, gathered from its topic modules."""

from movies.api import autotagging as autotagging_api
from movies.api import calendar as calendar_api
from movies.api import collections as collections_api
from movies.api import credits as credits_api
from movies.api import diskspace as diskspace_api
from movies.api import exclusions as exclusions_api
from movies.api import importlists as importlists_api
from movies.api import lookup as lookup_api
from movies.api import mediacover as mediacover_api
from movies.api import mediafiles as mediafiles_api
from movies.api import movies as movies_api
from movies.api import rootfolders as rootfolders_api
from movies.api import tags as tags_api
from movies.api import titles as titles_api
from movies.api import versions as versions_api
from movies.api import wanted as wanted_api
from movies.views import (
    addmovie,
    autotagging,
    collections,
    editor,
    headersearch,
    importlists,
    index,
    libraryimport,
    mediacover,
    moviepage,
    versions,
    versiontemplates,
    wanted,
)

app_name = "movies"

urlpatterns = [
    *index.urlpatterns,
    *headersearch.urlpatterns,
    *addmovie.urlpatterns,
    *versions.urlpatterns,
    *moviepage.urlpatterns,
    *collections.urlpatterns,
    *libraryimport.urlpatterns,
    *editor.urlpatterns,
    *mediacover.urlpatterns,
    *wanted.urlpatterns,
    *autotagging.urlpatterns,
    *importlists.urlpatterns,
    *versiontemplates.urlpatterns,
]

api_v3 = [
    # literal sub-paths (lookup, editor, import) before movie/<int:id>: kept in the modules' own order
    *lookup_api.api_v3,
    *movies_api.api_v3,
    *rootfolders_api.api_v3,
    *tags_api.api_v3,
    *autotagging_api.api_v3,
    *collections_api.api_v3,
    *exclusions_api.api_v3,
    *importlists_api.api_v3,
    *mediacover_api.api_v3,
    *calendar_api.api_v3,
    *wanted_api.api_v3,
    *diskspace_api.api_v3,
    *titles_api.api_v3,
    *mediafiles_api.api_v3,
    *credits_api.api_v3,
    *versions_api.api_v3,
]
