"""Pages and v3 routes of the scene groups app."""

from scenegroups import api, views

app_name = "scenegroups"

urlpatterns = views.urlpatterns

api_v3 = api.api_v3
