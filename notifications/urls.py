"""Pages (Settings → Connect, mounted under /settings/) and v3 routes of notifications."""

from notifications import api, views

app_name = "notifications"

urlpatterns = views.urlpatterns

api_v3 = api.api_v3
