"""v3 endpoints: movies."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
