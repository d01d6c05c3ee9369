"""v3 endpoints: exclusions."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
