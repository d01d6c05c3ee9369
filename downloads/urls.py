"""Pages and v3 routes of the downloads app."""

from downloads.api import clients as clients_api
from downloads.api import history as history_api
from downloads.api import preview as preview_api
from downloads.api import queue as queue_api
from downloads.api import releases as releases_api
from downloads.views import activity, calendar, clients, dashboard, live, preview, search

app_name = "downloads"

urlpatterns = [
    *clients.urlpatterns,
    *activity.urlpatterns,
    *calendar.urlpatterns,
    *dashboard.urlpatterns,
    *search.urlpatterns,
    *preview.urlpatterns,
    *live.urlpatterns,
]

api_v3 = [
    *clients_api.api_v3,
    *queue_api.api_v3,
    *history_api.api_v3,
    *releases_api.api_v3,
    *preview_api.api_v3,
]
