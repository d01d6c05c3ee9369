"""Pages and v3 routes of the downloads app."""

from downloads import api, views

app_name = "downloads"

urlpatterns = views.urlpatterns

api_v3 = api.api_v3
