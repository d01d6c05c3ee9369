"""Pages and v3 routes of the indexers app."""

from django.urls import URLPattern

app_name = "indexers"

urlpatterns: list[URLPattern] = []

api_v3: list[URLPattern] = []
