"""v3 endpoints: rootfolders."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
