"""v3 endpoints: collections."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
