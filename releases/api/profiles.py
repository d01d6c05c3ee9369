"""v3 endpoints: profiles."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
