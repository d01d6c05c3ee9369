"""v3 endpoints: customformats."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
