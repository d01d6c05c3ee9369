"""Pages and v3 routes of the indexers app."""

from indexers import api, views

app_name = "indexers"

urlpatterns = views.urlpatterns

api_v3 = api.api_v3
