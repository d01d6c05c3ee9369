"""v3 endpoints: lookup."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
