"""Pages and v3 routes of the downloads app."""

from django.urls import URLPattern

app_name = "downloads"

urlpatterns: list[URLPattern] = []

api_v3: list[URLPattern] = []
