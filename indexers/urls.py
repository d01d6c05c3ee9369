"""Pages and v3 routes of the indexers app."""

from indexers import api, views, views_backlog

app_name = "indexers"

urlpatterns = views.urlpatterns + views_backlog.urlpatterns

api_v3 = api.api_v3
